"""journeymaps diff on metric data: the loop of a scheduled pull (a real SQLite database,
`journeymaps metrics pull`, a real git repository), and the summary a reviewer gets: per
KPI the latest value before and after and where it stands against its target."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import MAP, write_site
from journeymaps.authoring.metric_diff import direction_of
from journeymaps.cli import main
from test_diff import commit, git

KPI_MAP = MAP.replace(
    "  - name: Awareness\n",
    "  - name: Awareness\n    kpis:\n      - {name: Checkout conversion, target: 45%, metric: conversion}\n"
    "      - {name: Drop-outs, target: 10, metric: conversion-drop, better: lower}\n",
)
QUERY = (
    "-- database: sqlite:///analytics.db\nSELECT week, value FROM weekly WHERE metric = '{metric}' AND week >= :since\n"
)


def repository(root: Path) -> Path:
    """``root`` as a git repository with everything in it committed on main."""
    git(root, "init", "-q", "-b", "main")
    commit(root, "site")
    return root


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """A site in a git repository whose two KPIs name metrics, each with a query and a data
    file of two weeks, committed on main; and the analytics database the queries read."""
    root = write_site(
        tmp_path,
        {
            "maps/first-purchase/current.md": KPI_MAP,
            "metrics/conversion.csv": "date,value\n2026-01-05,38%\n2026-01-12,40%\n",
            "metrics/conversion.sql": QUERY.format(metric="conversion"),
            "metrics/conversion-drop.csv": "date,value\n2026-01-05,14\n2026-01-12,12\n",
            "metrics/conversion-drop.yml": "name: Drop-outs at payment\nunit: a day\n",
            "metrics/conversion-drop.sql": QUERY.format(metric="conversion-drop"),
        },
    )
    with sqlite3.connect(root / "analytics.db") as connection:
        connection.execute("CREATE TABLE weekly (metric TEXT, week TEXT, value REAL)")
        connection.executemany(
            "INSERT INTO weekly VALUES (?, ?, ?)",
            [("conversion", "2026-01-12", 41.0), ("conversion", "2026-01-19", 46.5),
             ("conversion-drop", "2026-01-12", 12), ("conversion-drop", "2026-01-19", 13)],
        )  # fmt: skip
    connection.close()
    (root / ".gitignore").write_text("analytics.db\n", encoding="utf-8")
    return repository(root)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_pull_then_a_diff_tells_what_moved_against_the_targets(loop, capsys):
    assert run(capsys, "--site", str(loop), "metrics", "pull") == (
        0,
        "metrics/conversion.csv: 1 added, 1 changed\nmetrics/conversion-drop.csv: 1 added, 0 changed\n",
        "",
    )
    assert (loop / "metrics/conversion.csv").read_text(encoding="utf-8") == (
        "date,value\n2026-01-05,38%\n2026-01-12,41%\n2026-01-19,46.5%\n"
    )
    code, out, err = run(capsys, "--site", str(loop), "diff", "main")
    assert (code, err) == (0, "")
    assert out == (
        "<!-- journeymaps-diff -->\n## Journey map changes\n\nCompared with `main`: 2 metrics' data changed.\n\n"
        "### Metric values\n\n"
        "| KPI | Latest before | Latest after | Target | Direction |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Checkout conversion · First purchase (Current state) | 40% (Jan 12, 2026) | 46.5% (Jan 19, 2026) | 45% | ↑ reached the target |\n"
        "| Drop-outs · First purchase (Current state) | 12 a day (Jan 12, 2026) | 13 a day (Jan 19, 2026) | 10 a day | ↑ further from the target |\n"
        "\n"
        "- `metrics/conversion.csv`: 1 added, 1 changed\n"
        "- `metrics/conversion-drop.csv`: 1 added\n"
    )


def test_the_json_summary_has_each_metric_and_its_kpis(loop, capsys):
    (loop / "metrics/conversion.csv").write_text("date,value\n2026-01-05,38%\n2026-01-12,36%\n", encoding="utf-8")
    code, out, _ = run(capsys, "--site", str(loop), "diff", "main", "--format", "json")
    assert code == 0
    assert json.loads(out)["metric_values"] == [
        {
            "id": "conversion",
            "file": "metrics/conversion.csv",
            "before": {"date": "2026-01-12", "value": 40.0},
            "after": {"date": "2026-01-12", "value": 36.0},
            "added": 0,
            "changed": 1,
            "removed": 0,
            "freshness": None,
            "kpis": [
                {
                    "journey": "first-purchase",
                    "state": "current",
                    "stage": "Awareness",
                    "kpi": "Checkout conversion",
                    "target": 45.0,
                    "better": "higher",
                    "direction": "further",
                }
            ],
        }
    ]


def test_data_that_goes_stale_or_fresh_is_said(loop, capsys):
    today = dt.date.today()
    recent, old = today - dt.timedelta(days=3), today - dt.timedelta(days=400)
    (loop / "metrics/conversion.csv").write_text(f"date,value\n{old},38%\n", encoding="utf-8")
    (loop / "metrics/conversion-drop.csv").write_text(f"date,value\n{old},14\n", encoding="utf-8")
    git(loop, "commit", "-q", "-am", "old data")
    (loop / "metrics/conversion.csv").write_text(f"date,value\n{old},38%\n{recent},44%\n", encoding="utf-8")
    git(loop, "commit", "-q", "-am", "fresh data")
    (loop / "metrics/conversion.csv").write_text(f"date,value\n{old},38%\n", encoding="utf-8")
    code, out, _ = run(capsys, "--site", str(loop), "diff", "HEAD")
    assert code == 0
    assert out.splitlines()[-1] == (
        f"- `metrics/conversion.csv`: 1 removed · went stale: its latest value is from "
        f"{old:%b} {old.day}, {old.year}, more than 45 days ago"
    )
    assert (
        "| Checkout conversion · First purchase (Current state) | 44% (" in out
        and "| 45% | ↓ further from the target |" in out
    )
    code, out, _ = run(capsys, "--site", str(loop), "diff", "HEAD~1", "HEAD")
    assert out.splitlines()[-1] == "- `metrics/conversion.csv`: 1 added · fresh again"


def test_a_new_data_file_and_a_removed_one(loop, capsys):
    (loop / "metrics/conversion.csv").unlink()
    (loop / "metrics/conversion.sql").unlink()
    (loop / "maps/first-purchase/current.md").write_text(
        KPI_MAP.replace("metric: conversion}", "metric: orders}"), encoding="utf-8"
    )
    (loop / "metrics/orders.csv").write_text("date,value\n2026-01-12,7%\n", encoding="utf-8")
    code, out, _ = run(capsys, "--site", str(loop), "diff", "main")
    assert code == 0
    assert "| Checkout conversion · First purchase (Current state) | — | 7% (Jan 12, 2026) | 45% | new data |\n" in out
    assert "| `conversion` | 40% (Jan 12, 2026) | — | — | data removed |\n" in out
    assert "\n- `metrics/conversion.csv`: 2 removed\n- `metrics/orders.csv`: 1 added\n\n### First purchase" in out


def test_the_summary_is_in_the_sites_language(loop, capsys):
    (loop / "metrics/conversion.csv").write_text("date,value\n2026-01-05,38%\n2026-01-12,44%\n", encoding="utf-8")
    code, out, _ = run(capsys, "--site", str(loop), "--lang", "zh", "diff", "main")
    assert code == 0
    assert "| 走向 |" in out
    assert (
        "| Checkout conversion · First purchase（现状） | 40%（2026年1月12日） | 44%（2026年1月12日） | 45% | ↑ 更接近目标 |"
        in out
    )
    assert "- `metrics/conversion.csv`: 修改 1 个" in out


@pytest.mark.parametrize(
    ("before", "after", "target", "better", "direction"),
    [
        (40, 46, 45, "higher", "reached"),
        (46, 47, 45, "higher", "still-met"),
        (46, 44, 45, "higher", "missed-again"),
        (30, 35, 45, "higher", "closer"),
        (35, 30, 45, "higher", "further"),
        (35, 35, 45, "higher", "same"),
        (14, 12, 10, "lower", "closer"),
        (12, 9, 10, "lower", "reached"),
        (9, 11, 10, "lower", "missed-again"),
        (3, 4, None, "higher", "better"),
        (3, 4, None, "lower", "worse"),
        (3, 3, None, "lower", "same"),
    ],
)
def test_the_direction_against_the_target(before, after, target, better, direction):
    assert direction_of(before, after, target, better) == direction
