"""journeymaps metrics pull: each metric's query (metrics/<id>.sql) run against the team's
database, its rows merged into the metric's data file (metrics/<id>.csv).

A metric that fails leaves its data file exactly as it was (the new file is written beside
it and renamed over it only when whole) and the others carry on; the exit code is 1 when
any failed, so a scheduled job shows red."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from journeymaps.authoring.metric_rows import EARLIEST, RowsError, merge, observations, read_data_file
from journeymaps.edge.database import DatabaseError, run_query
from journeymaps.format.fields import is_slug, slugify
from journeymaps.format.metric_query import QueryFileError, read_query
from journeymaps.format.problems import did_you_mean
from journeymaps.text import Msg, Text

NAME = "metrics"
DEFAULT_TIMEOUT = 60.0


def add(commands, common: argparse.ArgumentParser, text: Text) -> None:
    parser = commands.add_parser(NAME, parents=[common], help=text["pull.cli.metrics"])
    actions = parser.add_subparsers(dest="metrics_command", required=True, metavar="COMMAND")
    pull = actions.add_parser("pull", parents=[common], help=text["pull.cli.pull"], description=text["pull.cli.pull"])
    pull.add_argument("--metric", action="append", default=[], metavar="ID", help=text["pull.opt.metric"])
    pull.add_argument("--since", type=_date_of(text), metavar="YYYY-MM-DD", help=text["pull.opt.since"])
    pull.add_argument("--dry-run", action="store_true", help=text["pull.opt.dry_run"])
    pull.add_argument(
        "--timeout", type=_seconds_of(text), default=DEFAULT_TIMEOUT, metavar="SECONDS", help=text["pull.opt.timeout"]
    )


def _date_of(text: Text):
    def date(value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise argparse.ArgumentTypeError(text("pull.bad_since", value=value)) from None

    return date


def _seconds_of(text: Text):
    def seconds(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = 0.0
        if not 0 < number < float("inf"):
            raise argparse.ArgumentTypeError(text("pull.bad_timeout", value=value))
        return number

    return seconds


class _Failed(Exception):
    """A metric that could not be pulled: ``path`` is the file the message is about, as the
    site's folder names it (``metrics/<id>.sql``, or ``metrics/<id>.csv:<line>``)."""

    def __init__(self, path: str, msg: Msg):
        super().__init__(path)
        self.path = path
        self.msg = msg


def run(args: argparse.Namespace, text: Text) -> int:
    from journeymaps.cli import open_site

    site = open_site(args, text)
    if site is None:
        return 2
    folder_name = site.settings.metrics_dir
    folder = site.root / folder_name
    queries = dict(sorted((path.stem, path) for path in folder.glob("*.sql"))) if folder.is_dir() else {}
    if not queries:
        print(text("pull.no_queries", folder=folder_name), file=sys.stderr)
        return 2
    unknown = [m for m in args.metric if m not in queries]
    for metric in unknown:
        hint = did_you_mean(metric, queries)
        print(text("pull.unknown_metric", path=f"{folder_name}/{metric}.sql", hint=hint), file=sys.stderr)
    if unknown:
        return 2
    failed = 0
    for metric, path in queries.items():
        if args.metric and metric not in args.metric:
            continue
        try:
            _check_id(metric, folder_name)
            print(_pull(path, f"{folder_name}/{metric}", site.root, args, text), flush=True)
        except _Failed as failure:
            print(f"{failure.path}: {text.render(failure.msg)}", file=sys.stderr, flush=True)
            failed += 1
    if failed:
        print(text("pull.failed.one" if failed == 1 else "pull.failed", count=failed), file=sys.stderr)
    return 1 if failed else 0


def _check_id(metric: str, folder: str) -> None:
    """A query's file name is its metric's id, which the data file's name must be too (the
    site refuses other names); the name is shown printable (it reaches CI logs)."""
    if not is_slug(metric):
        name = "".join(c if c.isprintable() else "?" for c in metric)
        hint = Msg("hint.rename", name=f"{slugify(metric)}.sql") if slugify(metric) else ""
        raise _Failed(f"{folder}/{name}.sql:1", Msg("metric.file_name", name=f"{name}.sql", hint=hint))


def _pull(sql_path: Path, name: str, root: Path, args: argparse.Namespace, text: Text) -> str:
    """One metric pulled: what happened to its data file, in words; _Failed when it could not be."""
    csv_path = sql_path.with_suffix(".csv")
    shown = f"{name}.csv"
    for path, named in ((sql_path, f"{name}.sql"), (csv_path, shown)):
        if path.exists() and not path.resolve().is_relative_to(root.resolve()):  # a link out of the project
            raise _Failed(f"{named}:1", Msg("metric.outside"))
    try:
        query = read_query(sql_path)
    except QueryFileError as err:
        raise _Failed(f"{name}.sql:{err.line}", err.msg) from None
    url = query.url or os.environ.get(query.variable or "")
    if not url:
        raise _Failed(f"{name}.sql", Msg("pull.no_url", variable=query.variable))
    try:
        old = csv_path.read_bytes().decode("utf-8") if csv_path.is_file() else None
    except UnicodeDecodeError:
        raise _Failed(f"{shown}:1", Msg("read.not_utf8")) from None
    data, problems = read_data_file(old, shown)
    if problems:
        raise _Failed(f"{problems[0].path}:{problems[0].line}", problems[0].msg)
    since = args.since or data.latest or EARLIEST
    try:
        merged = merge(data, observations(run_query(url, query.sql, since, args.timeout, root)))
    except (DatabaseError, RowsError) as err:
        raise _Failed(f"{name}.sql", err.msg) from None
    if not merged.moved:
        return text("pull.unchanged", path=shown)
    if args.dry_run:
        return text("pull.would_add", path=shown, added=merged.added, changed=merged.changed)
    _replace(csv_path, merged.text)
    return text("pull.added", path=shown, added=merged.added, changed=merged.changed)


def _replace(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` whole or not at all: a temporary file beside it, renamed
    over it (an interrupted job leaves the old file, never half of the new one)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
