"""A real PostgreSQL server for the tests of `journeymaps metrics pull`: Debian's postgresql
package (./dev test installs it), started on 127.0.0.1 on a free port with a data directory
of the test run's own, and stopped at the end. initdb refuses to run as root, so as root the
server runs as the package's `postgres` user."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# A password with every character a URL must escape: the tests check it is never printed.
PASSWORD = "Pg-s3cret:/?#@%&+word"
USER = "journeymaps"


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass(frozen=True)
class Server:
    port: int
    folder: Path

    def url(self, password: str = PASSWORD, database: str = "postgres"):
        from sqlalchemy import URL

        return URL.create(
            "postgresql+psycopg", username=USER, password=password, host="127.0.0.1", port=self.port, database=database
        )

    def raw_url(self, password: str = PASSWORD) -> str:
        """The URL as a team would set JOURNEYMAPS_DATABASE_URL: the password in it."""
        return self.url(password).render_as_string(hide_password=False)

    def connect(self, database: str = "postgres", **options):
        """A read-write connection of the tests' own (psycopg), for setting up and checking."""
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, password=PASSWORD, dbname=database, **options
        )

    def log(self) -> str:
        return (self.folder / "server.log").read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    binaries = _binaries()
    if binaries is None or (os.geteuid() == 0 and not _has_user("postgres")):
        message = "PostgreSQL is missing (Debian's postgresql package); ./dev test installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="journeymaps-postgres-"))
    (folder / "password").write_text(PASSWORD + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (folder, folder / "password"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    data, port = folder / "data", _free_port()
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    try:
        subprocess.run(
            _as_owner(
                [str(binaries / "initdb"), "-D", str(data), "-U", USER, "--auth=scram-sha-256",
                 f"--pwfile={folder / 'password'}", "-E", "UTF8", "--locale=C"]
            ),
            **run,
        )  # fmt: skip
        settings = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c fsync=off"
        subprocess.run(
            _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-o", settings,
                       "-w", "-t", "60", "start"]),
            **run,
        )  # fmt: skip
    except subprocess.CalledProcessError as err:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {err.stderr or err.stdout}")
    try:
        yield Server(port, folder)
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            subprocess.run(
                _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]), **run
            )
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
