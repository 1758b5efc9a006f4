"""journeymaps metrics pull against real databases: PostgreSQL (a server the tests start,
see postgres.py), SQLite and DuckDB. A table of events, queries that count them per week, pulled
into metric data files; every failure leaves its data file byte for byte as it was."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from conftest import write_site
from journeymaps.cli import main
from postgres import PASSWORD, Server

# Three weeks of January 2026 (Mondays: the 5th, 12th and 19th): 3, 2 and 4 sign-ups.
EVENTS = [
    ("2026-01-05 09:00:00", "signup", None),
    ("2026-01-07 10:30:00", "signup", None),
    ("2026-01-11 23:59:00", "signup", None),
    ("2026-01-08 12:00:00", "purchase", "19.90"),
    ("2026-01-12 00:00:00", "signup", None),
    ("2026-01-16 08:00:00", "signup", None),
    ("2026-01-14 12:00:00", "purchase", "5.10"),
    ("2026-01-19 07:00:00", "signup", None),
    ("2026-01-20 07:00:00", "signup", None),
    ("2026-01-21 07:00:00", "signup", None),
    ("2026-01-25 22:00:00", "signup", None),
]
WEEKS = {"2026-01-05": 3, "2026-01-12": 2, "2026-01-19": 4}

# The same questions in each database's words: the week starts on Monday.
QUERIES = {
    "sqlite": {
        "signups": "SELECT date(happened_at, '-6 days', 'weekday 1') AS week, count(*) AS signups FROM events\n"
        "WHERE kind = 'signup' AND date(happened_at) >= :since GROUP BY week ORDER BY week\n",
        "revenue": "SELECT date(happened_at, '-6 days', 'weekday 1'), sum(amount) FROM events WHERE kind = 'purchase'\n"
        "GROUP BY 1\n",
        "slow": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT '2026-01-05', max(i) FROM n\n",
        "delete": "DELETE FROM events RETURNING date(happened_at), 1\n",
    },
    "duckdb": {
        "signups": "SELECT date_trunc('week', happened_at)::date AS week, count(*) AS signups FROM events\n"
        "WHERE kind = 'signup' AND happened_at >= :since GROUP BY 1 ORDER BY 1\n",
        "revenue": "SELECT date_trunc('week', happened_at)::date, sum(amount) FROM events WHERE kind = 'purchase' GROUP BY 1\n",
        "slow": "SELECT DATE '2026-01-05', sum(a.range * b.range) FROM range(1000000) a, range(1000000) b\n",
        "delete": "DELETE FROM events RETURNING CAST(happened_at AS DATE), 1\n",
    },
    "postgres": {
        "signups": "SELECT date_trunc('week', happened_at)::date AS week, count(*) AS signups FROM events\n"
        "WHERE kind = 'signup' AND happened_at >= :since GROUP BY 1 ORDER BY 1\n",
        "revenue": "SELECT date_trunc('week', happened_at)::date, sum(amount) FROM events WHERE kind = 'purchase' GROUP BY 1\n",
        "slow": "SELECT current_date, 1 FROM pg_sleep(30)\n",
        "delete": "DELETE FROM events RETURNING happened_at::date, 1\n",
    },
}


@dataclass
class Database:
    kind: str
    url: str  # what JOURNEYMAPS_DATABASE_URL holds
    connect: object  # a read-write connection, for the test's own setup and checks

    def run(self, sql: str, rows: list[tuple] | None = None) -> None:
        with self.connect() as connection:
            if rows is None:
                connection.execute(sql)
            else:
                connection.cursor().executemany(sql, rows)
            if self.kind != "duckdb":  # DuckDB commits each statement by itself
                connection.commit()

    def count(self) -> int:
        with self.connect() as connection:
            return connection.execute("SELECT count(*) FROM events").fetchone()[0]

    def query(self, name: str) -> str:
        return QUERIES[self.kind][name]


def _sqlite(tmp_path: Path) -> Database:
    path = tmp_path / "site" / "analytics.db"
    path.parent.mkdir(parents=True, exist_ok=True)

    def connect():
        return _closing(sqlite3.connect(path))

    database = Database("sqlite", "sqlite:///analytics.db", connect)
    database.run("CREATE TABLE events (happened_at TEXT NOT NULL, kind TEXT NOT NULL, amount REAL)")
    database.run("INSERT INTO events VALUES (?, ?, ?)", [(a, k, None if v is None else float(v)) for a, k, v in EVENTS])
    return database


def _duckdb(tmp_path: Path) -> Database:
    import duckdb

    path = tmp_path / "site" / "warehouse.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    database = Database("duckdb", "duckdb:///warehouse.duckdb", lambda: duckdb.connect(str(path)))
    database.run("CREATE TABLE events (happened_at TIMESTAMP NOT NULL, kind TEXT NOT NULL, amount DECIMAL(10, 2))")
    database.run("INSERT INTO events VALUES (?, ?, ?)", EVENTS)
    return database


class _closing:
    """sqlite3's connection as a context manager that also closes it."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()


@pytest.fixture
def pg_database(postgres: Server) -> Iterator[Database]:
    """A database of its own on the session's server, dropped at the end."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with postgres.connect(autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    raw = postgres.url(database=name).render_as_string(hide_password=False).replace("+psycopg", "")
    database = Database("postgres", raw, lambda: postgres.connect(name))
    database.run("CREATE TABLE events (happened_at timestamptz NOT NULL, kind text NOT NULL, amount numeric(10, 2))")
    database.run(
        "INSERT INTO events VALUES (%s, %s, %s)", [(f"{a}+00", k, v) for a, k, v in EVENTS]
    )  # fmt: skip
    yield database
    with postgres.connect(autocommit=True) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request, tmp_path) -> Database:
    if request.param == "sqlite":
        return _sqlite(tmp_path)
    if request.param == "duckdb":
        return _duckdb(tmp_path)
    return request.getfixturevalue("pg_database")


def site_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    return write_site(tmp_path / "site", {f"metrics/{name}": content for name, content in files.items()})


def pull(root: Path, database: Database | None, *options: str, capsys, monkeypatch) -> tuple[int, str, str]:
    if database is not None:
        monkeypatch.setenv("JOURNEYMAPS_DATABASE_URL", database.url)
    code = main(["--site", str(root), "metrics", "pull", *options])
    out, err = capsys.readouterr()
    return code, out, err


def csv_of(weeks: dict[str, object]) -> str:
    return "date,value\n" + "".join(f"{day},{value}\n" for day, value in weeks.items())


def test_a_pull_into_no_data_file_writes_every_week(database, tmp_path, capsys, monkeypatch):
    root = site_with(tmp_path, {"signups.sql": database.query("signups"), "revenue.sql": database.query("revenue")})
    code, out, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "metrics/revenue.csv: 2 added, 0 changed",
        "metrics/signups.csv: 3 added, 0 changed",
    ]
    assert (root / "metrics/signups.csv").read_text(encoding="utf-8") == csv_of(WEEKS)
    assert (root / "metrics/revenue.csv").read_text(encoding="utf-8") == csv_of({"2026-01-05": 19.9, "2026-01-12": 5.1})


def test_a_pull_into_a_data_file_keeps_its_columns_and_its_way_of_writing(database, tmp_path, capsys, monkeypatch):
    existing = '\ufeffDate,Value,note\r\n2025-12-29,7,holidays\r\n\r\n2026-01-05,1,"counted by hand, 1 day"\r\n'
    root = site_with(tmp_path, {"signups.sql": database.query("signups"), "signups.csv": existing.encode()})
    code, out, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out, err) == (0, "metrics/signups.csv: 2 added, 1 changed\n", "")
    assert (root / "metrics/signups.csv").read_bytes().decode() == (
        '\ufeffDate,Value,note\r\n2025-12-29,7,holidays\r\n2026-01-05,3,"counted by hand, 1 day"\r\n'
        "2026-01-12,2,\r\n2026-01-19,4,\r\n"
    )


def test_a_second_pull_changes_only_the_week_that_moved(database, tmp_path, capsys, monkeypatch):
    root = site_with(tmp_path, {"signups.sql": database.query("signups")})
    pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    database.run("INSERT INTO events (happened_at, kind) VALUES ('2026-01-22 10:00:00', 'signup')")
    code, out, _ = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (0, "metrics/signups.csv: 0 added, 1 changed\n")
    assert (root / "metrics/signups.csv").read_text(encoding="utf-8") == csv_of({**WEEKS, "2026-01-19": 5})
    assert pull(root, database, capsys=capsys, monkeypatch=monkeypatch)[:2] == (0, "metrics/signups.csv: unchanged\n")


def test_since_is_the_latest_date_of_the_data_file_unless_given(database, tmp_path, capsys, monkeypatch):
    cast = ":since" if database.kind == "sqlite" else "CAST(:since AS date)"
    root = site_with(tmp_path, {"since.sql": f"SELECT {cast}, 1\n", "since.csv": csv_of({"2026-01-12": 1})})
    pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (root / "metrics/since.csv").read_text(encoding="utf-8") == csv_of({"2026-01-12": 1})
    pull(root, database, "--since", "2026-02-02", capsys=capsys, monkeypatch=monkeypatch)
    assert (root / "metrics/since.csv").read_text(encoding="utf-8") == csv_of({"2026-01-12": 1, "2026-02-02": 1})
    (root / "metrics/since.csv").unlink()
    pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (root / "metrics/since.csv").read_text(encoding="utf-8") == csv_of({"1970-01-01": 1})


def test_a_failing_query_leaves_its_data_file_and_the_others_are_written(database, tmp_path, capsys, monkeypatch):
    before = b"date,value\r\n2026-01-05,40\r\n"
    root = site_with(
        tmp_path,
        {
            "broken.sql": "SELECT week, n FROM no_such_table\n",
            "broken.csv": before,
            "signups.sql": database.query("signups"),
        },
    )
    code, out, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert code == 1
    assert out == "metrics/signups.csv: 3 added, 0 changed\n"
    missing = {
        "sqlite": "no such table: no_such_table",
        "duckdb": "Catalog Error: Table with name no_such_table does not exist!",
        "postgres": 'relation "no_such_table" does not exist',
    }
    assert err.splitlines() == [
        f"metrics/broken.sql: the database says: {missing[database.kind]}",
        "1 metric failed; its data file was left as it was",
    ]
    assert (root / "metrics/broken.csv").read_bytes() == before
    assert sorted(p.name for p in (root / "metrics").iterdir()) == [
        "broken.csv",
        "broken.sql",
        "signups.csv",
        "signups.sql",
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT '2026-01-05', 1, 2", "the query returns 3 columns; it must return two, in this order: the date and the value"),
        ("SELECT 'last week', 1", "row 1: 'last week' is not a date (the first column is the date)"),
        ("SELECT '2026-01-05', 'many'", "the value for 2026-01-05, 'many', is not a number (the second column is the value)"),
        ("SELECT '2026-01-05', NULL", "the value for 2026-01-05 is empty"),
        ("SELECT '2026-01-05', 1 UNION ALL SELECT '2026-01-05', 2", "the query returns 2026-01-05 twice; one row per date"),
        ("SELECT '2026-01-05', 1 WHERE :until > 0", "the query uses the parameter :until; the only one there is, is :since (write \\: for a colon that is not a parameter)"),
    ],
)  # fmt: skip
def test_rows_that_are_not_a_date_and_a_number_change_nothing(database, tmp_path, capsys, monkeypatch, query, message):
    before = "date,value\n2026-01-05,40\n"
    root = site_with(tmp_path, {"kpi.sql": query + "\n", "kpi.csv": before})
    code, out, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"metrics/kpi.sql: {message}"
    assert (root / "metrics/kpi.csv").read_text(encoding="utf-8") == before


def test_a_query_that_writes_is_refused_and_the_table_is_unchanged(database, tmp_path, capsys, monkeypatch):
    root = site_with(tmp_path, {"delete.sql": database.query("delete")})
    code, _, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    refused = {
        "sqlite": "attempt to write a readonly database",
        "duckdb": 'Invalid Input Error: Cannot execute statement of type "DELETE" on database "warehouse" which is '
        "attached in read-only mode!",
        "postgres": "cannot execute DELETE in a read-only transaction",
    }
    assert (code, err.splitlines()[0]) == (1, f"metrics/delete.sql: the database says: {refused[database.kind]}")
    assert database.count() == len(EVENTS)
    assert not (root / "metrics/delete.csv").exists()


@pytest.mark.postgres
def test_postgres_refuses_writes_hidden_in_a_query(pg_database, tmp_path, capsys, monkeypatch):
    """A data-modifying WITH, and second statements that would end the read-only transaction
    or make it read-write: one statement only, in a read-only transaction."""
    root = site_with(
        tmp_path,
        {
            "with.sql": "WITH gone AS (DELETE FROM events RETURNING happened_at) SELECT current_date, count(*) FROM gone\n",
            "commit.sql": "COMMIT; DELETE FROM events; SELECT current_date, 1\n",
            "writable.sql": "SET TRANSACTION READ WRITE; DELETE FROM events; COMMIT; SELECT current_date, 1\n",
            "setting.sql": "SET default_transaction_read_only = off; SELECT current_date, 1\n",
        },
    )
    code, out, err = pull(root, pg_database, capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (1, "")
    assert pg_database.count() == len(EVENTS)
    one = "the database says: cannot insert multiple commands into a prepared statement"
    assert err.splitlines() == [
        f"metrics/commit.sql: {one}",
        f"metrics/setting.sql: {one}",
        "metrics/with.sql: the database says: cannot execute SELECT in a read-only transaction",
        f"metrics/writable.sql: {one}",
        "4 metrics failed; their data files were left as they were",
    ]


def test_a_query_that_runs_too_long_is_stopped(database, tmp_path, capsys, monkeypatch):
    root = site_with(tmp_path, {"slow.sql": database.query("slow"), "signups.sql": database.query("signups")})
    started = dt.datetime.now()
    code, out, err = pull(root, database, "--timeout", "0.5", capsys=capsys, monkeypatch=monkeypatch)
    assert (dt.datetime.now() - started).total_seconds() < 10
    assert code == 1
    assert out == "metrics/signups.csv: 3 added, 0 changed\n"
    assert err.splitlines()[0] == "metrics/slow.sql: the query ran longer than 0.5 s and was stopped (--timeout)"
    assert not (root / "metrics/slow.csv").exists()


def test_a_query_that_returns_raw_events_is_stopped(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    many = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 30000) SELECT date('2026-01-01', '+' || i || ' days'), i FROM n\n"
    root = site_with(tmp_path, {"events.sql": many})
    code, _, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (code, err.splitlines()[0]) == (
        1,
        "metrics/events.sql: the query returns more than 20,000 rows; a metric has one row per day or week: aggregate in the query",
    )
    assert not (root / "metrics/events.csv").exists()


def test_a_dry_run_writes_nothing(database, tmp_path, capsys, monkeypatch):
    root = site_with(tmp_path, {"signups.sql": database.query("signups"), "signups.csv": csv_of({"2026-01-05": 1})})
    code, out, _ = pull(root, database, "--dry-run", capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (0, "metrics/signups.csv: would add 2, change 1 (dry run: nothing written)\n")
    assert (root / "metrics/signups.csv").read_text(encoding="utf-8") == csv_of({"2026-01-05": 1})


def test_only_the_metrics_asked_for_are_pulled(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    root = site_with(tmp_path, {"signups.sql": database.query("signups"), "revenue.sql": database.query("revenue")})
    code, out, _ = pull(root, database, "--metric", "revenue", capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (0, "metrics/revenue.csv: 2 added, 0 changed\n")
    code, _, err = pull(root, database, "--metric", "signup", capsys=capsys, monkeypatch=monkeypatch)
    assert (code, err) == (2, "metrics/signup.sql: there is no such query; did you mean 'signups'?\n")


def test_the_metrics_folder_is_the_sites_metrics_dir(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    root = write_site(
        tmp_path / "site", {"kpi-data/signups.sql": database.query("signups")}, options=":\n      metrics_dir: kpi-data"
    )
    assert pull(root, database, capsys=capsys, monkeypatch=monkeypatch)[:2] == (
        0,
        "kpi-data/signups.csv: 3 added, 0 changed\n",
    )
    assert (root / "kpi-data/signups.csv").read_text(encoding="utf-8") == csv_of(WEEKS)
    (root / "kpi-data/signups.sql").unlink()
    assert pull(root, database, capsys=capsys, monkeypatch=monkeypatch) == (
        2,
        "",
        "kpi-data: no queries here; add one per metric as kpi-data/<id>.sql\n",
    )


def test_a_query_names_its_own_database(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    monkeypatch.setenv("WAREHOUSE_URL", database.url)
    monkeypatch.delenv("JOURNEYMAPS_DATABASE_URL", raising=False)
    root = site_with(
        tmp_path,
        {
            "signups.sql": "-- Sign-ups per week, from the warehouse.\n-- database: $WAREHOUSE_URL\n"
            + database.query("signups"),
            "revenue.sql": "-- database: sqlite:///analytics.db\n" + database.query("revenue"),
            "orphan.sql": database.query("revenue"),
            "leaked.sql": "--\n-- database: postgresql://me:hunter2@db.internal/analytics\nSELECT 1, 2\n",
            "odd.sql": "-- database: the warehouse\nSELECT 1, 2\n",
        },
    )
    code, out, err = pull(root, None, capsys=capsys, monkeypatch=monkeypatch)
    assert code == 1
    assert out.splitlines() == [
        "metrics/revenue.csv: 2 added, 0 changed",
        "metrics/signups.csv: 3 added, 0 changed",
    ]
    assert err.splitlines() == [
        "metrics/leaked.sql:2: this URL holds a password, which must not be in a committed file: put the URL in an "
        "environment variable and write '-- database: $VARIABLE'",
        "metrics/odd.sql:1: 'the warehouse' names no database: write '-- database: $VARIABLE' (an environment variable "
        "holding the URL) or a URL without a password",
        "metrics/orphan.sql: no database: set the environment variable JOURNEYMAPS_DATABASE_URL to the database's URL "
        "(postgresql://user@host/db, sqlite:///file.db, ...)",
        "3 metrics failed; their data files were left as they were",
    ]
    assert "hunter2" not in out + err


def test_a_query_whose_name_is_not_a_metric_id_is_refused(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    root = site_with(tmp_path, {"Sign ups.sql": database.query("signups"), "evil\n::error::x.sql": "SELECT 1, 2"})
    code, out, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "metrics/Sign ups.sql:1: the file name 'Sign ups.sql' is not a metric id (lowercase letters, digits and '-'); "
        "rename it to 'sign-ups.sql'",
        "metrics/evil?::error::x.sql:1: the file name 'evil?::error::x.sql' is not a metric id (lowercase letters, "
        "digits and '-'); rename it to 'evil-errorx.sql'",
        "2 metrics failed; their data files were left as they were",
    ]
    assert sorted(p.name for p in (root / "metrics").iterdir()) == ["Sign ups.sql", "evil\n::error::x.sql"]


def test_files_that_link_out_of_the_project_are_neither_read_nor_written(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    outside = tmp_path / "outside.csv"
    outside.write_text("date,value\n2026-01-05,1\n", encoding="utf-8")
    root = site_with(tmp_path, {"signups.sql": database.query("signups")})
    (root / "metrics/signups.csv").symlink_to(outside)
    (root / "metrics/secret.sql").symlink_to(tmp_path / "outside.csv")
    code, _, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert code == 1
    assert err.splitlines()[:2] == [
        "metrics/secret.sql:1: this file links outside the project; keep metric files in the project",
        "metrics/signups.csv:1: this file links outside the project; keep metric files in the project",
    ]
    assert outside.read_text(encoding="utf-8") == "date,value\n2026-01-05,1\n"


def test_a_broken_data_file_is_reported_at_its_line_and_left_alone(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    before = "date,value\n2026-01-05,3\nlast week,4\n"
    root = site_with(
        tmp_path,
        {
            "signups.sql": database.query("signups"),
            "signups.csv": before,
            "no-header.csv": "1,2\n",
            "no-header.sql": "SELECT '2026-01-05', 1",
        },
    )
    code, _, err = pull(root, database, capsys=capsys, monkeypatch=monkeypatch)
    assert code == 1
    assert err.splitlines()[:2] == [
        "metrics/no-header.csv:1: the first line must be the header 'date,value' (more columns may follow), not '1,2'",
        "metrics/signups.csv:3: 'last week' is not a date; write dates like 2026-10-01",
    ]
    assert (root / "metrics/signups.csv").read_text(encoding="utf-8") == before


def test_a_data_file_with_only_its_header_is_filled(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    root = site_with(tmp_path, {"signups.sql": database.query("signups"), "signups.csv": "date,value,source\n"})
    assert pull(root, database, capsys=capsys, monkeypatch=monkeypatch)[:2] == (
        0,
        "metrics/signups.csv: 3 added, 0 changed\n",
    )
    assert (root / "metrics/signups.csv").read_text(encoding="utf-8") == (
        "date,value,source\n2026-01-05,3,\n2026-01-12,2,\n2026-01-19,4,\n"
    )


def test_percentages_stay_percentages(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    root = site_with(
        tmp_path,
        {
            "rate.sql": "SELECT '2026-01-12', 41.5 UNION ALL SELECT '2026-01-05', 40.0",
            "rate.csv": "date,value\n2026-01-05,40%\n",
        },
    )
    assert pull(root, database, capsys=capsys, monkeypatch=monkeypatch)[:2] == (
        0,
        "metrics/rate.csv: 1 added, 0 changed\n",
    )
    assert (root / "metrics/rate.csv").read_text(encoding="utf-8") == "date,value\n2026-01-05,40%\n2026-01-12,41.5%\n"


def test_a_missing_driver_names_the_extra_to_install(tmp_path, capsys, monkeypatch):
    pytest.importorskip("sqlalchemy")
    if any(_importable(m) for m in ("pymysql", "MySQLdb")):
        pytest.skip("a MySQL driver is installed here")
    root = site_with(
        tmp_path, {"kpi.sql": "SELECT 1, 2\n", "other.sql": "-- database: snowflake://me@account/db\nSELECT 1, 2\n"}
    )
    monkeypatch.setenv("JOURNEYMAPS_DATABASE_URL", "mysql://me:hunter2@127.0.0.1/analytics")
    code, _, err = pull(root, None, capsys=capsys, monkeypatch=monkeypatch)
    assert code == 1
    assert err.splitlines()[:2] == [
        'metrics/kpi.sql: the driver for mysql is not installed: pip install "mkdocs-journeymaps[mysql]"',
        "metrics/other.sql: SQLAlchemy reaches snowflake databases through another package: pip install snowflake-sqlalchemy",
    ]


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def test_messages_are_in_the_sites_language(tmp_path, capsys, monkeypatch):
    database = _sqlite(tmp_path)
    root = site_with(tmp_path, {"signups.sql": database.query("signups"), "broken.sql": "SELECT 1, 2, 3"})
    code, out, err = pull(root, database, "--lang", "zh", capsys=capsys, monkeypatch=monkeypatch)
    assert code == 1
    assert out == "metrics/signups.csv：新增 3 行，修改 0 行\n"
    assert err.splitlines() == [
        "metrics/broken.sql: 查询返回 3 列；必须按顺序返回两列：日期和数值",
        "1 个指标失败；其数据文件保持原样",
    ]


@pytest.mark.postgres
def test_the_password_is_never_printed(postgres, pg_database, tmp_path):
    """Through every way a pull can fail or succeed, in a separate process: what it prints
    on stdout and stderr, and what the server logged, hold the password in no spelling."""
    secret = PASSWORD
    spellings = {secret, quote(secret, safe=""), quote_plus(secret), "s3cret"}
    wrong = postgres.raw_url(password="Wr0ng-s3cret:/?#@")
    root = site_with(
        tmp_path,
        {
            "signups.sql": pg_database.query("signups"),
            "broken.sql": "SELECT week FROM no_such_table\n",
            "wrong.sql": "-- database: $WRONG_URL\nSELECT 1, 2\n",
            "port.sql": "-- database: $CLOSED_URL\nSELECT 1, 2\n",
            "unparsable.sql": "-- database: $UNPARSABLE_URL\nSELECT 1, 2\n",
        },
    )
    closed = pg_database.url.replace(f":{postgres.port}/", ":1/")
    env = {
        **os.environ,
        "JOURNEYMAPS_DATABASE_URL": pg_database.url,
        "WRONG_URL": wrong,
        "CLOSED_URL": closed,
        "UNPARSABLE_URL": "postgresql://journeymaps:Pg-s3cret@127.0.0.1:port/db",
    }
    outputs = []
    for options in ([], ["--dry-run"], ["--lang", "zh"], ["--metric", "signups", "--since", "2026-01-01"]):
        result = subprocess.run(
            [sys.executable, "-m", "journeymaps", "--site", str(root), "metrics", "pull", *options],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        outputs.append(result.stdout + result.stderr)
    everything = "\n".join(outputs)
    assert "metrics/wrong.sql: the database says: connection failed:" in everything
    assert 'password authentication failed for user "journeymaps"' in everything
    assert "metrics/port.sql: the database says: connection failed:" in everything
    assert "metrics/unparsable.sql: postgresql://journeymaps:***@127.0.0.1:port/db is not a database URL" in everything
    assert "metrics/signups.csv: 3 added" in everything
    for spelling in spellings | {"Wr0ng"}:
        assert spelling not in everything
        assert spelling not in postgres.log()
