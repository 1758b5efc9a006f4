"""A past version of a map file (from the repository's history), read from its text: by the
lean reader of what the history shows (format/lean_version.py) when the text is in the
plain block style, else by the same reader and validator as the file on disk. A version is
history: its problems are not the author's to fix today, so they are collected and dropped,
and a version that cannot be read at all gives nothing."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from pathlib import PurePosixPath
from typing import Any

from journeymaps.format.fields import Fields
from journeymaps.format.lean_version import Unusual, read_lean
from journeymaps.format.problems import Problems
from journeymaps.format.reader import Document, YMap, parse_front_matter, split_front_matter
from journeymaps.format.validate import MAX_STEPS, MapContext, MapValidator
from journeymaps.model import STATES, Map
from journeymaps.settings import Settings

MAX_VERSION_BYTES = 2 * 1024 * 1024  # as large a file as the site reads today


def journey_and_state(path: str, maps_dir: str) -> tuple[str, str | None] | None:
    """The journey a map file stands for by its place (maps/<journey>/<state>.md or
    maps/<journey>.md), and its state when the place says it."""
    parts = PurePosixPath(path).relative_to(maps_dir).parts
    if len(parts) == 1 and parts[0].endswith(".md"):
        return parts[0].removesuffix(".md"), None
    if len(parts) == 2 and parts[1].removesuffix(".md") in STATES:
        return parts[0], parts[1].removesuffix(".md")
    return None


def read_version(
    raw: bytes, path: str, settings: Settings, lean: bool = True, seen: dict[str, Any] | None = None
) -> Map | None:
    """The map in one version of the file at ``path`` (relative to the site), or None. With
    ``lean``, only what the history shows (stages, steps, emotions, pain points, the review
    date) is sure to be read; ``seen``: the lean reader's values read before (read_lean)."""
    place = journey_and_state(path, settings.maps_dir)
    if place is None or len(raw) > MAX_VERSION_BYTES:
        return None
    try:
        parts = split_front_matter(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if parts is None:
        return None
    front, front_line, body, body_line = parts
    if lean:
        with contextlib.suppress(Unusual):
            return read_lean(front, place[0], place[1], settings.emotion_scale, MAX_STEPS, seen)
    problems = Problems()
    data = parse_front_matter(front, front_line - 1, path, problems)
    if not isinstance(data, YMap) or not isinstance(data.get("stages"), list):
        return None
    journey, state = place
    state = state or (str(data.get("state", "")).strip().lower() or None)
    if state not in STATES:
        return None
    doc = Document(path, PurePosixPath(path), data, body, body_line)
    fields = Fields(path, problems, settings)
    # Every persona the version names is taken as known: history is not re-checked.
    named = {str(p) for p in (data.get("persona") if isinstance(data.get("persona"), list) else [data.get("persona")])}
    return MapValidator(doc, fields, MapContext(named, set())).validate(journey, state)


# A review date written plainly on its own line, at the top of the front matter.
_REVIEWED_LINE = re.compile(rb"\nreviewed: (\d{4}-\d\d-\d\d) *\r?\n")


class _Dated:
    """A version read, and where its review date stands in its bytes."""

    def __init__(self, raw: bytes, date: re.Match[bytes], found: Map):
        self.raw, self.start, self.end, self.map = raw, date.start(1), date.end(1), found

    def same_but_date(self, raw: bytes, date: re.Match[bytes]) -> bool:
        before, start, end = self.raw, self.start, self.end
        return start == date.start(1) and before[:start] == raw[:start] and before[end:] == raw[date.end(1) :]


def _date_line(raw: bytes) -> tuple[re.Match[bytes], dt.date] | None:
    """The version's review date line and its date, when the version names 'reviewed' once
    (anywhere: so the line is the key's, not text inside another value) on a line of its own."""
    if raw.count(b"reviewed") != 1:
        return None
    found = _REVIEWED_LINE.search(raw)
    if found is None:
        return None
    try:
        return found, dt.date.fromisoformat(found.group(1).decode())
    except ValueError:
        return None


class VersionReader:
    """read_version for the versions of the map files, oldest first. A version that is the
    one read last of the same file but for its review date (a review that found the
    map right and moved only the date) is not read again: it is that map with the new date."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.last: dict[str, _Dated] = {}  # by path: the version read last
        self.seen: dict[str, Any] = {}  # the values the lean reader read, as written

    def read(self, raw: bytes, path: str) -> Map | None:
        dated, before = _date_line(raw), self.last.pop(path, None)
        if dated is not None and before is not None and before.same_but_date(raw, dated[0]):
            found: Map | None = dataclasses.replace(before.map, reviewed=dated[1])
        else:
            found = read_version(raw, path, self.settings, seen=self.seen)
        # Kept only when the map's date is the line's: the line was read as the review date.
        if dated is not None and found is not None and found.reviewed == dated[1]:
            self.last[path] = _Dated(raw, dated[0], found)
        return found

    def done_with(self, path: str) -> None:
        """Every version of ``path`` is read: its last one need not be kept."""
        self.last.pop(path, None)
