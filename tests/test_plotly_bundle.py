"""The plotly.js the site serves: Plotly's basic partial bundle, shipped in the package
(no network at build time), small, with every trace type the charts draw, and naming no
address Material's privacy plugin would download. The browser side (every chart kind drawn
with it) is in tests/test_browser_plotly.py."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from conftest import MAP, REPO, build_site, catalog_of
from journeymaps.site.chart import build_chart
from journeymaps.site.interactive import plotly_spec
from journeymaps.text import Text

BUNDLE = Path(__file__).resolve().parent.parent / "plugins/journeymaps/site/assets/plotly-basic.min.js"
LARGEST = 1_500_000  # bytes (issue 23)
# What the basic bundle registers: plotly.js modules name themselves this way when minified.
TRACE_MODULE = re.compile(rb'moduleType:"trace",name:"([a-z0-9]+)"')


def trace_types(bundle: bytes) -> set[str]:
    return {name.decode() for name in TRACE_MODULE.findall(bundle)}


def test_the_bundle_is_plotlys_basic_partial_bundle_and_small():
    bundle = BUNDLE.read_bytes()
    assert len(bundle) <= LARGEST
    assert bundle.startswith(b"/**\n* plotly.js (basic - minified) v")
    assert trace_types(bundle) == {"scatter", "bar", "pie"}
    notices = (BUNDLE.parent / "THIRD-PARTY.md").read_text(encoding="utf-8")
    version = re.search(rb"v(\d+\.\d+\.\d+)", bundle[:80]).group(1).decode()
    assert f"plotly.js-basic-dist-min@{version}" in notices and f"{len(bundle):,} bytes" in notices
    assert "MIT License" in notices


def test_the_bundle_has_every_trace_type_the_charts_draw():
    """Every chart of the demo's maps, each state alone and both together."""
    catalog = catalog_of(REPO)
    drawn = set()
    for journey in catalog.journeys.values():
        states = [(m.state, m.state, m) for m in journey.ordered_states()]
        for maps in [*([s] for s in states), states]:
            spec = plotly_spec(build_chart(maps, (-2.0, 2.0), 0.0), Text("en"))
            drawn |= {trace["type"] for trace in spec["data"]}
    assert drawn == {"scatter"}
    assert drawn <= trace_types(BUNDLE.read_bytes())


def test_the_site_serves_the_packaged_bundle_with_the_privacy_plugin_on(site, caplog):
    root = site({"maps/first-purchase/current.md": MAP})
    config = (root / "mkdocs.yml").read_text()
    config = config.replace("  - search\n", "  - search\n  - privacy\n")
    (root / "mkdocs.yml").write_text(config)
    with caplog.at_level(logging.INFO, logger="mkdocs.material.privacy"):
        site_dir = build_site(root)
    fetched = {
        m.group(0)
        for r in caplog.records
        if r.name.startswith("mkdocs.material.privacy")
        for m in re.finditer(r"https?://\S+", r.getMessage())
    }
    # Material's own script names Mermaid, which privacy fetches whatever the site shows.
    assert {url for url in fetched if "/mermaid" not in url} == set()
    served = site_dir / "assets/journeymaps/plotly.min.js"
    assert served.read_bytes() == BUNDLE.read_bytes()
    assert not (site_dir / "assets/external").exists()  # privacy found nothing to download
