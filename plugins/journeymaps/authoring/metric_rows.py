"""A query's rows merged into a metric's data file, ``metrics/<id>.csv``.

The rows are taken by position: the first column is the date, the second the value; their
names do not matter (databases name an aggregate as they please). A date already in the file
gets the new value, a new date is added, the rows end in date order, and the file's other
columns and its way of writing (a byte-order mark, CRLF line ends, a % after each value) are
kept, so a review shows only the numbers that moved."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from journeymaps.format.metrics import HEADER, parse_date, parse_observations, parse_value
from journeymaps.format.problems import Problem, Problems
from journeymaps.model import Observation
from journeymaps.text import Msg

# The first pull of a metric, with no data yet: early enough for any KPI, and a date every
# database can compare with (MySQL's DATE starts at 1000-01-01).
EARLIEST = dt.date(1970, 1, 1)
BOM = "\ufeff"
# What the site's reader says of a file a pull is about to fill: not a problem here.
_FILLED_BY_A_PULL = ("metric.no_rows",)


class RowsError(Exception):
    """The query's rows cannot be merged; nothing is written."""

    def __init__(self, msg: Msg):
        super().__init__(str(msg))
        self.msg = msg


@dataclass(frozen=True)
class DataFile:
    """A metric's data file as a pull finds it: its content (empty: no file yet), its newest
    date, and whether its values are written with %."""

    text: str
    latest: dt.date | None
    percent: bool


def read_data_file(text: str | None, path: str) -> tuple[DataFile, list[Problem]]:
    """The data file's content checked by the site's own reader (a pull must not build on a
    file the site would refuse); a file with a header and no rows yet is fine."""
    if text is None or not text.strip():
        return DataFile("", None, False), []
    problems = Problems()
    found, percent = parse_observations(text, path, problems)
    errors = [p for p in problems.errors if p.msg.key not in _FILLED_BY_A_PULL]
    return DataFile(text, found[-1].date if found else None, percent), errors


@dataclass(frozen=True)
class Merged:
    text: str  # the data file's new content (the old one, unchanged, when nothing moved)
    added: int
    changed: int

    @property
    def moved(self) -> bool:
        return bool(self.added or self.changed)


def observations(rows: Iterable[Sequence[object]]) -> list[Observation]:
    """The query's rows as observations, or RowsError for the first row that is not a date
    and a number (a duplicate date too: which value would win is anyone's guess)."""
    found: dict[dt.date, Observation] = {}
    for number, row in enumerate(rows, start=1):
        if len(row) != 2:
            raise RowsError(Msg("pull.wrong_columns", count=len(row)))
        day = _date(row[0], number)
        if day in found:
            raise RowsError(Msg("pull.date_twice", date=day.isoformat()))
        found[day] = Observation(day, _number(row[1], day))
    return list(found.values())


def _date(value: object, row: int) -> dt.date:
    if isinstance(value, dt.datetime):  # date_trunc('week', ...) gives midnight timestamps
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
    raise RowsError(Msg("pull.not_a_date", row=row, value=_shown(value)))


def _number(value: object, day: dt.date) -> float:
    if value is None:
        raise RowsError(Msg("pull.no_value", date=day.isoformat()))
    number = None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        parsed = parse_value(value)
        number = parsed[0] if parsed else None
    if number is None or not math.isfinite(number):
        raise RowsError(Msg("pull.not_a_number", date=day.isoformat(), value=_shown(value)))
    return number


def _shown(value: object) -> str:
    """A value as a message shows it: one short line (it came from someone's database)."""
    words = "".join(c for c in " ".join(str(value).split()) if c.isprintable())
    return words if len(words) <= 40 else words[:39] + "…"


def written(value: float, percent: bool) -> str:
    """A number as the data file writes it: no exponent, no trailing zeros (12, not 12.0)."""
    exact = Decimal(repr(value)).normalize()
    words = format(exact, "f") if exact != 0 else "0"
    return words + ("%" if percent else "")


def merge(data: DataFile, new: Iterable[Observation]) -> Merged:
    """The data file with the observations merged in: the file's lines are kept as they
    are (other columns, quoting, a byte order mark, CRLF), only values and rows change."""
    bom = data.text.startswith(BOM)
    newline = "\r\n" if "\r\n" in data.text else "\n"
    reader = csv.reader(io.StringIO(data.text.removeprefix(BOM), newline=""))
    lines = [row for row in reader if any(cell.strip() for cell in row)]
    header, rows = (lines[0], lines[1:]) if lines else (list(HEADER), [])
    names = [name.strip().lower() for name in header]
    day_at, value_at = names.index("date"), names.index("value")
    where = {parse_date(row[day_at]): row for row in rows}
    added = changed = 0
    for observation in new:
        row = where.get(observation.date)
        if row is None:
            row = [""] * len(header)
            row[day_at] = observation.date.isoformat()
            rows.append(row)
            where[observation.date] = row
            added += 1
        elif parse_value(row[value_at]) is not None and parse_value(row[value_at])[0] == observation.value:
            continue
        else:
            changed += 1
        row[value_at] = written(observation.value, data.percent)
    if not (added or changed):
        return Merged(data.text, 0, 0)
    rows.sort(key=lambda row: parse_date(row[day_at]))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return Merged((BOM if bom else "") + out.getvalue(), added, changed)
