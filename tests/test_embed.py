"""The embed view (journeys/<journey>/<state>/embed/), the embed snippet and the "copy link"
buttons of the map page, read from small sites built in a temporary folder: with and without
the site's address, under a sub-path, without directory URLs, in Chinese."""

from __future__ import annotations

import json
import posixpath

import pytest
from conftest import MAP, Html, build_site, read_page, write_site

P = "maps/first-purchase/current.md"
EMBED = "journeys/first-purchase/current/embed/index.html"
MAP_PAGE = "journeys/first-purchase/current/index.html"
SUB_PATH = "https://intranet.example.com/cx/journeys/"
TWO_STEPS = MAP.replace(
    "          - text: One-tap payment\n            addresses: [slow-pay]\n",
    "          - text: One-tap payment\n            addresses: [slow-pay]\n"
    "  - name: Purchase\n    id: buy\n    steps:\n      - name: Pays\n        emotion: -1\n",
)


def built(root, files: dict[str, str], config: str = "", language: str = "en"):
    write_site(root, {P: TWO_STEPS, **files}, language=language)
    if config:
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + config)
    return build_site(root)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """No site_url, directory URLs: the MkDocs defaults."""
    return built(tmp_path_factory.mktemp("plain"), {})


@pytest.fixture(scope="module")
def sub_path(tmp_path_factory):
    """Published at a sub-path of an intranet host."""
    return built(tmp_path_factory.mktemp("sub"), {}, f"site_url: {SUB_PATH}\n")


@pytest.fixture(scope="module")
def html_files(tmp_path_factory):
    """use_directory_urls: false, as sites opened from a file share are built."""
    root = tmp_path_factory.mktemp("files")
    write_site(root, {P: TWO_STEPS})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("use_directory_urls: true", "use_directory_urls: false"))
    return build_site(root)


def resolves(site_dir, page_path: str, href: str) -> bool:
    """A relative link from a built page leads to a file of the site."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), href.split("#")[0].split("?")[0]))
    path = site_dir / target
    return (path / "index.html").is_file() if path.is_dir() else path.is_file()


def test_the_embed_view_is_a_document_of_its_own_without_the_themes_chrome(plain):
    source = (plain / EMBED).read_text(encoding="utf-8")
    page = Html(source)
    assert source.startswith('<!doctype html>\n<html lang="en" class="jm-embed">')
    for theme_part in ("md-header", "md-nav", "md-search", "md-footer", "md-sidebar", "data-md-component"):
        assert theme_part not in source
    assert [a["src"] for a in page.find("script")] == ["../../../../assets/journeymaps/journeymaps.js"]
    assert [a["href"] for a in page.find("link", rel="stylesheet")] == [
        "../../../../assets/journeymaps/journeymaps.css",
        "../../../../assets/journeymaps/site.css",
    ]
    assert page.find("meta", name="robots", content="noindex")
    assert page.find("base", target="_blank")
    assert page.find("title")
    assert "<title>First purchase · Current state · Test site</title>" in source
    assert [t for t, _ in page.elements].count("h1") == 1


def test_the_embed_view_shows_the_title_the_curve_and_the_canvas(plain):
    page = read_page(plain, EMBED)
    assert {"jm-title", "jm-canvas", "stage-awareness", "stage-buy", "step-sees-a-post", "step-pays"} <= page.ids
    assert page.find("svg", class_="jm-curve jm-curve--current")
    assert page.find("div", class_="jm-canvas-scroll", role="region", **{"aria-labelledby": "jm-title"})
    # the title and the canvas, nothing else of the map page
    assert not page.find("figure") and not page.find("details") and "Sources" not in page.text
    assert not page.find("button")
    # (the document's <title>, then the page)
    assert page.text.startswith(
        "First purchase · Current state · Test site First purchase Current state Customer journey "
        "Stage Awareness Purchase Step Sees a post Pays"
    )
    assert page.text.endswith("A journey map from Test site Open the full map (opens in a new tab)")


def test_every_link_of_the_embed_view_opens_the_full_map_in_a_new_tab(plain):
    page = read_page(plain, EMBED)
    links = [a for t, a in page.elements if t == "a"]
    assert [a["href"] for a in links] == [
        "../",
        "../#stage-awareness",
        "../#stage-buy",
        "../#step-sees-a-post",
        "../#step-pays",
        "../",
    ]
    assert all(a["target"] == "_blank" and a["rel"] == "noopener" for a in links)
    assert all(resolves(plain, EMBED, a["href"]) for a in links)
    full = read_page(plain, MAP_PAGE)
    assert {"stage-awareness", "step-sees-a-post", "step-pays"} <= full.ids


def test_the_embed_view_stays_out_of_search_the_sitemap_and_the_nav(plain):
    index = json.loads((plain / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "embed" in d["location"]]
    assert "embed" not in (plain / "sitemap.xml").read_text(encoding="utf-8")
    home = read_page(plain, "index.html")
    assert not [h for h in home.hrefs() if "embed" in h]


def test_without_site_url_addresses_stay_relative(plain):
    page = read_page(plain, EMBED)
    assert page.find("link", rel="canonical", href="../")
    assert not [a for _, a in page.elements if a.get("property", "").startswith("og:url")]
    snippet = embed_snippet(read_page(plain, MAP_PAGE))
    assert snippet.find("iframe")[0]["src"] == "embed/"


def embed_snippet(page: Html) -> Html:
    """The HTML the map page offers to paste into a wiki, read as a wiki would."""
    start = page.source.index("data-jm-embed-snippet>") + len("data-jm-embed-snippet>")
    text = page.source[start : page.source.index("</textarea>", start)]
    return Html(Html(text).text)


def test_under_a_sub_path_links_stay_relative_and_copied_addresses_carry_the_sub_path(sub_path):
    page = read_page(sub_path, EMBED)
    assert page.find("link", rel="canonical", href=SUB_PATH + "journeys/first-purchase/current/")
    assert [a["href"] for a in page.find("a")][0] == "../"
    assert page.find("link", rel="stylesheet")[0]["href"] == "../../../../assets/journeymaps/journeymaps.css"
    # pasted into a chat, the embed view's address unfurls as its map does
    tags = {a["property"]: a["content"] for a in page.find("meta") if "property" in a}
    assert tags["og:url"] == SUB_PATH + "journeys/first-purchase/current/embed/"
    assert tags["og:image"] == SUB_PATH + "journeys/first-purchase/current/emotion.png"
    iframe = embed_snippet(read_page(sub_path, MAP_PAGE)).find("iframe")
    assert iframe == [
        {
            "src": SUB_PATH + "journeys/first-purchase/current/embed/",
            "title": "First purchase (Current state), a journey map from Test site",
            "width": "100%",
            "height": "600",
            "style": "border: 0",
            "loading": "lazy",
        }
    ]


def test_without_directory_urls_the_embed_view_is_an_html_file_beside_its_map(html_files):
    embed = "journeys/first-purchase/current/embed.html"
    page = read_page(html_files, embed)
    hrefs = [a["href"] for a in page.find("a")]
    assert hrefs[:2] == ["../current.html", "../current.html#stage-awareness"]
    assert all(resolves(html_files, embed, h) for h in hrefs)
    assert all(resolves(html_files, embed, a["href"]) for a in page.find("link", rel="stylesheet"))
    assert resolves(html_files, embed, page.find("script")[0]["src"])
    full = read_page(html_files, "journeys/first-purchase/current.html")
    assert full.find("a", href="current/embed.html", target="_blank")
    assert embed_snippet(full).find("iframe")[0]["src"] == "current/embed.html"


def test_the_map_page_carries_what_the_copy_link_buttons_need(plain):
    page = read_page(plain, MAP_PAGE)
    # The script puts a button beside each stage and step heading of this canvas (the
    # browser tests press them); the page carries the headings, their anchors and the labels.
    assert page.find("table", id="jm-canvas", **{"data-jm-copy-links": ""})
    anchors = ["stage-awareness", "stage-buy", "step-sees-a-post", "step-pays"]
    assert [a["href"] for a in page.find("a", class_="jm-anchor")] == [f"#{a}" for a in anchors]
    assert all(page.find("th", id=a) for a in anchors)
    (status,) = page.find("div", role="status", class_="jm-copy-status")
    assert status["data-jm-copy-stage"] == "Copy link to stage {name}"
    assert status["data-jm-copy-step"] == "Copy link to step {name}"
    assert page.find("template", **{"data-jm-copy-icon": ""})
    assert not page.find("button", class_="jm-copy")  # without JavaScript, the heading links
    assert page.find("textarea", id="jm-embed-snippet", readonly="")
    assert page.find("label", for_="jm-embed-snippet")


def test_the_embed_snippet_is_left_out_of_search(plain):
    index = json.loads((plain / "search/search_index.json").read_text(encoding="utf-8"))
    words = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("journeys/first-purchase/current"))
    assert "Sees a post" in words
    assert "iframe" not in words and "HTML to paste" not in words and "Copy link" not in words


def test_front_matter_text_is_escaped_in_the_snippet_and_the_embed_view(tmp_path):
    title = 'Say "hi" <b>&</b>'
    site_dir = built(tmp_path, {P: TWO_STEPS.replace("title: First purchase", f"title: '{title}'")})
    iframe = embed_snippet(read_page(site_dir, MAP_PAGE)).find("iframe")[0]
    assert iframe["title"] == f"{title} (Current state), a journey map from Test site"
    embed = read_page(site_dir, EMBED)
    assert "<b>" not in embed.source
    assert embed.find("h1", id="jm-title") and title in embed.text


def test_a_chinese_site_says_it_in_chinese(tmp_path):
    chinese = TWO_STEPS.replace("name: Sees a post", "name: 看到推荐").replace("name: Awareness", "name: 认知")
    site_dir = built(tmp_path, {P: chinese}, language="zh")
    page = read_page(site_dir, MAP_PAGE)
    (status,) = page.find("div", role="status", class_="jm-copy-status")
    assert status["data-jm-copy-stage"] == "复制阶段“{name}”的链接"
    assert status["data-jm-copy-step"] == "复制步骤“{name}”的链接"
    assert page.find("div", role="status", **{"data-jm-link-copied": "链接已复制"})
    embed = read_page(site_dir, EMBED)
    assert embed.source.startswith('<!doctype html>\n<html lang="zh" class="jm-embed">')
    assert embed.text.endswith("来自 Test site 的旅程地图 打开完整地图 （在新标签页中打开）")
    assert embed.find("a", href="../#step-看到推荐", target="_blank")


def test_an_old_journey_id_forwards_its_embed_view(tmp_path):
    aliased = TWO_STEPS.replace("state: current\n", "state: current\naliases: [checkout]\n")
    site_dir = built(tmp_path, {P: aliased})
    old = (site_dir / "journeys/checkout/current/embed/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="../../../first-purchase/current/embed/">' in old
    assert "location.search + location.hash" in old


def test_an_authors_own_file_at_the_embed_address_wins(tmp_path):
    own = "<!doctype html><title>Ours</title><p>An author's own embed page</p>\n"
    site_dir = built(tmp_path, {"docs/journeys/first-purchase/current/embed/index.html": own})
    assert (site_dir / EMBED).read_text(encoding="utf-8") == own


def test_the_map_page_offers_the_same_map_as_files(tmp_path):
    from conftest import MAP, build_site, read_page, write_site

    site_dir = build_site(write_site(tmp_path, {"maps/first-purchase/current.md": MAP}))
    page = read_page(site_dir, "journeys/first-purchase/current/index.html")
    for name in ("emotion.png", "journey.mmd", "map.json"):
        assert name in page.hrefs() and (site_dir / "journeys/first-purchase/current" / name).is_file()
