"""The pages that help decide and look back, in Chromium: the opportunity matrix's filters
kept in the address, and the one-page summary printed to one PDF page."""

from __future__ import annotations

import re

import pytest
from browser import AXE, SiteServer, Tab, require
from conftest import REPO, catalog_of

pytestmark = pytest.mark.slow

SHOWN = "(s) => [...document.querySelectorAll(s)].filter(e => !e.hidden).length"


def test_matrix_filters_are_kept_in_the_address(tab, server):
    tab.open(server.url + "opportunities/matrix/")
    everything = tab.page.evaluate(SHOWN, ".jm-matrix li[data-jm-item]")
    assert everything > 5
    tab.page.select_option("select[name=status]", "in-progress")
    assert "status=in-progress" in tab.page.url
    in_progress = tab.page.evaluate(SHOWN, ".jm-matrix li[data-jm-item]")
    assert 0 < in_progress < everything
    assert tab.page.evaluate(SHOWN, "li[data-jm-item].jm-dot-item--planned") == 0
    tab.page.select_option("select[name=journey]", "open-account")
    assert tab.page.evaluate(SHOWN, ".jm-matrix li[data-jm-item]") == 1
    assert _table_follows_the_grid(tab) == 1
    tab.open(tab.page.url)
    assert tab.page.evaluate(SHOWN, ".jm-matrix li[data-jm-item]") == 1, "filters come back from the address"
    assert tab.page.input_value("select[name=journey]") == "open-account"
    assert _table_follows_the_grid(tab) == 1
    tab.page.select_option("select[name=journey]", "")
    tab.page.select_option("select[name=status]", "")
    assert _table_follows_the_grid(tab) == everything + tab.page.evaluate(SHOWN, ".jm-matrix-unrated li[data-jm-item]")
    assert tab.errors == []


SHOWN_LINKS = "(s) => [...document.querySelectorAll(s)].filter(e => !e.hidden).map(e => e.querySelector('a').href)"


def _table_follows_the_grid(tab: Tab) -> int:
    """The table's rows shown are the grid's items shown (the rated, then the unrated), in
    order; the count says as many. How many."""
    items = tab.page.evaluate(SHOWN_LINKS, "li[data-jm-item]")
    assert tab.page.evaluate(SHOWN_LINKS, ".jm-matrix-table tbody tr") == items
    assert tab.page.text_content("output[data-jm-count]").startswith(f"Showing {len(items)} ")
    return len(items)


LABELS = """(cell) => getComputedStyle(cell, '::before').content"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_matrix_as_a_table_opened_on_a_phone_labels_each_cell_and_passes_axe(browser, server, scheme):
    require(AXE, "axe-core")
    phone = Tab(browser, width=390, scheme=scheme)
    try:
        phone.open(server.url + "opportunities/matrix/")
        phone.page.locator("details.jm-matrix-table summary").click()
        row = phone.page.locator(".jm-matrix-table tbody tr").first
        cells = row.locator("td")
        assert cells.count() == 8
        labels = [cells.nth(i).evaluate(LABELS) for i in range(8)]
        assert labels == [
            "none",
            '"Quadrant"',
            '"Impact"',
            '"Effort"',
            '"Status"',
            '"Owner"',
            '"Journey"',
            '"Pain points"',
        ]
        # The label beside the words, as in every stacked table.
        label_box, words = cells.nth(6).bounding_box(), cells.nth(6).inner_text()
        assert label_box and label_box["width"] < 390 and words.strip()
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
        # The table, opened (the whole page, in both palettes, is test_browser.py's axe test).
        phone.page.add_script_tag(path=str(AXE))
        result = phone.page.evaluate(
            "async () => await axe.run({include: [['.jm-matrix-table']]}, {resultTypes: ['violations']})"
        )
        serious = [
            (v["id"], n["target"], n.get("failureSummary", "")[:300])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
            for n in v["nodes"]
        ]
        assert serious == []
        assert phone.errors == []
    finally:
        phone.close()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.fixture(scope="module")
def chinese_demo(tmp_path_factory):
    """The demo site with theme.language: zh, served."""
    from conftest import build_site
    from screenshots import copy_demo

    root = copy_demo(tmp_path_factory.mktemp("zh-demo"), "zh")
    running = SiteServer(root / "site")
    build_site(root)
    yield running
    running.close()


def _summary_pdf(tab: Tab, url: str, paper: str) -> bytes:
    tab.open(url)
    tab.page.wait_for_load_state("networkidle")
    return tab.page.pdf(format=paper, landscape=True, print_background=True, prefer_css_page_size=True)


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_the_longest_journeys_summary_prints_on_one_page(tab, server, paper, tmp_path):
    longest = max(catalog_of(REPO).journeys.values(), key=lambda j: max(len(m.steps) for m in j.states.values()))
    pdf = _summary_pdf(tab, server.url + f"journeys/{longest.id}/summary/", paper)
    (tmp_path / f"{longest.id}-{paper}.pdf").write_bytes(pdf)
    assert _pages(pdf) == 1
    assert tab.errors == []


def test_a_chinese_summary_prints_on_one_page(browser, chinese_demo):
    opened = Tab(browser)
    try:
        pdf = _summary_pdf(opened, chinese_demo.url + "journeys/first-purchase/summary/", "A4")
        assert _pages(pdf) == 1
        assert "一页摘要" in opened.page.title()
    finally:
        opened.close()
