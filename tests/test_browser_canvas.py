"""The map canvas in real Chromium, on the demo site: it fits a laptop screen, the curve's
points stand over their step columns, lane labels stay put, lanes toggle through the
address, phones get stage cards, print gives landscape pages, the chart sends nothing off
the site, and dark mode keeps the grid visible."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from browser import REPO, Tab, wait_for_charts
from conftest import chart_of

pytestmark = pytest.mark.slow


def demo_map(steps: int | None = None, type: str | None = None, states: int = 1):
    """The URL and map of a demo map with that many steps (or of that type)."""
    from journeymaps.format.catalog import load_catalog
    from journeymaps.siteconfig import load_settings

    catalog = load_catalog(REPO, load_settings(REPO))
    for journey in catalog.journeys.values():
        for m in journey.ordered_states():
            fits = (steps is None or len(m.steps) == steps) and (type is None or m.type == type)
            if fits and len(journey.states) >= states:
                return f"journeys/{m.journey}/{m.state}/", m
    raise AssertionError(f"the demo site needs a map with {steps} steps / of type {type}")


def column_centres(page) -> dict[str, float]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#jm-canvas th[id^="step-"]')].map(th => {
            const r = th.getBoundingClientRect(); return [th.id.slice(5), r.left + r.width / 2]; }))"""
    )


POINTS = """(svg) => [...document.querySelectorAll(svg + ' circle[data-step]')].map(c => {
    const r = c.getBoundingClientRect(); return [c.dataset.step, r.left + r.width / 2]; })"""


def test_an_eight_step_map_fits_a_laptop_screen_and_its_points_stand_over_their_steps(browser, server):
    url, m = demo_map(steps=8)
    tab = Tab(browser, width=1440)
    try:
        tab.open(server.url + url)
        page = tab.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 1440
        scroller = page.locator(".jm-canvas-scroll").first
        assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth"), "the canvas should not scroll sideways"
        columns = page.evaluate(
            """() => [...document.querySelectorAll('#jm-canvas th[id^="step-"]')].map(th => {
                const r = th.getBoundingClientRect(); return [r.left, r.right, r.width]; })"""
        )
        assert len(columns) == 8
        assert all(left >= 0 and right <= 1440 for left, right, _ in columns)
        widths = [w for _, _, w in columns]
        assert max(widths) - min(widths) < 1.5, "steps have equal widths"
        centres = column_centres(page)
        points = page.evaluate(POINTS, "#jm-canvas")
        assert [step for step, _ in points] == [s.id for s in m.steps if s.emotion is not None]
        off = {step: round(abs(x - centres[step]), 1) for step, x in points}
        assert max(off.values()) <= 2, off
        assert tab.errors == []
    finally:
        tab.close()


def test_lane_labels_stay_in_view_when_a_twenty_step_map_scrolls_sideways(browser, server):
    url, _ = demo_map(steps=20)
    tab = Tab(browser, width=1440)
    try:
        tab.open(server.url + url)
        scroller = tab.page.locator(".jm-canvas-scroll").first
        assert scroller.evaluate("e => e.scrollWidth > e.clientWidth"), "twenty steps should scroll sideways"
        tab.page.set_viewport_size({"width": 1440, "height": 3000})  # every lane in view
        scroller.evaluate("e => e.scrollLeft = e.scrollWidth")
        assert scroller.evaluate("e => e.scrollLeft") > 1000
        labels = tab.page.evaluate(
            """() => { const box = document.querySelector('.jm-canvas-scroll').getBoundingClientRect();
            return [...document.querySelectorAll('#jm-canvas tbody:not([hidden]) th.jm-lane')].map(th => {
                const r = th.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + 8, r.top + 8);
                return [th.textContent.trim().split('\\n')[0], Math.round(r.left - box.left), th.contains(hit)]; }); }"""
        )
        assert len(labels) >= 6
        assert all(abs(left) <= 2 and on_top for _, left, on_top in labels), labels
        # and the curve's points still stand over their columns after scrolling
        centres = column_centres(tab.page)
        assert all(abs(x - centres[step]) <= 2 for step, x in tab.page.evaluate(POINTS, "#jm-canvas"))
    finally:
        tab.close()


def shown_lanes(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('#jm-canvas tbody[data-lane]')].filter(b => !b.hidden && "
        "b.getClientRects().length).map(b => b.dataset.lane)"
    )


def test_hiding_a_lane_hides_it_and_the_address_keeps_it(tab, server):
    url, _ = demo_map(steps=8)
    journey = url.rsplit("/", 2)[0] + "/"
    # arrive by instant navigation: the lane toggles must set themselves up then too
    tab.open(server.url + journey)
    tab.page.evaluate("window.__sameDocument = true")
    tab.page.locator(f'.jm-switch a[href$="/{url}"]').click()
    tab.page.wait_for_url("**/" + url)
    form = tab.page.locator("form[data-jm-lanes]")
    form.wait_for(state="visible")
    assert tab.page.evaluate("window.__sameDocument === true")
    before = shown_lanes(tab.page)
    assert {"touchpoint", "actions", "emotion", "pain-points"} <= set(before)
    form.locator("label", has_text="Actions").click()
    assert "actions" not in shown_lanes(tab.page)
    assert not tab.page.locator('#jm-canvas tbody[data-lane="actions"]').is_visible()
    lanes = re.search(r"[?&]lanes=([^&#]*)", tab.page.url)
    assert lanes and "actions" not in unquote(lanes.group(1)).split(",")
    tab.page.reload()
    form.wait_for(state="visible")
    assert shown_lanes(tab.page) == [lane for lane in before if lane != "actions"]
    assert not form.locator('input[value="actions"]').is_checked()
    # a link that shows only emotion and pain points
    tab.open(server.url + url + "?lanes=emotion,pain-points")
    form.wait_for(state="visible")
    assert shown_lanes(tab.page) == ["emotion", "pain-points"]
    # back to the site's default lanes: the address forgets the choice
    for lane in before:
        if lane not in ("emotion", "pain-points"):
            form.locator(f'input[value="{lane}"]').check()
    assert "lanes=" not in tab.page.url
    assert tab.errors == []


def test_on_a_phone_each_stage_is_a_card(browser, server):
    url, m = demo_map(steps=8)
    phone = Tab(browser, width=390)
    try:
        phone.open(server.url + url)
        page = phone.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not page.locator("#jm-canvas").is_visible()
        cards = page.locator(".jm-stage-card")
        assert cards.count() == len(m.stages)
        for i, stage in enumerate(m.stages):
            card = cards.nth(i)
            assert card.is_visible()
            assert card.locator("h3").inner_text() == stage.name
            assert card.locator("li").count() == len(stage.steps)
            box = card.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        # a link to a step lands on its card
        step = m.steps[-1]
        page.goto(server.url + url + "#step-" + step.id)
        page.wait_for_function(
            """(id) => { const card = document.querySelector(`[data-step-card="${id}"]`);
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            const top = card && card.getBoundingClientRect().top;
            return card && top >= header - 1 && top < innerHeight; }""",
            arg="step-" + step.id,
            timeout=5_000,
        )  # the card shows, below the site's header
        assert phone.errors == []
    finally:
        phone.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("steps", [8, 20])
def test_printing_gives_the_whole_canvas_on_landscape_pages(browser, server, tmp_path, steps):
    url, m = demo_map(steps=steps)
    tab = Tab(browser, width=1440)
    try:
        tab.open(server.url + url)
        wait_for_charts(tab.page)
        pdf = tab.page.pdf(landscape=True, print_background=True)
        (tmp_path / "map.pdf").write_bytes(pdf)
        assert 1 <= pdf_pages(pdf) <= 6
        # the canvas as printed: Letter landscape (11 in at 96 px) less the 10 mm margins
        page_width = 11 * 96 - 2 * round(10 / 25.4 * 96)
        tab.page.set_viewport_size({"width": page_width, "height": 700})
        tab.page.emulate_media(media="print")
        right = tab.page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('#jm-canvas th, #jm-canvas td')].map("
            "c => c.getBoundingClientRect().right))"
        )
        assert right <= page_width + 1
        assert tab.page.locator("#jm-canvas").evaluate("t => t.scrollWidth <= t.clientWidth + 1")
        assert not tab.page.locator(".md-header").is_visible()
        assert not tab.page.locator(".jm-lanes").is_visible()
        meta = tab.page.locator(".jm-print-meta")
        assert meta.is_visible() and m.state in meta.inner_text().lower()
    finally:
        tab.close()


def test_the_chart_sends_nothing_off_the_site(tab, server):
    url, _ = demo_map(steps=8)
    tab.open(server.url + url)
    config = chart_of(tab.page.locator("figure.jm-chart").get_attribute("data-jm-chart"))["config"]
    assert config["showSendToCloud"] is False and config["plotlyServerURL"] == ""
    assert config["modeBarButtons"] == [["toImage", "resetScale2d"]]
    wait_for_charts(tab.page)
    tab.page.locator(".js-plotly-plot").hover()
    titles = tab.page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)")
    assert titles == ["Download as PNG", "Reset"]
    assert not tab.page.locator(".js-plotly-plot a[href]").count()
    assert "cloud" not in tab.page.locator(".js-plotly-plot").inner_html().lower()


def test_the_journey_page_shows_both_curves_over_the_same_columns(tab, server):
    url, _ = demo_map(steps=8, states=2)
    journey = url.rsplit("/", 2)[0] + "/"
    tab.page.set_viewport_size({"width": 1440, "height": 900})
    tab.open(server.url + journey)
    centres = tab.page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.jm-canvas th[id^="step-"]')].map(th => {
            const r = th.getBoundingClientRect(); return [th.id.slice(5), r.left + r.width / 2]; }))"""
    )
    current = tab.page.evaluate(POINTS, ".jm-curve--current")
    future = tab.page.evaluate(POINTS, ".jm-curve--future")
    assert current and future
    assert all(abs(x - centres[step]) <= 2 for step, x in current + future)
    both = {step for step, _ in current} & {step for step, _ in future}
    assert both, "steps matched by id stand in the same column"


def test_dark_mode_keeps_the_grid_visible(browser, server):
    url, _ = demo_map(type="service-blueprint")
    dark = Tab(browser, width=1440, scheme="dark")
    try:
        dark.open(server.url + url)
        assert dark.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        # paint each colour over the page background and compare the pixels
        contrast = dark.page.evaluate(
            """() => {
            const ctx = Object.assign(document.createElement('canvas'), {width: 1, height: 1}).getContext('2d');
            const bg = getComputedStyle(document.body).backgroundColor;
            const pixel = (colour) => { ctx.fillStyle = bg; ctx.fillRect(0, 0, 1, 1); ctx.fillStyle = colour;
                ctx.fillRect(0, 0, 1, 1); return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3); };
            const diff = (a, b) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0);
            const base = pixel(bg);
            const cell = document.querySelector('#jm-canvas tbody td');
            const line = document.querySelector('#jm-canvas .jm-line td');
            const chip = document.querySelector('.jm-status, .jm-chip');
            return {grid: diff(pixel(getComputedStyle(cell).borderTopColor), base),
                    line: diff(pixel(getComputedStyle(line).borderTopColor), base),
                    chip: diff(pixel(getComputedStyle(chip).borderTopColor), base)}; }"""
        )
        assert contrast["grid"] >= 40 and contrast["line"] >= 120 and contrast["chip"] >= 60, contrast
    finally:
        dark.close()
