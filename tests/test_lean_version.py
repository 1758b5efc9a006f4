"""The lean reader of past versions (format/lean_version.py) gives the map the format's own
reader gives, for the stages, steps, emotions, pain points and review date the history
shows; text outside its plain block style it leaves to that reader, never guessing."""

from __future__ import annotations

import pytest
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
}


def front(text: str) -> bytes:
    return f"---\n{text}---\nBody\n".encode()


@pytest.mark.parametrize("name", VARIANTS)
def test_the_lean_reader_gives_what_the_format_reader_gives(name):
    raw = front(VARIANTS[name])
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
