"""Each map's history across reviews (docs/reading.md, History across reviews): the versions
of its file at which 'reviewed:' changed, read like the file itself (format/versions.py) and
compared review to review by what `journeymaps diff` computes (authoring/diff.py). Kept as
plain data, cached by commit under .cache/: a build at a commit whose history was read
before pays one git process, and `mkdocs serve` not even that file twice."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from journeymaps.authoring.diff import MapChange, compare_reviews
from journeymaps.authoring.history_git import Head, Unavailable, Version, contents, head_of, review_versions
from journeymaps.authoring.revision import RevisionError
from journeymaps.format.versions import VersionReader
from journeymaps.model import Map, PainPoint, Stage, Step
from journeymaps.settings import Settings

# Raised when the cached data's shape or meaning changes: old caches are then ignored.
CACHE_VERSION = 3


class Point(NamedTuple):
    """A tuple: a thousand maps' reviews hold a hundred thousand of them, read from the cache."""

    stage: str  # the stage's name
    step: str  # the step's id
    name: str  # the step's name
    emotion: float | None


@dataclass
class Pain:
    text: str
    severity: str | None


@dataclass
class StageEmotion:
    name: str
    before: float | None
    after: float | None


@dataclass
class Changes:
    """What changed since the review before, in the words of `journeymaps diff`."""

    steps_added: list[str] = field(default_factory=list)
    steps_removed: list[str] = field(default_factory=list)
    pains_opened: list[Pain] = field(default_factory=list)
    pains_resolved: list[Pain] = field(default_factory=list)  # no longer on the map
    stages: list[StageEmotion] = field(default_factory=list)  # only stages whose mean emotion moved

    def __bool__(self) -> bool:
        return any((self.steps_added, self.steps_removed, self.pains_opened, self.pains_resolved, self.stages))


@dataclass
class Review:
    reviewed: str  # the date the map says, ISO
    commit: str
    committed: str  # the commit's date, ISO 8601
    curve: list[Point]  # or, read from the cache, lists of the same four values
    changes: Changes | None  # None: the first review in the history


class MapHistory:
    """One map's reviews, oldest first. Read from the cache or from the process that read
    them, they are kept as their JSON text and made into objects only when asked for, and not
    kept then: a build holds a thousand maps' texts, not eight thousand reviews' objects (a
    warm build, whose sections are kept, asks for none)."""

    __slots__ = ("path", "fingerprint", "_reviews", "_text")

    def __init__(self, path: str, reviews: list[Review] | None = None, fingerprint: str = "", text: str = "[]"):
        self.path = path
        self.fingerprint = fingerprint  # of the reviews: what the page's history section is kept by
        self._reviews = reviews
        self._text = text

    @property
    def reviews(self) -> list[Review]:
        if self._reviews is not None:
            return self._reviews
        return [_review_from(r) for r in json.loads(self._text)]

    @property
    def empty(self) -> bool:
        return not self._reviews if self._reviews is not None else self._text == "[]"

    def text(self) -> str:
        """The reviews as JSON text; the fingerprint is set from it."""
        if self._reviews is not None:
            self._text = json.dumps([_review_to(r) for r in self._reviews], ensure_ascii=False, separators=(",", ":"))
            self.fingerprint = hashlib.sha1(self._text.encode()).hexdigest()
        return self._text


@dataclass
class Histories:
    maps: dict[str, MapHistory]  # by the map file's path, relative to the site
    unavailable: str | None = None  # why there is no history: 'no_git', 'outside', 'shallow'

    def of(self, m: Map) -> MapHistory | None:
        return self.maps.get(m.path)


def _changes(change: MapChange) -> Changes:
    return Changes(
        steps_added=[p.step.name for p in change.steps_added],
        steps_removed=[p.step.name for p in change.steps_removed],
        pains_opened=[Pain(p.item.text, p.item.severity) for p in change.pains_added],
        pains_resolved=[Pain(p.item.text, p.item.severity) for p in change.pains_removed],
        stages=[StageEmotion(s.name, s.before, s.after) for s in change.stages],
    )


# What the history keeps of one version of a map file, as JSON: its review date and its
# stages, steps, emotions and pain points (all that a review's changes and curve are made
# of). Read once per version (by its blob id), however many builds and commits follow.
Snapshot = dict[str, Any]


def snapshot(m: Map | None) -> Snapshot | None:
    if m is None:
        return None
    return {
        "reviewed": m.reviewed.isoformat() if m.reviewed else None,
        "stages": [
            [stage.id, stage.name, [[s.id, s.name, s.emotion, [[p.id, p.text, p.severity] for p in s.pain_points]]
                                    for s in stage.steps]]
            for stage in m.stages
        ],
    }  # fmt: skip


def _as_map(found: Snapshot) -> Map:
    """The version as a map again, with what the snapshot holds: enough for compare_reviews."""
    stages = [
        Stage(sid, name, steps=[Step(i, n, emotion=e, pain_points=[PainPoint(*p) for p in pains])
                                for i, n, e, pains in steps])
        for sid, name, steps in found["stages"]
    ]  # fmt: skip
    return Map("", "current", "", [], stages, reviewed=dt.date.fromisoformat(found["reviewed"]))


def _curve(m: Map) -> list[Point]:
    return [Point(stage.name, step.id, step.name, step.emotion) for stage in m.stages for step in stage.steps]


def map_history(
    path: str, versions: list[tuple[Version, Snapshot | None]], read: dict[str, Map] | None = None
) -> MapHistory:
    """One map's reviews from the versions of its file that touched 'reviewed:', oldest first.
    ``read``: the versions this build read, by blob id, which need not be made again from their snapshots."""
    reviews: list[Review] = []
    before: Map | None = None
    for version, found in versions:
        if found is None or found["reviewed"] is None:
            continue
        if before is not None and before.reviewed.isoformat() == found["reviewed"]:
            continue
        m = (read or {}).get(version.blob) or _as_map(found)
        changes = _changes(compare_reviews(before, m)) if before is not None else None
        reviews.append(Review(found["reviewed"], version.commit, version.committed, _curve(m), changes))
        before = m
    return MapHistory(path, reviews)


def _stored_snapshots(settings: Settings, cache: Path) -> dict[str, Snapshot | None]:
    """The versions read before, by blob id (``versions.json``); none if unreadable, and
    without those of another shape (read again from git)."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):  # unreadable: read again
        data = json.loads((cache / "versions.json").read_text(encoding="utf-8"))
        if data.get("version") == CACHE_VERSION and data.get("settings") == _settings_key(settings):
            return {blob: found for blob, found in dict(data["snapshots"]).items() if _well_formed(found)}
    return {}


def _well_formed(found: Any) -> bool:
    """Whether a stored snapshot has the shape ``snapshot`` gives (a damaged or hand-edited
    cache must not reach the reviews' comparison)."""
    if found is None:
        return True
    if not isinstance(found, dict) or not _rows(found.get("stages"), 3):
        return False
    reviewed = found.get("reviewed")
    if reviewed is not None and not (isinstance(reviewed, str) and _is_date(reviewed)):
        return False
    for stage_id, stage_name, steps in found["stages"]:
        if not (_texts(stage_id, stage_name) and _rows(steps, 4)):
            return False
        for step_id, step_name, emotion, pains in steps:
            if not (_texts(step_id, step_name) and (emotion is None or _finite(emotion)) and _rows(pains, 3)):
                return False
            for pain_id, text, severity in pains:
                if not (_texts(pain_id, text) and (severity is None or isinstance(severity, str))):
                    return False
    return True


def _rows(value: Any, width: int) -> bool:
    """A list of lists of ``width`` values each, as JSON gives back a snapshot's tuples."""
    return isinstance(value, list) and all(isinstance(row, list) and len(row) == width for row in value)


def _texts(*values: Any) -> bool:
    return all(isinstance(v, str) for v in values)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _finite(value: Any) -> bool:
    """A number, not a flag, that float arithmetic can take (JSON reads 400 digits as an int)."""
    if type(value) not in (int, float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _keep_snapshots(settings: Settings, cache: Path, blobs: Iterable[str], known: dict[str, Snapshot | None]) -> None:
    kept = {blob: known.get(blob) for blob in blobs}  # versions no longer in the history go
    text = json.dumps({"version": CACHE_VERSION, "settings": _settings_key(settings), "snapshots": kept})
    with contextlib.suppress(OSError):
        _write_atomically(cache / "versions.json", text)


def _settings_key(settings: Settings) -> list[Any]:
    return [settings.maps_dir, list(settings.emotion_scale)]


def _key(commit: str, prefix: str, settings: Settings) -> str:
    what = [CACHE_VERSION, commit, prefix, _settings_key(settings)]
    return hashlib.sha1(json.dumps(what).encode()).hexdigest()


def _review_from(r: dict[str, Any]) -> Review:
    c = r["changes"]
    changes = None
    if c is not None:
        changes = Changes(
            c["steps_added"],
            c["steps_removed"],
            [Pain(**p) for p in c["pains_opened"]],
            [Pain(**p) for p in c["pains_resolved"]],
            [StageEmotion(**s) for s in c["stages"]],
        )
    curve = r["curve"]  # rows as read: a Point is a tuple of the same four, by place
    return Review(r["reviewed"], r["commit"], r["committed"], curve, changes)


def _review_to(r: Review) -> dict[str, Any]:
    # asdict would make each point a dict (four times the size of a row), and is slow
    c = r.changes
    changes = (
        None
        if c is None
        else {
            "steps_added": c.steps_added,
            "steps_removed": c.steps_removed,
            "pains_opened": [vars(p) for p in c.pains_opened],
            "pains_resolved": [vars(p) for p in c.pains_resolved],
            "stages": [vars(s) for s in c.stages],
        }
    )
    curve = [list(p) for p in r.curve]
    return {"reviewed": r.reviewed, "commit": r.commit, "committed": r.committed,
            "curve": curve, "changes": changes}  # fmt: skip


def _from_json(data: dict[str, Any]) -> Histories:
    """The history as kept: each map's fingerprint and its reviews' JSON text, left unread."""
    maps = {}
    for path, (mark, text) in data.items():
        if not (isinstance(mark, str) and isinstance(text, str)):
            raise TypeError("not the kept history")
        maps[path] = MapHistory(path, None, mark, text)
    return Histories(maps)


def _to_json(histories: Histories) -> str:
    """Each map's fingerprint and reviews, as the cache keeps them: the reviews as a JSON
    string of their own, so that a build reads them one map at a time, when asked."""
    kept = {}
    for path, h in histories.maps.items():
        text = h.text()  # sets the fingerprint
        kept[path] = [h.fingerprint, text]
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def _write_atomically(path: Path, text: str) -> None:
    """Written beside, then renamed: a build stopped half-way leaves no half a cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the versions are read: reading eight thousand
    makes millions of small lists and dicts, none in a cycle, and each of the collector's
    passes walks every object the build holds (it was a fifth of the read's time)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


_MEMORY: dict[str, Histories] = {}  # `mkdocs serve` rebuilds: the last history read, by key


def look_up(site_root: Path, settings: Settings, cache: Path) -> tuple[Histories | None, Head | None]:
    """What a build knows of the history without reading git's versions, in one git process:
    none, with the reason; the one read last by this process or kept in ``cache`` for the
    current commit; or None, when it must be read (``read_histories``), with the commit."""
    try:
        head = head_of(site_root)
    except Unavailable as why:
        return Histories({}, why.reason), None
    key = _key(head.commit, head.prefix, settings)
    if key in _MEMORY:
        return _MEMORY[key], head
    stored = cache / f"head-{key}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        found = _from_json(json.loads(stored.read_text(encoding="utf-8")))
        _remember(key, found)
        return found, head
    return None, head


def _remember(key: str, found: Histories) -> None:
    _MEMORY.clear()
    _MEMORY[key] = found


def read_histories(site_root: Path, settings: Settings, cache: Path) -> Histories:
    """Every map's history across reviews at the repository's current commit; empty, with the
    reason, when there is none to read. ``cache`` is the folder to keep it in."""
    known, head = look_up(site_root, settings, cache)
    if known is not None or head is None:
        return known or Histories({}, "failed")
    return _read(head, settings, cache)[0]


def history_text(site_root: Path, settings: Settings, cache: Path) -> str | None:
    """The history read as ``read_histories`` does, as the JSON text it keeps in ``cache``
    (``from_text`` reads it): what another process hands the build. None: nothing to read."""
    known, head = look_up(site_root, settings, cache)
    if known is not None or head is None:
        return None
    found, text = _read(head, settings, cache)
    return None if found.unavailable else text


def from_text(head: Head, settings: Settings, text: str) -> Histories:
    """The history ``history_text`` read at ``head``, kept as if read here."""
    found = _from_json(json.loads(text))
    _remember(_key(head.commit, head.prefix, settings), found)
    return found


def _file_history(
    path: str,
    versions: list[Version],
    known: dict[str, Snapshot | None],
    fresh: Iterator[tuple[str, bytes | None]],
    reader: VersionReader,
) -> MapHistory:
    """One map file's history: its versions not ``known`` are the next ones ``fresh`` hands
    out, read, and kept in ``known``; the maps read here serve its reviews as they are."""
    read: dict[str, Map] = {}
    pairs: list[tuple[Version, Snapshot | None]] = []
    for version in versions:
        if version.blob not in known:
            blob, raw = next(fresh)
            m = reader.read(raw, path) if raw is not None else None
            known[blob] = snapshot(m)
            if m is not None:
                read[blob] = m
        pairs.append((version, known[version.blob]))
    reader.done_with(path)
    return map_history(path, pairs, read)


def _read(head: Head, settings: Settings, cache: Path) -> tuple[Histories, str]:
    """Each map file's versions read (those not read before) and made into its history one
    file after another: a file's maps are let go once its history is made, and git's
    answers come a few hundred versions at a time."""
    key = _key(head.commit, head.prefix, settings)
    with _no_cycle_collection():
        try:
            by_path: dict[str, list[Version]] = {}
            for version in review_versions(head, settings.maps_dir):
                by_path.setdefault(version.path, []).append(version)
            known = _stored_snapshots(settings, cache)
            blobs = dict.fromkeys(v.blob for versions in by_path.values() for v in versions)
            missing = [blob for blob in blobs if blob not in known]
            fresh = contents(head, missing)  # in the order the files' versions below first name them
            reader = VersionReader(settings)
            maps = {path: _file_history(path, versions, known, fresh, reader) for path, versions in by_path.items()}
        except RevisionError:
            return Histories({}, "failed"), ""
        if missing:
            _keep_snapshots(settings, cache, blobs, known)
        found = Histories(maps)
        text = _to_json(found)
    with contextlib.suppress(OSError):
        for other in cache.glob("head-*.json"):  # one commit's history is kept: the last one read
            other.unlink()
        _write_atomically(cache / f"head-{key}.json", text)
    _remember(key, found)
    return found, text
