"""docs/metrics-pull.md and its workflow cannot drift from what the commands do: the demo's
loop (the script's SQLite database, `metrics pull`, `diff`) is run on a copy of the demo and
compared with the page, and the scheduled workflow's commands are run as it runs them."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MAP, REPO, write_site
from journeymaps.cli import main
from test_diff import git, journeymaps_commands, workflow_steps
from test_metrics_diff import repository, run

PAGE = REPO / "docs" / "metrics-pull.md"
WORKFLOW = REPO / "docs" / "examples" / "metrics-pull.yml"
SCRIPT = Path("docs") / "examples" / "metrics_demo_database.py"
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def text_blocks() -> list[str]:
    return re.findall(r"^```text\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.S | re.M)


def table_rows(markdown: str) -> list[str]:
    """The KPI table's rows, links reduced to their words (the page links to pages, the
    summary to the published site)."""
    rows = [line.strip() for line in markdown.splitlines() if line.strip().startswith("| ") and "·" in line]
    return [LINK.sub(r"\1", row) for row in rows]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo site in a git repository of its own."""
    root = tmp_path / "demo"
    for name in ("maps", "personas", "docs", "metrics"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.sqlite"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return repository(root)


def test_the_demo_loop_prints_what_the_page_shows(demo, capsys):
    blocks = text_blocks()
    subprocess.run([sys.executable, SCRIPT, "--today", "2026-12-03"], cwd=demo, check=True, capture_output=True)
    assert run(capsys, "--site", str(demo), "metrics", "pull") == (0, blocks[1], "")
    code, out, _ = run(capsys, "--site", str(demo), "diff", "HEAD")
    assert code == 0
    assert table_rows(out) == table_rows(PAGE.read_text(encoding="utf-8"))
    assert "- `metrics/calls-abandoned.csv`: 4 added, 1 changed · fresh again\n" in out
    git(demo, "commit", "-qam", "Metric data")
    subprocess.run([sys.executable, SCRIPT, "--more"], cwd=demo, check=True, capture_output=True)
    assert run(capsys, "--site", str(demo), "metrics", "pull") == (0, blocks[2], "")
    _, out, _ = run(capsys, "--site", str(demo), "diff", "HEAD")
    assert "| 50% | ↑ reached the target |" in out
    assert (demo / "metrics-demo.sqlite").is_file()


def test_the_demo_queries_refuse_to_run_without_the_database(demo, capsys):
    code, out, err = run(capsys, "--site", str(demo), "metrics", "pull")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"metrics/application-completion.sql: there is no database file {(demo / 'metrics-demo.sqlite').resolve()}"
    )


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_runs_weekly_and_may_open_a_pull_request():
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare 'on' as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"].endswith("* * 1")  # Mondays
    assert data["permissions"] == {"contents": "write", "pull-requests": "write"}
    named = {step.get("name") or step["uses"]: step for step in workflow_steps(WORKFLOW)}
    assert named["actions/checkout@v4"]["with"]["fetch-depth"] == 0
    assert named["Pull the metrics"]["env"] == {"JOURNEYMAPS_DATABASE_URL": "${{ secrets.JOURNEYMAPS_DATABASE_URL }}"}
    for step in workflow_steps(WORKFLOW):
        if "run" in step:
            subprocess.run(["bash", "-n"], input=step["run"], text=True, check=True)


def test_the_workflows_commands_run_as_it_runs_them(tmp_path, capsys, monkeypatch):
    """In a clone whose default branch is origin/main, with the database's URL in the
    environment, as the secret puts it there."""
    origin = write_site(
        tmp_path / "origin",
        {
            "maps/first-purchase/current.md": MAP.replace(
                "  - name: Awareness\n",
                "  - name: Awareness\n    kpis:\n      - {name: Orders, target: 10, metric: orders}\n",
            ),
            "metrics/orders.csv": "date,value\n2026-01-05,3\n",
            "metrics/orders.sql": "SELECT day, n FROM orders WHERE day >= :since\n",
        },
    )
    repository(origin)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    with sqlite3.connect(tmp_path / "warehouse.db") as connection:
        connection.execute("CREATE TABLE orders (day TEXT, n INTEGER)")
        connection.executemany("INSERT INTO orders VALUES (?, ?)", [("2026-01-05", 4), ("2026-01-12", 6)])
    connection.close()
    monkeypatch.setenv("JOURNEYMAPS_DATABASE_URL", f"sqlite:///{tmp_path / 'warehouse.db'}")
    monkeypatch.setenv("BASE", "main")
    monkeypatch.chdir(clone)  # the workflow runs them in the site folder
    found = journeymaps_commands(WORKFLOW)
    assert [c[:2] for c in found] == [["metrics", "pull"], ["diff", "origin/main"]]
    for command in found:
        assert main(command) == 0, command
    out = capsys.readouterr().out
    assert out.startswith("metrics/orders.csv: 1 added, 1 changed\n")
    assert (
        "| Orders · First purchase (Current state) | 3 (Jan 5, 2026) | 6 (Jan 12, 2026) | 10 | ↑ closer to the target |"
        in out
    )
