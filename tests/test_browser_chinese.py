"""A Chinese team's site in Chromium: Material's search finds the words inside Chinese names."""

from __future__ import annotations

import pytest
from browser import SiteServer
from conftest import write_site

pytestmark = pytest.mark.slow

PERSONA = "---\nname: 王芳\nrole: 门店店长\n---\n"
MAP = """\
---
title: 到店自提
state: current
persona: wang-fang
stages:
  - name: 发现
    steps:
      - name: 看到朋友分享
        id: friend-share
        touchpoint: 微信朋友圈
        channel: social
        emotion: 1
  - name: 取货
    steps:
      - name: 去店里取货
        id: pick-up
        touchpoint: 线下门店
        channel: store
        emotion: -1
---
"""


@pytest.fixture(scope="module")
def chinese_site(tmp_path_factory):
    pytest.importorskip("jieba", reason='Chinese search needs the extra: pip install "mkdocs-journeymaps[zh]"')
    from conftest import build_site

    root = tmp_path_factory.mktemp("zh")
    server = SiteServer(root / "site")
    write_site(root, {"personas/wang-fang.md": PERSONA, "maps/pick-up/current.md": MAP}, language="zh")
    (root / "personas/zhang-li.md").unlink()
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + f"site_url: {server.url}\n")
    build_site(root)
    yield server
    server.close()


@pytest.fixture(scope="module")
def page(chinese_site, browser):
    # The shared Chromium (tests/browser.py): a second Playwright in the same worker fails.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.goto(chinese_site.url, wait_until="load")
    yield opened
    context.close()


def search(page, query: str) -> list[tuple[str, str]]:
    """(link, text) of each search result Material shows for ``query``."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=50)
    box.press("End")  # Material searches on key events, which an IME's last key gives too
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    results = page.locator(".md-search-result__list a")  # sections of a page fold under its first
    # Material shows the index's text, in which jieba's cuts are zero-width spaces.
    return [
        (results.nth(i).get_attribute("href") or "", (results.nth(i).text_content() or "").replace("\u200b", ""))
        for i in range(results.count())
    ]


@pytest.mark.parametrize(
    "query, touchpoint",
    [("门店", "线下门店"), ("朋友圈", "微信朋友圈")],
)
def test_search_finds_words_inside_chinese_names(page, query, touchpoint):
    found = search(page, query)
    hits = [(href, text) for href, text in found if "journeys/pick-up/current/" in href]
    assert hits, f"{query} found {found}"
    assert any(touchpoint in text for _, text in hits), hits
