"""Typed reads of front-matter values; every mistake becomes a problem at its line."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify_unicode

from journeymaps.format.problems import Problems, did_you_mean
from journeymaps.format.reader import INVALID, YList, YMap
from journeymaps.settings import Settings
from journeymaps.text import Msg, Names, OneOf

_SLUG = re.compile(r"^(?:[^\W_]|-)+$")


def slugify(text: str) -> str:
    """Lowercase slug of letters of any script, digits and '-'."""
    return slugify_unicode(text, "-").replace("_", "-").strip("-")


def is_slug(value: str) -> bool:
    return bool(_SLUG.match(value)) and value == value.lower()


def as_date(value: Any) -> dt.date | None:
    """A date as the format takes one: a YAML date or time, or ISO text; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value.strip())
    return None


def shown(value: Any) -> str:
    """A value as the author wrote it, short enough for a message."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "...'"


def kind_of(value: Any) -> Msg | str:
    """What a wrong value is, in words: 'a list', 'empty', or the value itself."""
    if isinstance(value, YMap):
        return Msg("kind.mapping")
    if isinstance(value, YList):
        return Msg("kind.list")
    if value is None:
        return Msg("kind.empty")
    if isinstance(value, bool):
        return Msg("kind.yes_no", value=str(value).lower())
    return shown(value)


class Fields:
    """Reads the keys of one file's front matter, reporting problems as it goes. It knows
    the site's settings and where the file is, for the checks that need them."""

    def __init__(self, path: str, problems: Problems, settings: Settings | None = None, root: Path | None = None):
        self.path = path
        self.problems = problems
        self.settings = settings or Settings()
        self.root = root or Path(".")

    def error(self, line: int, key: str, /, **params: Any) -> None:
        self.problems.add(self.path, line, key, **params)

    def warn(self, line: int, key: str, /, **params: Any) -> None:
        self.problems.warn(self.path, line, key, **params)

    def check_keys(self, m: YMap, allowed: Iterable[str], what: Msg) -> None:
        allowed = list(allowed)
        for key in m:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed) or Msg("hint.allowed_keys", keys=Names(allowed))
                self.error(m.key_line(key), "field.unknown_key", key=key, what=what, hint=hint)

    def present(self, m: YMap, key: str, required: bool, what: Msg) -> bool:
        """Whether the key holds a value; an empty optional key counts as absent."""
        if key in m and m[key] is INVALID:
            return False  # already reported where it was read
        if key in m and m[key] is not None:
            return True
        if required:
            if key in m:
                self.error(m.key_line(key), "field.empty", key=key, what=what)
            else:
                self.error(m.line, "field.missing", key=key, what=what)
        return False

    def _as_text(self, value: Any, line: int, key: str) -> str | None:
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            return value.isoformat() if isinstance(value, dt.date) else getattr(value, "written", None) or str(value)
        if isinstance(value, bool):
            self.error(line, "field.text_not_yes_no", key=key, kind=kind_of(value))
        else:
            self.error(line, "field.text", key=key, kind=kind_of(value))
        return None

    def text(self, m: YMap, key: str, what: Msg, required: bool = False) -> str | None:
        if not self.present(m, key, required, what):
            return None
        value = self._as_text(m[key], m.value_line(key), key)
        if required and value == "":
            self.error(m.value_line(key), "field.empty", key=key, what=what)
        return value

    def texts(self, m: YMap, key: str, what: Msg) -> list[str]:
        """One item or a list of them."""
        return [text for text, _ in self.text_items(m, key, what)]

    def text_items(self, m: YMap, key: str, what: Msg) -> list[tuple[str, int]]:
        """One item or a list of them, each with its line (references to ids, say)."""
        if not self.present(m, key, False, what):
            return []
        value = m[key]
        if isinstance(value, YMap):
            self.error(m.value_line(key), "field.texts_not_mapping", key=key)
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
                self.error(line, "field.item_text", key=key, kind=kind_of(item))
                continue
            text = self._as_text(item, line, key)
            if text:
                out.append((text, line))
        return out

    def choice(self, m: YMap, key: str, choices: tuple[str, ...], what: Msg, required: bool = False) -> str | None:
        if not self.present(m, key, required, what):
            return None
        value = m[key]
        if isinstance(value, str) and value.strip().lower() in choices:
            return value.strip().lower()
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        self.error(m.value_line(key), "field.choice", key=key, choices=OneOf(choices), kind=kind_of(value), hint=hint)
        return None

    def boolean(self, m: YMap, key: str, what: Msg) -> bool | None:
        if not self.present(m, key, False, what):
            return None
        if isinstance(m[key], bool):
            return m[key]
        self.error(m.value_line(key), "field.yes_no", key=key, kind=kind_of(m[key]))
        return None

    def number(self, m: YMap, key: str, what: Msg, low: float, high: float, range_key: str) -> float | None:
        """A number from low to high; ``range_key`` says what the range is."""
        if not self.present(m, key, False, what):
            return None
        value = m[key]
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        # The range first: math.isfinite refuses an int too large for a float (emotion: 1e400 written out).
        if number is None or not (low <= number <= high) or not math.isfinite(number):
            self.error(m.value_line(key), range_key, key=key, low=f"{low:g}", high=f"{high:g}", value=_raw(value))
            return None
        return number

    def days(self, m: YMap, key: str, what: Msg) -> int | None:
        if not self.present(m, key, False, what):
            return None
        value = m[key]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self.error(m.value_line(key), "field.days", key=key, kind=kind_of(value))
        return None

    def date(self, m: YMap, key: str, what: Msg) -> dt.date | None:
        if not self.present(m, key, False, what):
            return None
        value = m[key]
        found = as_date(value)
        if found is not None:
            return found
        self.error(m.value_line(key), "field.date", key=key, kind=kind_of(value))
        return None

    def slug(self, m: YMap, key: str, what: Msg) -> str | None:
        value = self.text(m, key, what)
        if value is None:
            return None
        if not is_slug(value):
            suggestion = slugify(value)
            hint = Msg("hint.try", word=suggestion) if suggestion else ""
            self.error(m.value_line(key), "field.slug", key=key, value=value, hint=hint)
            return None
        return value

    def own_id(self, m: YMap, from_key: str, what: Msg) -> str | None:
        """The item's ``id``, or a slug of its name or text."""
        if "id" in m and m["id"] is not None:
            return self.slug(m, "id", what)
        name = m.get(from_key)
        if not isinstance(name, str) or not name.strip():
            return None  # the missing or odd name is reported by its own check
        made = slugify(name)
        if not made:
            self.error(m.value_line(from_key), "field.no_id", name=name, what=what)
        return made or None

    def text_map(self, m: YMap, key: str, what: Msg) -> dict[str, str]:
        """A mapping of any keys to text values (a persona's demographics)."""
        if not self.present(m, key, False, what):
            return {}
        value = m[key]
        if not isinstance(value, YMap):
            self.error(m.value_line(key), "field.text_map", key=key)
            return {}
        out = {}
        for item in value:
            text = self.text(value, item, Msg("what.key", key=key))
            if text is not None:
                out[str(item)] = text
        return out

    def mappings(self, m: YMap, key: str, what: Msg, required: bool = False, strings: bool = False) -> list:
        """A list of mappings (or of plain strings too, when ``strings``), one item also accepted
        where ``strings``. Returns (item, line) pairs."""
        if not self.present(m, key, required, what):
            return []
        value = m[key]
        if not isinstance(value, YList):
            if strings and isinstance(value, (str, YMap)):
                return [(value, m.value_line(key))]
            self.error(m.value_line(key), "field.list_of_mappings", key=key, kind=kind_of(value))
            return []
        if required and not value:
            self.error(m.value_line(key), "field.empty_list", key=key, what=what)
        out = []
        for index, item in enumerate(value):
            line = value.item_line(index)
            if item is INVALID:
                continue
            if isinstance(item, YMap) or (strings and isinstance(item, str)):
                out.append((item, line))
            else:
                shape = Msg("kind.mapping_or_text") if strings else Msg("kind.mapping_of_keys")
                self.error(line, "field.item_shape", key=key, shape=shape, kind=kind_of(item))
        return out


def _raw(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)
