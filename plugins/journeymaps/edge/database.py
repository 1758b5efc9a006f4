"""The one module that talks to a database: a metric's query run through SQLAlchemy,
read-only and within a time limit, its rows handed back as plain tuples.

SQLAlchemy and the drivers are optional extras, imported here and only when a query runs.
Read-only by design, in every way the database offers:

- PostgreSQL: the session's transactions default to read-only, the query's own transaction
  is ``SET TRANSACTION READ ONLY``, the query is one statement (psycopg prepares it, and the
  server refuses a second), and ``statement_timeout`` stops it at the time limit;
- SQLite: the file is opened with ``mode=ro`` (and ``PRAGMA query_only``); a progress
  handler stops the query at the time limit;
- MySQL and MariaDB: ``SET TRANSACTION READ ONLY`` and ``max_execution_time``;
- DuckDB: the file is opened ``read_only``; the connection is interrupted at the time limit;
- every database: the transaction is rolled back at the end, whatever the query did.

A database's messages may quote its URL: every message leaves here with the password
replaced by ``***``, and URLs are shown with ``URL.render_as_string(hide_password=True)``."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus, unquote

from journeymaps.text import Msg

# The extra that brings each dialect's driver (pip install "mkdocs-journeymaps[extra]").
EXTRAS = {"postgresql": "postgres", "mysql": "mysql", "mariadb": "mysql", "duckdb": "duckdb", "sqlite": "metrics"}
# Databases that SQLAlchemy reaches through another project's package (a dialect or a driver).
PACKAGES = {"snowflake": "snowflake-sqlalchemy", "bigquery": "sqlalchemy-bigquery", "mssql": "pyodbc"}
PARAMETER = "since"
# A metric is one row per day or week: a query returning more is an export of raw events
# (its data file would be too big for the site), stopped before it fills the memory.
MAX_ROWS = 20_000
_TIMED_OUT = "57014"  # PostgreSQL's query_canceled, which statement_timeout raises


class DatabaseError(Exception):
    """The query could not be run; ``msg`` says why, with no password in it."""

    def __init__(self, msg: Msg):
        super().__init__(str(msg))
        self.msg = msg


class _Secrets:
    """What must not be shown: the URL's password, in each way a message may spell it."""

    def __init__(self, raw: str, password: str | None):
        self.words = sorted(
            {w for p in (password, _password_in(raw)) if p for w in (p, quote(p, safe=""), quote_plus(p))},
            key=len,
            reverse=True,
        )

    def scrub(self, message: str) -> str:
        for word in self.words:
            message = message.replace(word, "***")
        return message


def _password_in(raw: str) -> str | None:
    found = re.match(r"^[^:/]+://[^/@:]*:(?P<password>[^/@]*)@", raw)
    return unquote(found["password"]) if found else None


def masked(raw: str) -> str:
    """A URL as it may be printed: its password replaced by ***, even when it cannot be parsed."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(raw).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads, or no SQLAlchemy: hide by hand
        return _Secrets(raw, None).scrub(raw)


def run_query(raw_url: str, sql: str, since: dt.date, timeout: float, root: Path) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` on the database at ``raw_url``, with ``:since`` bound to ``since``
    if the query uses it; a relative SQLite or DuckDB path is taken from ``root``, the site's folder."""
    try:
        import sqlalchemy
        from sqlalchemy.engine import make_url
    except ImportError:
        raise DatabaseError(Msg("pull.no_sqlalchemy")) from None
    try:
        url = make_url(raw_url)
    except Exception:  # ArgumentError, ValueError: the message would quote the URL
        raise DatabaseError(Msg("pull.bad_url", url=masked(raw_url))) from None
    secrets = _Secrets(raw_url, url.password if isinstance(url.password, str) else None)
    query = _with_parameter(sqlalchemy, sql, since)
    engine = _engine(sqlalchemy, url, timeout, root)
    deadline = _Deadline(timeout)
    try:
        with engine.connect() as connection:
            deadline.watch(connection, url.get_backend_name())
            for statement in _read_only(url.get_backend_name(), timeout):
                connection.exec_driver_sql(statement)
            result = connection.execute(query)
            if not result.returns_rows:
                raise DatabaseError(Msg("pull.no_rows_returned"))
            rows = [tuple(row) for row in result.fetchmany(MAX_ROWS + 1)]
            if len(rows) > MAX_ROWS:
                raise DatabaseError(Msg("pull.too_many_rows", limit=f"{MAX_ROWS:,}"))
            connection.rollback()
            return rows
    except DatabaseError:
        raise
    except sqlalchemy.exc.DBAPIError as err:
        if deadline.passed or getattr(err.orig, "sqlstate", None) == _TIMED_OUT:
            raise DatabaseError(Msg("pull.timeout", seconds=_seconds(timeout))) from None
        raise DatabaseError(Msg("pull.database_says", message=_one_line(secrets.scrub(str(err.orig))))) from None
    except sqlalchemy.exc.SQLAlchemyError as err:
        raise DatabaseError(Msg("pull.database_says", message=_one_line(secrets.scrub(str(err))))) from None
    finally:
        deadline.cancel()
        engine.dispose()


def _with_parameter(sqlalchemy, sql: str, since: dt.date):
    """The query as SQLAlchemy text, ``:since`` bound as a date; any other :name is refused
    (it would reach the database unbound, or be a colon meant literally: ``\\:``)."""
    query = sqlalchemy.text(sql)
    names = set(query.compile().params)
    unknown = sorted(names - {PARAMETER})
    if unknown:
        raise DatabaseError(Msg("pull.unknown_parameter", name=unknown[0]))
    if PARAMETER in names:
        query = query.bindparams(sqlalchemy.bindparam(PARAMETER, value=since, type_=sqlalchemy.Date))
    return query


def _engine(sqlalchemy, url, timeout: float, root: Path):
    backend = url.get_backend_name()
    url = _our_driver(url)
    options: dict[str, Any] = {"poolclass": sqlalchemy.pool.NullPool}
    seconds = max(2, round(timeout))
    if backend == "sqlite":
        options["creator"] = _sqlite_opener(url, timeout, root)
        url = url.set(database=None, query={})
    elif backend == "postgresql":
        options["connect_args"] = {
            "connect_timeout": seconds,
            "options": f"-c default_transaction_read_only=on -c statement_timeout={_milliseconds(timeout)}",
            "application_name": "journeymaps metrics pull",
        }
        if url.drivername == "postgresql+psycopg":
            # Every query prepared: the server then refuses a second statement after the
            # first (`SET TRANSACTION READ WRITE; DELETE ...` or `COMMIT; ...`).
            options["connect_args"]["prepare_threshold"] = 0
    elif backend in ("mysql", "mariadb"):
        options["connect_args"] = {"connect_timeout": seconds, "read_timeout": seconds}
    elif backend == "duckdb":
        if url.database and url.database != ":memory:":
            url = url.set(database=str(_database_file(url.database, root)))
        options["connect_args"] = {"read_only": True}
    try:
        return sqlalchemy.create_engine(url, **options)
    except (ImportError, sqlalchemy.exc.NoSuchModuleError):
        raise DatabaseError(_no_driver(backend)) from None


def _milliseconds(timeout: float) -> int:
    return max(1, round(timeout * 1000))


# The driver each extra installs, used when a URL names none: SQLAlchemy would otherwise
# look for psycopg2 (PostgreSQL) or mysqlclient (MySQL).
DRIVERS = {"postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql"}


def _our_driver(url):
    """``postgresql://`` means psycopg (version 3) and ``mysql://`` PyMySQL, when installed."""
    driver = DRIVERS.get(url.drivername)
    if driver and importlib.util.find_spec(driver) is not None:
        return url.set(drivername=f"{url.drivername}+{driver}")
    return url


def _no_driver(backend: str) -> Msg:
    if backend in EXTRAS:
        return Msg("pull.no_driver", database=backend, extra=EXTRAS[backend])
    if backend in PACKAGES:
        return Msg("pull.no_dialect", database=backend, package=PACKAGES[backend])
    return Msg("pull.unknown_dialect", database=backend)


def _database_file(database: str, root: Path) -> Path:
    """A database file, a relative path taken from the site's folder; it must exist (opened
    read-only, a missing file would be an empty database, or an unclear message)."""
    path = (root / database).resolve()
    if not path.is_file():
        raise DatabaseError(Msg("pull.no_database_file", path=str(path)))
    return path


def _sqlite_opener(url, timeout: float, root: Path) -> Callable[[], sqlite3.Connection]:
    database = url.database or ":memory:"
    if database == ":memory:":
        return lambda: sqlite3.connect(":memory:", check_same_thread=False)
    path = _database_file(database, root)
    address = f"file:{quote(str(path))}?mode=ro"

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(address, uri=True, timeout=timeout, check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")
        return connection

    return connect


def _read_only(backend: str, timeout: float) -> list[str]:
    """The statements that make the transaction read-only, before the query runs."""
    if backend == "postgresql":
        return ["SET TRANSACTION READ ONLY"]
    if backend in ("mysql", "mariadb"):
        return [f"SET SESSION max_execution_time = {_milliseconds(timeout)}", "SET TRANSACTION READ ONLY"]
    return []


class _Deadline:
    """The time limit on the client's side: SQLite's progress handler asks every few thousand
    steps whether to stop; a driver that can interrupt or cancel its connection (DuckDB's) is
    told to at the time limit. PostgreSQL and MySQL stop the query themselves."""

    def __init__(self, timeout: float):
        self.end = time.monotonic() + timeout
        self.timeout = timeout
        self.passed = False
        self._timer: threading.Timer | None = None

    def watch(self, connection, backend: str) -> None:
        raw = connection.connection.driver_connection
        if isinstance(raw, sqlite3.Connection):
            raw.set_progress_handler(self._sqlite_step, 10_000)
            return
        interrupt = getattr(raw, "interrupt", None) or getattr(raw, "cancel", None)
        if backend not in ("postgresql", "mysql", "mariadb") and callable(interrupt):
            self._timer = threading.Timer(self.timeout, self._interrupt, [interrupt])
            self._timer.daemon = True
            self._timer.start()

    def _sqlite_step(self) -> int:
        if time.monotonic() > self.end:
            self.passed = True
            return 1
        return 0

    def _interrupt(self, interrupt: Callable[[], object]) -> None:
        self.passed = True
        interrupt()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


def _one_line(message: str) -> str:
    """A database's message as one line: its first, with control characters (which a CI log
    would read as commands or colours) taken out."""
    first = next((line.strip() for line in message.splitlines() if line.strip()), message.strip())
    return "".join(c for c in first if c.isprintable())


def _seconds(timeout: float) -> str:
    return f"{timeout:g}"
