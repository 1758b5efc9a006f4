"""The pages that help decide and look back, in Chromium: the opportunity matrix's filters
kept in the address, and the one-page summary printed to one PDF page."""

from __future__ import annotations

import pytest

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
