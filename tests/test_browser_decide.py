"""The pages that help decide and look back, in Chromium: the opportunity matrix's filters
kept in the address, and the one-page summary printed to one PDF page."""

from __future__ import annotations

import re

import pytest
from browser import SiteServer, Tab
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
    tab.open(tab.page.url)
    assert tab.page.evaluate(SHOWN, ".jm-matrix li[data-jm-item]") == 1, "filters come back from the address"
    assert tab.page.input_value("select[name=journey]") == "open-account"
    assert tab.errors == []


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
