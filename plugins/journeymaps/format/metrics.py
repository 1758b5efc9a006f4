"""Metric data: ``metrics/<id>.csv`` (a ``date,value`` row per observation) and the optional
``metrics/<id>.yml`` beside it (name, unit, which way is better), read into ``Metric``
objects. Every mistake is a problem at its ``path:line``; nothing here raises for a file's
contents. The files may be written by hand or by a job (``journeymaps metrics pull``), so
the reader forgives what spreadsheets and exports do: a byte order mark, CRLF line ends,
blank lines, quoted cells, more columns than two (ignored), rows in any order."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
from pathlib import Path

from journeymaps.format.fields import Fields, is_slug, slugify
from journeymaps.format.metric_query import QueryFileError, parse_query
from journeymaps.format.problems import Problems
from journeymaps.format.reader import YMap, parse_front_matter
from journeymaps.format.spec import METRIC, read_shape
from journeymaps.model import Metric, Observation
from journeymaps.settings import Settings
from journeymaps.text import Msg

# 500 rows are some 10 KB; a file a hundred times larger is a mistake (an export of raw
# events, say), and reading it would slow every build.
MAX_METRIC_BYTES = 5 * 1024 * 1024
HEADER = ("date", "value")


def metric_path(settings: Settings, metric_id: str) -> str:
    """Where the data of ``metric_id`` lives, relative to the site root:
    ``metrics/<metric_id>.csv`` (with the site's ``metrics_dir``)."""
    return f"{settings.metrics_dir}/{metric_id}.csv"


def parse_value(cell: str) -> tuple[float, bool] | None:
    """A value cell as a number, and whether it was written with ``%`` ('39%', ' 4.5 ',
    '-2'); None when it is not a finite number."""
    text = cell.strip()
    percent = text.endswith("%")
    try:
        number = float(text.removesuffix("%").strip())
    except ValueError:
        return None
    return (number, percent) if math.isfinite(number) else None


# Metric files of one site share their days: one date object a day, not one a row (a site
# of 2000 files of 500 rows holds a million observations).
_iso_date = functools.lru_cache(maxsize=1 << 16)(dt.date.fromisoformat)


def parse_date(cell: str) -> dt.date | None:
    """An ISO date cell (2026-10-01) as a date, or None."""
    try:
        return dt.date.fromisoformat(cell.strip())
    except ValueError:
        return None


def parse_observations(text: str, path: str, problems: Problems) -> tuple[list[Observation], bool]:
    """The observations of a metric file's text, oldest first, and whether any value was
    written with ``%``. ``path`` names the file in problems (``metrics/x.csv:7: ...``); rows
    with a problem are left out, so the result may be partial when ``problems`` has errors."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    reported = len(problems.items)
    try:
        columns = _columns(rows, path, problems)
        if columns is None:
            return [], False
        found, percent = _observations(rows, columns, path, problems)
    except csv.Error as err:
        problems.add(path, rows.line_num or 1, "metric.unreadable", reason=str(err))
        return [], False
    if not found and len(problems.items) == reported:
        problems.add(path, 1, "metric.no_rows")
    return sorted(found, key=lambda o: o.date), percent


def _blank(row: list[str]) -> bool:
    """Blank lines, and rows of empty cells a spreadsheet leaves."""
    return not any(cell.strip() for cell in row)


def _columns(rows, path: str, problems: Problems) -> tuple[int, int] | None:
    """The date and value columns from the header, the first row that is not blank."""
    for row in rows:
        if _blank(row):
            continue
        names = [cell.strip().lower() for cell in row]
        if all(name in names for name in HEADER):
            return names.index("date"), names.index("value")
        problems.add(path, rows.line_num, "metric.no_header", first=_cell(",".join(row)))
        return None
    problems.add(path, 1, "metric.no_header", first="")
    return None


def _observations(rows, columns: tuple[int, int], path: str, problems: Problems) -> tuple[list[Observation], bool]:
    # A file holds hundreds of rows and a site thousands of files: the usual row (an ISO
    # date, a plain number, perhaps with '%') takes the short way; anything else is looked
    # at closely. Dates that repeat are rare: looked for once all are read.
    at_date, at_value = columns
    needed = max(columns)
    days: list[dt.date] = []
    values: list[float] = []
    lines: list[int] = []
    percent = False
    for row in rows:
        try:
            cell = row[at_value]
            with_percent = cell.endswith("%")
            day, value = _iso_date(row[at_date]), float(cell[:-1] if with_percent else cell)
        except (ValueError, IndexError):
            read = _row(row, columns, needed, path, rows.line_num, problems)
            if read is None:
                continue
            day, value, with_percent = read
        else:
            if not math.isfinite(value):
                problems.add(path, rows.line_num, "metric.value", value=_cell(row[at_value]))
                continue
        days.append(day)
        values.append(value)
        lines.append(rows.line_num)
        percent = percent or with_percent
    if len(set(days)) < len(days):
        return _without_repeats(days, values, lines, path, problems), percent
    return list(map(Observation._make, zip(days, values, strict=True))), percent


def _without_repeats(
    days: list[dt.date], values: list[float], lines: list[int], path: str, problems: Problems
) -> list[Observation]:
    first: dict[dt.date, int] = {}
    found = []
    for day, value, line in zip(days, values, lines, strict=True):
        if day in first:
            problems.add(path, line, "metric.date_twice", date=day.isoformat(), first=first[day])
            continue
        first[day] = line
        found.append(Observation(day, value))
    return found


def _cell(text: str) -> str:
    """A cell as a message quotes it: short, and without control characters (a CSV file is
    written by whoever opened the pull request, and messages reach terminals and CI logs)."""
    text = "".join(c if c.isprintable() else "?" for c in text.strip())
    return text if len(text) <= 40 else text[:37] + "..."


def _row(
    row: list[str], columns: tuple[int, int], needed: int, path: str, line: int, problems: Problems
) -> tuple[dt.date, float, bool] | None:
    """A row the short way could not read: blank, short, spaced, with '%', or wrong."""
    if _blank(row):
        return None
    if len(row) <= needed:
        problems.add(path, line, "metric.short_row", count=len(row))
        return None
    date_cell, value_cell = row[columns[0]], row[columns[1]]
    day = parse_date(date_cell)
    if day is None:
        problems.add(path, line, "metric.date", value=_cell(date_cell))
        return None
    value = parse_value(value_cell)
    if value is None:
        problems.add(path, line, "metric.value", value=_cell(value_cell))
        return None
    return day, value[0], value[1]


def read_metric(csv_path: Path, path: str, problems: Problems, describe: bool = True) -> Metric | None:
    """One metric: its CSV file (``csv_path`` on disk, ``path`` as problems name it,
    ``metrics/<id>.csv``) and, with ``describe``, the ``<id>.yml`` beside it when there is
    one. None, with the problems reported, when the file cannot give a single observation."""
    metric_id = csv_path.stem
    if not is_slug(metric_id):
        hint = Msg("hint.rename", name=f"{slugify(metric_id)}.csv") if slugify(metric_id) else ""
        problems.add(path, 1, "metric.file_name", name=csv_path.name, hint=hint)
        return None
    text = _read_text(csv_path, path, problems)
    if text is None:
        return None
    reported = len(problems.items)
    observations, percent = parse_observations(text, path, problems)
    if not observations or len(problems.items) > reported:
        return None
    metric = Metric(metric_id, observations, unit="%" if percent else None, path=path)
    described = csv_path.with_suffix(".yml")
    if describe and described.is_file():
        _describe(metric, described, path.removesuffix(".csv") + ".yml", problems)
    return metric


def _read_text(file: Path, path: str, problems: Problems) -> str | None:
    try:
        size = file.stat().st_size
        if size > MAX_METRIC_BYTES:
            problems.add(path, 1, "metric.too_big", size=f"{size / 1e6:.1f}", limit=MAX_METRIC_BYTES // 1024 // 1024)
            return None
        raw = file.read_bytes()
    except OSError as err:
        problems.add(path, 1, "read.cannot_read", reason=err.strerror or str(err))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.add(path, raw[: err.start].count(b"\n") + 1, "read.not_utf8")
        return None


def _describe(metric: Metric, file: Path, path: str, problems: Problems) -> None:
    """Name, unit and direction from the metric's .yml file (plain YAML, no ``---`` lines)."""
    text = _read_text(file, path, problems)
    if text is None:
        return
    data = parse_front_matter(text.removeprefix("\ufeff").replace("\r\n", "\n"), 0, path, problems)
    if data is None:
        return
    if not isinstance(data, YMap):
        problems.add(path, 1, "read.not_mapping")
        return
    values = read_shape(Fields(path, problems), data, METRIC)
    metric.name = values["name"] or None
    metric.unit = values["unit"] or metric.unit
    metric.better = values["better"]


def _inside(file: Path, project: Path, folder_inside: bool) -> bool:
    """Whether a file (a link, perhaps) stays in the project; only links need resolving."""
    if folder_inside and not file.is_symlink():
        return True
    return file.resolve().is_relative_to(project)


def load_metrics(root: Path, settings: Settings, problems: Problems) -> dict[str, Metric]:
    """Every metric of the site (``<root>/<metrics_dir>/*.csv``, not in subfolders), by id.
    A missing folder is no metrics; a ``.yml`` without its ``.csv``, a file that links out
    of the project and every mistake in a file are problems, and such metrics are left out."""
    folder = root / settings.metrics_dir
    if not folder.is_dir():
        return {}
    metrics: dict[str, Metric] = {}
    project = root.resolve()
    folder_inside = folder.resolve().is_relative_to(project)
    files = [f for f in sorted(folder.iterdir()) if not f.name.startswith(".") and f.suffix in (".csv", ".yml", ".sql")]
    outside = {f for f in files if f.is_file() and not _inside(f, project, folder_inside)}
    for file in files:
        rel = file.relative_to(root).as_posix()
        if not file.is_file():
            continue
        if file in outside:
            problems.add(rel, 1, "metric.outside")
            continue
        if file.suffix == ".sql":
            check_query(file, rel, problems)
            continue
        if file.suffix == ".yml":
            if not file.with_suffix(".csv").is_file():
                problems.add(rel, 1, "metric.yml_alone", csv=file.with_suffix(".csv").name)
            continue
        metric = read_metric(file, rel, problems, describe=file.with_suffix(".yml") not in outside)
        if metric is not None:
            metrics[metric.id] = metric
    return metrics


def check_query(file: Path, path: str, problems: Problems) -> None:
    """A metric's query as ``journeymaps metrics pull`` will read it: checked in the pull
    request that adds it, so that a password in it is caught before it is merged."""
    metric_id = file.stem
    if not is_slug(metric_id):
        hint = Msg("hint.rename", name=f"{slugify(metric_id)}.sql") if slugify(metric_id) else ""
        problems.add(path, 1, "metric.file_name", name=file.name, hint=hint)
        return
    sql = _read_text(file, path, problems)
    if sql is None:
        return
    try:
        parse_query(sql.removeprefix("\ufeff"), metric_id)
    except QueryFileError as error:
        problems.add(path, error.line, error.msg.key, **error.msg.params)


def metric_ids(root: Path, settings: Settings) -> set[str]:
    """The ids of every metric data file in the folder, read or not: a map naming a metric
    whose file has mistakes is not told again that the file is missing."""
    folder = root / settings.metrics_dir
    if not folder.is_dir():
        return set()
    return {file.stem for file in folder.glob("*.csv") if not file.name.startswith(".")}
