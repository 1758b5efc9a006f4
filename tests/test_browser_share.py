"""Sharing a map, in Chromium, with the demo site published under a sub-path: the embed view
inside a wiki page of another origin, and the "copy link" and "copy code" buttons."""

from __future__ import annotations

import pytest
from browser import AXE, SUB_PATH, SiteServer, Tab, require
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

MAP = "journeys/open-account/current/"
STEP = "step-identity"  # "Proves her identity"


@pytest.fixture(scope="module")
def site(sub_path_server) -> str:
    return sub_path_server.url + SUB_PATH


@pytest.fixture(scope="module")
def wiki(tmp_path_factory, site):
    """Another origin (another port) with a wiki page that embeds the map, as Confluence would."""
    root = tmp_path_factory.mktemp("wiki")
    src = site + MAP + "embed/?lanes=emotion,pain-points"
    (root / "page.html").write_text(
        '<!doctype html><html lang="en"><title>Team wiki</title>'
        '<link rel="icon" href="data:,"><h1>Our onboarding</h1>'
        f'<iframe src="{src}" title="Opening a current account" width="700" height="500"></iframe>\n',
        encoding="utf-8",
    )
    running = SiteServer(root)
    yield running.url + "page.html"
    running.close()


def embedded(tab: Tab, wiki: str):
    tab.open(wiki)
    frame = tab.page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    return frame


def test_the_embed_view_shows_in_a_wiki_on_another_origin(tab, wiki, site):
    frame = embedded(tab, wiki)
    assert frame.locator("h1").inner_text() == "Opening a current account"
    assert frame.locator("svg.jm-curve path").count() > 0
    # its address chose the lanes
    shown = frame.locator("#jm-canvas tbody[data-lane]:not([hidden])")
    assert [shown.nth(i).get_attribute("data-lane") for i in range(shown.count())] == ["emotion", "pain-points"]
    # narrower than a phone's breakpoint, the canvas stays and scrolls in its own box
    assert frame.locator("#jm-canvas").is_visible()
    assert frame.locator("html").evaluate("e => e.scrollWidth <= e.clientWidth")
    assert frame.locator(".jm-canvas-scroll").evaluate("e => e.scrollWidth > e.clientWidth")
    assert frame.locator("footer").inner_text().startswith("A journey map from Journey maps")
    assert tab.page.frames[1].url == site + MAP + "embed/?lanes=emotion,pain-points"
    assert tab.errors == []


def test_a_link_in_the_embed_view_opens_the_full_map_in_a_new_tab(tab, wiki, site):
    frame = embedded(tab, wiki)
    with tab.context.expect_page() as opened:
        frame.locator(f'th#{STEP} a:text("Proves her identity")').click()
    full = opened.value
    full.wait_for_load_state()
    assert full.url == site + MAP + "?lanes=emotion,pain-points#" + STEP
    assert full.locator("h1").first.inner_text() == "Opening a current account"
    # the lanes the wiki showed, on the full map too
    assert full.locator('#jm-canvas tbody[data-lane="thoughts"]').is_hidden()
    assert tab.page.url == wiki, "the wiki page stays where it was"
    with tab.context.expect_page() as opened:
        frame.get_by_role("link", name="Open the full map").click()
    assert opened.value.url == site + MAP + "?lanes=emotion,pain-points"


def test_the_embed_view_follows_the_readers_dark_preference(browser, wiki):
    colours = "e => getComputedStyle(e).backgroundColor"
    light, dark = Tab(browser, scheme="light"), Tab(browser, scheme="dark")
    try:
        assert embedded(light, wiki).locator("body").evaluate(colours) == "rgb(255, 255, 255)"
        assert embedded(dark, wiki).locator("body").evaluate(colours) == "rgb(30, 33, 41)"
    finally:
        light.close()
        dark.close()


@pytest.fixture
def clipboard(browser, sub_path_server):
    opened = Tab(browser)
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sub_path_server.url.rstrip("/"))
    yield opened
    opened.close()


def read_clipboard(tab: Tab) -> str:
    return tab.page.evaluate("navigator.clipboard.readText()")


def test_copy_link_copies_the_steps_address_after_instant_navigation(clipboard, site):
    page = clipboard.page
    clipboard.open(site + "journeys/")
    page.evaluate("window.__sameDocument = true")
    page.locator(f'.jm-journeys a[href$="/{MAP}"]').first.click()
    page.wait_for_url("**/" + MAP)
    assert page.evaluate("window.__sameDocument === true"), "Material's instant navigation did not run"
    button = page.get_by_role("button", name="Copy link to step Proves her identity")
    button.click()
    assert read_clipboard(clipboard) == site + MAP + "#" + STEP
    status = page.get_by_role("status")
    expect(status).to_have_text("Link copied")
    status.wait_for(state="hidden", timeout=6_000)  # the message goes away, the region stays
    # from the keyboard, the stage's button
    page.get_by_role("button", name="Copy link to stage Apply").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Link copied")
    assert read_clipboard(clipboard) == site + MAP + "#stage-apply"
    assert clipboard.errors == []


def test_copy_link_leaves_out_search_highlighting(clipboard, site):
    clipboard.open(site + MAP + "?h=identity")
    clipboard.page.get_by_role("button", name="Copy link to step Proves her identity").click()
    assert read_clipboard(clipboard) == site + MAP + "#" + STEP


def test_the_embed_snippet_has_the_address_the_reader_sees_with_the_lanes_chosen(clipboard, site):
    page = clipboard.page
    clipboard.open(site + MAP)
    page.locator("details.jm-embed-code summary").click()
    snippet = page.get_by_label("HTML to paste")
    src = 'src="' + site + MAP + 'embed/"'
    assert src in snippet.input_value()
    page.locator("form[data-jm-lanes] label", has_text="Thoughts").click()
    # the demo map measures its steps, so its data lane is among those shown
    assert 'embed/?lanes=touchpoint,actions,emotion,data,pain-points,opportunities,kpis"' in snippet.input_value()
    page.get_by_role("button", name="Copy code").click()
    assert read_clipboard(clipboard) == snippet.input_value()
    assert read_clipboard(clipboard).startswith("<iframe src=")
    expect(page.get_by_role("status")).to_have_text("Embed code copied")
    with clipboard.context.expect_page() as opened:
        page.get_by_role("link", name="Open the embed view").click()
    assert opened.value.url == site + MAP + "embed/"
    assert clipboard.errors == []


def test_without_javascript_no_copy_button_shows_and_headings_still_link(browser, site):
    no_js = Tab(browser, javascript=False)
    try:
        no_js.open(site + MAP)
        assert not no_js.page.locator("button.jm-copy").count()  # the script makes them
        assert not no_js.page.get_by_role("button", name="Copy code").is_visible()
        heading = no_js.page.locator(f"th#{STEP} a")
        assert heading.get_attribute("href") == "#" + STEP
    finally:
        no_js.close()


def serious_violations(page, parts: list[str] | None = None) -> list[str]:
    page.add_script_tag(path=str(AXE))
    context = {"include": [[p] for p in parts]} if parts else None
    result = page.evaluate(
        "async (context) => await axe.run(context || document, {resultTypes: ['violations']})", context
    )
    return sorted(
        f"{v['id']}: {v['help']} at {node['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    )


def test_the_embed_view_in_the_dark_and_the_open_embed_panel_pass_axe(browser, clipboard, site):
    require(AXE, "axe-core")
    dark = Tab(browser, scheme="dark")
    try:
        dark.open(site + MAP + "embed/")
        assert serious_violations(dark.page) == []
    finally:
        dark.close()
    page = clipboard.page
    clipboard.open(site + MAP)
    page.locator("details.jm-embed-code summary").click()
    page.get_by_role("button", name="Copy code").click()
    expect(page.get_by_role("status")).to_have_text("Embed code copied")
    # the whole map page is checked by tests/test_browser.py; here what sharing adds, in use
    assert serious_violations(page, ["#jm-canvas", ".jm-embed-code", ".jm-copy-status"]) == []
