"""Which of a project's files journeymaps reads and writes: regular files inside the project.

A pull request controls the files it adds, links included. A map that is a link to
``~/.aws/credentials`` must not be read (and echoed in a message), ``/dev/zero`` or a named
pipe must not be read at all, and a command must not write through a linked folder to
wherever it points. Each refusal is a problem with the file's path, never a silent skip."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the image workers write with this module and need no catalogue of messages
    from journeymaps.format.problems import Problems

# Names that become paths of the built site (a journey's folder, a tag's page) are bounded
# well below the 255 bytes most file systems allow for one name, so no build stops half-way.
MAX_NAME_CHARS = 80


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every link followed, stays inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())


def markdown_files(folder: Path, root: Path, problems: Problems) -> list[Path]:
    """The ``.md`` files under ``folder`` (not in hidden folders), in order. A link is followed
    only when it stays inside ``root``; one that leaves it, and anything that is not a regular
    file, is reported and left out."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    seen: set[Path] = set()

    def refuse(path: Path, key: str) -> None:
        problems.add(path.relative_to(root).as_posix(), 1, key)

    def walk(here: Path) -> None:
        real = here.resolve()
        if real in seen:  # a link back to a folder already read
            return
        seen.add(real)
        with os.scandir(here) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = here / entry.name
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink() and not inside(root, path):
                    if entry.is_dir() or entry.name.endswith(".md"):
                        refuse(path, "files.link_outside")
                    continue
                if entry.is_dir():
                    walk(path)
                elif entry.name.endswith(".md"):
                    if entry.is_file():
                        found.append(path)
                    else:
                        refuse(path, "files.not_a_file")

    if not inside(root, folder):
        refuse(folder, "files.link_outside")
        return []
    walk(folder)
    return found


class NotAFile(OSError):
    """A device, a pipe, a folder: nothing a map or a persona can be."""


def read_bytes(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (so a caller can tell it is too big).
    Raises NotAFile before reading a byte of a device or a pipe (opening a pipe does not
    wait for a writer), OSError when the file cannot be read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(path)
        return file.read(limit + 1)


class OutsideProject(Exception):
    """A path to write to leads outside the project (through a linked folder or file)."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(str(path))


def writable(root: Path, path: Path) -> Path:
    """``path``, checked before anything is written: every link on the way (a linked folder,
    a link in place of the file, a dangling one) must stay inside ``root``."""
    if not inside(root, path):
        raise OutsideProject(path)
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: an interrupted build (Ctrl-C, a CI timeout) leaves the
    old file or none, never half of one. A link in place of the file is replaced, not followed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
