"""The one-page summary of a journey: what it shows, worst pain points first with their
status, the work in progress, the KPIs, the rest counted; linked from the journey page."""

from __future__ import annotations

from conftest import Html, build_site, write_site

CURRENT = """\
---
title: Buying online
state: current
persona: zhang-li
owner: shop-team
goal: Pay in one step
reviewed: 2026-10-01
stages:
  - name: Browse
    kpis:
      - name: Conversion
        value: 2.1%
        target: 3%
    steps:
      - name: Looks
        emotion: 0
        pain_points:
          - {id: small-photos, text: Photos are small, severity: low}
          - {id: no-size, text: No size guide, severity: medium}
  - name: Pay
    steps:
      - name: Pays
        emotion: -2
        pain_points:
          - {id: slow-pay, text: Payment is <slow>, severity: high}
          - {id: card-refused, text: Card refused, severity: high}
          - {id: no-receipt, text: No receipt}
          - {id: hidden-fees, text: Hidden fees, severity: low}
        opportunities:
          - {id: one-tap, text: One-tap payment, status: in-progress, owner: payments, addresses: [slow-pay], impact: high, effort: low}
          - {id: wallet, text: A wallet, status: planned, addresses: [card-refused]}
---
"""
FUTURE = """\
---
title: Buying online
state: future
persona: zhang-li
stages:
  - name: Pay
    steps:
      - name: Pays
        emotion: 1
        resolves: [slow-pay]
---
"""


def test_the_summary_shows_the_journey_on_one_page(tmp_path):
    root = write_site(tmp_path, {"maps/buying/current.md": CURRENT, "maps/buying/future.md": FUTURE})
    out = build_site(root)
    page = Html((out / "journeys/buying/summary/index.html").read_text(encoding="utf-8"))
    assert "Buying online: one-page summary" in page.text
    text = page.text[page.text.index("One-page summary Current state") :]  # past the table of contents
    assert "Goal Pay in one step" in text and "Owner shop-team" in text and "Oct 1, 2026" in text
    # Worst first: high severity (the open one before the one resolved in the design), then
    # medium, then low (the lower emotion first); five shown, the sixth counted.
    pains = text[text.index("Top pain points, worst first") : text.index("Opportunities in progress")]
    order = ["Card refused", "Payment is <slow>", "No size guide", "Hidden fees", "Photos are small"]
    assert [pains.index(p) for p in order] == sorted(pains.index(p) for p in order)
    assert "No receipt" not in pains and "And 1 more on the journey's pages." in pains
    assert "Payment is <slow> High Pay · Pays · Resolved in the future design · In progress" in pains
    assert "Card refused High Pay · Pays · Open · Planned" in pains
    work = text[text.index("Opportunities in progress") : text.index("KPIs")]
    assert "One-tap payment payments · High impact · Low effort" in work and "A wallet" not in work
    assert "Browse Conversion 2.1% 3%" in text
    # Both curves, and the way back.
    assert len([a for t, a in page.elements if t == "svg" and "jm-curve" in a.get("class", "")]) == 2
    assert "../" in page.hrefs()
    journey = Html((out / "journeys/buying/index.html").read_text(encoding="utf-8"))
    assert "summary/" in journey.hrefs()


def test_a_chinese_summary(tmp_path):
    root = write_site(tmp_path, {"maps/buying/current.md": CURRENT}, language="zh")
    page = Html((build_site(root) / "journeys/buying/summary/index.html").read_text(encoding="utf-8"))
    for words in ("一页摘要", "最严重的痛点", "进行中的机会点", "关键指标", "负责人", "另有 1 项，见旅程页面。"):
        assert words in page.text
