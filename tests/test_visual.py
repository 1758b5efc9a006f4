"""What the visual review of every page found (issue 17), held in built pages: the
comparison says "designed" and "delivered" apart, sees renamed steps and blueprint lane
changes and labels goals as goals; notices read as notices; demographics are labelled; the
map has a key; tables carry what phones need to show them as cards; chart tooltips speak
the site's language."""

from __future__ import annotations

import json
import re

import pytest
from conftest import Html, build_site, catalog_of, chart_of, read_page, write_site
from journeymaps.analysis.compare import compare_journey

CURRENT = """\
---
title: Checkout
state: current
persona: zhang-li
goal: Fewer abandoned carts
type: service-blueprint
stages:
  - name: Pay
    steps:
      - name: Enters card
        id: card
        touchpoint: Card form
        channel: web
        emotion: -2
        frontstage: [Card form]
        backstage: [Manual fraud check]
        pain_points:
          - {id: long-form, text: Long card form, severity: high}
          - {id: fees, text: Hidden fees, severity: medium}
          - {id: no-receipt, text: No receipt}
        opportunities:
          - {text: Wallet payment, status: idea, addresses: [long-form]}
          - {text: Fee calculator, status: planned, addresses: [fees]}
          - {text: Show fees up front, status: done, addresses: [fees]}
      - {name: Gets receipt, id: receipt, emotion: -1}
---
"""
FUTURE = """\
---
title: Checkout
state: future
persona: zhang-li
goal: Half as many abandoned carts
type: service-blueprint
stages:
  - name: Pay
    steps:
      - name: Pays with wallet
        id: card
        touchpoint: Card form
        channel: web
        emotion: 1
        frontstage: [Card form]
        backstage: [Automatic fraud check]
        resolves: [long-form, fees]
      - {name: Gets a receipt by email, id: receipt, emotion: 1}
---
"""


def row(page: Html, ident: str) -> str:
    """The text of the table row with that id."""
    match = re.search(rf'<tr id="{re.escape(ident)}">(.*?)</tr>', page.source, re.S)
    assert match, ident
    return Html(match.group(1)).text


@pytest.fixture(scope="module")
def journey_site(tmp_path_factory):
    root = write_site(
        tmp_path_factory.mktemp("visual"),
        {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": FUTURE},
    )
    return root, build_site(root)


def test_a_pain_point_resolved_in_the_design_is_delivered_only_when_its_opportunity_is_done(journey_site):
    root, _ = journey_site
    c = compare_journey(catalog_of(root).journeys["checkout"])
    assert [(p.pain.id, p.resolved, p.progress, p.delivered) for p in c.pain_points] == [
        ("long-form", True, "idea", False),
        ("fees", True, "done", True),  # the furthest status of the two opportunities behind it
        ("no-receipt", False, None, False),
    ]
    assert c.delivered_ids == ["fees"]


def test_the_journey_page_says_resolved_in_the_future_design_with_the_delivery_status(journey_site):
    _, site_dir = journey_site
    page = read_page(site_dir, "journeys/checkout/index.html")
    assert (
        "Pain points resolved in the future design: 2 of 3. Of those, delivered (the opportunity behind them is done): 1."
        in page.text
    )
    assert row(page, "pain-long-form") == (
        "Long card form High Enters card Pay Resolved in the future design resolved by Pays with wallet "
        "Delivery: Idea Wallet payment Idea"
    )
    assert row(page, "pain-no-receipt") == ("No receipt Enters card Pay Open Delivery: no opportunity recorded")
    # The green tick only where an opportunity is done; "Resolved" alone is never said.
    resolved = re.findall(r'<span class="(jm-resolved[^"]*)"><span class="jm-i ([^ "]+)', page.source)
    assert resolved == [
        ("jm-resolved", "jm-i--material-pencil-ruler"),
        ("jm-resolved jm-resolved--done", "jm-i--material-check-circle"),
    ]
    assert ">Resolved<" not in page.source


def test_journey_json_keeps_its_lists_and_adds_delivery(journey_site):
    _, site_dir = journey_site
    data = json.loads((site_dir / "journeys/checkout/journey.json").read_text(encoding="utf-8"))
    assert data["pain_points"] == {
        "resolved": ["long-form", "fees"],
        "open": ["no-receipt"],
        "delivered": ["fees"],
        "progress": {"long-form": "idea", "fees": "done", "no-receipt": None},
    }


def test_steps_changed_sees_renamed_steps_and_blueprint_lanes(journey_site):
    root, site_dir = journey_site
    c = compare_journey(catalog_of(root).journeys["checkout"])
    assert [(ch.current.id, ch.fields) for ch in c.changed] == [("card", ["name", "backstage"]), ("receipt", ["name"])]
    card = c.changed[0]
    assert (card.removed("backstage"), card.added("backstage")) == (["Manual fraud check"], ["Automatic fraud check"])
    page = read_page(site_dir, "journeys/checkout/index.html")
    changes = re.search(r'<h3 id="steps-changed">.*?</section>', page.source, re.S).group(0)
    assert Html(changes).text == (
        "Steps changed Pays with wallet Name: Enters card → Pays with wallet "
        "Backstage: Manual fraud check → Automatic fraud check "
        "Gets a receipt by email Name: Gets receipt → Gets a receipt by email"
    )
    assert "<del>Manual fraud check</del> → <ins>Automatic fraud check</ins>" in changes


def test_each_states_goal_is_labelled_goal(journey_site):
    _, site_dir = journey_site
    page = read_page(site_dir, "journeys/checkout/index.html")
    facts = Html(re.search(r'<dl class="jm-facts">.*?</dl>', page.source, re.S).group(0))
    assert facts.text.startswith(
        "Goal Current state Fewer abandoned carts Future state Half as many abandoned carts Reviewed Current state"
    )
    assert [t for t in facts.texts if t.strip()][0] == "Goal"


def test_one_goal_for_both_states_is_said_once(tmp_path):
    future = FUTURE.replace("Half as many abandoned carts", "Fewer abandoned carts")
    root = write_site(tmp_path, {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": future})
    page = read_page(build_site(root), "journeys/checkout/index.html")
    assert page.text.count("Fewer abandoned carts") == 1


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_future_state_is_a_notice_with_a_title(tmp_path, language):
    root = write_site(tmp_path, {"maps/checkout.md": CURRENT}, language=language)
    page = read_page(build_site(root), "journeys/checkout/index.html")
    [notice] = page.find("div", class_="admonition info jm-notice", role="note")
    assert page.find("p", class_="admonition-title")
    title, text = {
        "en": ("No future state yet", "Until one is mapped, all its pain points are open."),
        "zh": ("还没有未来状态", "在绘制未来状态之前，所有痛点均未解决。"),
    }[language]
    assert f"{title} {text}" in page.text
    assert "<input" not in page.source.split('class="admonition info jm-notice"')[1].split("</div>")[0]


PERSONA = """\
---
name: Zhang Li
demographics: {age: 32, City: Shanghai, employees: 200, company_size: mid-size, visits_per_year: 9, 设备: iPhone}
---
"""


@pytest.mark.parametrize(
    "language, labels",
    [
        ("en", ["Age", "City", "Employees", "Company size", "Visits per year", "设备"]),
        ("zh", ["年龄", "城市", "员工人数", "公司规模", "Visits per year", "设备"]),
    ],
)
def test_demographics_keys_are_labelled(tmp_path, language, labels):
    root = write_site(tmp_path, {"personas/zhang-li.md": PERSONA}, language=language)
    page = read_page(build_site(root), "personas/zhang-li/index.html")
    table = Html(re.search(r'<table class="jm-kv">.*?</table>', page.source, re.S).group(0))
    heads = [t.strip() for t in table.texts if t.strip()][::2]
    assert heads == labels


def test_unknown_demographics_keep_their_words_readable(tmp_path):
    persona = PERSONA.replace("visits_per_year: 9", "visits per year: 9, NPS_score: 40")
    root = write_site(tmp_path, {"personas/zhang-li.md": persona})
    page = read_page(build_site(root), "personas/zhang-li/index.html")
    assert "Visits per year 9" in page.text and "NPS score 40" in page.text


@pytest.mark.parametrize(
    "language, words",
    [
        ("en", "Severity Low Medium High Emotion Negative Neutral Positive ▼ Pain points ★ Moment of truth "
         "Channel Website"),
        ("zh", "严重程度 低 中 高 情绪 负面 中性 正面 ▼ 痛点 ★ 关键时刻 渠道 网站"),
    ],
)  # fmt: skip
def test_the_map_has_a_key_to_its_marks(tmp_path, language, words):
    root = write_site(tmp_path, {"maps/checkout.md": CURRENT}, language=language)
    page = read_page(build_site(root), "journeys/checkout/current/index.html")
    key = re.search(r'<dl class="jm-key".*?</dl>', page.source, re.S)
    assert key and Html(key.group(0)).text == words
    # right under the canvas, before the phone's stage cards
    assert page.source.index('class="jm-key"') < page.source.index('class="jm-cards"')
    assert page.source.index('id="jm-canvas"') < page.source.index('class="jm-key"')


def test_the_emotion_table_toggle_has_a_table_icon(journey_site):
    _, site_dir = journey_site
    page = read_page(site_dir, "journeys/checkout/current/index.html")
    assert page.find("summary", class_="jm-i--material-table")
    icons = (site_dir / "assets/journeymaps/site.css").read_text(encoding="utf-8")
    assert ".jm-i--material-table{--jm-icon:url(" in icons
    css = (site_dir / "assets/journeymaps/journeymaps.css").read_text(encoding="utf-8")
    assert "mask-image: var(--jm-icon)" in css.split("details.jm-chart__table > summary::before")[1].split("}")[0]


def test_the_review_date_and_interval_share_one_line(journey_site):
    _, site_dir = journey_site
    page = read_page(site_dir, "journeys/checkout/current/index.html")
    [dd] = page.find("dd", class_="jm-review-facts")
    assert dd == {"class": "jm-review-facts"}


@pytest.mark.parametrize(
    "path, labels",
    [
        ("journeys/checkout/index.html", {"Current state", "Future state", "Change", "Severity", "Opportunities"}),
        ("journeys/checkout/current/index.html", {"Severity", "Step", "Opportunities", "Status"}),
        ("opportunities/index.html", {"Status", "Journey", "Pain points"}),
        ("touchpoints/index.html", {"Mean emotion today", "In the future design", "Used in"}),
    ],
)
def test_list_tables_label_their_cells_for_phone_cards(journey_site, path, labels):
    _, site_dir = journey_site
    page = read_page(site_dir, path)
    tables = [a for tag, a in page.elements if tag == "table" and "jm-list-table" in a.get("class", "")]
    assert tables and all("jm-stack" in t["class"].split() for t in tables)
    found = {a["data-label"] for _, a in page.elements if "data-label" in a}
    assert labels <= found


@pytest.mark.parametrize(
    "language, words",
    [("en", ("Touchpoint: Card form", "Emotion: -2")), ("zh", ("触点：Card form", "情绪：-2"))],
)
def test_chart_tooltips_speak_the_sites_language(tmp_path, language, words):
    root = write_site(tmp_path, {"maps/checkout.md": CURRENT}, language=language)
    page = read_page(build_site(root), "journeys/checkout/current/index.html")
    spec = chart_of(page.find("figure")[0])
    curve = spec["data"][0]
    assert curve["customdata"][0] == ["Enters card", "<br>" + words[0], words[1]]
    assert curve["hovertemplate"].startswith("<b>%{customdata[0]}</b>%{customdata[1]}<br>%{customdata[2]}<extra>")
    assert spec["config"]["locale"] == language


def test_touchpoints_show_each_states_mean_never_a_blend(journey_site):
    _, site_dir = journey_site
    page = read_page(site_dir, "touchpoints/index.html")
    match = re.search(r"<tr>\s*<td class=\"jm-stack__title\"><strong>Card form</strong>.*?</tr>", page.source, re.S)
    assert match
    # -2 today, +1 in the future design: a blend would say -0.5
    assert Html(match.group(0)).text == (
        "Card form -2.0 +1.0 Checkout · Current state · Enters card Checkout · Future state · Pays with wallet"
    )


def test_a_chinese_sites_csv_has_chinese_headers_and_statuses(tmp_path):
    import csv

    root = write_site(tmp_path, {"maps/checkout/current.md": CURRENT}, language="zh")
    raw = (build_site(root) / "opportunities.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(raw.lstrip("\ufeff").splitlines()))
    assert rows[0] == [
        "旅程",
        "状态",
        "地图",
        "阶段",
        "步骤",
        "id",
        "机会点",
        "优先级",
        "负责人",
        "进展",
        "解决的痛点",
        "链接",
        "影响",
        "投入",
    ]
    assert [(r[1], r[9]) for r in rows[1:]] == [("现状", "想法"), ("现状", "已计划"), ("现状", "已完成")]
