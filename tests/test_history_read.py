"""Reading the history across reviews cheaply (authoring/history.py): the maps a cold build
reads serve its reviews as they are, and give the history a build later makes from the
versions kept in the cache; the cycle collector, paused while the versions are read, is on
again afterwards."""

from __future__ import annotations

import gc
import json

from journeymaps.authoring import history
from journeymaps.settings import Settings
from test_history import reviewed_twice  # noqa: F401 - the fixture: a map reviewed twice in git


def test_the_history_read_from_git_is_the_history_made_from_the_kept_versions(reviewed_twice):  # noqa: F811
    cache = reviewed_twice / ".cache/journeymaps/history"
    history._MEMORY.clear()
    from_git = history.read_histories(reviewed_twice, Settings(), cache)
    assert [r.reviewed for h in from_git.maps.values() for r in h.reviews] == ["2026-03-01", "2026-06-01"]
    for stored in cache.glob("head-*.json"):
        stored.unlink()  # the next read makes each map's history again, from versions.json
    history._MEMORY.clear()
    kept = history.read_histories(reviewed_twice, Settings(), cache)
    assert history._to_json(from_git) == history._to_json(kept)
    assert json.loads(history._to_json(kept))  # JSON, as the cache keeps it
    assert [h.fingerprint for h in from_git.maps.values()] == [h.fingerprint for h in kept.maps.values()]


def test_the_cycle_collector_is_on_again_after_the_history_is_read(reviewed_twice, tmp_path):  # noqa: F811
    history._MEMORY.clear()
    assert gc.isenabled()
    assert history.read_histories(reviewed_twice, Settings(), tmp_path / "cache").maps
    assert gc.isenabled()


def test_a_damaged_kept_history_is_read_again(reviewed_twice):  # noqa: F811
    cache = reviewed_twice / ".cache/journeymaps/history"
    history._MEMORY.clear()
    history.read_histories(reviewed_twice, Settings(), cache)
    [kept] = cache.glob("head-*.json")
    for damaged in ("[]", '{"maps/a.md": 3}', '{"maps/a.md": ["x", 3]}', "not json", '"text"'):
        kept.write_text(damaged, encoding="utf-8")
        history._MEMORY.clear()
        found = history.read_histories(reviewed_twice, Settings(), cache)
        assert [r.reviewed for h in found.maps.values() for r in h.reviews] == ["2026-03-01", "2026-06-01"], damaged


def test_versions_asked_of_git_a_few_at_a_time_give_the_same_history(reviewed_twice, monkeypatch):  # noqa: F811
    from journeymaps.authoring import history_git

    history._MEMORY.clear()
    whole = history.read_histories(reviewed_twice, Settings(), reviewed_twice / ".cache/whole")
    monkeypatch.setattr(history_git, "_BATCH", 1)  # a `git cat-file` for each version
    history._MEMORY.clear()
    one_by_one = history.read_histories(reviewed_twice, Settings(), reviewed_twice / ".cache/one")
    assert history._to_json(one_by_one) == history._to_json(whole)
    assert [r.reviewed for h in one_by_one.maps.values() for r in h.reviews] == ["2026-03-01", "2026-06-01"]


def test_kept_versions_of_another_shape_are_read_again_from_git(reviewed_twice):  # noqa: F811
    cache = reviewed_twice / ".cache/journeymaps/history"
    history._MEMORY.clear()
    expected = history._to_json(history.read_histories(reviewed_twice, Settings(), cache))
    stored = json.loads((cache / "versions.json").read_text(encoding="utf-8"))
    assert stored["snapshots"] and all(history._well_formed(s) for s in stored["snapshots"].values())
    good = next(s for s in stored["snapshots"].values() if s is not None)
    step = good["stages"][0][2][0]
    damaged = [
        [],
        "text",
        {"reviewed": "spring", "stages": good["stages"]},
        {"reviewed": good["reviewed"]},
        {"reviewed": good["reviewed"], "stages": [["only", "two"]]},
        {"reviewed": good["reviewed"], "stages": [[1, "name", []]]},
        {"reviewed": good["reviewed"], "stages": [["s", "n", [[*step[:2], "high", step[3]]]]]},
        {"reviewed": good["reviewed"], "stages": [["s", "n", [[*step[:2], int("9" * 400), step[3]]]]]},
        {"reviewed": good["reviewed"], "stages": [["s", "n", [[*step[:3], [["p", "text", 3]]]]]]},
        {"reviewed": good["reviewed"], "stages": [["s", "n", [[*step[:3], ["abc"]]]]]},
        {"reviewed": good["reviewed"], "stages": [["s", "n", [[*step[:3], {"abc": 1}]]]]},
    ]
    for shape in damaged:
        assert not history._well_formed(shape), shape
        kept = {**stored, "snapshots": dict.fromkeys(stored["snapshots"], shape)}
        (cache / "versions.json").write_text(json.dumps(kept), encoding="utf-8")
        for other in cache.glob("head-*.json"):
            other.unlink()  # the next read makes each map's history from versions.json
        history._MEMORY.clear()
        assert history._to_json(history.read_histories(reviewed_twice, Settings(), cache)) == expected, shape
