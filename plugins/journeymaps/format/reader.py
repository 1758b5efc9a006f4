"""Read an author's file: split the front matter from the body and parse the YAML
safely, keeping the line of every key and value so problems can be pinpointed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from journeymaps.format.files import NotAFile, read_bytes
from journeymaps.format.problems import Problems
from journeymaps.text import Msg

# libyaml is several times faster; both give nodes with line marks. But its
# composer recurses in C and crashes the process on deeply nested input, so
# text that could nest deeply goes to the pure-Python loader, whose recursion
# limit raises an error we can report.
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SAFE_NESTING_BOUND = 2000
_STR_TAG = "tag:yaml.org,2002:str"

MAX_FILE_BYTES = 2 * 1024 * 1024
# An alias can point at a large node many times over ("billion laughs"); count
# every value we build and stop long before memory or time is at risk.
MAX_VALUES = 200_000
MAX_DEPTH = 64

_FENCE = re.compile(r"^---[ \t]*$")
# The line that closes the front matter, with the line break before it (a literal the search
# skips ahead to): a fence, or "..." with any white space after it (str.rstrip's: \\s's).
_CLOSE = re.compile(r"\n(?:---[ \t]*|\.\.\.[^\S\n]*)(?=\n|\Z)")
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YMap(dict):
    """A YAML mapping that remembers where each key and value stands."""

    line: int
    key_lines: dict[Any, int]
    value_lines: dict[Any, int]

    def key_line(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def value_line(self, key: Any) -> int:
        return self.value_lines.get(key, self.key_line(key))


class _Invalid:
    """A value already reported as a problem; later checks skip it."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID = _Invalid()


class WrittenInt(int):
    """A number the author wrote in another form (``0x1F``, ``010``, ``1_000``): a key that
    takes text (an id, a name) keeps it as written, not as 31, 8 or 1000."""

    written: str | None

    def __new__(cls, value: int, written: str | None = None):
        number = super().__new__(cls, value)
        number.written = written
        return number


class WrittenFloat(float):
    """A decimal the author wrote in another form (``1e3``, ``1.10``); see WrittenInt."""

    written: str | None

    def __new__(cls, value: float, written: str | None = None):
        number = super().__new__(cls, value)
        number.written = written
        return number


_WRITTEN: dict[type, type] = {int: WrittenInt, float: WrittenFloat}


class YList(list):
    """A YAML sequence that remembers where each item stands."""

    line: int
    item_lines: list[int]

    def item_line(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass
class Document:
    path: str  # relative to the site root, with forward slashes
    abs_path: Path
    data: Any  # the front matter (usually a YMap), None when unreadable
    body: str
    body_line: int  # the file line the body starts on


class _Unreadable(Exception):
    def __init__(self, line: int, message: Msg):
        self.line = line
        self.message = message


class _Builder:
    """Turns composed YAML nodes into YMap/YList/scalars with file line numbers."""

    def __init__(self, offset: int, path: str, problems: Problems):
        self.offset = offset
        self.path = path
        self.problems = problems
        self.count = 0
        self.top_key_line = offset + 1
        self.constructor = yaml.SafeLoader("")

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Unreadable(self.top_key_line, Msg("read.too_many_values", max=f"{MAX_VALUES:,}"))
        if depth > MAX_DEPTH:
            raise _Unreadable(self.line(node), Msg("read.too_deep", max=MAX_DEPTH))
        if isinstance(node, yaml.MappingNode):
            if not self.tag_allowed(node, "tag:yaml.org,2002:map"):
                return INVALID
            return self.build_mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            if not self.tag_allowed(node, "tag:yaml.org,2002:seq"):
                return INVALID
            out = YList(self.build(item, depth + 1) for item in node.value)
            out.line = self.line(node)
            out.item_lines = [self.line(item) for item in node.value]
            return out
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG:  # most values: the constructor would return the text as it is
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as err:
            self.problems.add(self.path, self.line(node), "read.not_plain", detail=err.problem)
            return INVALID
        except (ValueError, OverflowError) as err:  # a date like 2026-02-30
            self.problems.add(self.path, self.line(node), "read.invalid_value", value=node.value, reason=_reason(err))
            return INVALID
        kind = _WRITTEN.get(type(value))
        if kind is not None and node.value != str(value):
            return kind(value, node.value)
        return value

    def tag_allowed(self, node: yaml.Node, plain: str) -> bool:
        if node.tag == plain:
            return True
        self.problems.add(self.path, self.line(node), "read.tag", tag=node.tag)
        return False

    def build_mapping(self, node: yaml.MappingNode, depth: int) -> YMap:
        out = YMap()
        out.line, out.key_lines, out.value_lines = self.line(node), {}, {}
        merged: list[YMap] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self.merge_sources(value_node, depth))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Unreadable(self.line(key_node), Msg("read.key_not_plain"))
            key = self.scalar(key_node)
            if key is INVALID:
                continue
            if key in out.key_lines:
                first = out.key_lines[key]
                self.problems.add(self.path, self.line(key_node), "read.duplicate_key", key=key, first=first)
                continue
            out.key_lines[key] = self.line(key_node)
            if depth == 0:
                self.top_key_line = self.line(key_node)
            out.value_lines[key] = self.line(value_node)
            out[key] = self.build(value_node, depth + 1)
        for source in merged:  # explicit keys win over merged ones, as in YAML
            for key, value in source.items():
                if key not in out:
                    out[key] = value
                    out.key_lines[key] = source.key_line(key)
                    out.value_lines[key] = source.value_line(key)
        return out

    def merge_sources(self, node: yaml.Node, depth: int) -> list[YMap]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in nodes:
            built = self.build(item, depth + 1)
            if not isinstance(built, YMap):
                raise _Unreadable(self.line(item), Msg("read.merge_mappings_only"))
            out.append(built)
        return out


# Python's words for a date that does not exist, by catalogue key.
_DATE_REASONS = {
    "day is out of range for month": "reason.day_out_of_range",
    "month must be in 1..12": "reason.month_out_of_range",
}


def _reason(err: Exception) -> Msg | str:
    key = _DATE_REASONS.get(str(err))
    return Msg(key) if key else str(err)


def _decode(raw: bytes, path: str, problems: Problems) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.add(path, line, "read.not_utf8")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _yaml_message(err: yaml.MarkedYAMLError, text: str) -> tuple[int | None, Msg]:
    # The context mark is where the broken construct opens (an unclosed
    # quote, say), which is where the author has to look.
    mark = err.context_mark or err.problem_mark
    lines = text.split("\n")  # YAML breaks lines at a few more characters too: its line may be past the last
    problem = err.problem_mark
    tab = problem is not None and problem.line < len(lines) and "\t" in lines[problem.line]
    if tab:
        mark = problem  # a stray tab is the mistake itself, wherever its construct began
    # The parser's own words stay as PyYAML writes them (English); the frame is translated.
    detail = ", ".join(p for p in (err.problem, err.context) if p)
    tabs = tab and mark is problem
    message = Msg("read.invalid_yaml", detail=detail or "?", hint=Msg("hint.tabs") if tabs else "")
    return (mark.line if mark else None), message


def _loader_for(text: str) -> type:
    # Nesting depth is bounded by the flow brackets plus the longest line
    # (block indentation and "- - -" both take room on a line).
    longest = max((len(line) for line in text.split("\n")), default=0)
    bound = text.count("[") + text.count("{") + longest
    return _FastLoader if bound < _SAFE_NESTING_BOUND else yaml.SafeLoader


def parse_front_matter(text: str, offset: int, path: str, problems: Problems) -> Any:
    """Parse YAML text whose first line is file line ``offset + 1``."""
    try:
        node = yaml.compose(text, Loader=_loader_for(text))
    except yaml.MarkedYAMLError as err:
        line, message = _yaml_message(err, text)
        problems.add(path, offset + 1 + (line or 0), message.key, **message.params)
        return None
    except yaml.YAMLError as err:
        problems.add(path, offset + 1, "read.invalid_yaml", detail=str(err), hint="")
        return None
    except RecursionError:
        problems.add(path, offset + 1, "read.too_deep", max=MAX_DEPTH)
        return None
    if node is None:
        return _empty_map(offset + 1)
    builder = _Builder(offset, path, problems)
    try:
        return builder.build(node)
    except _Unreadable as err:
        problems.add(path, err.line, err.message.key, **err.message.params)
    except RecursionError:
        problems.add(path, offset + 1, "read.too_deep", max=MAX_DEPTH)
    return None


def _empty_map(line: int) -> YMap:
    out = YMap()
    out.line, out.key_lines, out.value_lines = line, {}, {}
    return out


def split_front_matter(text: str) -> tuple[str, int, str, int] | None:
    """(front matter, its first line, body, its first line), or None when the
    file has no front matter. Raises ValueError when it is never closed."""
    first = text.find("\n")
    if not _FENCE.match(text if first < 0 else text[:first]):
        return None
    # One search for the closing line, not a loop over every line: past versions of a map
    # are read by the thousand (format/versions.py).
    close = _CLOSE.search(text, first) if first >= 0 else None
    if close is None:
        raise ValueError("never closed")
    start, end = close.span()  # start: the line break that ends the front matter
    body_line = text.count("\n", 0, start) + 3
    return text[first + 1 : max(first + 1, start)], 2, text[end + 1 :], body_line


def read_document(abs_path: Path, path: str, problems: Problems) -> Document:
    """Read one map or persona file; problems go to ``problems``, never raised."""
    empty = Document(path, abs_path, None, "", 1)
    try:
        raw = read_bytes(abs_path, MAX_FILE_BYTES)
        if len(raw) > MAX_FILE_BYTES:
            size = abs_path.stat().st_size
            problems.add(path, 1, "read.too_big", size=f"{size / 1e6:.1f}")
            return empty
    except NotAFile:
        problems.add(path, 1, "files.not_a_file")
        return empty
    except OSError as err:
        problems.add(path, 1, "read.cannot_read", reason=err.strerror or str(err))
        return empty
    text = _decode(raw, path, problems)
    if text is None:
        return empty
    try:
        parts = split_front_matter(text)
    except ValueError:
        problems.add(path, 1, "read.not_closed")
        return empty
    if parts is None:
        problems.add(path, 1, "read.no_front_matter")
        return empty
    front, front_line, body, body_line = parts
    data = parse_front_matter(front, front_line - 1, path, problems)
    if data is not None and not isinstance(data, YMap):
        problems.add(path, front_line, "read.not_mapping")
        data = None
    return Document(path, abs_path, data, body, body_line)
