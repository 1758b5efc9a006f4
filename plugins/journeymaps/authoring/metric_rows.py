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
from decimal import Decimal, InvalidOperation

from journeymaps.text import Msg

# The first pull of a metric, with no data yet: early enough for any KPI, and a date every
# database can compare with (MySQL's DATE starts at 1000-01-01).
EARLIEST = dt.date(1970, 1, 1)
BOM = "\ufeff"


class RowsError(Exception):
    """The query's rows or the data file cannot be merged; nothing is written. ``line`` is
    the data file's line for a problem in the file, None for one in the query's rows."""

    def __init__(self, msg: Msg, line: int | None = None):
        super().__init__(str(msg))
        self.msg = msg
        self.line = line


@dataclass(frozen=True)
class Observation:
    date: dt.date
    value: Decimal


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
        found[day] = Observation(day, _number(row[1], number, day))
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


def _number(value: object, row: int, day: dt.date) -> Decimal:
    if value is None:
        raise RowsError(Msg("pull.no_value", date=day.isoformat()))
    if isinstance(value, bool):
        raise RowsError(Msg("pull.not_a_number", date=day.isoformat(), value=_shown(value)))
    if isinstance(value, float):
        number = Decimal(repr(value)) if math.isfinite(value) else None
    else:
        try:
            number = Decimal(str(value).strip().removesuffix("%")) if isinstance(value, (int, Decimal, str)) else None
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise RowsError(Msg("pull.not_a_number", date=day.isoformat(), value=_shown(value)))
    return number


def _shown(value: object) -> str:
    """A value as a message shows it: one short line (it came from someone's database)."""
    words = " ".join(str(value).split())
    return words if len(words) <= 40 else words[:39] + "…"


@dataclass
class _File:
    header: list[str]
    rows: list[list[str]]
    date_column: int
    value_column: int
    bom: bool
    newline: str
    percent: bool


def _read(text: str) -> _File:
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = list(csv.reader(io.StringIO(text, newline="")))
    numbered = [(n, row) for n, row in enumerate(lines, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        return _File(["date", "value"], [], 0, 1, bom, newline, False)
    (_, header), body = numbered[0], numbered[1:]
    names = [name.strip().lower() for name in header]
    if "date" not in names or "value" not in names:
        raise RowsError(Msg("pull.no_date_value_columns"), 1)
    date_column, value_column = names.index("date"), names.index("value")
    rows = []
    for number, row in body:
        row = row + [""] * (len(header) - len(row))
        try:
            dt.date.fromisoformat(row[date_column].strip())
        except ValueError:
            raise RowsError(Msg("pull.file_not_a_date", value=_shown(row[date_column])), number) from None
        rows.append(row)
    percent = bool(rows) and rows[-1][value_column].strip().endswith("%")
    return _File(header, rows, date_column, value_column, bom, newline, percent)


def latest_date(text: str | None) -> dt.date | None:
    """The date of the newest row of a data file's content, None when it has none."""
    if text is None:
        return None
    data = _read(text)
    return max((dt.date.fromisoformat(row[data.date_column].strip()) for row in data.rows), default=None)


def written(value: Decimal, percent: bool) -> str:
    """A number as the data file writes it: no exponent, no trailing zeros (12, not 12.000)."""
    words = format(value.normalize(), "f") if value != 0 else "0"
    return words + ("%" if percent else "")


def merge(text: str | None, new: Iterable[Observation]) -> Merged:
    """The data file's content ``text`` (None: no file yet) with the observations merged in."""
    data = _read(text or "")
    where = {dt.date.fromisoformat(row[data.date_column].strip()): row for row in data.rows}
    added = changed = 0
    for observation in new:
        value = written(observation.value, data.percent)
        row = where.get(observation.date)
        if row is None:
            row = [""] * len(data.header)
            row[data.date_column] = observation.date.isoformat()
            row[data.value_column] = value
            data.rows.append(row)
            where[observation.date] = row
            added += 1
        elif _same(row[data.value_column], observation.value):
            continue
        else:
            row[data.value_column] = value
            changed += 1
    if not (added or changed):
        return Merged(text or "", 0, 0)
    data.rows.sort(key=lambda row: row[data.date_column].strip())
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=data.newline)
    writer.writerow(data.header)
    writer.writerows(data.rows)
    return Merged((BOM if data.bom else "") + out.getvalue(), added, changed)


def _same(old: str, new: Decimal) -> bool:
    try:
        return Decimal(old.strip().removesuffix("%")) == new
    except InvalidOperation:
        return False
