"""Every chart the site draws, drawn in Chromium with the plotly.js the site serves: Plotly's
basic partial bundle (tests/test_plotly_bundle.py checks the file). The map page's chart,
the journey page's comparison, the sparklines of the index pages, the embed view, print,
and the chart's own PNG download."""

from __future__ import annotations

import pytest
from browser import Tab, generated_pages, wait_for_charts

pytestmark = pytest.mark.slow

LARGEST = 1_500_000


def _plotly_response(tab: Tab) -> list:
    responses: list = []
    tab.page.on("response", lambda r: responses.append(r) if r.url.endswith("/plotly.min.js") else None)
    return responses


def test_the_served_bundle_is_the_basic_one(tab, server):
    responses = _plotly_response(tab)
    tab.open(server.url + generated_pages()["map"][0])
    wait_for_charts(tab.page)
    [response] = responses
    assert len(response.body()) <= LARGEST
    traces = tab.page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces).sort()")
    assert traces == ["bar", "pie", "scatter"]
    assert tab.errors == []


def _curves(page) -> list[dict]:
    """Each trace Plotly drew: its name and how many points it shows."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .trace')].map(t => ({
             points: t.querySelectorAll('.point').length,
             line: !!t.querySelector('.js-line[d]'),
           }))"""
    )


def test_a_map_pages_chart_draws_its_curve_pain_points_and_moments(tab, server):
    tab.open(server.url + generated_pages()["map"][0])
    assert wait_for_charts(tab.page) == 1
    data = tab.page.evaluate("() => document.querySelector('.js-plotly-plot').data.map(t => [t.meta, t.x.length])")
    curves = _curves(tab.page)
    assert len(curves) == len(data) >= 2  # the curve, and its pain points or moments of truth
    assert curves[0]["line"] and curves[0]["points"] == data[0][1] > 2
    assert all(c["points"] == n for c, (_, n) in zip(curves, data, strict=True))
    assert tab.errors == []


def test_a_journey_pages_comparison_draws_both_states(tab, server):
    journeys = generated_pages()["journey"]
    for url in journeys:
        tab.open(server.url + url)
        wait_for_charts(tab.page)
        metas = tab.page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.data.map(t => t.meta))"
        )
        if any("current" in m and "future" in m for m in metas):
            break
    else:
        pytest.fail("no journey page of the demo compares a current with a future state")
    lines = [c for c in _curves(tab.page) if c["line"]]
    assert len(lines) >= 2 and all(c["points"] > 1 for c in lines)
    assert tab.errors == []


@pytest.mark.parametrize("kind", ["journeys", "persona"])
def test_sparklines_show_without_plotly(tab, server, kind):
    responses = _plotly_response(tab)
    tab.open(server.url + generated_pages()[kind][0])
    tab.page.wait_for_load_state("networkidle")
    sparklines = tab.page.locator("svg.jm-sparkline")
    assert sparklines.count() > 0 and sparklines.first.is_visible()
    assert sparklines.first.locator("polyline").count() > 0
    assert responses == []  # server-drawn: no chart library for a list of curves
    assert tab.errors == []


def test_the_embed_view_shows_its_curve_without_plotly(tab, server):
    responses = _plotly_response(tab)
    tab.open(server.url + generated_pages()["embed"][0])
    tab.page.wait_for_load_state("networkidle")
    curve = tab.page.locator("svg.jm-curve").first
    assert curve.is_visible() and curve.locator("path").count() > 0
    assert responses == []
    assert tab.errors == []


def test_printing_a_drawn_map_shows_the_server_drawn_curve(tab, server):
    tab.open(server.url + generated_pages()["map"][0])
    wait_for_charts(tab.page)
    tab.page.emulate_media(media="print")
    assert tab.page.locator("svg.jm-curve").first.is_visible()
    assert not tab.page.locator("figure.jm-chart").is_visible()  # the canvas's curve stands for it on paper
    assert len(tab.page.pdf()) > 10_000
    assert tab.errors == []


def test_the_charts_png_download_works_with_the_bundle(tab, server):
    tab.open(server.url + generated_pages()["map"][0])
    wait_for_charts(tab.page)
    image = tab.page.evaluate(
        "() => Plotly.toImage(document.querySelector('.js-plotly-plot'), {format: 'png', width: 600, height: 300})"
    )
    assert image.startswith("data:image/png;base64,") and len(image) > 5_000
    assert tab.errors == []


def test_the_bundle_is_asked_for_from_the_head_and_fetched_once(tab, server):
    """The head's preload fetches plotly.js while the page is read; the page's script for it
    is served from that fetch, not a second download. The chart is drawn before Material's
    own script has run (it defines document$)."""
    responses = _plotly_response(tab)
    tab.context.add_init_script(
        """new MutationObserver(() => {
             const drawn = document.querySelector('.jm-chart--drawn');
             if (drawn && window.__drawnBeforeMaterial === undefined) window.__drawnBeforeMaterial = !window.document$;
           }).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});"""
    )
    tab.open(server.url + generated_pages()["map"][0])
    wait_for_charts(tab.page)
    assert tab.page.evaluate("window.__drawnBeforeMaterial") is True
    preloads = tab.page.evaluate(
        "() => [...document.head.querySelectorAll('link[rel=preload][as=script]')].map(l => l.href)"
    )
    assert [p.rsplit("/", 1)[1] for p in preloads] == ["plotly.min.js"]
    assert len(responses) == 1
    assert not any("preload" in e for e in tab.errors) and tab.errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_step_names_fit_under_the_plot(browser, server, width):
    """The room under the plot is worked out from the wrapped step names (no automargin):
    every name's lowest line is inside the chart, on a wide screen and a phone; the stage
    names over the bands and the legend do not run into each other."""
    tab = Tab(browser, width=width)
    try:
        for kind in ("map", "journey"):
            for url in generated_pages()[kind]:
                tab.open(server.url + url)
                wait_for_charts(tab.page)
                overflow = tab.page.evaluate(
                    """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
                         const bottom = plot.getBoundingClientRect().bottom;
                         const names = [...plot.querySelectorAll('.xtick text')];
                         const low = Math.max(0, ...names.map(t => t.getBoundingClientRect().bottom));
                         return {shown: names.length, over: low - bottom};
                       })"""
                )
                overlaps = tab.page.evaluate(
                    """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
                         const boxes = [...plot.querySelectorAll('.annotation-text, .legend .bg')]
                           .map(e => [e.textContent || 'legend', e.getBoundingClientRect()]);
                         const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                           && a.top < b.bottom - 1 && b.top < a.bottom - 1;
                         return boxes.flatMap(([n, a], i) => boxes.slice(i + 1)
                           .filter(([, b]) => hit(a, b)).map(([m]) => n + ' / ' + m));
                       })"""
                )
                assert overlaps == [], f"{url} at {width} px: stage names or legend overlap: {overlaps}"
                for chart in overflow:
                    assert chart["over"] <= 0, f"{url}: step names {chart['over']:.0f} px below the chart"
                    if width < 600:
                        assert chart["shown"] == 0  # a phone names the steps on hover only
                    else:
                        assert chart["shown"] > 0
        assert tab.errors == []
    finally:
        tab.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_takes_the_palette_of_the_readers_system(browser, server, scheme):
    """Material picks the palette of the reader's system when its script runs, after the chart
    was drawn: the chart's words and curve then take that palette's colours."""
    tab = Tab(browser, scheme=scheme)
    try:
        tab.open(server.url + generated_pages()["map"][0])
        wait_for_charts(tab.page)
        tab.page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
        found = tab.page.evaluate(
            """() => {
                 const body = getComputedStyle(document.body);
                 const figure = document.querySelector('.jm-chart');
                 const plot = figure.querySelector('.js-plotly-plot');
                 const current = plot.data.find(t => t.meta === 'current');
                 return {scheme: document.body.getAttribute('data-md-color-scheme'),
                         fg: body.getPropertyValue('--md-default-fg-color').trim(), font: plot._fullLayout.font.color,
                         curve: getComputedStyle(figure).getPropertyValue('--jm-current').trim(), line: current.line.color};
               }"""
        )
        assert found["scheme"] == ("slate" if scheme == "dark" else "default")
        assert found["font"] == found["fg"] and found["line"] == found["curve"], found
        assert tab.errors == []
    finally:
        tab.close()
