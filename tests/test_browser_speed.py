"""How fast map pages are in real Chromium on 127.0.0.1, and how big they are. The figures
are printed at the end of the run (docs/performance.md has the targets); the tests assert
only that what they measured happened, never how fast.

Measured without depending on how the chart is built: the time from navigation start until
the chart container carries ``jm-chart--drawn`` (the interactive chart is ready), the
first frame in which the server-drawn curve (``svg.jm-curve``, in the canvas) is laid out and visible against
the first contentful paint, and the size of the HTML of a generated 15-step map."""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

import pytest
from browser import SiteServer, build_demo, generated_pages
from conftest import build_site

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parent.parent / "bench"
VISITS = 5  # fresh browser contexts (empty cache), each a first visit

# Runs in every document before its own scripts: notes when each chart gets drawn and the
# first frame in which the server-drawn curve is visible.
PROBE = """
(() => {
  const t = window.__jmSpeed = {drawn: [], svgVisible: null, clicked: null};
  const seen = new WeakSet();
  const check = () => {
    for (const el of document.querySelectorAll('.jm-chart--drawn')) {
      if (!seen.has(el)) { seen.add(el); t.drawn.push(performance.now()); }
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
  let frames = 0;
  const frame = (stamp) => {
    const svg = document.querySelector('svg.jm-curve');
    if (svg && t.svgVisible === null) {
      const box = svg.getBoundingClientRect();
      const shown = svg.checkVisibility({opacityProperty: true, visibilityProperty: true});
      if (shown && box.width > 0 && box.height > 0 && svg.querySelector('path, circle')) t.svgVisible = stamp;
    }
    if (t.svgVisible === null && frames++ < 1000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    running = SiteServer(folder / "site")
    build_demo(folder, site_url=running.url)
    yield running
    running.close()


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):6.0f} ms   (min {min(values):.0f}, max {max(values):.0f})"


def _visit(browser, first: str, second: str) -> dict[str, float]:
    """One visit: the first map page from an empty cache, then the next one by Material's
    instant navigation. Times in ms from the first page's navigation start."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(first, wait_until="commit")
        page.wait_for_function("() => window.__jmSpeed && window.__jmSpeed.drawn.length > 0", timeout=30_000)
        page.wait_for_load_state("load")
        page.wait_for_function("() => window.__jmSpeed.svgVisible !== null", timeout=30_000)
        found = page.evaluate(
            """() => {
              const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
              const nav = performance.getEntriesByType('navigation')[0];
              return {drawn: window.__jmSpeed.drawn[0], svg: window.__jmSpeed.svgVisible,
                      fcp: paint['first-contentful-paint'], dcl: nav.domContentLoadedEventEnd};
            }"""
        )
        # The next map page, as a reader gets there: a link, followed by instant navigation.
        # Material follows a link itself only once it has the site's sitemap: before that (a
        # loaded machine) the click loads the whole page, and this visit would wait forever.
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__sameDocument = true")
        page.evaluate(
            """(target) => {
              const url = new URL(target, location.href).href;
              let link = [...document.querySelectorAll('a[href]')].find(a => a.href === url);
              if (!link) {
                link = document.createElement('a');
                link.href = url;
                document.querySelector('.md-content').appendChild(link);
              }
              window.__jmSpeed.clicked = performance.now();
              window.__jmSpeed.before = window.__jmSpeed.drawn.length;
              link.click();
            }""",
            second,
        )
        page.wait_for_function("() => window.__jmSpeed.drawn.length > window.__jmSpeed.before", timeout=30_000)
        assert page.evaluate("window.__sameDocument === true"), "Material's instant navigation did not run"
        speed = page.evaluate("window.__jmSpeed")
        found["next"] = speed["drawn"][speed["before"]] - speed["clicked"]
        return found
    finally:
        context.close()


def test_chart_ready_times(browser, server, record_property):
    maps = generated_pages()["map"]
    assert len(maps) >= 2
    visits = [_visit(browser, server.url + maps[0], server.url + maps[1]) for _ in range(VISITS)]
    for v in visits:
        # Server-drawn: the curve is laid out before any script of ours could have drawn it.
        assert v["svg"] is not None and v["drawn"] > 0 and v["next"] > 0
    lines = [
        f"map pages of the demo site on 127.0.0.1, Chromium, {VISITS} visits from an empty cache:",
        f"  first map page ({maps[0]}), from navigation start:",
        f"    first contentful paint              {_spread([v['fcp'] for v in visits])}",
        f"    server-drawn curve visible (frame)  {_spread([v['svg'] for v in visits])}",
        f"    interactive chart ready (drawn)     {_spread([v['drawn'] for v in visits])}   target 800 ms",
        f"  next map page ({maps[1]}), instant navigation, from the click:",
        f"    interactive chart ready (drawn)     {_spread([v['next'] for v in visits])}   target 200 ms",
        "  curve visible at first paint (its frame at or before the first contentful paint): "
        + ", ".join("yes" if v["svg"] <= v["fcp"] + 1 else f"no (+{v['svg'] - v['fcp']:.0f} ms)" for v in visits),
    ]
    record_property("figures", "\n".join(lines))


def test_the_curve_is_in_the_served_html(server):
    """What "server-drawn" means: the curve is in the HTML as served, before any script."""
    import urllib.request

    html = urllib.request.urlopen(server.url + generated_pages()["map"][0]).read().decode()
    svg = html[html.index('<svg class="jm-curve') :]
    assert "<path d=" in svg[: svg.index("</svg>")] and "<circle" in svg


def test_html_size_of_a_15_step_map(tmp_path, record_property):
    sys.path.insert(0, str(BENCH))
    from content import STAGES_PER_MAP, STEPS_PER_STAGE, generate
    from sites import write_sites

    assert STAGES_PER_MAP * STEPS_PER_STAGE == 15
    content = generate(2)
    site = build_site(write_sites(content, tmp_path)["journeymaps"])
    journey = content.journeys[0]
    lines = ["HTML of a generated 15-step map (bench/content.py), as written to site/:"]
    for state in journey.maps:
        html = (site / f"journeys/{journey.id}/{state}/index.html").read_bytes()
        assert html.count(b'id="step-') == 15
        kb, zipped = len(html) / 1024, len(gzip.compress(html)) / 1024
        lines.append(f"  {state:8} {kb:6.1f} KB ({zipped:5.1f} KB gzipped)   target under 120 KB")
    journey_page = (site / f"journeys/{journey.id}/index.html").read_bytes()
    lines.append(f"  journey page (both states) {len(journey_page) / 1024:6.1f} KB")
    record_property("figures", "\n".join(lines))
