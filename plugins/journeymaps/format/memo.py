"""Files read and maps validated once, kept while nothing they depend on changed: under
`mkdocs serve` a site of a thousand maps is read again after every save, and only the file
saved has anything new in it.

A file is the same while its modification time and size are; a map's validation is the
same while its file is and what it may refer to (the persona ids, its current state's pain
points) is. The problems a file gave are kept with it and given again, so a rebuild reports
exactly what a full read would."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from journeymaps.format.problems import Problem, Problems
from journeymaps.format.reader import Document, read_document
from journeymaps.model import Map
from journeymaps.settings import Settings

Stamp = tuple[int, int]  # modification time (ns) and size


def stamp(path: Path) -> Stamp | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


@dataclass
class _Read:
    stamp: Stamp
    document: Document
    problems: list[Problem]


@dataclass
class _Validated:
    document: Document  # the read it was validated from
    context: tuple
    map: Map
    problems: list[Problem]


class FileMemo:
    """What reading and validating each file gave, for the next build in this process."""

    def __init__(self) -> None:
        self._reads: dict[Path, _Read] = {}
        self._maps: dict[Path, _Validated] = {}
        self._for: tuple[Settings, dt.date] | None = None

    def start(self, settings: Settings, today: dt.date) -> None:
        """Before each build: other settings (or another day) make everything new."""
        if self._for != (settings, today):
            self._reads, self._maps, self._for = {}, {}, (settings, today)

    def read(self, abs_path: Path, path: str, problems: Problems) -> Document:
        """The file's document as read_document gives it, read again only when it changed."""
        now = stamp(abs_path)
        kept = self._reads.get(abs_path)
        if kept is not None and now is not None and kept.stamp == now:
            problems.items += kept.problems
            return kept.document
        before = len(problems.items)
        document = read_document(abs_path, path, problems)
        if now is not None:
            self._reads[abs_path] = _Read(now, document, problems.items[before:])
        return document

    def validated(self, document: Document, context: tuple, problems: Problems, validate: Callable[[], Map]) -> Map:
        """The map ``validate`` makes of ``document``, made again only for a new read of the
        file or another context."""
        kept = self._maps.get(document.abs_path)
        if kept is not None and kept.document is document and kept.context == context:
            problems.items += kept.problems
            return kept.map
        before = len(problems.items)
        validated = validate()
        self._maps[document.abs_path] = _Validated(document, context, validated, problems.items[before:])
        return validated

    def fresh(self, document: Document) -> Document:
        """The file read whole again: the catalog keeps only the top-level keys of what it
        validated, and a map validated in another context needs its stages."""
        return read_document(document.abs_path, document.path, Problems())
