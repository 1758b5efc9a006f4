"""The front matter's closing line is found with one search (format/reader.py,
split_front_matter): it gives what a walk over every line gives, for any text."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from journeymaps.format.reader import split_front_matter

FENCE = re.compile(r"^---[ \t]*$")
SPACE = re.compile(r"\s")


def line_by_line(text: str) -> tuple[str, int, str, int] | None:
    """The reader as it was: every line tried in turn."""
    lines = text.split("\n")
    if not FENCE.match(lines[0]):
        return None
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    raise ValueError("never closed")


def same(text: str) -> None:
    try:
        expected = line_by_line(text)
    except ValueError:
        with pytest.raises(ValueError):
            split_front_matter(text)
        return
    assert split_front_matter(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---",
        "---\n",
        "---\n---",
        "---\n---\n",
        "---\n---\nbody",
        "--- \t\ntitle: x\n---  \nbody\n---\nmore",
        "---\ntitle: x\n...\nbody",
        "---\ntitle: x\n... \r\nbody",
        "---\ntitle: x\n----\n---\n",
        "---\ntitle: x\n ---\n",
        "---\ntitle: x\n---\r\n",
        "---\ntitle: x",
        "title: x\n---\n",
        "---x\n---\n",
        "---\n\n\nkey: 1\n\n---\n\nbody\n",
    ],
)
def test_the_closing_line_is_where_the_line_walk_finds_it(text):
    same(text)


def test_dots_close_with_any_white_space_after_them():
    # Every character str.rstrip or the pattern's \\s takes for white space, and a few that are not.
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() or SPACE.match(c)]
    assert len(spaces) > 20
    for c in [*spaces, "a", "\x00", "\u200b", "\ufeff"]:
        same(f"---\na: 1\n...{c}\nbody\n---\n")
        same(f"---\na: 1\n...{c}{c}")


@given(st.text(alphabet="-. \t\r\n\x0b\x1c\x85\u2028\u3000ab:", max_size=60))
def test_any_text_splits_as_the_line_walk_splits_it(text):
    same(text)
    same("---\n" + text)
