"""Each map's history across reviews (docs/reading.md, History across reviews): the versions
of its file at which 'reviewed:' changed, read like the file itself (format/versions.py) and
compared review to review by what `journeymaps diff` computes (authoring/diff.py). Kept as
plain data, cached by commit under .cache/: a build at a commit whose history was read
before pays one git process, and `mkdocs serve` not even that file twice."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from journeymaps.authoring.diff import MapChange, compare_maps
from journeymaps.authoring.history_git import Unavailable, Version, head_of, review_versions
from journeymaps.authoring.revision import RevisionError
from journeymaps.format.versions import read_version
from journeymaps.model import Map
from journeymaps.settings import Settings

# Raised when the cached data's shape or meaning changes: old caches are then ignored.
CACHE_VERSION = 1


@dataclass
class Point:
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
    curve: list[Point]
    changes: Changes | None  # None: the first review in the history


@dataclass
class MapHistory:
    path: str
    reviews: list[Review]  # oldest first


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


def _curve(m: Map) -> list[Point]:
    return [Point(stage.name, step.id, step.name, step.emotion) for stage in m.stages for step in stage.steps]


def map_history(path: str, versions: list[Version], settings: Settings) -> MapHistory:
    """One map's reviews from the versions of its file that touched 'reviewed:', oldest first."""
    reviews: list[Review] = []
    before: Map | None = None
    for version in versions:
        m = read_version(version.raw, path, settings)
        if m is None or m.reviewed is None or (before is not None and before.reviewed == m.reviewed):
            continue
        changes = _changes(compare_maps(before, m)) if before is not None else None
        reviews.append(Review(m.reviewed.isoformat(), version.commit, version.committed, _curve(m), changes))
        before = m
    return MapHistory(path, reviews)


def _key(commit: str, prefix: str, settings: Settings) -> str:
    what = [CACHE_VERSION, commit, prefix, settings.maps_dir, list(settings.emotion_scale), settings.review_every]
    return hashlib.sha1(json.dumps(what).encode()).hexdigest()


def _from_json(data: dict[str, Any]) -> Histories:
    def review(r: dict[str, Any]) -> Review:
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
        curve = [Point(*p) for p in r["curve"]]
        return Review(r["reviewed"], r["commit"], r["committed"], curve, changes)

    return Histories({p: MapHistory(p, [review(r) for r in reviews]) for p, reviews in data.items()})


def _to_json(histories: Histories) -> dict[str, Any]:
    def review(r: Review) -> dict[str, Any]:
        curve = [[p.stage, p.step, p.name, p.emotion] for p in r.curve]  # a quarter of the size of objects
        return {**asdict(r), "curve": curve}

    return {path: [review(r) for r in h.reviews] for path, h in histories.maps.items()}


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
    for other in path.parent.glob("*.json"):  # one commit's history is kept: the last one read
        if other != path:
            with contextlib.suppress(OSError):
                other.unlink()


_MEMORY: dict[str, Histories] = {}  # `mkdocs serve` rebuilds: the last history read, by key


def read_histories(site_root: Path, settings: Settings, cache: Path) -> Histories:
    """Every map's history across reviews at the repository's current commit; empty, with the
    reason, when there is none to read. ``cache`` is the folder to keep it in."""
    try:
        head = head_of(site_root)
    except Unavailable as why:
        return Histories({}, why.reason)
    key = _key(head.commit, head.prefix, settings)
    if key in _MEMORY:
        return _MEMORY[key]
    stored = cache / f"{key}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        found = _from_json(json.loads(stored.read_text(encoding="utf-8")))
        _MEMORY.clear()
        _MEMORY[key] = found
        return found
    by_path: dict[str, list[Version]] = {}
    try:
        versions = review_versions(head, settings.maps_dir)
    except RevisionError:
        return Histories({}, "failed")
    for version in versions:
        by_path.setdefault(version.path, []).append(version)
    found = Histories({path: map_history(path, versions, settings) for path, versions in by_path.items()})
    with contextlib.suppress(OSError):
        _write_atomically(stored, json.dumps(_to_json(found), ensure_ascii=False, separators=(",", ":")))
    _MEMORY.clear()
    _MEMORY[key] = found
    return found
