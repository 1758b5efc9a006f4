"""A metric's query, ``metrics/<id>.sql``: its SQL, and the database it runs against.

The database is ``JOURNEYMAPS_DATABASE_URL``, unless the query's first lines say otherwise
with a comment, ``-- database: $WAREHOUSE_URL``: the name of another environment variable
(the usual case: the URL holds a password, and a committed file never does), or a URL
without a password (a SQLite file beside the site, say). A URL with a password in the file
is refused, so that it never reaches the repository."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from journeymaps.text import Msg

DEFAULT_VARIABLE = "JOURNEYMAPS_DATABASE_URL"
_DATABASE_LINE = re.compile(r"^\s*--\s*database\s*:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)
_VARIABLE = re.compile(r"^\$\{?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}?$")
# user:password@ in a URL's authority, or a password parameter: what must never be committed.
_PASSWORD = re.compile(r"^[A-Za-z0-9+.\-]+://[^/@]*:[^/@]*@|[?&]password=", re.IGNORECASE)


class QueryFileError(Exception):
    """The query file cannot be used; ``line`` is where (1 for the file as a whole)."""

    def __init__(self, msg: Msg, line: int = 1):
        super().__init__(str(msg))
        self.msg = msg
        self.line = line


@dataclass(frozen=True)
class MetricQuery:
    metric: str  # the metric's id: the file's name without .sql
    sql: str
    variable: str | None  # the environment variable holding the URL, or None: ``url`` is given
    url: str | None = None


def read_query(path: Path) -> MetricQuery:
    """The query in ``path``, with where its database is named. Only the comment lines before
    the SQL's first statement are looked at for ``-- database:``."""
    try:
        sql = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise QueryFileError(Msg("read.not_utf8")) from None
    return parse_query(sql, path.stem)


def parse_query(sql: str, metric: str) -> MetricQuery:
    """A query's text as read_query reads it (for a file already read)."""
    variable, url = DEFAULT_VARIABLE, None
    for number, line in enumerate(sql.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("--"):
            break
        found = _DATABASE_LINE.match(line)
        if not found:
            continue
        value = found["value"]
        named = _VARIABLE.match(value)
        if named:
            variable = named["name"]
        elif _PASSWORD.search(value):
            raise QueryFileError(Msg("pull.password_in_file"), number)
        elif "://" in value:
            variable, url = None, value
        else:
            raise QueryFileError(Msg("pull.bad_database_line", value=value), number)
    if not any(line.strip() and not line.lstrip().startswith("--") for line in sql.splitlines()):
        raise QueryFileError(Msg("pull.empty_query"))  # only comments: nothing a database would run
    return MetricQuery(metric=metric, sql=sql, variable=variable, url=url)
