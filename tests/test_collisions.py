"""An author's page at the address of a generated page is published whole, and said so once."""

from __future__ import annotations

import logging

from conftest import MAP, build_site, read_page

P = "maps/first-purchase/current.md"


def test_authors_journeys_index_is_kept_whole(site, caplog):
    root = site({P: MAP, "docs/journeys/index.md": "# Our journeys\n\nWritten by hand, kept by the build.\n"})
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.journeymaps"):
        out = build_site(root)
    page = read_page(out, "journeys/index.html")
    assert "Written by hand, kept by the build." in page.text
    assert not page.find("table", class_="jm-list-table jm-journeys")
    said = [r.getMessage() for r in caplog.records if "docs/journeys/index.md" in r.getMessage()]
    assert said == [
        "journeymaps: docs/journeys/index.md is your own page, so it is published at that address instead of "
        "the page journeymaps generates there"
    ]
    # the generated pages around it are still there
    assert "First purchase" in read_page(out, "journeys/first-purchase/current/index.html").text


def test_authors_persona_page_is_kept_whole(site):
    root = site({P: MAP, "docs/personas/zhang-li.md": "# Zhang Li, in our words\n\nA page of our own.\n"})
    out = build_site(root)
    page = read_page(out, "personas/zhang-li/index.html")
    assert "A page of our own." in page.text
    assert "jm-persona-profile" not in page.source
    # the map still links to the persona's address, which now holds the author's page
    assert "../../../personas/zhang-li/" in read_page(out, "journeys/first-purchase/current/index.html").hrefs()
