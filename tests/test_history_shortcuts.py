"""What a cold read of the history across reviews leaves out gives the history it would
give otherwise: a review is compared only for what the history shows (diff.compare_reviews,
against `journeymaps diff`'s compare_maps), and a version that is the one read before it
but for its review date is that map with the new date (versions.VersionReader, against
reading it)."""

from __future__ import annotations

import json

import pytest
from conftest import build_site
from hypothesis import given, settings
from hypothesis import strategies as st
from journeymaps.authoring.diff import compare_maps, compare_reviews
from journeymaps.authoring.history import snapshot
from journeymaps.format.versions import VersionReader, read_version
from journeymaps.model import Map, Opportunity, PainPoint, Stage, Step
from journeymaps.settings import Settings
from test_history import commit, reviewed_twice, version  # noqa: F401 - the fixture: a map reviewed twice in git
from test_lean_version import EDITS, MOVABLE, MOVES, PLAIN, front

# Few ids, so that versions share steps and pain points, repeat them, move them and drop them.
IDS = st.sampled_from(["a", "b", "c", "d"])
EMOTIONS = st.sampled_from([None, -2, -1, -0.5, 0, 1, 2])
PAINS = st.lists(st.builds(PainPoint, IDS, st.sampled_from(["Slow", "Lost"]), st.sampled_from([None, "high"])))
STEPS = st.lists(
    st.builds(
        Step,
        IDS,
        st.sampled_from(["Pays", "Waits"]),
        emotion=EMOTIONS,
        pain_points=PAINS,
        touchpoint=st.sampled_from([None, "App"]),
        opportunities=st.lists(st.builds(Opportunity, IDS, st.just("Faster")), max_size=1),
    ),
    max_size=4,
)
MAPS = st.builds(
    lambda stages, title: Map("pay", "current", title, [], stages),
    st.lists(st.builds(Stage, IDS, st.sampled_from(["Discover", "Pay"]), steps=STEPS), max_size=3),
    st.sampled_from(["Pay", "Pay now"]),
)
SHOWN = ("steps_added", "steps_removed", "pains_added", "pains_removed", "stages")


@settings(max_examples=300, deadline=None)
@given(MAPS, MAPS)
def test_a_review_is_compared_as_journeymaps_diff_compares_it_for_what_the_history_shows(before, after):
    light, full = compare_reviews(before, after), compare_maps(before, after)
    for name in SHOWN:
        assert getattr(light, name) == getattr(full, name), name
    # and nothing else: the history never shows it
    assert not (light.emotions or light.edits or light.opportunities_added or light.kpis)


# The plain map with its review date alone on its line, and the word nowhere else.
BASE = PLAIN.replace("reviewed: 2026-03-01   # the March review", "reviewed: 2026-03-01").replace(
    "  reviewed: 2020-01-01\n", "  read again: 2020-01-01\n"
)


def read_in_turn(*versions: str) -> list[Map | None]:
    reader = VersionReader(Settings())
    return [reader.read(front(text), "maps/pay/current.md") for text in versions]


def read_alone(text: str) -> Map | None:
    return read_version(front(text), "maps/pay/current.md", Settings())


def test_a_review_that_moves_only_the_date_is_the_map_read_before_with_the_new_date():
    first, second = read_in_turn(BASE, BASE.replace("2026-03-01", "2026-06-01"))
    assert second is not None and second.reviewed.isoformat() == "2026-06-01"
    assert second.stages is first.stages  # not read again
    assert snapshot(second) == snapshot(read_alone(BASE.replace("2026-03-01", "2026-06-01")))


@pytest.mark.parametrize(
    "before, after",
    [
        # the word 'reviewed' elsewhere: the line might be text inside a value
        (BASE + "notes: reviewed twice\n", BASE.replace("2026-03-01", "2026-06-01") + "notes: reviewed twice\n"),
        # a review date that does not exist, or is no plain date
        (BASE, BASE.replace("2026-03-01", "2026-02-30")),
        (BASE, BASE.replace("2026-03-01", "2026-06-01 # June")),
        (BASE, BASE.replace("2026-03-01", "'2026-06-01'")),
        # something else changed too
        (BASE, BASE.replace("2026-03-01", "2026-06-01").replace("emotion: 1\n", "emotion: 2\n")),
        # the only review date line inside quoted text that runs over lines: no review date
        (
            "description: 'a\nreviewed: 2026-03-01\n  b'\n" + BASE.replace("reviewed: 2026-03-01\n", ""),
            "description: 'a\nreviewed: 2026-06-01\n  b'\n" + BASE.replace("reviewed: 2026-03-01\n", ""),
        ),
    ],
)
def test_any_other_version_is_read(before, after):
    assert [snapshot(m) for m in read_in_turn(before, after)] == [
        snapshot(read_alone(before)),
        snapshot(read_alone(after)),
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, BASE.count("\n") - 1), st.integers(0, len(EDITS) - 1)), max_size=2),
    st.sampled_from(["2026-03-01", "2026-06-01", "2025-12-31"]),
)
def test_a_version_read_after_another_is_the_version_read_alone(edits, date):
    lines = BASE.replace("2026-03-01", date).split("\n")
    for at, edit in edits:
        if edit in MOVES and at not in MOVABLE:
            continue
        lines[at] = EDITS[edit](lines[at])
    after = "\n".join(lines)
    assert [snapshot(m) for m in read_in_turn(BASE, after)] == [snapshot(read_alone(BASE)), snapshot(read_alone(after))]


def test_a_version_that_cannot_be_read_is_left_out_and_the_next_one_is_read():
    broken = "stages: [\n" + BASE.replace("2026-03-01", "2026-04-01")
    found = read_in_turn(BASE, broken, BASE.replace("2026-03-01", "2026-06-01"))
    assert found[1] is None
    assert found[2] is not None and found[2].reviewed.isoformat() == "2026-06-01"
    reader = VersionReader(Settings())
    assert reader.read(b"\xff\xfe not text", "maps/pay/current.md") is None
    assert reader.read(b"---\nreviewed: 2026-01-01\n", "maps/pay/current.md") is None  # never closed
    # a lone carriage return, a line break to YAML and not to the line count of its message
    assert reader.read(front("stages:\n- b\n- na\rme: c\n  d: e\n"), "maps/pay/current.md") is None
    # an emotion too large for a float, which math.isfinite refuses
    assert reader.read(front(BASE.replace("emotion: 1\n", "emotion: " + "9" * 400 + "\n")), "maps/p/current.md")


def kept_sections(root) -> dict[str, str]:
    return json.loads((root / ".cache/journeymaps/history/sections/kept.json").read_text(encoding="utf-8"))


def test_the_sections_are_kept_in_one_file_and_a_whole_build_keeps_those_it_showed(reviewed_twice):  # noqa: F811
    old = reviewed_twice / ".cache/journeymaps/history/sections/0123.html"  # as sections were kept before
    old.parent.mkdir(parents=True)
    old.write_text("<p>old</p>", encoding="utf-8")
    build_site(reviewed_twice)
    first = kept_sections(reviewed_twice)
    assert len(first) == 1 and not old.exists()
    commit(reviewed_twice, version("2026-09-01", 2, False, extra_step=True), "Reviewed in September")
    page = (build_site(reviewed_twice) / "journeys/first-purchase/current/index.html").read_text("utf-8")
    second = kept_sections(reviewed_twice)
    assert len(second) == 1 and second.keys() != first.keys()
    assert next(iter(second.values())) in page


def test_the_table_rows_made_in_python_escape_the_names_and_mark_a_step_a_curve_lacks():
    from journeymaps.site.history_chart import Column, HistoryChart, Line
    from journeymaps.site.history_section import table_rows
    from markupsafe import Markup

    lines = [Line("Mar 1", False, 0.25, [], {"pay": -1.5}), Line("Today", True, 1.0, [], {})]
    chart = HistoryChart([Column("pay", "<b>Pays</b>", "Pay & go")], lines, 150, 75.0, [])
    rows = table_rows(chart, lambda v: Markup(f"{v:+g}"))
    assert rows == "    <tr><td>Pay &amp; go</td><td>&lt;b&gt;Pays&lt;/b&gt;</td><td>-1.5</td><td>—</td></tr>\n"
