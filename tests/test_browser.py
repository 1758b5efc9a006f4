"""The demo site as people use it, in real Chromium: charts, instant navigation, palette,
phone width, filters, no JavaScript, accessibility (axe-core) and HTML validity (vnu)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from browser import AXE, CHART_KINDS, VNU, SiteServer, Tab, copy_site, generated_pages, require, wait_for_charts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def site(served) -> Path:
    return served[0]


def pytest_generate_tests(metafunc):
    if "page_url" in metafunc.fixturenames:
        pages = [(kind, url) for kind, urls in generated_pages().items() for url in urls]
        kinds = metafunc.function.__dict__.get("kinds")
        chosen = [(k, u) for k, u in pages if not kinds or k in kinds]
        metafunc.parametrize("page_kind, page_url", chosen, ids=[u for _, u in chosen])


def kinds(*names: str):
    def mark(function):
        function.kinds = names
        return function

    return mark


def test_every_generated_page_loads_without_console_errors(tab, server, page_url, page_kind):
    tab.open(server.url + page_url)
    tab.page.wait_for_load_state("networkidle")
    assert tab.errors == []
    assert tab.page.locator("h1").count() == 1


@kinds(*CHART_KINDS)
def test_charts_draw(tab, server, page_url, page_kind):
    tab.open(server.url + page_url)
    wait_for_charts(tab.page)
    points = tab.page.locator(".js-plotly-plot .scatterlayer .point").count()
    assert points > 0
    assert tab.errors == []


def test_charts_draw_after_instant_navigation(tab, server, site):
    tab.open(server.url + "journeys/")
    tab.page.evaluate("window.__sameDocument = true")
    first_journey = generated_pages()["journey"][0]
    # Material's instant navigation turns links into absolute URLs.
    tab.page.locator(f'.jm-journeys a[href$="/{first_journey}"]').first.click()
    tab.page.wait_for_url("**/" + first_journey)
    assert tab.page.evaluate("window.__sameDocument === true"), "Material's instant navigation did not run"
    wait_for_charts(tab.page)
    # and on to a map page, and back
    tab.page.locator('.jm-switch a[href$="/current/"]').click()
    tab.page.wait_for_url("**/current/")
    wait_for_charts(tab.page)
    tab.page.go_back()
    wait_for_charts(tab.page)
    assert tab.page.evaluate("window.__sameDocument === true")
    assert tab.errors == []


def test_plotly_loads_once_and_only_on_chart_pages(tab, server, site):
    requests: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    tab.open(server.url + "personas/")
    tab.page.wait_for_load_state("networkidle")
    assert not [r for r in requests if r.endswith("plotly.min.js")]
    tab.open(server.url + generated_pages()["map"][0])
    wait_for_charts(tab.page)
    tab.page.locator(".jm-switch a").first.click()
    wait_for_charts(tab.page)
    assert len([r for r in requests if r.endswith("plotly.min.js")]) == 1


def test_palette_toggle_rethemes_charts(tab, server, site):
    tab.open(server.url + generated_pages()["map"][0])
    wait_for_charts(tab.page)
    color = "() => document.querySelector('.js-plotly-plot')._fullLayout.font.color"
    before = tab.page.evaluate(color)
    tab.page.locator("form[data-md-component=palette] label:visible").first.click()
    tab.page.wait_for_function(f"() => ({color})() !== {json.dumps(before)}")
    after = tab.page.evaluate(color)
    assert after != before
    # the curve takes the dark palette's colour too (site/colours.py, through the page's variables)
    from journeymaps.site.colours import PALETTE

    line = "() => document.querySelector('.js-plotly-plot').data[0].line.color"
    tab.page.wait_for_function(f"() => ({line})() === {json.dumps(PALETTE['current'][1])}")
    assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


# every kind of page the plan has, as it grows
def test_phone_width_nothing_overflows(browser, server, page_url, page_kind):
    phone = Tab(browser, width=390)
    try:
        phone.open(server.url + page_url)
        phone.page.wait_for_load_state("networkidle")
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
        if page_kind == "map":
            # no tiny sideways canvas: a card per stage instead (tests/test_browser_canvas.py)
            assert phone.page.locator(".jm-stage-card").first.is_visible()
            assert not phone.page.locator("#jm-canvas").is_visible()
    finally:
        phone.close()


def test_journeys_filters(tab, server):
    tab.open(server.url + "journeys/")
    rows = tab.page.locator(".jm-journeys tbody tr")
    total = rows.count()
    visible = "() => [...document.querySelectorAll('.jm-journeys tbody tr')].filter(r => !r.hidden).length"
    tab.page.select_option("select[name=persona]", "maria-santos")
    assert tab.page.evaluate(visible) == 3
    assert "persona=maria-santos" in tab.page.url
    assert tab.page.locator("[data-jm-count]").inner_text() == f"Showing 3 of {total} journeys"
    tab.page.select_option("select[name=type]", "service-blueprint")
    assert tab.page.evaluate(visible) == 0
    assert tab.page.locator("[data-jm-empty]").is_visible()
    tab.page.select_option("select[name=persona]", "")
    assert tab.page.evaluate(visible) == 1
    tab.page.reload()
    assert tab.page.evaluate(visible) == 1, "filters come back from the address"
    assert tab.errors == []


def test_opportunities_filters(tab, server):
    tab.open(server.url + "opportunities/")
    visible = "() => [...document.querySelectorAll('.jm-opportunity-rows tbody tr')].filter(r => !r.hidden).length"
    total = tab.page.evaluate(visible)
    tab.page.select_option("select[name=status]", "planned")
    planned = tab.page.evaluate(visible)
    assert 0 < planned < total
    assert "status=planned" in tab.page.url
    tab.page.select_option("select[name=priority]", "medium")
    assert tab.page.evaluate(visible) < planned
    assert tab.errors == []


def test_pain_points_filters(tab, server):
    tab.open(server.url + "pain-points/")
    shown = "(s) => [...document.querySelectorAll(s)].filter(e => !e.hidden).length"
    total = tab.page.evaluate(shown, ".jm-heat tbody tr")
    bands = tab.page.evaluate(shown, "[data-jm-group]")
    tab.page.select_option("select[name=owner]", "servicing-team")
    assert tab.page.evaluate(shown, ".jm-heat tbody tr") == 1
    assert tab.page.locator("[data-jm-count]").inner_text() == f"Showing 1 of {total} journeys"
    # The band without a row left is hidden with its heading; the open pain points follow the filter.
    assert tab.page.evaluate(shown, "[data-jm-group]") == bands - 1
    assert tab.page.evaluate(shown, ".jm-pain-list tbody tr") == 4
    assert "owner=servicing-team" in tab.page.url
    tab.page.select_option("select[name=type]", "service-blueprint")
    assert tab.page.evaluate(shown, ".jm-heat tbody tr") == 0
    assert tab.page.locator("[data-jm-empty]").is_visible()
    assert tab.errors == []


@kinds(*CHART_KINDS, "embed")
def test_without_javascript_the_curve_still_shows(browser, server, page_url, page_kind):
    no_js = Tab(browser, javascript=False)
    try:
        no_js.open(server.url + page_url)
        curve = no_js.page.locator("svg.jm-curve").first  # the canvas's emotion lane
        box = curve.bounding_box()
        assert box and box["height"] > 100 and box["width"] > 300
        assert no_js.page.locator("svg.jm-curve path").count() > 0
        assert not no_js.page.locator("figure.jm-chart").is_visible()  # no empty box where Plotly would draw
    finally:
        no_js.close()


# Material's own header, tabs, sidebars, search and footer are the theme's business; axe
# checks everything else on the page, which is what the plugin writes (the embed view is
# ours whole).
THEME_CHROME = [[".md-header"], [".md-tabs"], [".md-sidebar"], [".md-footer"], [".md-search"]]


# every kind of page the plan has, as it grows, in the light palette and in the dark one
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_axe(browser, server, page_url, page_kind, scheme):
    require(AXE, "axe-core")
    tab = Tab(browser, scheme=scheme)
    try:
        tab.open(server.url + page_url)
        if page_kind in CHART_KINDS:
            wait_for_charts(tab.page)
        tab.page.add_script_tag(path=str(AXE))
        result = tab.page.evaluate(
            "async (exclude) => await axe.run({exclude}, {resultTypes: ['violations']})", THEME_CHROME
        )
    finally:
        tab.close()
    serious = sorted(
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']} {node.get('failureSummary', '')[-160:]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    )
    assert serious == []


def test_charts_have_a_text_alternative(tab, server, site):
    tab.open(server.url + generated_pages()["map"][0])
    table = tab.page.locator("details.jm-chart__table table")
    assert table.locator("tbody tr").count() > 3
    assert tab.page.locator("svg.jm-curve circle title").count() > 3


def _vnu_errors(paths: list[Path]) -> dict[str, set[str]]:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    out: dict[str, set[str]] = {str(p): set() for p in paths}
    for m in messages:
        out.setdefault(m["url"].removeprefix("file:"), set()).add(m["message"])
    return out


def test_html_validity_no_errors_beyond_a_plain_material_page(site):
    require(VNU, "vnu-jar")
    pages = [site / url / "index.html" for urls in generated_pages().values() for url in urls]
    assert len(pages) > 10
    # Plain Material pages of the same site: one in a nav section, one with the table of
    # contents hidden, as generated pages are; the theme's own errors are not ours to fix.
    baseline_pages = [site / "authoring" / "index.html", site / "index.html"]
    found = _vnu_errors([*baseline_pages, *pages])
    baseline = set().union(*(found.pop(str(p)) for p in baseline_pages))
    extra = {page: sorted(errors - baseline) for page, errors in found.items() if errors - baseline}
    assert extra == {}


def test_a_broken_chart_script_fails_the_chart_check(browser, site, tmp_path):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    broken = copy_site(site, tmp_path / "broken")
    (broken / "assets/journeymaps/journeymaps.js").write_text("throw new Error('broken on purpose');\n")
    server = SiteServer(broken)
    opened = Tab(browser)
    try:
        opened.open(server.url + generated_pages()["map"][0])
        with pytest.raises(PlaywrightTimeout):
            wait_for_charts(opened.page, timeout=3_000)
        assert any("broken on purpose" in e for e in opened.errors)
    finally:
        opened.close()
        server.close()
