"""Typed reads of front-matter values; every mistake becomes a problem at its line."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

from markdown.extensions.toc import slugify_unicode

from journeymaps.format.problems import Problems, did_you_mean, one_of
from journeymaps.format.reader import INVALID, YList, YMap

_SLUG = re.compile(r"^(?:[^\W_]|-)+$")


def slugify(text: str) -> str:
    """Lowercase slug of letters of any script, digits and '-'."""
    return slugify_unicode(text, "-").replace("_", "-").strip("-")


def is_slug(value: str) -> bool:
    return bool(_SLUG.match(value)) and value == value.lower()


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "...'"


def _kind(value: Any) -> str:
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    return _show(value)


class Fields:
    """Reads the keys of one file's front matter, reporting problems as it goes."""

    def __init__(self, path: str, problems: Problems):
        self.path = path
        self.problems = problems

    def error(self, line: int, message: str) -> None:
        self.problems.add(self.path, line, message)

    def check_keys(self, m: YMap, allowed: Iterable[str], what: str) -> None:
        allowed = list(allowed)
        for key in m:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed) or f"; allowed keys: {', '.join(allowed)}"
                self.error(m.key_line(key), f"unknown key '{key}' in {what}{hint}")

    def present(self, m: YMap, key: str, required: bool, what: str) -> bool:
        """Whether the key holds a value; an empty optional key counts as absent."""
        if key in m and m[key] is INVALID:
            return False  # already reported where it was read
        if key in m and m[key] is not None:
            return True
        if required:
            if key in m:
                self.error(m.key_line(key), f"'{key}' of {what} is empty; it is required")
            else:
                self.error(m.line, f"{what} has no '{key}'; it is required")
        return False

    def _as_text(self, value: Any, line: int, key: str) -> str | None:
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        if isinstance(value, bool):
            self.error(line, f"'{key}' must be text, not {_kind(value)}; put it in quotes")
        else:
            self.error(line, f"'{key}' must be text, not {_kind(value)}")
        return None

    def text(self, m: YMap, key: str, what: str, required: bool = False) -> str | None:
        if not self.present(m, key, required, what):
            return None
        value = self._as_text(m[key], m.value_line(key), key)
        if required and value == "":
            self.error(m.value_line(key), f"'{key}' of {what} is empty; it is required")
        return value

    def texts(self, m: YMap, key: str, what: str) -> list[str]:
        """One item or a list of them."""
        return [text for text, _ in self.text_items(m, key, what)]

    def ids(self, m: YMap, key: str, what: str) -> list[tuple[str, int]]:
        """References to ids, with the line of each."""
        return self.text_items(m, key, what)

    def text_items(self, m: YMap, key: str, what: str) -> list[tuple[str, int]]:
        if not self.present(m, key, False, what):
            return []
        value = m[key]
        if isinstance(value, YMap):
            self.error(m.value_line(key), f"'{key}' must be text or a list of texts, not a mapping")
            return []
        if not isinstance(value, YList):
            item = self._as_text(value, m.value_line(key), key)
            return [(item, m.value_line(key))] if item else []
        out = []
        for index, item in enumerate(value):
            line = value.item_line(index)
            if item is INVALID:
                continue
            if isinstance(item, (YList, YMap)) or item is None:
                self.error(line, f"each item of '{key}' must be text, not {_kind(item)}")
                continue
            text = self._as_text(item, line, key)
            if text:
                out.append((text, line))
        return out

    def choice(self, m: YMap, key: str, choices: tuple[str, ...], what: str, required: bool = False) -> str | None:
        if not self.present(m, key, required, what):
            return None
        value = m[key]
        if isinstance(value, str) and value.strip().lower() in choices:
            return value.strip().lower()
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        self.error(m.value_line(key), f"'{key}' must be {one_of(choices)}, not {_kind(value)}{hint}")
        return None

    def boolean(self, m: YMap, key: str, what: str) -> bool | None:
        if not self.present(m, key, False, what):
            return None
        if isinstance(m[key], bool):
            return m[key]
        self.error(m.value_line(key), f"'{key}' must be true or false, not {_kind(m[key])}")
        return None

    def number(self, m: YMap, key: str, what: str) -> float | None:
        if not self.present(m, key, False, what):
            return None
        value = m[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return value
        self.error(m.value_line(key), f"'{key}' must be a number, not {_kind(value)}")
        return None

    def whole_number(self, m: YMap, key: str, what: str) -> int | None:
        if not self.present(m, key, False, what):
            return None
        value = m[key]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self.error(m.value_line(key), f"'{key}' must be a whole number of days above 0, not {_kind(value)}")
        return None

    def date(self, m: YMap, key: str, what: str) -> dt.date | None:
        if not self.present(m, key, False, what):
            return None
        value = m[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(m.value_line(key), f"'{key}' must be a date like 2026-10-01, not {_kind(value)}")
        return None

    def slug(self, m: YMap, key: str, what: str) -> str | None:
        value = self.text(m, key, what)
        if value is None:
            return None
        if not is_slug(value):
            suggestion = slugify(value)
            hint = f"; try '{suggestion}'" if suggestion else ""
            self.error(
                m.value_line(key),
                f"'{key}' must be a lowercase id of letters, digits and '-', not '{value}'{hint}",
            )
            return None
        return value

    def own_id(self, m: YMap, from_key: str, what: str) -> str | None:
        """The item's ``id``, or a slug of its name or text."""
        if "id" in m and m["id"] is not None:
            return self.slug(m, "id", what)
        name = m.get(from_key)
        if not isinstance(name, str) or not name.strip():
            return None  # the missing or odd name is reported by its own check
        made = slugify(name)
        if not made:
            self.error(m.value_line(from_key), f"cannot make an id from '{name}'; set 'id:' for {what}")
        return made or None

    def mappings(self, m: YMap, key: str, what: str, required: bool = False, strings: bool = False) -> list:
        """A list of mappings (or of plain strings too, when ``strings``), one item also accepted
        where ``strings``. Returns (item, line) pairs."""
        if not self.present(m, key, required, what):
            return []
        value = m[key]
        if not isinstance(value, YList):
            if strings and isinstance(value, (str, YMap)):
                return [(value, m.value_line(key))]
            self.error(
                m.value_line(key), f"'{key}' must be a list of mappings, each starting with '- ', not {_kind(value)}"
            )
            return []
        if required and not value:
            self.error(m.value_line(key), f"'{key}' of {what} is empty; it needs at least one item")
        out = []
        for index, item in enumerate(value):
            line = value.item_line(index)
            if item is INVALID:
                continue
            if isinstance(item, YMap) or (strings and isinstance(item, str)):
                out.append((item, line))
            else:
                shape = "a mapping or text" if strings else "a mapping of keys like 'name:'"
                self.error(line, f"each item of '{key}' must be {shape}, not {_kind(item)}")
        return out
