"""Make the demo site's analytics database, metrics-demo.sqlite, for trying
`journeymaps metrics pull` without a database server (docs/metrics-pull.md).

    python docs/examples/metrics_demo_database.py          # events from March 2026 up to this week
    python docs/examples/metrics_demo_database.py --more   # a week passes: next week's events, and
                                                           # late completions of the week before

Two tables of events, as an analytics database holds them: account applications (the
demo's "Opening a current account": started, and completed or not) and calls to the clinic
(the demo's "Booking a clinic visit": answered or abandoned). The queries in metrics/
count them per week and per month. The numbers are made up, and the same on every run for
the same week."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
from pathlib import Path

SITE = Path(__file__).resolve().parents[2]
DATABASE = SITE / "metrics-demo.sqlite"
FIRST_WEEK = dt.date(2026, 3, 2)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def applications(week: dt.date) -> list[tuple[str, str | None]]:
    """A week's applications: (started, completed or None). Completion climbs from 39%
    towards 50% as the ID check gets easier."""
    rng = random.Random(f"applications {week}")
    weeks = (week - FIRST_WEEK).days // 7
    rate = min(0.39 + 0.002 * weeks, 0.5) + rng.uniform(-0.015, 0.015)
    rows = []
    for _ in range(rng.randint(900, 1100)):
        started = dt.datetime.combine(week, dt.time(7)) + dt.timedelta(minutes=rng.randint(0, 7 * 24 * 60 - 480))
        done = started + dt.timedelta(hours=rng.randint(1, 30)) if rng.random() < rate else None
        rows.append((started.isoformat(sep=" "), done.isoformat(sep=" ") if done else None))
    return rows


def calls(week: dt.date) -> list[tuple[str, int]]:
    """A week's calls to the clinic: (when, answered). Fewer hang up once a call-back is
    offered, from September."""
    rng = random.Random(f"calls {week}")
    abandoned = 0.22 if week < dt.date(2026, 9, 1) else 0.12
    opening = dt.datetime.combine(week, dt.time(8))
    rows = []
    for _ in range(rng.randint(400, 480)):
        at = opening + dt.timedelta(minutes=rng.randint(0, 5 * 24 * 60))
        rows.append((at.isoformat(sep=" "), int(rng.random() >= abandoned)))
    return rows


def add_week(connection: sqlite3.Connection, week: dt.date) -> None:
    connection.executemany("INSERT INTO applications VALUES (?, ?)", applications(week))
    connection.executemany("INSERT INTO calls VALUES (?, ?)", calls(week))


def create(connection: sqlite3.Connection, today: dt.date) -> None:
    connection.executescript(
        """
        DROP TABLE IF EXISTS applications;
        DROP TABLE IF EXISTS calls;
        CREATE TABLE applications (started_at TEXT NOT NULL, completed_at TEXT);
        CREATE TABLE calls (at TEXT NOT NULL, answered INTEGER NOT NULL);
        """
    )
    week = FIRST_WEEK
    while week <= monday(today):
        add_week(connection, week)
        week += dt.timedelta(weeks=1)


def more(connection: sqlite3.Connection) -> None:
    """A week later: that week's events, and a tenth of the week before's open applications
    completed late (so its completion rate moves too)."""
    latest = dt.date.fromisoformat(connection.execute("SELECT max(date(started_at)) FROM applications").fetchone()[0])
    week = monday(latest)
    connection.execute(
        "UPDATE applications SET completed_at = datetime(started_at, '+3 days') "
        "WHERE completed_at IS NULL AND date(started_at) >= ? AND rowid % 10 = 0",
        (week.isoformat(),),
    )
    add_week(connection, week + dt.timedelta(weeks=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--more", action="store_true", help="a week passes: add the next week's events")
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=dt.date.today(), help="the events up to this day's week"
    )
    args = parser.parse_args()
    connection = sqlite3.connect(DATABASE)
    with connection:
        if args.more:
            more(connection)
        else:
            create(connection, args.today)
    connection.close()
    print(f"wrote {DATABASE.relative_to(SITE)}")


if __name__ == "__main__":
    main()
