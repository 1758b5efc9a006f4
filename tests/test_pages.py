"""Each page kind, built into a real small site and read back as HTML."""

from __future__ import annotations

import json
import re

import pytest
from conftest import MAP, Html, build_site, chart_of, read_page, write_site

FUTURE = """\
---
title: First purchase
state: future
persona: zhang-li
tags: [mobile]
stages:
  - name: Awareness
    steps:
      - name: Sees a post
        touchpoint: Mini program post
        channel: app
        emotion: 2
        resolves: [slow-pay]
---
"""
BLUEPRINT = """\
---
title: Clinic visit
state: current
persona: [zhang-li, sam]
type: service-blueprint
reviewed: 2020-01-01
tags: [health]
stages:
  - name: Book
    steps:
      - name: Calls
        channel: phone
        touchpoint: Phone line
        emotion: -1
        moment_of_truth: true
        frontstage: Receptionist answers
        backstage: [Checks diaries]
        support: Telephony queue
      - name: Waits
---
"""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    write_site(
        root,
        {
            "maps/first-purchase/current.md": MAP.replace(
                "state: current\n",
                "state: current\naliases: [checkout]\nreviewed: 2026-11-01\ntags: [mobile, ecommerce]\n",
            ).replace(
                "    title: Interviews\n",
                "    title: Interviews\n    url: javascript:alert(1)\n  - {id: web, title: Dashboard, url: 'https://example.com/d'}\n",
            ),
            "maps/first-purchase/future.md": FUTURE,
            "maps/clinic.md": BLUEPRINT,
            "maps/secret.md": MAP.replace("state: current\n", "state: current\ndraft: true\n").replace(
                "First purchase", "Secret plan"
            ),
            "personas/sam.md": "---\nname: Sam Lee\nrole: Operations lead\n---\n",
        },
    )
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text() + "repo_url: https://git.example.com/cx/maps\nedit_uri: edit/main/docs/\n"
    )
    return build_site(root)


def test_map_page_has_the_stage_table_with_stable_anchors(site_dir):
    page = read_page(site_dir, "journeys/first-purchase/current/index.html")
    assert {"stage-awareness", "step-sees-a-post", "pain-slow-pay", "opportunity-one-tap-payment"} <= page.ids
    assert page.find("th", id="stage-awareness", scope="colgroup", colspan="1")
    text = page.text
    for words in (
        "First purchase",
        "Current state",
        "Social post",
        "Social media",
        "Payment is slow",
        "One-tap payment",
        "Notes.",
    ):
        assert words in text


def test_map_page_links_persona_states_and_edit_source(site_dir):
    page = read_page(site_dir, "journeys/first-purchase/current/index.html")
    hrefs = page.hrefs()
    assert "../../../personas/zhang-li/" in hrefs
    assert "../future/" in hrefs and "../" in hrefs
    assert "https://git.example.com/cx/maps/edit/main/maps/first-purchase/current.md" in hrefs


def test_map_page_chart_data_and_static_curve(site_dir):
    page = read_page(site_dir, "journeys/first-purchase/current/index.html")
    [figure] = page.find("figure")
    assert "data-search-exclude" in figure
    assert figure["data-jm-plotly"] == "../../../assets/journeymaps/plotly.min.js"
    spec = chart_of(figure)
    curve = spec["data"][0]
    assert curve["y"] == [1] and curve["customdata"][0] == ["Sees a post", "<br>Touchpoint: Social post", "Emotion: +1"]
    assert spec["data"][1]["name"] == "Pain points"
    assert page.find("svg", class_="jm-curve jm-curve--current", role="img")  # in the canvas's emotion lane
    assert page.find("circle", data_step="sees-a-post")  # drawn in the HTML, before any script runs
    assert (site_dir / "assets/journeymaps/plotly.min.js").stat().st_size > 1_000_000


def test_a_page_with_a_chart_runs_plotly_before_materials_script(site_dir):
    """plotly.js and the page script run before Material's own script, so the chart is drawn
    as soon as the page is read; plotly.js is asked for from the head. A page without a chart
    keeps the page script after Material's and never asks for plotly.js."""

    def scripts(path: str) -> list[str]:
        html = (site_dir / path).read_text(encoding="utf-8")
        return [src.rsplit("/", 1)[1] for src in re.findall(r'<script src="([^"]+)"></script>', html)]

    def preloads(path: str) -> list[str]:
        return re.findall(r'<link rel="preload" href="([^"]+)" as="script">', (site_dir / path).read_text("utf-8"))

    for page in ("journeys/first-purchase/current/index.html", "journeys/first-purchase/index.html"):
        found = scripts(page)
        assert found[:2] == ["plotly.min.js", "journeymaps.js"] and found[2].startswith("bundle."), found
        assert found.count("journeymaps.js") == 1
        assert [p.rsplit("/", 1)[1] for p in preloads(page)] == ["plotly.min.js"]
    found = scripts("personas/index.html")
    assert found[0].startswith("bundle.") and found[1:] == ["journeymaps.js"]
    assert preloads("personas/index.html") == []


def test_sources_link_only_safe_urls(site_dir):
    page = read_page(site_dir, "journeys/first-purchase/current/index.html")
    assert "https://example.com/d" in page.hrefs()
    assert not [h for h in page.hrefs() if h.startswith("javascript:")]
    assert "javascript:alert(1)" in page.text  # shown as text, not a link


def test_service_blueprint_lanes_and_gap(site_dir):
    page = read_page(site_dir, "journeys/clinic/current/index.html")
    text = page.text
    for lane in ("Frontstage", "Line of visibility", "Backstage", "Support processes", "Moment of truth"):
        assert lane in text
    spec = chart_of(page.find("figure")[0])
    assert spec["data"][0]["y"] == [-1, None]  # a gap where a step has no emotion
    assert "Due for review" in text


def test_journeys_index(site_dir):
    page = read_page(site_dir, "journeys/index.html")
    rows = [a for t, a in page.elements if t == "tr" and "jm-tree__row" in a.get("class", "")]
    assert [r["data-persona"] for r in rows] == ["zhang-li\nsam", "zhang-li"]
    assert rows[0]["data-type"] == "service-blueprint" and rows[1]["data-tag"] == "mobile\necommerce"
    assert {"clinic/current/", "first-purchase/current/", "first-purchase/future/", "first-purchase/"} <= set(
        page.hrefs()
    )
    assert page.find("form", data_jm_filters="")
    assert len(page.find("svg", class_="jm-sparkline")) == 2
    assert "Secret plan" not in page.text


def test_persona_pages(site_dir):
    page = read_page(site_dir, "personas/zhang-li/index.html")
    assert "Zhang Li" in page.text and "Marketing manager" in page.text
    assert {
        "../../journeys/first-purchase/current/",
        "../../journeys/first-purchase/future/",
        "../../journeys/clinic/current/",
    } <= set(page.hrefs())
    index = read_page(site_dir, "personas/index.html")
    assert {"zhang-li/", "sam/"} <= set(index.hrefs())


def test_nav_has_journeys_and_personas_sections(site_dir):
    page = read_page(site_dir, "index.html")
    nav = page.text
    assert "Journeys" in nav and "All journeys" in nav and "Personas" in nav and "All personas" in nav
    assert "Secret plan" not in nav


def test_drafts_are_left_out_of_the_build(site_dir):
    assert not (site_dir / "journeys/secret").exists()
    index = json.loads((site_dir / "journeymaps.json").read_text())
    assert [j["id"] for j in index["journeys"]] == ["clinic", "first-purchase"]


def test_map_json(site_dir):
    data = json.loads((site_dir / "journeys/first-purchase/current/map.json").read_text())
    assert (data["journey"], data["state"], data["title"], data["persona"], data["type"]) == (
        "first-purchase", "current", "First purchase", ["zhang-li"], "customer-journey",
    )  # fmt: skip
    step = data["stages"][0]["steps"][0]
    assert step["id"] == "sees-a-post" and step["emotion"] == 1 and step["channel"] == "social"
    assert step["pain_points"] == [{"id": "slow-pay", "text": "Payment is slow", "severity": None, "evidence": []}]
    assert "path" not in data and "body" not in data


def test_journeymaps_json(site_dir):
    data = json.loads((site_dir / "journeymaps.json").read_text())
    journey = data["journeys"][1]
    assert (journey["id"], journey["url"]) == ("first-purchase", "journeys/first-purchase/")
    current = journey["states"]["current"]
    assert (current["url"], current["persona"], current["reviewed"]) == (
        "journeys/first-purchase/current/",
        ["zhang-li"],
        "2026-11-01",
    )
    assert data["journeys"][0]["states"]["current"]["review_due"] is True
    assert {"id": "sam", "name": "Sam Lee", "url": "personas/sam/", "role": "Operations lead"} in data["personas"]


def test_alias_redirects_keep_old_links_working(site_dir):
    page = (site_dir / "journeys/checkout/current/index.html").read_text()
    assert 'content="0; url=../../first-purchase/current/"' in page
    assert (site_dir / "journeys/checkout/index.html").exists()


def test_every_generated_page_has_one_h1(site_dir):
    # Search is handed a page's words in place of its markup; the theme writes an h1 of its
    # own into a page whose content it is given has none.
    pages = [p for p in site_dir.rglob("index.html") if "<article" in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        assert article.count("<h1") == 1, path.relative_to(site_dir)


def test_search_index_has_words_not_chart_numbers(site_dir):
    index = json.loads((site_dir / "search/search_index.json").read_text())
    text = " ".join(
        doc["text"] + " " + doc["title"]
        for doc in index["docs"]
        if doc["location"].startswith("journeys/first-purchase/current/")
    )
    assert "Sees a post" in text and "Social post" in text and "Awareness" in text
    assert "hovertemplate" not in text and "customdata" not in text


HOSTILE = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"


def test_hostile_text_is_escaped_everywhere(tmp_path):
    evil_map = (
        MAP.replace("title: First purchase", f"title: '{HOSTILE.replace(chr(39), chr(39) * 2)}'")
        .replace("name: Awareness", f"name: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n    id: aware")
        .replace("touchpoint: Social post", f"touchpoint: '{HOSTILE.replace(chr(39), chr(39) * 2)}'")
        .replace("channel: social", f"channel: '{HOSTILE.replace(chr(39), chr(39) * 2)}'")
        .replace("text: Payment is slow", f"text: '{HOSTILE.replace(chr(39), chr(39) * 2)}'")
        .replace(
            "state: current\n",
            f"state: current\nowner: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\ntags: ['{HOSTILE.replace(chr(39), chr(39) * 2)}']\n",
        )
    )
    evil_persona = f"---\nname: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\nrole: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\ndemographics: {{'<b>k</b>': '<i>v</i>'}}\n---\n"
    root = write_site(tmp_path, {"maps/first-purchase/current.md": evil_map, "personas/zhang-li.md": evil_persona})
    site_dir = build_site(root)
    pages = [
        p for p in site_dir.rglob("*.html") if "journeys" in p.parts or "personas" in p.parts or p.name == "index.html"
    ]
    assert len(pages) >= 5
    for path in pages:
        source = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in source, path
        assert "<img src=x" not in source, path
        assert "<b>k</b>" not in source and "<i>v</i>" not in source, path
        html = Html(source)
        assert not any("onerror" in attrs for _, attrs in html.elements), path
    page = read_page(site_dir, "journeys/first-purchase/current/index.html")
    assert HOSTILE in page.text  # shown to the reader exactly as written
    spec = chart_of(page.find("figure")[0])
    assert "<script>" not in json.dumps(spec)  # Plotly reads tags in labels: they are entities
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in spec["data"][0]["customdata"][0][1]


def test_chinese_site_labels_and_anchors(tmp_path):
    text = MAP.replace("name: Awareness", "name: 认知").replace("name: Sees a post", "name: 看到推荐")
    root = write_site(tmp_path, {"maps/首次购买/current.md": text}, language="zh")
    site_dir = build_site(root)
    page = read_page(site_dir, "journeys/首次购买/current/index.html")
    assert {"stage-认知", "step-看到推荐"} <= page.ids
    for label in ("情绪曲线", "逐阶段视图", "触点", "痛点", "机会点", "现状", "社交媒体"):
        assert label in page.text
    assert "Emotion curve" not in page.text and "Pain points" not in page.text
    index = read_page(site_dir, "journeys/index.html")
    assert "%E9%A6%96%E6%AC%A1%E8%B4%AD%E4%B9%B0/current/" in index.hrefs()
    assert "全部旅程" in read_page(site_dir, "index.html").text


def test_without_directory_urls(tmp_path):
    root = write_site(tmp_path, {"maps/first-purchase/current.md": MAP})
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text().replace("use_directory_urls: true", "use_directory_urls: false")
    )
    site_dir = build_site(root)
    page = read_page(site_dir, "journeys/first-purchase/current.html")
    assert "../../personas/zhang-li.html" in page.hrefs()
    assert page.find("figure")[0]["data-jm-plotly"] == "../../assets/journeymaps/plotly.min.js"
    data = json.loads((site_dir / "journeymaps.json").read_text())
    assert data["journeys"][0]["states"]["current"]["url"] == "journeys/first-purchase/current.html"


def test_drafts_are_shown_when_serving(tmp_path):
    root = write_site(tmp_path, {"maps/plan.md": MAP.replace("state: current\n", "state: current\ndraft: true\n")})
    site_dir = build_site(root, serve=True)
    assert "Draft" in read_page(site_dir, "journeys/plan/current/index.html").text


def test_emotion_png_and_link_preview_meta(tmp_path):
    from PIL import Image

    root = write_site(tmp_path, {"maps/首次购买/current.md": MAP})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "site_url: https://maps.example.com/\n")
    site_dir = build_site(root)
    png = site_dir / "journeys/首次购买/current/emotion.png"
    with Image.open(png) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    page = read_page(site_dir, "journeys/首次购买/current/index.html")
    [og_image] = page.find("meta", property="og:image")
    assert (
        og_image["content"]
        == "https://maps.example.com/journeys/%E9%A6%96%E6%AC%A1%E8%B4%AD%E4%B9%B0/current/emotion.png"
    )
    assert page.find("meta", property="og:title", content="First purchase · Current state")
    # every preview image of the site is cached: the map's, the journey's (its summary shows it
    # too), the persona's, the index pages' (journeys, pain points, touchpoints, opportunities
    # and its matrix, owners, tags, personas) and the research index's (its sources show it too)
    cached = {p.read_bytes() for p in (root / ".cache/journeymaps/previews").glob("*.png")}
    drawn = [p for p in site_dir.rglob("*.png") if "assets/images" not in p.as_posix()]  # the theme's favicon
    assert png.read_bytes() in cached and len(cached) == len(drawn) == 12


def test_touchpoints_page(site_dir):
    page = read_page(site_dir, "touchpoints/index.html")
    assert {"channel-social", "channel-phone", "channel-app"} <= page.ids
    text = page.text
    assert "Social post" in text and "Phone line" in text and "Mini program post" in text
    assert "../journeys/first-purchase/current/#step-sees-a-post" in page.hrefs()
    assert "../journeys/clinic/current/#step-calls" in page.hrefs()


def test_opportunities_page_and_csv(site_dir):
    import csv

    page = read_page(site_dir, "opportunities/index.html")
    assert "One-tap payment" in page.text and "Payment is slow" in page.text
    assert "../opportunities.csv" in page.hrefs()
    assert page.find("form", data_jm_rows=".jm-opportunity-rows tbody tr")
    raw = (site_dir / "opportunities.csv").read_text(encoding="utf-8")
    assert raw.startswith("\ufeffjourney,state,map,")
    rows = list(csv.DictReader(raw.lstrip("\ufeff").splitlines()))
    assert [(r["journey"], r["id"], r["addresses"], r["url"]) for r in rows] == [
        ("first-purchase", "one-tap-payment", "Payment is slow", "journeys/first-purchase/current/#step-sees-a-post")
    ]


def test_csv_cells_never_run_as_formulas(tmp_path):
    import csv

    text = MAP.replace("text: One-tap payment", "text: '=HYPERLINK(\"http://x.test\")'")
    root = write_site(tmp_path, {"maps/first-purchase/current.md": text})
    site_dir = build_site(root)
    [row] = list(
        csv.DictReader((site_dir / "opportunities.csv").read_text(encoding="utf-8").lstrip("\ufeff").splitlines())
    )
    assert row["opportunity"] == '\'=HYPERLINK("http://x.test")'


def test_the_colours_of_emotion_have_one_owner(site_dir):
    """site/colours.py: the pages' variables, light and dark, the Plotly traces' colour names
    and the preview images all come from it; no stylesheet or script keeps its own copy."""
    import re

    from journeymaps.site.colours import PALETTE

    generated = (site_dir / "assets/journeymaps/site.css").read_text(encoding="utf-8")
    for name, (light, dark) in PALETTE.items():
        assert f"--jm-{name}:{light}" in generated and f"--jm-{name}:{dark}" in generated
    for asset in ("journeymaps.css", "journeymaps.js"):
        text = (site_dir / "assets/journeymaps" / asset).read_text(encoding="utf-8")
        assert not {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}", text)} & {
            c for pair in PALETTE.values() for c in pair
        }, asset
    page = read_page(site_dir, "journeys/first-purchase/current/index.html")
    spec = chart_of([f for f in page.find("figure") if "data-jm-chart" in f][0])
    assert {trace["meta"] for trace in spec["data"]} <= set(PALETTE)
