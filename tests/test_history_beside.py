"""The history across reviews read in a process beside the build (authoring/history_beside.py):
the same history, fingerprints and map page as when the build reads it itself; a worker that
dies before it answers leaves the build to read it; a build that stops early stops the worker."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import build_site
from journeymaps.authoring import history, history_beside
from journeymaps.authoring.history_beside import HistoryBeside
from journeymaps.settings import Settings
from test_history import P, reviewed_twice  # noqa: F401 - the fixture: a map reviewed twice in git


@pytest.fixture
def beside_always(monkeypatch):
    """The test sites have one map: read beside the build all the same."""
    monkeypatch.setattr(history_beside, "BESIDE_FROM", 0)
    history._MEMORY.clear()
    yield
    history._MEMORY.clear()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A child that ended but was not waited for yet is a zombie: gone all the same.
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return stat.read().split(")")[-1].split()[0] == "Z"


def test_read_beside_the_build_it_is_the_history_read_here(reviewed_twice, beside_always):  # noqa: F811
    told = []
    beside = HistoryBeside(reviewed_twice, Settings(), reviewed_twice / ".cache/h", told.append)
    assert beside._worker is not None, "read by a worker"
    pid = beside._worker.pid
    found = beside.histories()
    assert told == [found] and _gone(pid)
    history._MEMORY.clear()
    here = history.read_histories(reviewed_twice, Settings(), reviewed_twice / ".cache/here")
    assert history._to_json(found) == history._to_json(here)
    assert [h.fingerprint for h in found.maps.values()] == [h.fingerprint for h in here.maps.values()]
    assert [r.reviewed for r in found.maps[P].reviews] == ["2026-03-01", "2026-06-01"]


def test_a_worker_that_dies_leaves_the_build_to_read_the_history(reviewed_twice, beside_always):  # noqa: F811
    beside = HistoryBeside(reviewed_twice, Settings(), reviewed_twice / ".cache/h", lambda found: None)
    assert beside._worker is not None
    beside._worker.process.kill()
    found = beside.histories()
    assert [r.reviewed for r in found.maps[P].reviews] == ["2026-03-01", "2026-06-01"]


def test_a_build_that_stops_early_stops_the_worker(reviewed_twice, beside_always):  # noqa: F811
    beside = HistoryBeside(reviewed_twice, Settings(), reviewed_twice / ".cache/h", lambda found: None)
    assert beside._worker is not None
    pid = beside._worker.pid
    beside.stop()
    assert _gone(pid)


def test_without_git_no_worker_starts_and_the_reason_is_told(reviewed_twice, tmp_path, beside_always):  # noqa: F811
    copy = tmp_path / "copy"
    shutil.copytree(reviewed_twice, copy, ignore=shutil.ignore_patterns(".git"))
    told = []
    beside = HistoryBeside(copy, Settings(), copy / ".cache/h", told.append)
    assert beside._worker is None and [f.unavailable for f in told] == ["outside"]


def test_the_map_page_and_history_json_are_the_same_read_beside(reviewed_twice, tmp_path, beside_always):  # noqa: F811
    here_site = tmp_path / "here"
    shutil.copytree(reviewed_twice, here_site)
    beside_out = build_site(reviewed_twice)
    history._MEMORY.clear()
    history_beside.BESIDE_FROM = 10**6
    here_out = build_site(here_site)
    for path in ("journeys/first-purchase/current/index.html", "journeys/first-purchase/current/history.json"):
        assert (beside_out / path).read_bytes() == (here_out / path).read_bytes(), path
