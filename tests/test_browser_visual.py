"""The visual review's findings (issue 17) held in real Chromium: outlines that stay visible on
the dark palette, square persona photos from a 3:2 original, phone-width cards without
sideways scrolling, tooltips in the site's language, a table icon on the table toggle, the
review facts on one baseline, and the screenshot script that redoes the review."""

from __future__ import annotations

import io

import pytest
from browser import SiteServer, Tab, wait_for_charts
from conftest import build_site, write_site

pytestmark = pytest.mark.slow

# Each outline painted over the page's background: the difference in the sum of the three
# channels (0-765), the WCAG contrast ratio between them, and whether the outline is the lighter.
OUTLINES = """(selectors) => {
    const ctx = Object.assign(document.createElement('canvas'), {width: 1, height: 1}).getContext('2d');
    const bg = getComputedStyle(document.body).backgroundColor;
    const pixel = (colour) => { ctx.fillStyle = bg; ctx.fillRect(0, 0, 1, 1); ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 1, 1); return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3); };
    const luminance = (rgb) => { const [r, g, b] = rgb.map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const base = pixel(bg);
    const out = {};
    for (const [name, selector, side] of selectors) {
        const el = document.querySelector(selector);
        if (!el) { out[name] = null; continue; }
        const rgb = pixel(getComputedStyle(el)['border' + side + 'Color']);
        const [hi, lo] = [luminance(rgb), luminance(base)].sort((a, b) => b - a);
        out[name] = {diff: rgb.reduce((s, v, i) => s + Math.abs(v - base[i]), 0), ratio: (hi + 0.05) / (lo + 0.05),
                     lighter: luminance(rgb) > luminance(base)};
    }
    return out; }"""

PAGES = {
    "journeys/open-account/": [
        ("card", ".jm-changes .jm-card", "Top"),
        ("table", ".jm-table-scroll", "Top"),
        ("row", ".jm-list-table tbody td", "Top"),
        ("status pill", ".jm-status--planned", "Top"),
        ("state pill", ".jm-facts .jm-state--current", "Top"),
    ],
    "personas/": [("persona card", ".jm-persona-cards > li", "Top")],
    "personas/david-okafor/": [("card", ".jm-persona-grid .jm-card", "Top"), ("tag pill", ".jm-chip", "Top")],
    "opportunities/": [("status pill", ".jm-status--idea", "Top"), ("row", ".jm-list-table tbody td", "Top")],
    "touchpoints/": [("table", ".jm-table-scroll", "Top")],
    "journeys/": [("tag pill", ".jm-chip", "Top"), ("table", ".jm-table-scroll", "Top")],
}


@pytest.mark.parametrize("path", list(PAGES))
def test_outlines_stay_visible_on_the_dark_palette(browser, server, path):
    """Borders mix Material's own foreground colour: on slate they are light, not black."""
    found = {}
    for scheme in ("light", "dark"):
        tab = Tab(browser, width=1440, scheme=scheme)
        try:
            tab.open(server.url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            found[scheme] = tab.page.evaluate(OUTLINES, PAGES[path])
        finally:
            tab.close()
    for name, seen in found["dark"].items():
        assert seen is not None, f"{path}: nothing matches {name}"
        assert seen["diff"] >= 60 and seen["ratio"] >= 1.5, (path, name, seen)
        assert found["light"][name]["ratio"] >= 1.5, (path, name, found["light"][name])
        # drawn from the palette's foreground: light lines on slate, dark ones on white
        assert seen["lighter"] and not found["light"][name]["lighter"], (path, name)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """A site whose persona has a 3:2 photo, served."""
    from PIL import Image

    root = tmp_path_factory.mktemp("photo")
    image = Image.new("RGB", (600, 400), "#3f51b5")
    image.paste(Image.new("RGB", (200, 400), "#c62828"), (0, 0))
    raw = io.BytesIO()
    image.save(raw, format="JPEG")
    persona = "---\nname: Zhang Li\nrole: Marketing manager\nphoto: zhang-li.jpg\n---\n"
    current = (
        "---\ntitle: First purchase\nstate: current\npersona: zhang-li\nstages:\n  - name: Buy\n"
        "    steps:\n      - {name: Pays, touchpoint: Checkout, channel: web, emotion: -1}\n---\n"
    )
    server = SiteServer(root / "site")
    write_site(root, {"personas/zhang-li.md": persona, "personas/zhang-li.jpg": raw.getvalue(),
                      "maps/first-purchase/current.md": current})  # fmt: skip
    build_site(root)
    yield server
    server.close()


@pytest.mark.parametrize(
    "path, selector",
    [
        ("personas/zhang-li/", "img.jm-avatar--large"),
        ("personas/", ".jm-persona-cards img.jm-avatar"),
        ("journeys/first-purchase/current/", ".jm-persona-card img.jm-avatar"),
        ("journeys/first-purchase/", ".jm-persona-card img.jm-avatar"),
        ("journeys/", "img.jm-avatar--small"),
    ],
)
@pytest.mark.parametrize("width", [1440, 390])
def test_a_landscape_photo_is_drawn_as_a_circle(browser, photo_site, path, selector, width):
    tab = Tab(browser, width=width)
    try:
        tab.open(photo_site.url + path)
        img = tab.page.locator(selector).first
        img.scroll_into_view_if_needed()
        tab.page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        shape = img.evaluate(
            """img => { const r = img.getBoundingClientRect(), s = getComputedStyle(img);
            return {w: r.width, h: r.height, nw: img.naturalWidth, nh: img.naturalHeight,
                    fit: s.objectFit, radius: s.borderTopLeftRadius}; }"""
        )
        assert shape["w"] > 20 and abs(shape["w"] - shape["h"]) < 0.5, shape
        assert shape["nw"] == shape["nh"], "the published photo is square"
        assert shape["fit"] == "cover" and shape["radius"] == "50%"
    finally:
        tab.close()


# (page, tables that become cards): every page with list tables, at a phone's width.
PHONE_PAGES = {
    "journeys/open-account/": 2,
    "journeys/first-purchase/": 2,
    "journeys/open-account/current/": 2,
    "opportunities/": 1,
    "touchpoints/": 1,
    "research/": 1,
    "owners/": 1,
    "tags/b2b/": 1,
}


@pytest.mark.parametrize("path", list(PHONE_PAGES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_at_phone_width_tables_are_cards_and_nothing_scrolls_sideways(browser, server, path, scheme):
    phone = Tab(browser, width=390, scheme=scheme)
    try:
        phone.open(server.url + path)
        page = phone.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        layout = page.evaluate(
            """() => [...document.querySelectorAll('table.jm-stack')].map(t => {
                const row = t.querySelector('tbody tr'), cell = row.querySelector('td[data-label]');
                const box = t.closest('.jm-table-scroll');
                return {table: getComputedStyle(t).display, head: getComputedStyle(t.querySelector('thead')).display,
                        row: getComputedStyle(row).display, border: getComputedStyle(row).borderTopStyle,
                        label: getComputedStyle(cell, '::before').content, expected: cell.dataset.label,
                        scrolls: box.scrollWidth > box.clientWidth,
                        overflowing: [...t.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)
                                     .map(c => c.textContent.trim().slice(0, 40))}; })"""
        )
        assert len(layout) >= PHONE_PAGES[path]
        for table in layout:
            assert (table["table"], table["head"], table["row"], table["border"]) == ("block", "none", "block", "solid")
            assert table["label"] == f'"{table["expected"]}"'
            assert not table["scrolls"] and table["overflowing"] == [], table
        assert phone.errors == []
    finally:
        phone.close()


def test_at_a_laptops_width_tables_stay_tables(tab, server):
    tab.page.set_viewport_size({"width": 1440, "height": 900})
    tab.open(server.url + "opportunities/")
    table = tab.page.locator("table.jm-stack").first
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert tab.page.locator("table.jm-stack thead").first.is_visible()


@pytest.fixture(scope="module")
def chinese_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("zh-chart")
    current = (
        "---\ntitle: 到店自提\nstate: current\npersona: zhang-li\nstages:\n  - name: 取货\n    steps:\n"
        "      - {name: 去店里取货, id: pick-up, touchpoint: 线下门店, channel: store, emotion: -1, feeling: 着急}\n"
        "      - {name: 拿到商品, id: got-it, emotion: 1}\n---\n"
    )
    server = SiteServer(root / "site")
    write_site(root, {"maps/pick-up/current.md": current}, language="zh")
    build_site(root)
    yield server
    server.close()


def test_chinese_chart_tooltips_and_toolbar(browser, chinese_site):
    tab = Tab(browser, width=1440)
    try:
        tab.open(chinese_site.url + "journeys/pick-up/current/")
        wait_for_charts(tab.page)
        point = tab.page.locator(".jm-chart .scatterlayer .trace").first.locator(".point").first
        point.hover(force=True)
        tab.page.wait_for_selector(".jm-chart .hoverlayer .hovertext", timeout=5_000)
        hover = tab.page.locator(".jm-chart .hoverlayer .hovertext").first.text_content()
        assert "去店里取货" in hover and "触点：线下门店" in hover and "情绪：-1 (着急)" in hover
        assert "Emotion" not in hover and "Touchpoint" not in hover
        titles = tab.page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)")
        assert titles == ["下载为 PNG 图片", "重置"]
        assert tab.errors == []
    finally:
        tab.close()


def test_the_emotion_table_toggle_shows_a_table_icon(tab, server):
    tab.open(server.url + "journeys/open-account/current/")
    summary = tab.page.locator("details.jm-chart__table > summary").first  # the emotion chart's (history has one too)
    icon = summary.evaluate(
        "s => getComputedStyle(s, '::before').maskImage || getComputedStyle(s, '::before').webkitMaskImage"
    )
    assert icon.startswith('url("data:image/svg+xml') and "admonition" not in icon
    # Material's own details icon (the pencil) is what any other details shows
    note = summary.evaluate("s => getComputedStyle(document.body).getPropertyValue('--md-admonition-icon--note')")
    assert note.strip() and note.strip() not in icon


def test_the_review_date_and_its_interval_share_a_baseline(browser, server):
    for width in (1440, 390):
        tab = Tab(browser, width=width)
        try:
            tab.open(server.url + "journeys/open-account/current/")
            date, interval = tab.page.evaluate(
                """() => { const dd = document.querySelector('dd.jm-review-facts');
                const lines = (el) => { const r = document.createRange(); r.selectNodeContents(el);
                    return [...r.getClientRects()].map(q => [q.top, q.bottom]); };
                return [lines(dd.querySelector('.jm-review time')), lines(dd.querySelector('.jm-muted'))]; }"""
            )
            last, first = date[-1], interval[0]
            # on the same line they share the baseline; on a narrow screen the interval wraps below
            assert abs(last[1] - first[1]) < 1.5 or first[0] >= last[1] - 1, (width, date, interval)
            if width == 1440:
                assert abs(last[1] - first[1]) < 1.5
        finally:
            tab.close()


def test_the_screenshot_script_shoots_a_page(browser, server, tmp_path):
    import screenshots

    path = tmp_path / "en-390-dark-journey.png"
    errors = screenshots.shoot(browser, server.url + "journeys/open-account/", path, 390, "dark")
    assert errors == []
    from PIL import Image

    with Image.open(path) as shot:
        assert shot.width == 390 and shot.height > 2000  # the whole page, not the first screen
        # dark: the top left corner under the header is the slate background, not white
        assert sum(shot.getpixel((5, 300))[:3]) < 200
    assert set(screenshots.pages()) >= {"journeys", "journey", "map", "persona", "personas", "touchpoints"}
