"""The lean reader of past versions (format/lean_version.py) gives the map the format's own
reader gives, for the stages, steps, emotions, pain points and review date the history
shows; text outside its plain block style it leaves to that reader, never guessing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from journeymaps.authoring.history import snapshot
from journeymaps.format.lean_version import Unusual, read_lean
from journeymaps.format.versions import read_version
from journeymaps.settings import Settings

PATH = "maps/pay/current.md"

PLAIN = """\
title: Pay
persona: [zhang-li]
reviewed: 2026-03-01   # the March review
description: >
  Long text: with a colon,
  reviewed: 2020-01-01
tags:
- a
- 'b'
stages:
  - name: Discover
    kpis:
      - name: Visits
        value: 3
    steps:
      - name: Sees a post
        emotion: 1
        thoughts:
          - "name: not a step"
        pain_points: Slow page
      -   name: "Pays, at last"
          id: pay
          emotion: -1.5
          pain_points:
            - id: slow-pay
              text: 'It''s slow'
              severity: " High"
              evidence: [src]
            - Card refused
            - 42
          opportunities:
            - id: faster
              text: Faster
  - name: Weird
    steps:
    - name: No emotion
      emotion: 9
    - name: 2024-01-02
      emotion: yes
"""

VARIANTS = {
    "plain": PLAIN,
    "a single pain point as a mapping": PLAIN.replace(
        "pain_points: Slow page", "pain_points:\n          text: Slow page"
    ),
    "no stages": "title: x\nreviewed: 2026-01-01\n",
    "stages not a list": "title: x\nstages: none\n",
    "a date that does not exist": PLAIN.replace("2026-03-01", "2026-02-30"),
    "steps as a mapping": "stages:\n- name: A\n  steps:\n    name: B\n",
    "a key twice": PLAIN + "reviewed: 2026-04-01\n",
    "an anchor": PLAIN.replace("tags:", "tags: &t"),
    "quoted text over two lines": PLAIN.replace("value: 3", "value: 'three\nreviewed: 2020-01-01'"),
    "block text in a kept value": PLAIN.replace("text: 'It''s slow'", "text: |\n                It's slow"),
    "block text in a skipped value": PLAIN.replace("text: Faster", "text: |\n                Faster: 'now"),
    "a name over two lines": PLAIN.replace("name: Sees a post", "name: Sees\n          a post"),
    "a tab": PLAIN.replace("emotion: 1\n", "emotion:\t1\n"),
    "not YAML": PLAIN.replace("name: Discover", "name: Discover: now"),
    "a document marker": PLAIN.replace("tags:", "tags:\n--- x"),
    # A key's line read in one match (lean_version._key_line): what peek and _KEY read.
    "spaces after a key and its value": PLAIN.replace("emotion: 1\n", "emotion  :   1   \n").replace(
        "steps:\n      - name: Sees", "steps:   \n      - name: Sees"
    ),
    "a value of spaces": PLAIN.replace("reviewed: 2026-03-01   # the March review", "reviewed:    "),
    "a carriage return after a value": PLAIN.replace("emotion: -1.5\n", "emotion: -1.5\r\n"),
    "a control character in a skipped value": PLAIN.replace("title: Pay", "title: Pay\x7f"),
    "a carriage return after a key": PLAIN.replace("    steps:\n", "    steps:\r\n"),
    "a key with no space after its colon": PLAIN.replace("emotion: 1\n", "emotion:1\n"),
    "a comment and blank lines between keys": PLAIN.replace(
        "        emotion: 1\n", "\n   # note\n\n        emotion: 1\n"
    ),
    "a key less indented than its mapping's": PLAIN.replace("        emotion: 1\n", "       emotion: 1\n"),
    # A stretch with no quote or bracket is not searched for them (lean_version._QUOTES).
    "a quote that does not close, in a skipped value": PLAIN.replace("value: 3", "value: 'three"),
    "a bracket that does not close, in a skipped list": PLAIN.replace("- 'b'", "- [b, c"),
    "an apostrophe inside skipped text": PLAIN.replace("value: 3", "value: It's three"),
    # Numbers and dates constructed once (lean_version._RESOLVED), the same again and others.
    "emotions written alike and not": PLAIN.replace("emotion: 9", "emotion: -1.5").replace(
        "emotion: yes", "emotion: 0x1"
    ),
    "an emotion too large for a float": PLAIN.replace("emotion: 1\n", "emotion: " + "9" * 400 + "\n"),
    "a date that does not exist, again": PLAIN.replace("2026-03-01", "2026-02-30") + "stamp: 2026-02-30\n",
    # The front matter closed by "..." (format/reader.py, split_front_matter).
    "closed by dots": PLAIN,
}


def front(text: str, close: str = "---") -> bytes:
    return f"---\n{text}{close}\nBody\n".encode()


@pytest.mark.parametrize("name", VARIANTS)
def test_the_lean_reader_gives_what_the_format_reader_gives(name):
    raw = front(VARIANTS[name], "... " if name == "closed by dots" else "---")
    settings = Settings()
    assert snapshot(read_version(raw, PATH, settings)) == snapshot(read_version(raw, PATH, settings, lean=False))


def test_plain_block_style_is_read_lean_and_the_rest_is_left_to_the_format_reader():
    found = read_lean(PLAIN, "pay", "current", (-2, 2), 1000)
    assert found is not None and [s.id for s in found.stages] == ["discover", "weird"]
    pay = found.stages[0].steps[1]
    assert (pay.id, pay.name, pay.emotion) == ("pay", "Pays, at last", -1.5)
    assert [(p.id, p.text, p.severity) for p in pay.pain_points] == [
        ("slow-pay", "It's slow", "high"),
        ("card-refused", "Card refused", None),
    ]
    for name in ("an anchor", "quoted text over two lines", "block text in a kept value", "a tab", "not YAML"):
        with pytest.raises(Unusual):
            read_lean(VARIANTS[name], "pay", "current", (-2, 2), 1000)


# Lines of the plain map changed one at a time, as authors (and their editors) write them.
EDITS = [
    lambda line: line + "   ",
    lambda line: line + "  # note",
    lambda line: line.replace(": ", " : ", 1),
    lambda line: line.replace(": ", ":   ", 1),
    lambda line: line.replace(": ", ": '", 1),
    lambda line: line.replace(": ", ': "', 1) + '"',
    lambda line: line.replace(": ", ": [", 1) + "]",
    lambda line: line + "\r",
    lambda line: line + "\n",
    lambda line: line + "\n# comment",
    lambda line: line.split(":")[0] + ": 1.0",
    lambda line: line.split(":")[0] + ": 2026-01-02",
    lambda line: " " + line,
    lambda line: line[1:],
    lambda line: line.replace("-", "- ", 1),
]

# The last three move a line. The lean reader skips a value it does not keep by indentation,
# unparsed: a line moved inside it (a list of tags, a KPI, a thought, an opportunity) or
# under it can make text the format's reader refuses while the lean reader still reads the
# map (a version broken that way is read, not left out). So lines are moved only where the
# lean reader reads them: the lines it keeps, other than those right after a skipped value.
MOVES = {len(EDITS) - 3, len(EDITS) - 2, len(EDITS) - 1}
MOVABLE = {2, 10, 15, 16, 20, 21, 22, 23, 24, 25, 26, 28, 29, 34, 35, 36, 37, 38}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, PLAIN.count("\n") - 1), st.integers(0, len(EDITS) - 1)), max_size=4))
def test_any_edited_plain_map_is_read_lean_as_the_format_reader_reads_it(edits):
    lines = PLAIN.split("\n")
    for at, edit in edits:
        if edit in MOVES and at not in MOVABLE:
            continue
        lines[at] = EDITS[edit](lines[at])
    raw = front("\n".join(lines))
    settings_ = Settings()
    assert snapshot(read_version(raw, PATH, settings_)) == snapshot(read_version(raw, PATH, settings_, lean=False))
