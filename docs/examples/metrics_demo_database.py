"""Make the demo site's analytics database, metrics-demo.sqlite, for trying
`journeymaps metrics pull` without a database server (docs/metrics-pull.md).

    python docs/examples/metrics_demo_database.py          # 12 weeks of events, up to last week
    python docs/examples/metrics_demo_database.py --more   # then: this week's events, and late
                                                           # completions of last week's applications

Two tables of events, as an analytics database would hold them: account applications (the
demo's "Opening a current account": started, and completed or not) and calls to the clinic
(the demo's "Booking a clinic visit": answered or abandoned). The queries in metrics/ count
them per week. The numbers are made up, the same on every run for the same week."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
from pathlib import Path

SITE = Path(__file__).resolve().parents[2]
DATABASE = SITE / "metrics-demo.sqlite"
WEEKS = 12


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def applications(week: dt.date, index: int) -> list[tuple[str, str | None]]:
    """A week's applications: (started, completed or None); completion climbs from 39%
    as the ID check gets easier."""
    rng = random.Random(f"applications {week}")
    rate = min(0.39 + 0.015 * index, 0.6)
    rows = []
    for _ in range(rng.randint(180, 220)):
        started = dt.datetime.combine(week, dt.time(8)) + dt.timedelta(minutes=rng.randint(0, 7 * 24 * 60 - 600))
        done = started + dt.timedelta(hours=rng.randint(1, 30)) if rng.random() < rate else None
        rows.append((started.isoformat(sep=" "), done.isoformat(sep=" ") if done else None))
    return rows


def calls(week: dt.date, index: int) -> list[tuple[str, int]]:
    """A week's calls to the clinic: (when, answered); fewer are abandoned once a call-back
    option is offered, in the fifth week."""
    rng = random.Random(f"calls {week}")
    abandoned = 0.22 if index < 4 else 0.13
    opening = dt.datetime.combine(week, dt.time(8))
    rows = []
    for _ in range(rng.randint(400, 480)):
        at = opening + dt.timedelta(minutes=rng.randint(0, 5 * 24 * 60))
        rows.append((at.isoformat(sep=" "), int(rng.random() >= abandoned)))
    return rows


def create(connection: sqlite3.Connection, weeks: list[dt.date]) -> None:
    connection.executescript(
        """
        DROP TABLE IF EXISTS applications;
        DROP TABLE IF EXISTS calls;
        CREATE TABLE applications (started_at TEXT NOT NULL, completed_at TEXT);
        CREATE TABLE calls (at TEXT NOT NULL, answered INTEGER NOT NULL);
        """
    )
    for index, week in enumerate(weeks):
        add_week(connection, week, index)


def add_week(connection: sqlite3.Connection, week: dt.date, index: int) -> None:
    connection.executemany("INSERT INTO applications VALUES (?, ?)", applications(week, index))
    connection.executemany("INSERT INTO calls VALUES (?, ?)", calls(week, index))


def more(connection: sqlite3.Connection, this_week: dt.date) -> None:
    """A week later: this week's events, and some of last week's applications completed late
    (so last week's completion rate moves too)."""
    add_week(connection, this_week, WEEKS)
    last_week = (this_week - dt.timedelta(days=7)).isoformat()
    connection.execute(
        "UPDATE applications SET completed_at = datetime(started_at, '+3 days') WHERE completed_at IS NULL "
        "AND date(started_at) >= ? AND rowid % 7 = 0",
        (last_week,),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--more", action="store_true", help="add this week's events to the database")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)
    args = parser.parse_args()
    this_week = monday(args.today)
    with sqlite3.connect(DATABASE) as connection:
        if args.more:
            more(connection, this_week)
        else:
            create(connection, [this_week - dt.timedelta(weeks=WEEKS - i) for i in range(WEEKS)])
    connection.close()
    print(f"wrote {DATABASE.relative_to(SITE)}")


if __name__ == "__main__":
    main()
