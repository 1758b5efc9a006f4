"""A past version of a map read for its history only: the review date, the state, and the
stages, steps, emotions and pain points, from the lines that hold them. The rest of the
front matter (most of a map's text) is skipped by its indentation, unparsed: a thousand
maps with eight reviews each are eight thousand versions, and the format's own reader
(YAML with every line kept, then every rule checked) takes several milliseconds for each.

It reads the common block style only. Anything else (flow collections or quoted text that
could run over lines, anchors, tags, block text where a kept value stands, a key it cannot
place) makes it give up with ``Unusual``, and the caller reads the version with the format's
reader, so both give the same map for any text (tests/test_history.py holds them together).
The values are read as PyYAML reads them, and the map is made as the validator makes it."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import yaml

from journeymaps.format.fields import as_date, is_slug, slugify
from journeymaps.format.reader import MAX_VALUES
from journeymaps.model import LEVELS, Map, PainPoint, Stage, Step


class Unusual(Exception):
    """The text is not in the plain block style this reader knows: read it in full."""


# The keys kept, by the place of the mapping they stand in; any other key is skipped.
_TOP = frozenset(("reviewed", "state", "stages"))
_STAGE = frozenset(("name", "id", "steps"))
_STEP = frozenset(("name", "id", "emotion", "pain_points"))
_PAIN = frozenset(("id", "text", "severity"))
_LISTS = {"stages": _STAGE, "steps": _STEP, "pain_points": _PAIN}

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*) *:(?: +(.*))?$")
# Text the block style of this reader does not cover, wherever it stands: a nesting as
# deep as the format's reader refuses, a directive, an anchor, alias or tag, and characters
# YAML does not allow or reads as line breaks (the format's reader refuses those files).
# Searched from a line break (put before the text), which the search skips ahead to.
_DEEP = re.compile(r"\n(?:[ -]{40}|%)")
_NODE_MARKS = re.compile(r"(?:^|[\s\[{,])[&*!]\S", re.M)
_ODD_CHARACTER = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Where a quoted or flow value opens: it must close on its line (checked by _closes).
_OPENS = re.compile(r"""(?:^ *|[:?-] +)(["'\[{])""", re.M)
# Whether a stretch of text has a quote or a bracket at all: a search that tests each
# character alone, far quicker than _OPENS, which tries its context at every character.
_QUOTES = re.compile(r"""["'\[{]""")
_SKIPS: dict[tuple[int, Any], re.Pattern[str]] = {}
_KEY_LINES: dict[int, re.Pattern[str]] = {}
_RESOLVE = yaml.resolver.Resolver.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
_CONSTRUCT = yaml.SafeLoader("")
# Values that are not text (emotions, review dates), as constructed: a few dozen distinct
# ones stand on thousands of lines. Each is immutable, so the same object serves them all.
_RESOLVED: dict[str, Any] = {}
_RESOLVED_AT_MOST = 10_000
_UNSEEN = object()


def _exotic(front: str) -> bool:
    if "\t" in front or _DEEP.search("\n" + front):
        return True
    if ("&" in front or "*" in front or "!" in front) and _NODE_MARKS.search(front):
        return True
    if front.isascii():  # its odd characters are the controls, which str.isprintable finds quicker than a pattern
        return not front.replace("\n", " ").isprintable()
    return _ODD_CHARACTER.search(front) is not None


def _skipper(column: int, keep: frozenset[str] | bool) -> re.Pattern[str]:
    """What a skipped value at ``column`` is: lines more indented, blank lines and comments,
    and, when ``keep`` is True, a sequence at the column (the key's line said nothing more).
    With a set ``keep``: every key at the column not in it, each with its value."""
    if (column, keep) not in _SKIPS:
        deep, blank, item = rf" {{{column + 1},}}[^\n]*\n", r" *(?:#[^\n]*)?\n", rf" {{{column}}}-(?: [^\n]*)?\n"
        if isinstance(keep, bool):
            found = rf"(?:{deep}{f'|{item}' if keep else ''}|{blank})*"
        else:
            key = rf" {{{column}}}(?!(?:{'|'.join(sorted(keep))}) *:)[A-Za-z_][A-Za-z0-9_-]* *:"
            # More indented lines after a key only hold its value when its line says nothing
            # more or opens block text; after anything else they would be text running over
            # lines, which YAML refuses as often as not (the format's reader says which).
            # A nested value: a list at the column, or lines at least as indented as its first
            # (a line less so, but more than the key, is one YAML refuses); block text likewise.
            inner = rf" {{{column + 1},}}(?=[^ \n])"
            nested = rf" *\n(?:{blank})*(?:(?:{item}(?:{deep}|{blank})*)+|({inner})[^\n]*\n(?:\1[^\n]*\n|{blank})*)?"
            text = rf"(?:({inner})[^\n]*\n(?:\2[^\n]*\n| *\n)*)?"
            block = rf" +[|>][-+]?(?: +#[^\n]*)? *\n\n*{text}(?:{blank})*"
            plain = rf" +(?![|>])\S[^\n]*\n(?:{blank})*"
            found = rf"(?:{blank})*(?:{key}(?:{nested}|{block}|{plain}))*"
        _SKIPS[column, keep] = re.compile(found)
    return _SKIPS[column, keep]


def _key_line(column: int) -> re.Pattern[str]:
    """A whole line that is a key at ``column`` and its value, as _KEY reads the line's
    content (a value of spaces is none); any other line is left to peek and _KEY."""
    if column not in _KEY_LINES:
        _KEY_LINES[column] = re.compile(rf" {{{column}}}([A-Za-z_][A-Za-z0-9_-]*) *:(?: +([^\n]*[^ \n]))? *\n")
    return _KEY_LINES[column]


def _closes(value: str) -> bool:
    """Whether a quoted or flow value that opens ``value`` closes at its end."""
    value = value.rstrip(" ")
    first = value[0]
    if first == '"':
        inner = value[1:]
        return inner.endswith('"') and '"' not in inner[:-1] and "\\" not in inner
    if first == "'":
        inner = value[1:]
        return inner.endswith("'") and "'" not in inner[:-1].replace("''", "")  # inside, quotes come in pairs
    closer = "]" if first == "[" else "}"
    return len(value) > 1 and value.endswith(closer) and not any(c in value[1:-1] for c in "[]{}\"'")


class _Lines:
    """The front matter, walked line by line; what is skipped is passed over by pattern."""

    def __init__(self, text: str):
        self.text = text if text.endswith("\n") else text + "\n"
        self.pos = 0
        # Else no skipped stretch need be looked at for quotes (four substring searches: quicker than a pattern's).
        self.quoted = any(c in text for c in "\"'[{")
        # The last line peeked at and where it starts: a line is often looked at twice or
        # three times (by a mapping, then by the value or sequence it holds) before it is taken.
        self.peeked: tuple[int, str] | None = None
        self.peeked_at = -1

    def peek(self) -> tuple[int, str] | None:
        """The next line that holds something (indentation, content), without taking it."""
        if self.pos == self.peeked_at:
            return self.peeked
        text = self.text
        found = None
        while self.pos < len(text):
            end = text.index("\n", self.pos)
            line = text[self.pos : end]
            content = line.lstrip(" ")
            if content and content[0] != "#":
                found = len(line) - len(content), content.rstrip(" ")
                break
            self.pos = end + 1
        self.peeked, self.peeked_at = found, self.pos
        return found

    def take(self) -> None:
        self.pos = self.text.index("\n", self.pos) + 1

    def skip(self, skipper: re.Pattern[str]) -> None:
        """Past what ``skipper`` (a _skipper) takes from here."""
        start = self.pos
        self.pos = skipper.match(self.text, start).end()
        if self.pos == start or not self.quoted or _QUOTES.search(self.text, start, self.pos) is None:
            return
        for found in _OPENS.finditer(self.text, start, self.pos):
            if not _closes(self.text[found.start(1) : self.text.index("\n", found.start(1))]):
                raise Unusual


def _scalar(value: str | None) -> Any:
    """A value written on its key's line, as PyYAML reads it."""
    if value is None:
        return None
    first = value[0]
    if first == "#":
        return None
    if first in "\"'":
        if not _closes(value):
            raise Unusual
        inner = value[1:-1]
        return inner if first == '"' else inner.replace("''", "'")
    if first in "[]{}&*!|>%@`,?:-" and (first not in "?:-" or len(value) == 1 or value[1] == " "):
        raise Unusual
    plain = value.split(" #", 1)[0].rstrip(" ")
    if ": " in plain or plain.endswith(":"):
        raise Unusual  # not YAML: the format's reader says so
    if plain in _RESOLVED:
        return _RESOLVED[plain]
    for tag, pattern in _RESOLVE.get(plain[0], ()):
        if pattern.match(plain):
            if tag == _STR:
                break
            if tag.endswith((":merge", ":value")):
                raise Unusual
            try:  # the constructor's own function: construct_object would keep every node
                found = _CONSTRUCT.yaml_constructors[tag](_CONSTRUCT, yaml.ScalarNode(tag, plain))
            except (ValueError, OverflowError, yaml.YAMLError):
                raise Unusual from None  # a date like 2026-02-30: the format's reader says so
            if len(_RESOLVED) < _RESOLVED_AT_MOST:
                _RESOLVED[plain] = found
            return found
    return plain


class _Reader:
    def __init__(self, text: str, seen: dict[str, Any]):
        self.lines = _Lines(text)
        self.seen = seen

    def scalar(self, value: str | None) -> Any:
        """_scalar, once for each value written alike: the versions of a map repeat most of
        their names, ids and emotions."""
        found = self.seen.get(value, _UNSEEN)  # type: ignore[arg-type]
        if found is _UNSEEN:
            found = self.seen[value] = _scalar(value)  # type: ignore[index]
        return found

    def mapping(self, column: int, keep: frozenset[str], first: str | None = None) -> dict[str, Any]:
        """A block mapping whose keys stand at ``column``; ``first``: its first key's line,
        when it shares a line with a sequence's dash."""
        lines, out = self.lines, {}
        skip_keys, skip_value, key_line = _skipper(column, keep), _skipper(column, True), _key_line(column)
        while True:
            if first is not None:
                matched, first = _KEY.match(first), None
                lines.take()
            else:
                lines.skip(skip_keys)
                # Most lines are a key at the column: one match finds it, its value and the next line.
                matched = key_line.match(lines.text, lines.pos)
                if matched is not None:
                    lines.pos = matched.end()
                else:
                    found = lines.peek()
                    if found is None or found[0] < column:
                        return out
                    if found[0] > column:
                        raise Unusual  # text that runs over lines, or a value where none was expected
                    matched = _KEY.match(found[1])
                    lines.take()
            if matched is None:
                raise Unusual
            key, value = matched.group(1, 2)
            if key not in keep:
                if value is not None and (value[0] in "|>" or value[0] in "\"'[{" and not _closes(value)):
                    raise Unusual  # block text the skip above did not take, or text over lines
                if value is None:
                    lines.skip(skip_value)
                continue
            if key in out:
                raise Unusual  # a key twice: the format's reader says which one counts
            out[key] = self.value(key, column, value)

    def value(self, key: str, column: int, value: str | None) -> Any:
        nested = _LISTS.get(key)
        if nested is None or value is not None:
            if value is not None and value[0] in "|>":
                raise Unusual
            return self.scalar(value)
        found = self.lines.peek()
        if found is None or found[0] < column or (found[0] == column and found[1][0] != "-"):
            return None
        if found[1][0] != "-" or (len(found[1]) > 1 and found[1][1] != " "):
            if key != "pain_points":
                raise Unusual
            return self.mapping(found[0], nested)  # one pain point, not in a list
        return self.sequence(found[0], nested)

    def sequence(self, column: int, keep: frozenset[str]) -> list[Any]:
        lines, out = self.lines, []
        while True:
            found = lines.peek()
            if found is None or found[0] < column or (found[0] == column and found[1][0] != "-"):
                return out
            indent, content = found
            if indent > column or (len(content) > 1 and content[1] != " "):
                raise Unusual
            rest = content[1:].lstrip(" ")
            if not rest or rest[0] == "#" or rest[0] == "-":
                raise Unusual  # the item on the lines below, or a list in a list
            if _KEY.match(rest):
                out.append(self.mapping(column + len(content) - len(rest), keep, first=rest))
            else:
                lines.take()
                out.append(self.scalar(rest))


def _text(value: Any) -> str | None:
    """Text as the validator reads it (fields.py, Fields._as_text); numbers as written."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise Unusual  # a number: the format's reader keeps it as the author wrote it


def _own_id(m: dict[str, Any], source: str) -> str:
    """fields.py, Fields.own_id: the item's id when it is a slug, else a slug of its name."""
    if m.get("id") is not None:
        ident = _text(m["id"])
        return ident if ident and is_slug(ident) else ""
    name = m.get(source)
    return slugify(name) if isinstance(name, str) and name.strip() else ""


def _emotion(value: Any, scale: tuple[float, float]) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if scale[0] <= value <= scale[1] and math.isfinite(value) else None  # as Fields.number


def _pain_point(item: Any) -> PainPoint | None:
    if isinstance(item, str):
        return PainPoint(slugify(item), item.strip())
    if not isinstance(item, dict):
        return None
    severity = item.get("severity")
    level = severity.strip().lower() if isinstance(severity, str) else None
    return PainPoint(_own_id(item, "text"), _text(item.get("text")) or "", level if level in LEVELS else None)


def _step(m: dict[str, Any], scale: tuple[float, float]) -> Step:
    pains = m.get("pain_points")
    items = pains if isinstance(pains, list) else [pains] if isinstance(pains, (str, dict)) else []
    found = [p for p in map(_pain_point, items) if p is not None]
    emotion = _emotion(m.get("emotion"), scale)
    return Step(_own_id(m, "name"), _text(m.get("name")) or "", emotion=emotion, pain_points=found)


def read_lean(
    front: str,
    journey: str,
    state: str | None,
    scale: tuple[float, float],
    max_steps: int,
    seen: dict[str, Any] | None = None,
) -> Map | None:
    """The map of one version from its front matter, with its stages, steps, emotions, pain
    points and review date only; None where the format's reader gives no map either.
    Raises ``Unusual`` for text it leaves to that reader. ``seen``: the values read before,
    as written, to be reused (one dict for the versions read together)."""
    if len(front) > MAX_VALUES or _exotic(front):
        raise Unusual  # more values than the format's reader takes, or text of another style
    reader = _Reader(front, {} if seen is None else seen)
    top = reader.mapping(0, _TOP)
    if reader.lines.peek() is not None:
        raise Unusual  # the front matter is not one mapping
    stages = top.get("stages")
    if not isinstance(stages, list):
        return None
    state = state or (str(top.get("state", "")).strip().lower() or None)
    if state not in ("current", "future"):
        return None
    if any(not isinstance(s, dict) for s in stages):
        raise Unusual  # reported and left out by the validator: let it
    steps = [s.get("steps") for s in stages]
    if sum(len(s) for s in steps if isinstance(s, list)) > max_steps:
        stages, steps = [], []
    made = []
    for stage, its in zip(stages, steps, strict=True):
        if isinstance(its, list) and any(not isinstance(s, dict) for s in its):
            raise Unusual
        made.append(
            Stage(
                _own_id(stage, "name"),
                _text(stage.get("name")) or "",
                steps=[_step(s, scale) for s in its] if isinstance(its, list) else [],
            )
        )
    return Map(journey, state, "", [], made, reviewed=as_date(top.get("reviewed")))
