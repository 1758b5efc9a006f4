"""The opportunity matrix: impact and effort read and checked, each rated opportunity in the
cell of its impact and effort, the unrated beside them, the filters' values, and the two new
columns of opportunities.csv and journeymaps.json."""

from __future__ import annotations

import csv
import io
import json

from conftest import Html, build_site, problems_of, write_site
from journeymaps.analysis.matrix import quadrant

P = "maps/first-purchase/current.md"
OTHER = "maps/open-account/current.md"


def a_map(title: str, owner: str, tags: str, opportunities: str) -> str:
    return f"""\
---
title: {title}
state: current
persona: zhang-li
owner: {owner}
tags: {tags}
stages:
  - name: Pay
    steps:
      - name: Pays
        emotion: -1
        pain_points:
          - id: slow-pay
            text: Payment is slow
            severity: high
          - id: no-receipt
            text: No receipt
            severity: low
        opportunities:
{opportunities}
---
"""


SHOP = a_map(
    "First purchase",
    "shop-team",
    "[mobile]",
    """\
          - id: one-tap
            text: One-tap <payment>
            impact: high
            effort: low
            status: in-progress
            owner: payments-team
            addresses: [slow-pay, no-receipt]
          - id: new-platform
            text: A new payment platform
            impact: high
            effort: high
            status: planned
          - id: email-receipt
            text: Email the receipt
            impact: medium
            effort: low
            status: done
            addresses: [no-receipt]
          - id: hologram
            text: Hologram checkout
            impact: low
            effort: high
          - id: rate-me
            text: Ask for ratings
            impact: high""",
)
BANK = a_map(
    "Open account",
    "onboarding-squad",
    "[branch]",
    """\
          - id: live-capture
            text: Live capture
            effort: medium
            status: idea""",
)


def test_impact_and_effort_are_levels(site):
    root = site({P: SHOP.replace("effort: low\n            status: in", "effort: tiny\n            status: in")})
    assert problems_of(root) == [f"{P}:23: 'effort' must be 'low', 'medium' or 'high', not 'tiny'"]


def test_quadrants_count_only_high_as_high():
    assert [quadrant(i, e) for i, e in [("high", "low"), ("high", "medium"), ("high", "high")]] == [
        "quick-win",
        "quick-win",
        "big-bet",
    ]
    assert [quadrant(i, e) for i, e in [("medium", "medium"), ("low", "low"), ("medium", "high")]] == [
        "fill-in",
        "fill-in",
        "money-pit",
    ]


def _cell_of(page: Html, text: str) -> str:
    """The class of the matrix cell that lists the opportunity ``text``, or "unrated"."""
    before = page.source[: page.source.index(f">{text}</a>")]
    last_cell = before.rfind('class="jm-matrix__cell ')
    if before.rfind("<aside") > last_cell:
        return "unrated"
    return before[last_cell:].split('"')[1]


def test_the_matrix_places_each_rated_opportunity_and_lists_the_unrated(tmp_path):
    root = write_site(tmp_path, {P: SHOP, OTHER: BANK})
    page = Html((build_site(root) / "opportunities/matrix/index.html").read_text(encoding="utf-8"))
    assert "jm-quadrant--quick-win jm-matrix__cell--ihigh-elow" in _cell_of(page, "One-tap &lt;payment&gt;")
    assert "jm-quadrant--big-bet jm-matrix__cell--ihigh-ehigh" in _cell_of(page, "A new payment platform")
    assert "jm-quadrant--fill-in jm-matrix__cell--imedium-elow" in _cell_of(page, "Email the receipt")
    assert "jm-quadrant--money-pit jm-matrix__cell--ilow-ehigh" in _cell_of(page, "Hologram checkout")
    assert _cell_of(page, "Ask for ratings") == "unrated"
    assert _cell_of(page, "Live capture") == "unrated"
    # Each links to its step; the quadrants are named in words, and the matrix is a table too.
    assert "../../journeys/first-purchase/current/#step-pays" in page.hrefs()
    for name in ("Quick wins", "Big bets", "Fill-ins", "Money pits", "The matrix as a table", "Not rated yet"):
        assert name in page.text
    # The severity of what it addresses stands next to it, worst first in the table.
    one_tap = page.source[page.source.index(">One-tap &lt;payment&gt;</a>") :]
    assert one_tap.index("jm-level--high") < one_tap.index("jm-level--low") < one_tap.index("</li>")


def test_the_filters_offer_journey_owner_status_and_tag(tmp_path):
    root = write_site(tmp_path, {P: SHOP, OTHER: BANK})
    page = Html((build_site(root) / "opportunities/matrix/index.html").read_text(encoding="utf-8"))
    assert [a["name"] for a in page.find("select")] == ["journey", "owner", "status", "tag"]
    options = [a.get("value") for a in page.find("option")]
    for value in ("first-purchase", "open-account", "payments-team", "shop-team", "onboarding-squad", "in-progress"):
        assert value in options
    # The grid's items carry the facets, each opportunity once: the table's rows follow them.
    items = [a for t, a in page.elements if "data-jm-item" in a]
    assert {t for t, a in page.elements if "data-jm-item" in a} == {"li"}
    by_text = {a["data-journey"] + ":" + a["data-status"]: a for a in items}
    one_tap = next(a for a in items if a["data-status"] == "in-progress")
    # An opportunity's own owner; the map's owner where it names none; the map's tags.
    assert (one_tap["data-owner"], one_tap["data-tag"]) == ("payments-team", "mobile")
    assert by_text["open-account:idea"]["data-owner"] == "onboarding-squad"
    assert by_text["open-account:idea"]["data-tag"] == "branch"
    assert len(items) == 6
    assert page.find("form", **{"data-jm-mirror": ".jm-matrix-table tbody tr"})


def _table(page: Html) -> str:
    return page.source[page.source.index('<details class="jm-matrix-table">') :]


def test_the_table_lists_every_opportunity_once_in_the_grids_order(tmp_path):
    """The text alternative of the grid: a row per opportunity, in the order of the grid's items
    (the filters pair them one for one), with every column's words."""
    fast = "          - id: fast\n            text: Fast lane\n            impact: high\n            effort: low"
    root = write_site(tmp_path, {P: SHOP, OTHER: BANK, "maps/third/current.md": a_map("Third", "x", "[x]", fast)})
    page = Html((build_site(root) / "opportunities/matrix/index.html").read_text(encoding="utf-8"))
    grid = page.source[: page.source.index('<details class="jm-matrix-table">')]
    rated = ["One-tap &lt;payment&gt;", "A new payment platform", "Email the receipt", "Hologram checkout", "Fast lane"]
    in_grid = sorted(rated, key=lambda text: grid.index(f">{text}</a>"))
    assert in_grid != rated  # the grid's order is not the maps' (high impact first, low effort first)
    table = _table(page)
    rows = table.split("<tr>")[2:]  # the head's row first
    assert len(rows) == 7
    shown = [next(t for t in (*in_grid, "Ask for ratings", "Live capture") if f">{t}</a>" in row) for row in rows]
    assert shown == [*in_grid, "Ask for ratings", "Live capture"]
    one_tap = rows[shown.index("One-tap &lt;payment&gt;")]
    for words in (
        "Quick wins",
        "High",
        "Low",
        "In progress",
        "payments-team",
        "First purchase · Current state · Pays",
        "Payment is slow",
        "No receipt",
    ):
        assert words in one_tap
    assert "Addresses no pain point" in rows[shown.index("A new payment platform")]
    # Labelled by column on a phone, once for the table: no facets or labels in its rows.
    assert "data-label" not in table and "data-journey" not in table
    labels = page.find("table")[0]["style"]
    assert labels.startswith("--jm-col-2:'Quadrant';--jm-col-3:'Impact';") and labels.endswith(
        "--jm-col-8:'Pain points'"
    )


def test_column_labels_are_one_css_string_each():
    from journeymaps.site.snippets import Snippets

    assert Snippets.column_labels("Owner", "象限", 'it\'s \\ "x" <b>') == (
        "--jm-col-2:'Owner';--jm-col-3:'象限';--jm-col-4:'it\\27 s \\5c  \\22 x\\22  \\3c b\\3e '"
    )


def test_csv_and_json_carry_impact_and_effort(tmp_path):
    root = write_site(tmp_path, {P: SHOP, OTHER: BANK})
    out = build_site(root)
    rows = list(csv.DictReader(io.StringIO((out / "opportunities.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["id"], r["impact"], r["effort"]) for r in rows][:2] == [
        ("one-tap", "high", "low"),
        ("new-platform", "high", "high"),
    ]
    assert rows[-1]["impact"] == "" and rows[-1]["effort"] == "medium"
    data = json.loads((out / "journeymaps.json").read_text(encoding="utf-8"))["opportunities"]
    assert data["matrix_url"] == "opportunities/matrix/"
    first = data["items"][0]
    assert (first["impact"], first["effort"], first["quadrant"]) == ("high", "low", "quick-win")
    assert first["addresses"] == [{"id": "slow-pay", "severity": "high"}, {"id": "no-receipt", "severity": "low"}]
    assert [i["quadrant"] for i in data["items"]][-2:] == [None, None]


def test_a_chinese_site_names_the_quadrants_in_chinese(tmp_path):
    root = write_site(tmp_path, {P: SHOP}, language="zh")
    page = Html((build_site(root) / "opportunities/matrix/index.html").read_text(encoding="utf-8"))
    for name in ("速赢", "重大投入", "顺手可做", "费力不讨好", "尚未评估", "机会点矩阵"):
        assert name in page.text
