"""Measured values in real Chromium, on the demo site: the data lane's values stand in their
step columns at 1440 px, and on a phone (390 px) each step's measured value reads in its
stage card, without sideways scrolling."""

from __future__ import annotations

import pytest
from browser import REPO, Tab

pytestmark = pytest.mark.slow


def measured_map():
    """The URL and map of the demo map whose steps name metrics."""
    from journeymaps.format.catalog import load_catalog
    from journeymaps.siteconfig import load_settings

    catalog = load_catalog(REPO, load_settings(REPO))
    for m in catalog.maps():
        if sum(1 for step in m.steps if step.metric) >= 2:
            return f"journeys/{m.journey}/{m.state}/", m
    raise AssertionError("the demo site needs a map with step metrics")


BOXES = """() => Object.fromEntries([...document.querySelectorAll('#jm-canvas tbody[data-lane="data"] td')].map((td, i) => {
    const th = document.querySelectorAll('#jm-canvas th[id^="step-"]')[i];
    const cell = td.getBoundingClientRect(), col = th.getBoundingClientRect();
    const data = td.querySelector('.jm-data'), svg = td.querySelector('svg.jm-trend');
    const box = data && data.getBoundingClientRect(), line = svg && svg.getBoundingClientRect();
    return [th.id.slice(5), {cell: [cell.left, cell.right], col: [col.left, col.right],
      data: box && [box.left, box.right], line: line && [line.left, line.right, line.height],
      text: data ? data.innerText : ""}]; }))"""


def test_the_data_lane_lines_up_with_the_step_columns(browser, server):
    url, m = measured_map()
    tab = Tab(browser, width=1440)
    try:
        tab.open(server.url + url)
        boxes = tab.page.evaluate(BOXES)
        assert list(boxes) == [s.id for s in m.steps], "one data cell under each step column"
        for step in m.steps:
            b = boxes[step.id]
            assert abs(b["cell"][0] - b["col"][0]) <= 1 and abs(b["cell"][1] - b["col"][1]) <= 1, step.id
            if step.metric:
                left, right = b["col"]
                assert left - 1 <= b["data"][0] and b["data"][1] <= right + 1, step.id
                assert left - 1 <= b["line"][0] and b["line"][1] <= right + 1 and b["line"][2] >= 20, step.id
                assert "%" in b["text"] or any(ch.isdigit() for ch in b["text"])
            else:
                assert b["data"] is None
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= 1440
        assert tab.errors == []
    finally:
        tab.close()


def test_on_a_phone_each_measured_step_reads_in_its_stage_card(browser, server):
    url, m = measured_map()
    phone = Tab(browser, width=390)
    try:
        phone.open(server.url + url)
        page = phone.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        values = page.evaluate(
            """() => [...document.querySelectorAll('.jm-stage-card .jm-data')].map(d => {
                const r = d.getBoundingClientRect(), s = getComputedStyle(d.querySelector('strong'));
                return {metric: d.dataset.metric, left: r.left, right: r.right, visible: r.height > 0,
                        size: parseFloat(s.fontSize), text: d.innerText}; })"""
        )
        assert [v["metric"] for v in values] == [s.metric for s in m.steps if s.metric]
        for v in values:
            assert v["visible"] and v["left"] >= 0 and v["right"] <= 390, v
            assert v["size"] >= 12, v
            assert "as of" in v["text"], v
        kpis = page.locator(".jm-stage-card .jm-kpi--measured")
        assert kpis.count() >= 1 and kpis.first.is_visible()
        assert phone.errors == []
    finally:
        phone.close()
