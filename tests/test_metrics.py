"""Metric data files (metrics/<id>.csv and .yml): what the reader accepts, and the exact
path:line: message of each mistake."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import MAP, catalog_of, problems_of
from journeymaps.format.metrics import load_metrics, metric_path, parse_observations, parse_value
from journeymaps.format.problems import Problems
from journeymaps.model import Observation
from journeymaps.settings import Settings, settings_from_options

P = "maps/first-purchase/current.md"
D = dt.date


def test_a_spreadsheet_export_is_read_as_it_comes(site):
    # BOM, CRLF, blank lines, quoted cells, an extra column, capitals in the header,
    # rows in any order, '%' on the values, a trailing newline.
    data = '\ufeffDate,Segment,"Value"\r\n2026-03-01,all,"41.5%"\r\n\r\n2026-01-01,all,39%\r\n,,\r\n2026-02-01,new, 40 \r\n'
    root = site({P: MAP, "metrics/checkout-conversion.csv": data.encode("utf-8")})
    metric = catalog_of(root).metrics["checkout-conversion"]
    assert metric.observations == [
        Observation(D(2026, 1, 1), 39.0),
        Observation(D(2026, 2, 1), 40.0),
        Observation(D(2026, 3, 1), 41.5),
    ]
    assert (metric.unit, metric.name, metric.better, metric.path) == (
        "%",
        None,
        None,
        "metrics/checkout-conversion.csv",
    )
    assert metric.latest == Observation(D(2026, 3, 1), 41.5)
    assert metric.on_or_before(D(2026, 2, 15)) == Observation(D(2026, 2, 1), 40.0)
    assert metric.on_or_before(D(2025, 12, 31)) is None


def test_the_description_beside_the_data(site):
    root = site(
        {
            P: MAP,
            "metrics/support-calls.csv": "date,value\n2026-01-01,1200\n",
            "metrics/support-calls.yml": "name: Support calls a week\nunit: calls\nbetter: Lower\n",
        }
    )
    metric = catalog_of(root).metrics["support-calls"]
    assert (metric.name, metric.unit, metric.better) == ("Support calls a week", "calls", "lower")


def test_no_metrics_folder_is_no_metrics(site):
    assert catalog_of(site({P: MAP})).metrics == {}


def test_the_folder_and_staleness_are_settings(tmp_path):
    settings, errors = settings_from_options({"metrics_dir": "data/kpis/", "metrics_stale_after": 30})
    assert (settings.metrics_dir, settings.metrics_stale_after, errors) == ("data/kpis", 30, [])
    assert metric_path(settings, "nps") == "data/kpis/nps.csv"
    _, errors = settings_from_options({"metrics_stale_after": 0})
    assert [str(e) for e in errors] == ["metrics_stale_after must be a whole number of days above 0, not 0"]
    (tmp_path / "data/kpis").mkdir(parents=True)
    (tmp_path / "data/kpis/nps.csv").write_text("date,value\n2026-01-01,31\n")
    problems = Problems()
    assert list(load_metrics(tmp_path, settings, problems)) == ["nps"]
    assert problems.items == []


@pytest.mark.parametrize(
    "cell, expected",
    [("39%", (39.0, True)), (" 4.5 ", (4.5, False)), ("-2", (-2.0, False)), ("12 %", (12.0, True))],
)
def test_values(cell, expected):
    assert parse_value(cell) == expected


@pytest.mark.parametrize("cell", ["", "n/a", "nan", "inf", "1,5", "%"])
def test_not_values(cell):
    assert parse_value(cell) is None


def test_parse_observations_alone():
    problems = Problems()
    found, percent = parse_observations("date,value\n2026-02-01,3\n2026-01-01,x\n", "metrics/a.csv", problems)
    assert (found, percent) == ([Observation(D(2026, 2, 1), 3.0)], False)
    assert [str(p) for p in problems.items] == [
        "metrics/a.csv:3: 'x' is not a number; write values like 39, 4.5 or 39%"
    ]


M = "metrics/conversion.csv"
CASES = {
    "no header": (
        {M: "2026-01-01,39%\n"},
        [f"{M}:1: the first line must be the header 'date,value' (more columns may follow), not '2026-01-01,39%'"],
    ),
    "an empty file": (
        {M: "\n\n"},
        [f"{M}:1: the first line must be the header 'date,value' (more columns may follow), not ''"],
    ),
    "a header and nothing else": (
        {M: "date,value\n"},
        [f"{M}:1: the file has a header but no observations; add rows like '2026-10-01,39%'"],
    ),
    "a date that does not parse": (
        {M: "date,value\n2026-01-01,39%\n\n2026-13-01,40%\n"},
        [f"{M}:4: '2026-13-01' is not a date; write dates like 2026-10-01"],
    ),
    "a value that does not parse": (
        {M: "date,value\n2026-01-01,39%\n2026-02-01,n/a\n"},
        [f"{M}:3: 'n/a' is not a number; write values like 39, 4.5 or 39%"],
    ),
    "a short row": (
        {M: "date,note,value\n2026-01-01,launch\n"},
        [f"{M}:2: this row has 2 cells; it needs a date and a value under the header's columns"],
    ),
    "a duplicate date": (
        {M: "date,value\n2026-01-01,39%\n2026-02-01,40%\n2026-01-01,41%\n"},
        [f"{M}:4: the date 2026-01-01 has a value already (line 2); keep one row per date"],
    ),
    "a control character, not repeated in the message": (
        {M: "date,value\n2026-01-01,3\x00\n"},
        [f"{M}:2: '3?' is not a number; write values like 39, 4.5 or 39%"],
    ),
    "not UTF-8": (
        {M: b"date,value\n2026-01-01,3\n\xff\n"},
        [f"{M}:3: the file is not UTF-8 text; save it as UTF-8"],
    ),
    "a file name that is not an id": (
        {"metrics/Checkout Rate.csv": "date,value\n2026-01-01,3\n"},
        [
            "metrics/Checkout Rate.csv:1: the file name 'Checkout Rate.csv' is not a metric id (lowercase letters, "
            "digits and '-'); rename it to 'checkout-rate.csv'"
        ],
    ),
    "a description without data": (
        {"metrics/nps.yml": "name: NPS\n"},
        ["metrics/nps.yml:1: this describes a metric whose data file nps.csv does not exist"],
    ),
    "a description with an unknown key and a wrong direction": (
        {M: "date,value\n2026-01-01,3\n", "metrics/conversion.yml": "name: Conversion\nbeter: lower\n"},
        ["metrics/conversion.yml:2: unknown key 'beter' in the metric; did you mean 'better'?"],
    ),
    "a description whose direction is neither": (
        {M: "date,value\n2026-01-01,3\n", "metrics/conversion.yml": "better: up\n"},
        ["metrics/conversion.yml:1: 'better' must be 'higher' or 'lower', not 'up'"],
    ),
    "a query with a password in its database line": (
        {
            "metrics/signups.sql": "-- Sign-ups per week\n-- database: postgresql://me:hunter2@db.internal/x\nSELECT 1, 2\n"
        },
        [
            "metrics/signups.sql:2: this URL holds a password, which must not be in a committed file: put the URL "
            "in an environment variable and write '-- database: $VARIABLE'"
        ],
    ),
    "a query whose database line names no database": (
        {"metrics/signups.sql": "-- database: the warehouse\nSELECT 1, 2\n"},
        [
            "metrics/signups.sql:1: 'the warehouse' names no database: write '-- database: $VARIABLE' (an "
            "environment variable holding the URL) or a URL without a password"
        ],
    ),
    "an empty query": (
        {"metrics/signups.sql": "-- database: $WAREHOUSE_URL\n\n"},
        ["metrics/signups.sql:1: the file holds no query"],
    ),
    "a query whose file name is not an id": (
        {"metrics/Sign ups.sql": "SELECT 1, 2\n"},
        [
            "metrics/Sign ups.sql:1: the file name 'Sign ups.sql' is not a metric id (lowercase letters, "
            "digits and '-'); rename it to 'sign-ups.sql'"
        ],
    ),
    "a query that is not UTF-8": (
        {"metrics/signups.sql": b"-- database: $WAREHOUSE_URL\nSELECT '\xff', 2\n"},
        ["metrics/signups.sql:2: the file is not UTF-8 text; save it as UTF-8"],
    ),
    "a description that is not YAML": (
        {M: "date,value\n2026-01-01,3\n", "metrics/conversion.yml": "name: [open\n"},
        ["metrics/conversion.yml:1: invalid YAML: did not find expected ',' or ']', while parsing a flow sequence"],
    ),
}


@pytest.mark.parametrize("files, expected", list(CASES.values()), ids=list(CASES))
def test_rule(site, files, expected):
    assert problems_of(site({P: MAP, **files})) == sorted(expected)


def test_a_file_that_links_out_of_the_project(site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.csv"
    outside.write_text("date,value\n2026-01-01,3\n")
    root = site({P: MAP})
    (root / "metrics").mkdir()
    (root / "metrics/leak.csv").symlink_to(outside)
    assert problems_of(root) == [
        "metrics/leak.csv:1: this file links outside the project; keep metric files in the project"
    ]


def test_good_queries_have_no_problems(site):
    root = site(
        {
            P: MAP,
            "metrics/signups.sql": "-- database: $WAREHOUSE_URL\nSELECT week, count(*) FROM signups GROUP BY 1\n",
            "metrics/revenue.sql": "-- database: sqlite:///analytics.db\nSELECT 1, 2\n",
            "metrics/orders.sql": "SELECT 1, 2\n",
        }
    )
    assert problems_of(root) == []


def test_a_query_that_links_out_of_the_project(site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.sql"
    outside.write_text("-- database: postgresql://me:hunter2@db/x\nSELECT 1\n")
    root = site({P: MAP})
    (root / "metrics").mkdir()
    (root / "metrics/leak.sql").symlink_to(outside)
    assert problems_of(root) == [
        "metrics/leak.sql:1: this file links outside the project; keep metric files in the project"
    ]


def test_a_chinese_site_gets_chinese_messages(site):
    from journeymaps.text import Text

    root = site({P: MAP, M: "date,value\n2026-01-01,abc\n"}, language="zh")
    problems = Problems()
    load_metrics(root, Settings(), problems)
    assert [p.words(Text("zh")) for p in problems.items] == [f"{M}:2: 'abc' 不是数字；数值请写成 39、4.5 或 39% 的形式"]


MEASURED = """\
---
title: First purchase
state: current
persona: zhang-li
reviewed: 2026-04-01
sources:
  - id: interviews
    title: Interviews
stages:
  - name: Checkout
    kpis:
      - name: Conversion
        metric: conversion
        target: 45%
        baseline: 2026-02-01
    steps:
      - name: Pays
        metric: conversion
        pain_points:
          - id: slow-pay
            text: Payment is slow
            severity: high
            evidence: [interviews]
        opportunities:
          - text: One-tap payment
            status: done
            shipped: 2026-03-01
---
"""
DATA = "date,value\n2026-01-01,38%\n2026-02-01,39%\n2026-03-01,40%\n2026-04-01,43%\n"
TODAY = "2026-04-10"


def rule_problems(root):
    from journeymaps.format.catalog import read_site
    from journeymaps.siteconfig import load_settings

    _, problems = read_site(root, load_settings(root), D.fromisoformat(TODAY))
    return sorted(str(p) for p in problems.items)


def test_a_measured_map_has_no_problems(site):
    root = site({P: MEASURED, M: DATA})
    assert rule_problems(root) == []
    m = catalog_of(root).journeys["first-purchase"].states["current"]
    kpi = m.stages[0].kpis[0]
    assert (kpi.metric, kpi.target, kpi.better, kpi.baseline) == ("conversion", "45%", None, D(2026, 2, 1))
    assert (m.steps[0].metric, m.opportunities[0].shipped) == ("conversion", D(2026, 3, 1))


def mapped(old: str, new: str) -> str:
    assert old in MEASURED, old
    return MEASURED.replace(old, new, 1)


MEASURED_CASES = {
    "a KPI's metric names no file": (
        {P: mapped("metric: conversion\n        target", "metric: convertion\n        target"), M: DATA},
        [f"{P}:13: 'metric' names 'convertion', but there is no metrics/convertion.csv; did you mean 'conversion'?"],
    ),
    "a step's metric names no file": (
        {P: mapped("        metric: conversion\n        pain", "        metric: drop-off\n        pain"), M: DATA},
        [f"{P}:18: 'metric' names 'drop-off', but there is no metrics/drop-off.csv"],
    ),
    "a metric whose file has mistakes is reported at the file only": (
        {P: MEASURED, M: "date,value\n2026-01-01,x\n"},
        [f"{M}:2: 'x' is not a number; write values like 39, 4.5 or 39%"],
    ),
    "a measured target that is not a number": (
        {P: mapped("target: 45%", "target: more"), M: DATA},
        [f"{P}:14: 'target' of a measured KPI must be a number like 45 or 45%, not 'more'"],
    ),
    "a baseline before the first observation": (
        {P: mapped("baseline: 2026-02-01", "baseline: 2025-12-01"), M: DATA},
        [
            f"{P}:15: 'baseline' is 2025-12-01, before the first observation of 'conversion' (2026-01-01); "
            "the baseline is the observation on or before this date"
        ],
    ),
    "a baseline without a metric": (
        {P: mapped("        metric: conversion\n        target", "        target"), M: DATA},
        [f"{P}:14: 'baseline' is a date in a metric's data; set 'metric:' too"],
    ),
    "a baseline that is not a date": (
        {P: mapped("baseline: 2026-02-01", "baseline: spring"), M: DATA},
        [f"{P}:15: 'baseline' must be a date like 2026-10-01, not 'spring'"],
    ),
    "a direction that is neither": (
        {P: mapped("target: 45%", "target: 45%\n        better: up"), M: DATA},
        [f"{P}:15: 'better' must be 'higher' or 'lower', not 'up'"],
    ),
    "shipped on an opportunity that is not done": (
        {P: mapped("status: done", "status: in-progress"), M: DATA},
        [
            f"{P}:27: 'shipped' is the day a done opportunity reached customers, but this one is 'in-progress'; "
            "set 'status: done' or remove 'shipped'"
        ],
    ),
    "shipped on an opportunity with no status": (
        {P: mapped("            status: done\n", ""), M: DATA},
        [f"{P}:26: 'shipped' is the day a done opportunity reached customers; set 'status: done'"],
    ),
    "a metric file no map uses (a warning)": (
        {P: MEASURED, M: DATA, "metrics/nps.csv": "date,value\n2026-04-01,31\n"},
        ["metrics/nps.csv:1: no map uses this metric; name it in a KPI or a step ('metric: nps') or remove the file"],
    ),
    "a high-severity pain point without evidence (a warning)": (
        {P: mapped("            evidence: [interviews]\n", ""), M: DATA},
        [f"{P}:22: a high-severity pain point that cites no 'evidence:' is an assumption; name the research behind it"],
    ),
}


@pytest.mark.parametrize("files, expected", list(MEASURED_CASES.values()), ids=list(MEASURED_CASES))
def test_measured_rule(site, files, expected):
    assert rule_problems(site(files)) == sorted(expected)


def test_stale_data_is_a_warning_naming_the_file(site):
    root = site({P: MEASURED, M: DATA}, options=":\n      metrics_stale_after: 5")
    assert rule_problems(root) == [
        f"{M}:1: stale data: the latest observation is from 2026-04-01, 9 days ago (stale after 5 days, "
        "metrics_stale_after); add the newer observations"
    ]


def test_a_review_does_not_make_stale_data_fresh(site):
    root = site(
        {P: MEASURED.replace("reviewed: 2026-04-01", "reviewed: 2026-04-09"), M: DATA},
        options=":\n      metrics_stale_after: 5",
    )
    assert [p for p in rule_problems(root) if "stale" in p] != []
