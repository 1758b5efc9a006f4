"""The benchmark (bench/): its content uses the whole format, its two sites carry the same
words, and it runs to the end (a smoke run at a small size; CI meets no number)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import Html, build_site, problems_of
from journeymaps.format.spec import SHAPES
from journeymaps.site.render import iframe_html, initials
from journeymaps.text import Text

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))

from content import generate, metric_yml  # noqa: E402
from sites import write_sites  # noqa: E402


def _used_keys(content) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {shape.name: set() for shape in SHAPES}

    def items(value):
        return [x for x in (value if isinstance(value, list) else [value]) if isinstance(x, dict)]

    for persona in content.personas:
        used["persona"] |= set(persona.front)
    for journey in content.journeys:
        for m in journey.maps.values():
            used["map"] |= set(m)
            for source in m.get("sources", []):
                used["source"] |= set(source)
            for stage in m["stages"]:
                used["stage"] |= set(stage)
                for kpi in stage.get("kpis", []):
                    used["kpi"] |= set(kpi)
                for step in stage["steps"]:
                    used["step"] |= set(step)
                    for pain in items(step.get("pain_points", [])):
                        used["pain_point"] |= set(pain)
                    for opportunity in items(step.get("opportunities", [])):
                        used["opportunity"] |= set(opportunity)
    for metric_id in content.metrics:
        if description := metric_yml(metric_id):
            used["metric"] |= set(yaml.safe_load(description))
    return used


def test_the_benchmark_uses_every_key_of_the_format():
    used = _used_keys(generate(40, measured=True))
    missing = {s.name: sorted(set(s.key_names) - used[s.name]) for s in SHAPES if set(s.key_names) - used[s.name]}
    # A key added to the format must be added to bench/content.py too, or the benchmark
    # stops measuring what sites hold.
    assert missing == {}


def test_the_benchmark_uses_both_states_every_map_type_and_both_languages():
    content = generate(40)
    maps = [m for j in content.journeys for m in j.maps.values()]
    assert {m["state"] for m in maps} == {"current", "future"}
    assert {m["type"] for m in maps} == {
        "customer-journey", "purchase-journey", "day-in-the-life", "service-blueprint", "onboarding",
    }  # fmt: skip
    assert any(j.zh for j in content.journeys) and not all(j.zh for j in content.journeys)
    assert any(j.single_file for j in generate(41).journeys)
    assert content.map_count == 40 and len(content.personas) == 4


def test_the_generated_site_has_no_errors(tmp_path):
    assert problems_of(write_sites(generate(41), tmp_path)["journeymaps"]) == []
    assert problems_of(write_sites(generate(41, measured=True, rows=40), tmp_path / "m")["journeymaps"]) == []


@pytest.mark.slow
def test_metrics_benchmark_smoke_run(tmp_path, record_property):
    """bench/metrics.py at a small size: it builds both sites and reports the ratio (CI
    meets no number: the exit status says only whether the target was met)."""
    command = [
        sys.executable,
        str(BENCH / "metrics.py"),
        "--maps",
        "8",
        "--rows",
        "30",
        "--rounds",
        "1",
        "--warmup",
        "0",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr
    assert (
        "16 metric files of 30 rows" in run.stdout and "| cold, CPU |" in run.stdout and "| warm, wall |" in run.stdout
    )
    record_property("figures", run.stdout)


def _words(html: str) -> Counter:
    """The words of a page's article: what readers see and search can index."""
    start, end = html.index("<article"), html.index("</article>")
    return Counter(w.lower() for w in re.findall(r"\w+", Html(html[start:end]).text))


def test_the_plain_sites_carry_the_same_words(tmp_path):
    content = generate(6)
    built = {name: build_site(site) for name, site in write_sites(content, tmp_path).items()}
    pages = sorted(p.relative_to(built["plain"]) for p in built["plain"].rglob("index.html"))
    pages = [p for p in pages if "<article" in (built["plain"] / p).read_text(encoding="utf-8")]
    # home, 3 journeys of 2 maps and a one-page summary, 7 indexes (journeys, pain points,
    # touchpoints, opportunities, owners, tags, personas), the opportunity matrix, 4 tags,
    # 2 personas, the research index and 3 sources a journey
    assert len(pages) == 1 + 3 * 4 + 7 + 1 + 4 + 2 + 1 + 3 * 3
    extra: set[str] = set()
    for page in pages:
        ours = _words((built["journeymaps"] / page).read_text(encoding="utf-8"))
        tables = _words((built["plain-tables"] / page).read_text(encoding="utf-8"))
        # The plain page shows nothing the generated page does not (labels may differ a little)...
        assert (tables - ours).total() <= 0.02 * tables.total(), f"{page}: only in the plain site: {tables - ours}"
        # ...with its tables written as paragraphs too.
        assert _words((built["plain"] / page).read_text(encoding="utf-8")) == tables, page
        extra |= set(ours) - set(tables)
    # ...and lacks only the plugin's own words (its labels, filters and legends) and numbers.
    # Words are compared as a vocabulary: the plugin shows some twice, such as the step names
    # in the canvas and again in the phone's stage cards; writing that out is the plugin's cost.
    # ...and the embed code, and the initials standing in for a persona's photo
    labels = [*Text("en").values(), iframe_html("https://bench.example.com/", "")]
    labels += [initials(p.front["name"]) for p in content.personas]
    own = {w.lower() for label in labels for w in re.findall(r"\w+", label)}
    assert " ".join(sorted(w for w in extra - own if not w.isdigit())) == ""


@pytest.mark.slow
def test_benchmark_smoke_run(tmp_path, record_property):
    """The whole benchmark at a small size, serve rebuilds included: it must finish and
    report every figure; CI meets no number."""
    out = tmp_path / "results.json"
    command = [sys.executable, str(BENCH / "run.py"), "--maps", "16", "--rounds", "1", "--warmup", "0"]
    run = subprocess.run(
        [*command, "--serve", "--edits", "1", "--quiet", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(out.read_text())["results"][0]
    for site in ("plain", "plain-tables", "journeymaps"):
        for kind in ("cold", "warm"):
            (only,) = result["builds"][site][kind]
            assert only["wall"] > 0 and only["cpu"] > 0 and only["rss"] > 0
        assert len(result["serve"][site]) == 1 and result["serve"][site][0] > 0
        assert len(result["dirty"][site]) == 1 and result["dirty"][site][0] > 0  # mkdocs serve --dirty
    assert len(result["dirty_title"]) == 1 and result["dirty_title"][0] > 0
    # The same pages: home, 8 journeys of 2 maps, 7 indexes, and the tag and persona pages.
    assert result["sites"]["plain"]["pages"] == result["sites"]["journeymaps"]["pages"] > 1 + 8 * 3 + 7
    assert "no cache, wall" in run.stdout and "serve: rebuild after edit" in run.stdout
    assert "serve --dirty: edit→page" in run.stdout
    record_property("figures", run.stdout)


@pytest.mark.slow
def test_profile_smoke_run(tmp_path):
    run = subprocess.run(
        # tracemalloc ("memory") is left out: it takes minutes even on a small site.
        [
            sys.executable,
            str(BENCH / "profile_build.py"),
            "--maps",
            "6",
            "--state",
            "cold",
            "--what",
            "phases,cprofile,held",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    for heading in ("phases (no profiler)", "cProfile, own time by owner", "what is held at the end of each phase"):
        assert heading in run.stdout
    assert "journeymaps: on_page_content" in run.stdout
