"""Evidence on the built pages: measured KPIs (latest value, as-of date, baseline, target,
progress, stale marker), the data lane, the change seen after shipping, evidence coverage,
the research pages, and the same in map.json and in Chinese."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import build_site, read_page, write_site

TODAY = dt.date.today()


def day(days_ago: int) -> dt.date:
    return TODAY - dt.timedelta(days=days_ago)


SHIPPED = day(60)
CURRENT = f"""\
---
title: Opening an account
state: current
persona: zhang-li
reviewed: {day(10)}
sources:
  - id: funnel
    kind: analytics
    title: Sign-up funnel <2026>
  - id: diary
    kind: interview
    title: Diary study
stages:
  - name: Apply
    kpis:
      - name: Completion
        metric: completion
        target: 50%
        baseline: {day(120)}
      - name: Call wait
        metric: call-wait
        target: 5
      - {{name: Typed KPI, value: 12, target: 20}}
    steps:
      - name: Proves identity
        id: identity
        metric: id-pass
        evidence: [funnel]
        pain_points:
          - id: id-retries
            text: The ID photo is rejected
            severity: high
            evidence: [funnel, diary]
        opportunities:
          - id: photo-tips
            text: Show a sharp photo first
            status: done
            shipped: {SHIPPED}
            addresses: [id-retries]
      - name: Waits
        id: waits
        pain_points:
          - id: no-status
            text: No status for days
            severity: medium
---
"""
FUTURE = """\
---
title: Opening an account
state: future
persona: zhang-li
stages:
  - name: Apply
    kpis:
      - {name: Completion, metric: completion, target: 65%}
    steps:
      - name: Proves identity
        id: identity
---
"""


def weekly(first_days_ago: int, last_days_ago: int, value) -> str:
    rows = ["date,value"]
    for days_ago in range(first_days_ago, last_days_ago - 1, -7):
        rows.append(f"{day(days_ago)},{value(days_ago)}")
    return "\n".join(rows) + "\n"


# 40% until shipping, then 45%: the latest is 45% as of 3 days ago.
COMPLETION = weekly(143, 3, lambda ago: "40%" if day(ago) < SHIPPED else "45%")
FILES = {
    "maps/open-account/current.md": CURRENT,
    "maps/open-account/future.md": FUTURE,
    "metrics/completion.csv": COMPLETION,
    # the phone figures stopped 100 days ago: stale
    "metrics/call-wait.csv": weekly(170, 100, lambda ago: "18"),
    "metrics/call-wait.yml": "name: Wait on the phone\nunit: min\nbetter: lower\n",
    "metrics/id-pass.csv": weekly(143, 3, lambda ago: "58%" if day(ago) < SHIPPED else "74%"),
}


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("evidence"), FILES)
    return build_site(root)


@pytest.fixture(scope="module")
def zh_site_dir(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("evidence-zh"), FILES, language="zh")
    return build_site(root)


def card(page, metric: str) -> str:
    """The HTML of the measured KPI's card on the map page."""
    start = page.source.index('<article class="jm-measure')
    start = page.source.index(f'data-metric="{metric}"', start)
    return page.source[start : page.source.index("</article>", start)]


def test_a_measured_kpi_shows_latest_as_of_baseline_target_and_progress(site_dir):
    page = read_page(site_dir, "journeys/open-account/current/index.html")
    html = card(page, "completion")
    assert "<strong data-latest>45%</strong>" in html
    assert f'data-as-of="{day(3)}"' in html and f'<time datetime="{day(3)}">' in html
    # the baseline is the observation on or before the baseline date: 40% (one week at most earlier)
    assert "<dd data-baseline>40% " in html
    assert "<dd data-target>50% " in html and "higher is better" in html
    assert 'data-progress="50"' in html and "50% of the way from baseline to target" in html
    assert "+5 pts" in html
    assert "data-stale" not in html


def test_stale_data_is_marked_on_the_map_page(site_dir):
    page = read_page(site_dir, "journeys/open-account/current/index.html")
    html = card(page, "call-wait")
    assert "<strong data-latest>18 min</strong>" in html and "lower is better" in html
    assert "data-stale" in html and ">stale</span>" in html
    assert "The latest observation is 100 days old; data older than 45 days is stale" in html
    assert "no target" not in html and 'data-progress="0"' in html


def test_the_trend_line_marks_the_shipped_date(site_dir):
    page = read_page(site_dir, "journeys/open-account/current/index.html")
    html = card(page, "completion")
    assert f'data-shipped="{SHIPPED}"' in html
    assert "Show a sharp photo first: shipped" in html
    assert html.count('class="jm-trend__baseline"') == 1 and html.count('class="jm-trend__target"') == 1


def test_the_canvas_has_the_measured_kpis_and_a_data_lane(site_dir):
    page = read_page(site_dir, "journeys/open-account/current/index.html")
    [lane] = page.find("tbody", data_lane="data")
    data = page.source[page.source.index('<tbody data-lane="data"') :]
    data = data[: data.index("</tbody>")]
    # one cell per step column, the identity step's holding its metric
    assert data.count("<td>") == 2 and 'data-metric="id-pass"' in data and "<strong data-latest>74%</strong>" in data
    kpis = page.source[page.source.index('<tbody data-lane="kpis"') :]
    kpis = kpis[: kpis.index("</tbody>")]
    assert "<strong data-latest>45%</strong>" in kpis and "Typed KPI <strong>12</strong>" in " ".join(kpis.split())


def test_the_change_seen_after_shipping(site_dir):
    page = read_page(site_dir, "journeys/open-account/current/index.html")
    start = page.source.index("data-change-seen")
    html = " ".join(page.source[start : page.source.index("</td>", start)].split())
    assert "Change seen after shipping on" in html
    assert "Completion: 40% → 45%" in html and "+5 pts" in html
    assert "Proves identity: 58% → 74%" in html and "+16 pts" in html
    assert 'Call wait: <span class="jm-muted">no data since shipping yet</span>' in html  # stale since before
    assert "A change seen after shipping, not proof that this opportunity caused it." in html


def test_assumptions_are_marked_quietly_and_explained(site_dir):
    page = read_page(site_dir, "journeys/open-account/current/index.html")
    assert page.find("th", scope="col", id="step-waits", class_="jm-step jm-assumption")
    assert page.find("th", scope="col", id="step-identity", class_="jm-step")
    assert page.find("div", class_="jm-pain jm-assumption", id="pain-no-status")
    assert "a dotted outline: a step or pain point that cites no source" in page.text


def test_evidence_coverage_by_stage_and_kind(site_dir):
    page = read_page(site_dir, "journeys/open-account/current/index.html")
    # identity and its pain point cite sources; waits and its pain point do not
    assert "50% backed by research" in page.text and "2 of 4 steps and pain points cite a source" in page.text
    assert "Analytics 2" in page.text and "Interview 1" in page.text


def test_the_journey_page_shows_current_against_target_for_both_states(site_dir):
    page = read_page(site_dir, "journeys/open-account/index.html")
    start = page.source.index('class="jm-list-table jm-stack jm-measured-compare"')
    html = page.source[start : page.source.index("</table>", start)]
    current = html[html.index('data-state="current"') : html.index('data-state="future"')]
    future = html[html.index('data-state="future"') :]
    assert "<strong data-latest>45%</strong>" in current and "<span data-target>50%</span>" in current
    assert "<strong data-latest>45%</strong>" in future and "<span data-target>65%</span>" in future


def test_research_pages(site_dir):
    index = read_page(site_dir, "research/index.html")
    assert index.find("a", href="funnel/") and "Sign-up funnel <2026>" in index.text
    assert "<2026>" not in index.source  # text is escaped
    page = read_page(site_dir, "research/funnel/index.html")
    assert "Sign-up funnel <2026>" in page.text and "Analytics" in page.text
    assert page.find("a", href="../../journeys/open-account/current/#step-identity")
    assert page.find("a", href="../../journeys/open-account/current/#pain-id-retries")
    assert "2 citations" in index.text
    m = read_page(site_dir, "journeys/open-account/current/index.html")
    assert m.find("a", class_="jm-research-link", href="../../../research/funnel/")


def test_the_journeys_index_filters_by_coverage(site_dir):
    page = read_page(site_dir, "journeys/index.html")
    assert page.find("tr", data_evidence="most")
    assert page.find("select", name="evidence")
    assert [a["value"] for t, a in page.elements if t == "option" and a.get("value") in ("none", "some", "most", "all")]


def test_map_json_carries_measured_values_and_coverage(site_dir):
    data = json.loads((site_dir / "journeys/open-account/current/map.json").read_text())
    [completion, wait] = data["measured"]["kpis"]
    assert completion["latest"] == {"date": str(day(3)), "value": 45.0}
    assert (completion["target"], completion["stale"], completion["progress"]) == (50.0, False, 0.5)
    assert (wait["stale"], wait["better"], wait["unit"]) == (True, "lower", "min")
    assert data["measured"]["steps"][0]["step"] == "identity"
    [shipped] = data["measured"]["shipped"]
    assert shipped["opportunity"] == "photo-tips" and [c["change"] for c in shipped["changes"]] == [5.0, None, 16.0]
    assert (data["evidence"]["items"], data["evidence"]["backed"], data["evidence"]["share"]) == (4, 2, 0.5)
    journey = json.loads((site_dir / "journeys/open-account/journey.json").read_text())
    assert journey["states"]["future"]["measured"]["kpis"][0]["target"] == 65.0


def test_chinese_labels(zh_site_dir):
    page = read_page(zh_site_dir, "journeys/open-account/current/index.html")
    html = card(page, "call-wait")
    assert "数据过期" in html and "越低越好" in html and "基线" in html
    assert "上线后观察到的变化" in page.text and "并不能证明是此机会点导致的" in page.text
    assert "有研究依据" in page.text and "数据" in page.text
    assert "研究" in read_page(zh_site_dir, "research/index.html").text
