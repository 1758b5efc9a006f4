"""Current against future: matching by id, means, pain points, and the journey page."""

from __future__ import annotations

import json

from conftest import build_site, catalog_of, chart_of, read_page, write_site
from journeymaps.analysis.compare import compare_journey
from journeymaps.site.chart import build_chart
from journeymaps.site.export import journey_data

CURRENT = """\
---
title: Checkout
state: current
persona: zhang-li
stages:
  - name: Browse
    steps:
      - {name: Finds product, id: find, touchpoint: Search, channel: web, emotion: 1}
      - {name: Reads reviews, id: reviews, emotion: -1}
  - name: Pay
    steps:
      - name: Enters card
        id: card
        touchpoint: Card form
        channel: web
        emotion: -2
        pain_points: [{id: long-form, text: Long card form}, {id: fees, text: Hidden fees}]
        opportunities: [{text: Wallet payment, status: planned, addresses: [long-form]}]
      - {name: Waits, id: wait}
  - name: Wait
    steps:
      - {name: Waits for delivery, id: delivery, emotion: -1, pain_points: No tracking}
---
"""
FUTURE = """\
---
title: Checkout
state: future
persona: zhang-li
stages:
  - name: Browse
    steps:
      - {name: Finds product, id: find, touchpoint: Search, channel: web, emotion: 1}
      - {name: Asks the assistant, id: assistant, emotion: 1.5}
      - {name: Reads reviews, id: reviews}
  - name: Pay
    steps:
      - {name: Pays with wallet, id: card, touchpoint: Wallet, channel: app, emotion: 1, resolves: [long-form]}
  - name: Enjoy
    steps:
      - {name: Unboxes, id: unbox, emotion: 2}
---
"""


def journey(site, files):
    return catalog_of(site(files)).journeys["checkout"]


def test_stage_means_and_stages_in_one_state_only(site):
    c = compare_journey(journey(site, {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": FUTURE}))
    assert [(s.id, s.current, s.future, s.change) for s in c.stages] == [
        ("browse", 0.0, 1.25, 1.25),
        ("pay", -2.0, 1.0, 3.0),
        ("wait", -1.0, None, None),
        ("enjoy", None, 2.0, None),
    ]


def test_steps_matched_by_id(site):
    c = compare_journey(journey(site, {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": FUTURE}))
    assert [s.id for _, s in c.added] == ["assistant", "unbox"]
    assert [s.id for _, s in c.removed] == ["wait", "delivery"]
    assert [(ch.current.id, ch.fields) for ch in c.changed] == [("card", ["name", "touchpoint", "channel"])]


def test_pain_points_resolved_and_open(site):
    c = compare_journey(journey(site, {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": FUTURE}))
    assert c.resolved_ids == ["long-form"]
    assert c.open_ids == ["fees", "no-tracking"]
    long_form = c.pain_points[0]
    assert [s.id for s in long_form.resolved_by] == ["card"]
    assert [o.text for o in long_form.opportunities] == ["Wallet payment"]


def test_future_that_resolves_nothing(site):
    future = FUTURE.replace(", resolves: [long-form]", "")
    c = compare_journey(journey(site, {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": future}))
    assert c.resolved_ids == [] and c.open_ids == ["long-form", "fees", "no-tracking"]


def test_single_current_state(site):
    j = journey(site, {"maps/checkout/current.md": CURRENT})
    data = journey_data(j, compare_journey(j))
    assert data["pain_points"] == {
        "resolved": [],
        "open": ["long-form", "fees", "no-tracking"],
        "delivered": [],
        "progress": {"long-form": "planned", "fees": None, "no-tracking": None},
    }
    assert data["stages"][0] == {"id": "browse", "current": 0.0, "future": None}
    assert list(data["states"]) == ["current"]


def test_single_future_state(site):
    j = journey(site, {"maps/checkout/future.md": FUTURE.replace(", resolves: [long-form]", "")})
    data = journey_data(j, compare_journey(j))
    assert data["pain_points"] == {"resolved": [], "open": [], "delivered": [], "progress": {}}
    assert data["stages"][-1] == {"id": "enjoy", "current": None, "future": 2.0}


def test_chart_overlays_both_states_on_matched_steps(site):
    j = journey(site, {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": FUTURE})
    chart = build_chart(
        [("current", "Current", j.states["current"]), ("future", "Future", j.states["future"])], (-2, 2), 0
    )
    assert [s.step_id for s in chart.slots] == ["find", "assistant", "reviews", "card", "wait", "delivery", "unbox"]
    assert chart.series[0].values == [1, None, -1, -2, None, -1, None]
    assert chart.series[1].values == [1, 1.5, None, 1, None, None, 2]
    assert [(b[0], b[2], b[3]) for b in chart.bands] == [
        ("browse", 0, 2),
        ("pay", 3, 4),
        ("wait", 5, 5),
        ("enjoy", 6, 6),
    ]


def test_journey_page_and_json(tmp_path):
    root = write_site(tmp_path, {"maps/checkout/current.md": CURRENT, "maps/checkout/future.md": FUTURE})
    site_dir = build_site(root)
    page = read_page(site_dir, "journeys/checkout/index.html")
    text = page.text
    assert "Pain points resolved in the future design: 1 of 3." in text
    assert "resolved by Pays with wallet" in text
    assert "future/#step-card" in page.hrefs() and "current/#step-card" in page.hrefs()
    assert "Asks the assistant" in text and "Waits for delivery" in text
    spec = chart_of(page.find("figure")[0])
    assert [d["name"] for d in spec["data"][:2]] == ["Current state", "Future state"]
    data = json.loads((site_dir / "journeys/checkout/journey.json").read_text())
    assert data["journey"] == "checkout" and data["title"] == "Checkout"
    assert data["pain_points"]["resolved"] == ["long-form"]
    assert data["pain_points"]["open"] == ["fees", "no-tracking"]
    assert data["states"]["future"]["state"] == "future"
    # each map page links to the other state and to the comparison
    current = read_page(site_dir, "journeys/checkout/current/index.html")
    assert {"../future/", "../"} <= set(current.hrefs())


def test_single_state_journey_page(tmp_path):
    root = write_site(tmp_path, {"maps/checkout.md": CURRENT})
    site_dir = build_site(root)
    page = read_page(site_dir, "journeys/checkout/index.html")
    assert "No future state yet Until one is mapped, all its pain points are open." in page.text
    assert "current/" in page.hrefs()
    assert page.text.count("Open") >= 3


def test_a_step_moved_to_another_stage_keeps_both_places(tmp_path):
    """The future state moves a step to another stage: each state's point stands in its own
    stage's column, the journey page says so, and the step's anchor is there once."""
    current = (
        "---\ntitle: J\nstate: current\npersona: zhang-li\nstages:\n"
        "  - name: A\n    steps:\n      - {name: Pays, id: pay, emotion: -1}\n      - {name: Waits, id: wait, emotion: 0}\n"
        "  - name: B\n    steps:\n      - {name: Gets it, id: get, emotion: 1}\n---\n"
    )
    future = (
        current.replace("state: current", "state: future")
        .replace("      - {name: Pays, id: pay, emotion: -1}\n", "")
        .replace("  - name: B\n    steps:\n", "  - name: B\n    steps:\n      - {name: Pays, id: pay, emotion: 1}\n")
    )
    root = write_site(tmp_path, {"maps/j/current.md": current, "maps/j/future.md": future})
    journey = catalog_of(root).journeys["j"]
    chart = build_chart([(m.state, m.state, m) for m in journey.ordered_states()], (-2, 2), 0)
    assert [(s.stage_id, s.step_id) for s in chart.slots] == [("a", "pay"), ("a", "wait"), ("b", "pay"), ("b", "get")]
    assert [s.values for s in chart.series] == [[-1, 0, None, 1], [None, 0, 1, 1]]
    page = read_page(build_site(root), "journeys/j/index.html")
    assert page.source.count('id="step-pay"') == 1
    assert "Moved to another stage in the future state" in page.text and "Moved here in the future state" in page.text
