"""The portfolio views: the pain-point heat map against hand-computed cells, the open pain
points worst first, tag and owner pages, and the review queue's order."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest
from conftest import Html, build_site, catalog_of, write_site
from journeymaps.analysis.compare import compare_journey
from journeymaps.analysis.heatmap import Gap, heat_map, open_pain_points, tone
from journeymaps.analysis.portfolio import review_queue

TODAY = dt.date.today()


def step(name: str, emotion: float | None = None, pains: list[tuple[str, str | None]] = ()) -> str:
    lines = [f"      - name: {name}"]
    if emotion is not None:
        lines.append(f"        emotion: {emotion}")
    if pains:
        lines.append("        pain_points:")
        for text, severity in pains:
            lines.append(f"          - text: {text}")
            if severity:
                lines.append(f"            severity: {severity}")
    return "\n".join(lines)


def a_map(title: str, stages: dict[str, list[str]], state: str = "current", **front: str) -> str:
    head = [f"title: {title}", f"state: {state}", "persona: zhang-li", *(f"{k}: {v}" for k, v in front.items())]
    body = ["stages:"]
    for name, steps in stages.items():
        body += [f"  - name: {name}", "    steps:", *steps]
    return "\n".join(["---", *head, *body, "---", ""])


# Hand-computed below: which stages share a name, each stage's lowest emotion, its tone on
# the -2..2 scale (fifths: -2..-1.2 very negative, ..-0.4 negative, ..0.4 neutral, ..1.2
# positive, ..2 very positive) and its high-severity pain points.
SHOP = a_map(
    "Buying in the shop",
    {
        "Browse": [step("Looks around", 1), step("Compares", 0.5, [("Prices hidden", "high")])],
        "Pay": [
            step("Queues", -0.5, [("Long queue", "high")]),
            step("Pays", -2, [("Card refused", "high"), ("No receipt", "medium")]),
        ],
        "Wait": [step("Waits for delivery", None, [("No tracking", "high")])],
    },
    owner="retail-team",
    tags="[Mobile, store]",
    reviewed="2020-01-01",
)
SHOP_FUTURE = a_map(
    "Buying in the shop",
    {"Pay": [step("Pays", 1).replace("emotion: 1", "emotion: 1\n        resolves: [card-refused]")]},
    "future",
    owner="retail-team",
    reviewed=TODAY.isoformat(),
)
RETURN = a_map(
    "Returning an item",
    {
        "Ask": [step("Asks for a label", -1)],
        "WAIT": [step("Waits for the refund", -1.5, [("Refund is slow", "high"), ("No email", "low")])],
        "Refund": [step("Gets the money", 2)],
    },
    owner="Retail Team",
    tags="[mobile, returns]",
    reviewed="2019-06-01",
    review_every="365",
)
CLINIC = a_map(
    "Seeing a doctor",
    {"Book": [step("Calls", 0.4, [("Busy line", None)])], "Visit": [step("Sees the doctor", -0.4)]},
    tags="[index]",
)
PLANNED = a_map("A new service", {"Try": [step("Tries it", 1)]}, "future", owner="retail-team")
FILES = {
    "maps/shop/current.md": SHOP,
    "maps/shop/future.md": SHOP_FUTURE,
    "maps/return.md": RETURN,
    "maps/clinic.md": CLINIC,
    "maps/planned/future.md": PLANNED,
}


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("portfolio"), FILES)


@pytest.fixture(scope="module")
def built(root):
    return build_site(root)


def cell(stage: str, lowest, tone_, high: int, column: int) -> tuple:
    return (stage, lowest, tone_, high, column)


def test_the_heat_map_cells_by_hand(root):
    heat = heat_map(catalog_of(root), (-2, 2))
    shared, own = heat.bands
    # "Wait" and "WAIT" are one stage name: the shop and the return share a band. The longer
    # journey goes first (a tie: by title), so Browse, Pay, Wait; the return's Ask comes before
    # the stage it walks next (Wait) as nothing precedes it, and Refund after Wait.
    assert shared.columns == ["Ask", "Browse", "Pay", "Wait", "Refund"]
    rows = {r.map.title: [(c.stage.name, c.lowest, c.tone, c.high, c.column) for c in r.cells] for r in shared.rows}
    assert rows == {
        "Buying in the shop": [
            cell("Browse", 0.5, "positive", 1, 1),
            cell("Pay", -2, "very-negative", 2, 2),
            cell("Wait", None, None, 1, 3),
        ],
        "Returning an item": [
            cell("Ask", -1, "negative", 0, 0),
            cell("WAIT", -1.5, "very-negative", 1, 3),
            cell("Refund", 2, "very-positive", 0, 4),
        ],
    }
    slots = {r.map.title: [s.span if isinstance(s, Gap) else s.stage.name for s in r.slots] for r in shared.rows}
    assert slots == {
        "Buying in the shop": [1, "Browse", "Pay", "Wait", 1],
        "Returning an item": ["Ask", 2, "WAIT", "Refund"],
    }
    # A journey sharing no stage name stands by position; 0.4 and -0.4 are still neutral.
    assert own.columns == [] and own.width == 2
    assert [(c.stage.name, c.lowest, c.tone, c.high) for c in own.rows[0].cells] == [
        ("Book", 0.4, "neutral", 0),
        ("Visit", -0.4, "neutral", 0),
    ]
    # A row is the current state; a journey with only a future state has none.
    assert [r.map.state for r in heat.rows] == ["current"] * 3
    assert [j.id for j in heat.left_out] == ["planned"]


@pytest.mark.parametrize(
    "value, scale, expected",
    [
        (-2, (-2, 2), "very-negative"),
        (-1.2, (-2, 2), "negative"),
        (-0.4, (-2, 2), "neutral"),
        (0.4, (-2, 2), "neutral"),
        (0.5, (-2, 2), "positive"),
        (1.2, (-2, 2), "positive"),
        (1.3, (-2, 2), "very-positive"),
        (1, (1, 5), "very-negative"),
        (3, (1, 5), "neutral"),
        (5, (1, 5), "very-positive"),
        (None, (-2, 2), None),
    ],
)
def test_tone_is_the_fifth_of_the_scale(value, scale, expected):
    assert tone(value, scale) == expected


def test_open_pain_points_worst_first(root):
    catalog = catalog_of(root)
    found = open_pain_points(catalog, compare_journey)
    # High before medium, low and none; among equals the lowest emotion first (none last);
    # the shop's refused card is resolved by its future state.
    assert [(o.status.pain.text, o.status.pain.severity, o.status.step.emotion) for o in found] == [
        ("Refund is slow", "high", -1.5),
        ("Long queue", "high", -0.5),
        ("Prices hidden", "high", 0.5),
        ("No tracking", "high", None),
        ("No receipt", "medium", -2),
        ("No email", "low", -1.5),
        ("Busy line", None, 0.4),
    ]


class Rows(HTMLParser):
    """The body rows of the tables of one class: each cell's tag, attributes and text."""

    def __init__(self, table_class: str):
        super().__init__(convert_charrefs=True)
        self.table_class, self.depth, self.rows, self.in_body = table_class, 0, [], False
        self.cell: list | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and self.table_class in a.get("class", "").split():
            self.depth = 1
        elif self.depth and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag in ("td", "th"):
            self.cell = [tag, a, []]
            self.rows[-1].append(self.cell)
        elif self.cell is not None:
            self.cell[1].setdefault("links", []).append(a.get("href")) if tag == "a" else None

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "table":
            self.depth = 0
        elif tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2].append(data)


def body_rows(source: str, table_class: str) -> list[list[tuple[str, dict, str]]]:
    parser = Rows(table_class)
    parser.feed(source)
    return [[(tag, attrs, " ".join(" ".join(text).split())) for tag, attrs, text in row] for row in parser.rows]


def test_the_heat_map_page(built):
    source = (built / "pain-points/index.html").read_text(encoding="utf-8")
    rows = body_rows(source, "jm-heat")
    shop = rows[0]
    assert shop[0][2] == "Buying in the shop" and shop[0][0] == "th"
    assert shop[1] == ("td", {"class": "jm-heat__gap"}, "")
    browse, pay, wait = shop[2:5]
    # The colour, the count, the lowest emotion and a sentence for screen readers.
    assert browse[1]["class"] == "jm-heat__cell jm-heat--positive jm-heat__cell--pain"
    assert browse[2] == "1 +0.5 Browse: high-severity pain points: 1; lowest emotion: +0.5 (Positive)"
    assert browse[1]["links"] == ["../journeys/shop/current/#stage-browse"]
    assert pay[1]["class"] == "jm-heat__cell jm-heat--very-negative jm-heat__cell--pain"
    assert pay[2] == "2 -2 Pay: high-severity pain points: 2; lowest emotion: -2 (Very negative)"
    assert wait[1]["class"] == "jm-heat__cell jm-heat--none jm-heat__cell--pain"
    assert wait[2] == "1 — Wait: high-severity pain points: 1; no emotion recorded"
    returning = rows[1]
    assert [c[1].get("colspan") for c in returning] == [None, None, "2", None, None]
    assert returning[1][2] == "0 -1 Ask: high-severity pain points: 0; lowest emotion: -1 (Negative)"
    # The band of journeys with stages of their own names each stage in its cell.
    clinic = rows[2]
    assert clinic[1][2] == "Book 0 +0.4 Book: high-severity pain points: 0; lowest emotion: +0.4 (Neutral)"
    # Rows carry what the filters match them by.
    page = Html(source)
    heat_rows = [a for t, a in page.elements if t == "tr" and "data-owner" in a][:3]
    # Tags and owners by their keys: 'Mobile' and 'mobile' are one choice, as on the tag pages.
    assert [(r["data-owner"], r["data-tag"]) for r in heat_rows] == [
        ("retail-team", "mobile\nstore"),
        ("retail-team", "mobile\nreturns"),
        ("", "index"),
    ]
    assert page.find("option", value="mobile") and len(page.find("option", value="retail-team")) == 1
    assert "Journeys with only a future state have no row" in page.text and "A new service" in page.text


def test_the_open_pain_points_on_the_page(built):
    source = (built / "pain-points/index.html").read_text(encoding="utf-8")
    rows = body_rows(source, "jm-pain-list")
    assert [r[0][2] for r in rows] == [
        "Refund is slow", "Long queue", "Prices hidden", "No tracking", "No receipt", "No email", "Busy line",
    ]  # fmt: skip
    assert rows[0][3][1]["links"] == ["../journeys/return/current/#step-waits-for-the-refund"]


def test_tag_pages(built):
    index = Html((built / "tags/index.html").read_text(encoding="utf-8"))
    # 'Mobile' and 'mobile' are one tag, named as the first journey (by id) writes it; a tag
    # called 'index' has a page of its own, beside the index of tags.
    assert [h for h in index.hrefs() if h.endswith("/") and not h.startswith(".")][:4] == [
        "index/", "mobile/", "returns/", "store/",
    ]  # fmt: skip
    assert "mobile 2 maps" in index.text and "store 1 map" in index.text
    mobile = Html((built / "tags/mobile/index.html").read_text(encoding="utf-8"))
    assert "Tag: mobile" in mobile.text
    rows = body_rows(mobile.source, "jm-map-table")
    assert [r[0][2].split(" Current state")[0] for r in rows] == ["Buying in the shop", "Returning an item"]
    assert "<title>Tag: mobile - Test site</title>" in mobile.source
    assert "Seeing a doctor" in (built / "tags/index/index.html").read_text(encoding="utf-8")
    # Each tag on a map links to its page.
    shop = Html((built / "journeys/shop/current/index.html").read_text(encoding="utf-8"))
    assert {"../../../tags/mobile/", "../../../tags/store/"} <= set(shop.hrefs())


def test_owners_page(built):
    page = Html((built / "owners/index.html").read_text(encoding="utf-8"))
    # 'retail-team' and 'Retail Team' are one owner; the maps nobody owns come last.
    assert [a["id"] for t, a in page.elements if t == "h2"] == ["owner-retail-team", "no-owner"]
    rows = body_rows(page.source, "jm-map-table")
    assert [r[0][2] for r in rows] == [
        "A new service Future state",
        "Buying in the shop Current state Mobile store",
        "Buying in the shop Future state",
        "Returning an item Current state mobile returns",
        "Seeing a doctor Current state index",
    ]
    journeys = Html((built / "journeys/index.html").read_text(encoding="utf-8"))
    assert "../owners/#owner-retail-team" in journeys.hrefs()


def test_the_review_queue_oldest_first(root, built):
    queue = review_queue(catalog_of(root), dt.date(2026, 1, 1))
    # Never reviewed first (by title); then by the date of the last review; the shop's future
    # state was reviewed today and is not due.
    assert [(i.map.journey, i.map.state, i.days, i.overdue) for i in queue] == [
        ("planned", "future", None, None),
        ("clinic", "current", None, None),
        ("return", "current", 2406, 2041),
        ("shop", "current", 2192, 2102),
    ]
    rows = body_rows((built / "journeys/index.html").read_text(encoding="utf-8"), "jm-review-queue")
    assert [(r[0][2], r[2][2], r[3][2]) for r in rows] == [
        ("A new service Future state", "Never reviewed", "90 days"),
        ("Seeing a doctor Current state", "Never reviewed", "90 days"),
        ("Returning an item Current state", "Jun 1, 2019", "365 days"),
        ("Buying in the shop Current state", "Jan 1, 2020", "90 days"),
    ]


def test_the_portfolio_in_journeymaps_json(built):
    data = json.loads((built / "journeymaps.json").read_text(encoding="utf-8"))
    heat = {row["journey"]: row["stages"] for row in data["pain_points"]["heat_map"]}
    assert heat["shop"][1] == {
        "id": "pay",
        "name": "Pay",
        "lowest_emotion": -2,
        "tone": "very-negative",
        "high_pain_points": 2,
        "url": "journeys/shop/current/#stage-pay",
    }
    assert [p["id"] for p in data["pain_points"]["open"]] == [
        "refund-is-slow", "long-queue", "prices-hidden", "no-tracking", "no-receipt", "no-email", "busy-line",
    ]  # fmt: skip
    assert data["pain_points"]["open"][0] == {
        "journey": "return",
        "state": "current",
        "stage": "wait",
        "step": "waits-for-the-refund",
        "id": "refund-is-slow",
        "text": "Refund is slow",
        "severity": "high",
        "emotion": -1.5,
        "url": "journeys/return/current/#step-waits-for-the-refund",
    }
    assert [(t["tag"], t["url"], len(t["maps"])) for t in data["tags"]] == [
        ("index", "tags/index/", 1),
        ("mobile", "tags/mobile/", 2),
        ("returns", "tags/returns/", 1),
        ("store", "tags/store/", 1),
    ]
    assert [(o["owner"], o["url"], len(o["maps"])) for o in data["owners"]] == [
        ("retail-team", "owners/#owner-retail-team", 4),
        (None, "owners/#no-owner", 1),
    ]
    assert [(r["journey"], r["state"], r["reviewed"]) for r in data["review_queue"]] == [
        ("planned", "future", None),
        ("clinic", "current", None),
        ("return", "current", "2019-06-01"),
        ("shop", "current", "2020-01-01"),
    ]


def test_the_new_pages_are_in_the_nav_and_out_of_search(built):
    home = Html((built / "index.html").read_text(encoding="utf-8"))
    assert {"pain-points/", "owners/", "tags/"} <= set(home.hrefs())
    assert "tags/mobile/" not in home.hrefs()
    docs = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if d["location"].split("/")[0] in ("pain-points", "owners", "tags")]


def test_chinese_labels(tmp_path):
    out = build_site(write_site(tmp_path, FILES, language="zh"))
    page = Html((out / "pain-points/index.html").read_text(encoding="utf-8"))
    assert "热力图" in page.text and "未解决的痛点" in page.text
    assert "Pay：高严重程度痛点 2 个；最低情绪 -2（非常负面）" in page.text
    assert "标签：mobile" in Html((out / "tags/mobile/index.html").read_text(encoding="utf-8")).text
