"""journeymaps in real MkDocs sites, beside the plugins those sites already run (issue 27,
docs/integrations.md): each test builds a small site with the demo's maps, strictly, with
the real other plugin (a test extra), and checks what went wrong before."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import venv
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import Tab, wait_for_charts
from conftest import REPO, Html, build_site, chart_of, read_page
from journeymaps.authoring import history

pytestmark = pytest.mark.slow

SITE_URL = "https://maps.example.com/"
MAP_PAGE = "journeys/open-account/current/index.html"
# A map whose words hold quotes, which HTML minifiers rewrite inside attributes.
QUOTED = """\
---
title: 'Say "hello"'
state: current
persona: zhang-li
tags: [quotes]
stages:
  - name: The "first" stage
    steps:
      - name: Reads "terms & conditions"
        touchpoint: A <b>page</b>
        channel: web
        emotion: 1
---
"""


def demo_site(
    root: Path,
    plugins: str,
    *,
    more: str = "",
    files: dict[str, str] | None = None,
    features: str = "navigation.instant",
) -> Path:
    """The demo's maps and personas, two docs pages, and mkdocs.yml with these plugins."""
    for folder in ("maps", "personas", "metrics"):
        shutil.copytree(REPO / folder, root / folder)
    written = {
        "maps/quoted.md": QUOTED,
        "docs/index.md": "# Home\n\nWelcome.\n",
        "docs/guide.md": "# Guide\n\nSee [the map](journeys/open-account/current.md).\n",
        **(files or {}),
    }
    for name, text in written.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Test site\nsite_url: {SITE_URL}\ntheme:\n  name: material\n  font: false\n"
        f"  features: [{features}]\n{more}plugins:\n{plugins}",
        encoding="utf-8",
    )
    return root


def pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def test_minified_html_js_and_css_keep_charts_and_embed_views(tmp_path):
    minify = (
        "  - minify:\n      minify_html: true\n      minify_js: true\n      minify_css: true\n"
        "      js_files: [assets/journeymaps/journeymaps.js]\n      css_files: [assets/journeymaps/journeymaps.css]\n"
    )
    site = build_site(demo_site(tmp_path, f"  - search\n  - journeymaps\n{minify}"), strict=True)
    page = read_page(site, "journeys/quoted/current/index.html")
    spec = chart_of(page.find("figure")[0])
    # Plotly reads hover text as HTML: the spec holds it escaped, and after minifying still does.
    assert spec["data"][0]["customdata"][0][0] == "Reads &quot;terms &amp; conditions&quot;"
    charts = [f for page in pages(site) for f in read_page(site, str(page.relative_to(site))).find("figure")]
    charts = [f for f in charts if "data-jm-chart" in f]
    assert len(charts) > 10 and all(chart_of(f)["data"] for f in charts)
    embed = site / "journeys/quoted/current/embed/index.html"
    linked = re.findall(r'(?:href|src)="?([^" >]+\.(?:css|js))', embed.read_text(encoding="utf-8"))
    assert any(link.endswith("journeymaps.min.js") for link in linked)
    assert all((embed.parent / unquote(link)).is_file() for link in linked), linked


def dead_links(site: Path, served: bool = False) -> dict[str, list[str]]:
    """Links of the built pages that lead nowhere when the site is opened from file://: to no
    file, or to a folder (the browser shows a listing, not index.html); ``served``: from a
    web server, which answers a folder with its index.html."""
    dead: dict[str, list[str]] = {}
    for page in pages(site):
        for tag, attrs in Html(page.read_text(encoding="utf-8")).elements:
            link = attrs.get("href") or attrs.get("src")
            if not link or tag not in ("a", "link", "script", "img", "iframe"):
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = page.parent / unquote(parts.path)
            if served and target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                dead.setdefault(link, []).append(str(page.relative_to(site)))
    return dead


def test_offline_plugin_after_ours_no_dead_link_from_file_urls(tmp_path, browser):
    site = build_site(demo_site(tmp_path, "  - search\n  - journeymaps\n  - offline\n"), strict=True)
    assert dead_links(site) == {}
    # As a reader opens it: from file://, in Chromium, following the links the page has.
    tab = Tab(browser)
    try:
        offline_map = "journeys/open-account/current.html"  # offline turns directory URLs off
        for path in ("journeys/index.html", offline_map, "personas/zhang-li.html", "tags/banking/index.html"):
            tab.open((site / path).as_uri())
            hrefs = tab.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            for href in hrefs:
                if href.startswith("file://"):
                    target = Path(unquote(urlsplit(href).path))
                    assert target.is_file(), f"{path}: {href}"
        tab.open((site / offline_map).as_uri())
        assert wait_for_charts(tab.page) == 1  # the chart draws from file:// too
        # The theme's offline page loads a shim from the internet, which the tests have not.
        assert [e for e in tab.errors if "Failed to load resource" not in e] == []
    finally:
        tab.close()


def test_privacy_plugin_without_internet(tmp_path, monkeypatch):
    # Material's own bundle names mermaid on a CDN, which the privacy plugin cannot fetch here
    # with or without journeymaps: left out, so what remains is what journeymaps serves (the
    # partial plotly.js bundle, which names no map tiles).
    privacy = "  - privacy:\n      assets_exclude: [unpkg.com/mermaid*]\n"
    root = demo_site(tmp_path, "  - search\n  - journeymaps\n" + privacy)
    monkeypatch.chdir(root)  # the privacy plugin's cache is .cache/ in the working folder
    site = build_site(root, strict=True)
    assert read_page(site, MAP_PAGE).find("figure")
    assert not (root / ".cache/plugin/privacy/assets/external").exists()


def social_font(root: Path) -> None:
    """The social plugin downloads its font from the internet; the tests have none, so its
    cache holds a font of this machine under the name it looks for."""
    cache = root / ".cache/plugin/social/fonts/Roboto"
    cache.mkdir(parents=True)
    for style in ("Regular", "Bold", "Medium", "Light", "Italic", "Black", "Thin"):
        shutil.copy("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", cache / f"{style}.ttf")


def test_social_plugin_one_preview_per_page(tmp_path, monkeypatch):
    root = demo_site(tmp_path, "  - search\n  - journeymaps\n  - social\n")
    monkeypatch.chdir(root)
    social_font(root)
    site = build_site(root, strict=True)
    for page in pages(site):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        for tag in ("og:image", "og:title", "og:url", "twitter:image", "twitter:card"):
            assert len(re.findall(rf'(?:property|name)="{tag}"', head)) <= 1, f"{page}: {tag}"
    image = re.compile(r'property="og:image" content="([^"]+)"')
    ours = image.search((site / MAP_PAGE).read_text(encoding="utf-8")).group(1)
    assert ours == f"{SITE_URL}journeys/open-account/current/emotion.png"
    persona = image.search((site / "personas/zhang-li/index.html").read_text(encoding="utf-8")).group(1)
    assert persona == f"{SITE_URL}personas/zhang-li/card.png"
    theirs = image.search((site / "guide/index.html").read_text(encoding="utf-8")).group(1)
    assert theirs.startswith(f"{SITE_URL}assets/images/social/")


def test_material_tags_index_lists_maps_and_the_authors_tags_page_stays(tmp_path):
    authors = "# Our tags\n\nEverything, by tag.\n\n<!-- material/tags -->\n"
    root = demo_site(
        tmp_path,
        "  - search\n  - journeymaps\n  - tags\n",
        files={"docs/tags.md": authors, "docs/guide.md": "---\ntags: [banking]\n---\n# Guide\n"},
    )
    site = build_site(root, strict=True)
    index = read_page(site, "tags/index.html")
    assert "Our tags" in index.text and "Everything, by tag." in index.text
    # One index for docs and maps: the guide and the maps tagged banking under one tag.
    # Under their own titles, not their nav labels ("Current state").
    assert "Guide" in index.text and "Opening a current account · Current state" in index.text
    assert not (site / "tags/banking/index.html").exists()
    index_tags = json.loads((site / "journeymaps.json").read_text(encoding="utf-8"))["tags"]
    assert index_tags and all(t["url"] is None for t in index_tags)  # no page of ours to point at
    map_page = (site / MAP_PAGE).read_text(encoding="utf-8")
    assert 'class="md-tag' in map_page  # the theme's own chips
    assert dead_links(site, served=True) == {}


def test_our_tags_page_never_replaces_the_authors(tmp_path, caplog):
    root = demo_site(tmp_path, "  - search\n  - journeymaps\n", files={"docs/tags.md": "# Our own tags page\n"})
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.journeymaps"):
        site = build_site(root, strict=True)
    assert "Our own tags page" in read_page(site, "tags/index.html").text
    assert "docs/tags.md is your own page" in caplog.text


def nav_titles(site: Path, page: str = "guide/index.html") -> list[str]:
    """The primary navigation's entries, in order, as the theme renders them."""
    source = (site / page).read_text(encoding="utf-8")
    primary = source[source.index("md-nav--primary") :]
    primary = primary[: primary.index("</nav>\n</div>")] if "</nav>\n</div>" in primary else primary
    titles = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)
    return list(dict.fromkeys(titles))


NAV = """\
nav:
  - Home: index.md
  - Maps: journeys/index.md
  - Guide: guide.md
  - Account opening: journeys/open-account/current.md
  - People: personas/index.md
"""


def test_nav_places_and_renames_our_sections_and_single_maps(tmp_path):
    site = build_site(demo_site(tmp_path, "  - search\n  - journeymaps\n", more=NAV), strict=True)
    titles = nav_titles(site)
    assert titles.index("Home") < titles.index("Maps") < titles.index("Guide") < titles.index("Account opening")
    assert titles.index("Account opening") < titles.index("People") < titles.index("Maria Santos")
    assert "Journeys" not in titles and "Personas" not in titles  # placed, not added again
    assert titles.index("Maps") < titles.index("All journeys") < titles.index("Guide")


def test_awesome_nav_places_our_sections(tmp_path):
    awesome = "nav:\n  - index.md\n  - Maps: journeys/index.md\n  - guide.md\n  - People: personas/index.md\n"
    root = demo_site(tmp_path, "  - search\n  - journeymaps\n  - awesome-nav\n", files={"docs/.nav.yml": awesome})
    titles = nav_titles(build_site(root, strict=True))
    assert titles.index("Maps") < titles.index("Guide") < titles.index("People")


def test_literate_nav_places_our_sections(tmp_path):
    summary = "* [Home](index.md)\n* [Guide](guide.md)\n* [Maps](journeys/index.md)\n"
    root = demo_site(
        tmp_path,
        "  - search\n  - journeymaps\n  - literate-nav:\n      nav_file: SUMMARY.md\n",
        files={"docs/SUMMARY.md": summary},
    )
    titles = nav_titles(build_site(root, strict=True))
    assert titles.index("Guide") < titles.index("Maps") < titles.index("Personas")


@pytest.mark.parametrize("before", [True, False], ids=["listed-before", "listed-after"])
def test_section_index_and_redirects_in_either_order(tmp_path, before):
    theirs = (
        "  - section-index\n  - redirects:\n      redirect_maps:\n"
        "        old-map.md: journeys/open-account/current.md\n        people.md: personas/index.md\n"
    )
    plugins = f"  - search\n{theirs}  - journeymaps\n" if before else f"  - search\n  - journeymaps\n{theirs}"
    site = build_site(demo_site(tmp_path, plugins), strict=True)
    assert "../journeys/open-account/current/" in (site / "old-map/index.html").read_text(encoding="utf-8")
    assert (site / "people/index.html").is_file()


def git(root: Path, *args: str, date: str = "2024-03-05T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_git_revision_dates_are_the_map_files_commits(tmp_path):
    plugins = "  - search\n  - journeymaps\n  - git-revision-date-localized:\n      type: iso_date\n      enable_creation_date: true\n"
    root = demo_site(tmp_path, plugins)
    git(root, "init", "-q")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.com", "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "first")
    map_file = root / "maps/open-account/current.md"
    map_file.write_text(map_file.read_text(encoding="utf-8") + "\nMore notes.\n", encoding="utf-8")
    git(
        root,
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-qam",
        "edit",
        date="2025-06-07T10:00:00+00:00",
    )
    site = build_site(root, strict=True)
    page = (site / MAP_PAGE).read_text(encoding="utf-8")
    dates = re.findall(r'localized-plugin-iso_date"[^>]*>(\d{4}-\d\d-\d\d)<', page)
    assert dates == ["2025-06-07", "2024-03-05"]  # last update, then creation
    persona = (site / "personas/zhang-li/index.html").read_text(encoding="utf-8")
    assert re.findall(r'localized-plugin-iso_date"[^>]*>(\d{4}-\d\d-\d\d)<', persona) == [
        "2024-03-05",
        "2024-03-05",
    ]


def test_monorepo_edit_links_lead_to_the_map_file(tmp_path):
    more = "repo_url: https://git.example.com/cx/site\nedit_uri: edit/main/docs/\nnav:\n  - Home: index.md\n  - Guide: guide.md\n"
    root = demo_site(tmp_path, "  - search\n  - monorepo\n  - journeymaps\n", more=more, features="content.action.edit")
    site = build_site(root, strict=True)
    page = read_page(site, MAP_PAGE)
    edits = [a["href"] for a in page.find("a") if "md-content__button" in a.get("class", "")]
    assert edits == ["https://git.example.com/cx/site/edit/main/maps/open-account/current.md"]


I18N = """\
  - search
  - i18n:
      docs_structure: {structure}
      languages:
        - locale: en
          default: true
          name: English
        - locale: zh
          name: 中文
"""


@pytest.mark.parametrize("structure", ["suffix", "folder"])
@pytest.mark.parametrize("ours_first", [True, False], ids=["ours-first", "ours-last"])
def test_static_i18n_builds_a_page_per_language(tmp_path, structure, ours_first):
    i18n = I18N.format(structure=structure)
    plugins = f"  - journeymaps\n{i18n}" if ours_first else f"{i18n}  - journeymaps\n"
    files = (
        {"docs/index.zh.md": "# 首页\n"}
        if structure == "suffix"
        else {"docs/en/index.md": "# Home\n", "docs/en/guide.md": "# Guide\n", "docs/zh/index.md": "# 首页\n"}
    )
    # i18n's own contextual switcher does not work with instant navigation (it says so).
    root = demo_site(tmp_path, plugins, files=files, features="")
    if structure == "folder":
        (root / "docs/index.md").unlink()
        (root / "docs/guide.md").unlink()
    site = build_site(root, strict=True)
    english, chinese = read_page(site, MAP_PAGE), read_page(site, "zh/" + MAP_PAGE)
    assert "Pain points" in english.text and "痛点" in chinese.text
    assert 'lang="zh"' in chinese.source and 'lang="en"' in english.source
    switch = {a["hreflang"]: a["href"] for a in chinese.find("a") if "hreflang" in a}
    assert switch == {"en": "../../../../journeys/open-account/current/", "zh": "./"}
    assert (site / "zh/personas/zhang-li/index.html").is_file() and (site / "zh/journeys/index.html").is_file()
    chinese_card = re.search(r'property="og:image" content="([^"]+)"', chinese.source).group(1)
    assert chinese_card == f"{SITE_URL}zh/journeys/open-account/current/emotion.png"
    assert (site / "zh/journeys/open-account/current/emotion.png").is_file()


def test_static_i18n_writes_the_history_of_each_language(tmp_path):
    """The history's JSON is added after the pages are rendered (on_env): each language has its own."""
    root = demo_site(
        tmp_path,
        "  - journeymaps\n" + I18N.format(structure="suffix"),
        files={"docs/index.zh.md": "# 首页\n"},
        features="",
    )
    history._MEMORY.clear()
    (root / ".gitignore").write_text("site/\n.cache/\n")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Reviewed in June"], cwd=root, check=True)
    path = root / "maps/open-account/current.md"
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: 2026-06-15", "reviewed: 2026-09-15"))
    subprocess.run([*git, "commit", "-q", "-am", "Reviewed in September"], cwd=root, check=True)
    site = build_site(root, strict=True)
    for folder in ("", "zh/"):
        found = json.loads((site / folder / "journeys/open-account/current/history.json").read_text(encoding="utf-8"))
        assert [r["reviewed"] for r in found["reviews"]] == ["2026-06-15", "2026-09-15"], folder
    assert "的评审" in read_page(site, "zh/" + MAP_PAGE).text


@pytest.mark.parametrize("before", [True, False], ids=["redirects-first", "redirects-last"])
def test_static_i18n_and_redirects_to_a_generated_page(tmp_path, before):
    """With static-i18n our pages are added after redirects has looked at the site's pages."""
    theirs = (
        "  - redirects:\n      redirect_maps:\n"
        "        old-map.md: journeys/open-account/current.md\n        old-guide.md: guide.md\n"
    )
    i18n = I18N.format(structure="suffix")
    plugins = f"{theirs}{i18n}  - journeymaps\n" if before else f"{i18n}  - journeymaps\n{theirs}"
    root = demo_site(tmp_path, plugins, files={"docs/index.zh.md": "# 首页\n"}, features="")
    site = build_site(root, strict=True)  # strict: "Redirect target does not exist" fails it
    assert 'href="../journeys/open-account/current/"' in (site / "old-map/index.html").read_text(encoding="utf-8")
    assert 'href="../guide/"' in (site / "old-guide/index.html").read_text(encoding="utf-8")


TECHDOCS = REPO / ".cache" / "techdocs-venv"


def test_techdocs_core_without_site_url_builds_strictly(tmp_path):
    """Backstage builds with techdocs-core, which pins its own Material and Markdown (older
    than ours): a virtual environment of its own, kept between runs under .cache/."""
    python = TECHDOCS / "bin" / "python"
    stamp = TECHDOCS / ".installed"
    if not stamp.is_file():
        venv.create(TECHDOCS, with_pip=True, clear=True)
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "mkdocs-techdocs-core", str(REPO)], check=True, timeout=900
        )
        stamp.touch()
    else:  # the plugin as it is now
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(REPO)],
            check=True,
            timeout=900,
        )
    root = demo_site(tmp_path, "  - techdocs-core\n  - journeymaps\n")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(f"site_url: {SITE_URL}\n", ""), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{TECHDOCS / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [TECHDOCS / "bin" / "mkdocs", "build", "--strict"], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "site_url is not set" in done.stderr  # said, as an INFO line
    page = (root / "site" / MAP_PAGE).read_text(encoding="utf-8")
    assert "og:image" not in page and "jm-canvas" in page


def test_a_docs_page_links_to_a_generated_page(tmp_path):
    """docs/integrations.md: link to a map as journeys/<journey>/<state>.md."""
    site = build_site(demo_site(tmp_path, "  - search\n  - journeymaps\n"), strict=True)
    assert "../journeys/open-account/current/" in read_page(site, "guide/index.html").hrefs()


def test_only_style_sheets_and_scripts_are_looked_for_among_minified_names():
    """mkdocs-minify-plugin renames the entries of extra_css and extra_javascript; an image or a
    data file keeps its address, whatever the entries are called."""
    from types import SimpleNamespace

    from journeymaps.neighbours.minify import renamed_assets

    config = SimpleNamespace(
        extra_css=["assets/journeymaps/journeymaps.min.css"],
        extra_javascript=["assets/journeymaps/journeymaps.1a2b3c.min.js"],
    )
    renamed = renamed_assets(config)
    assert renamed("assets/journeymaps/journeymaps.css") == "assets/journeymaps/journeymaps.min.css"
    assert renamed("assets/journeymaps/journeymaps.js") == "assets/journeymaps/journeymaps.1a2b3c.min.js"
    assert (
        renamed("assets/journeymaps/previews/journeys/x/emotion.png")
        == "assets/journeymaps/previews/journeys/x/emotion.png"
    )
    assert renamed("assets/journeymaps/journeymaps.png") == "assets/journeymaps/journeymaps.png"
