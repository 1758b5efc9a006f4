"""Every word journeymaps writes (on pages, in problems, on the command line) in each
language it speaks. One catalogue: each domain module holds an ``EN`` and a ``ZH`` dict
with the same keys and the same ``{parameters}``; a test holds them to that."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from journeymaps.text import cli, decide, diff, editor, evidence, mermaid, pages, problems, pull, schema

DOMAINS = (pages, problems, cli, schema, diff, mermaid, evidence, pull, editor, decide)
LANGUAGES = ("en", "zh")


def _merge(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for domain in DOMAINS:
        words = getattr(domain, language.upper())
        twice = merged.keys() & words.keys()
        if twice:
            raise RuntimeError(f"{domain.__name__} repeats keys of another domain: {sorted(twice)}")
        merged.update(words)
    return merged


CATALOGUE: dict[str, dict[str, str]] = {language: _merge(language) for language in LANGUAGES}


def language_of(setting: str | None) -> str:
    """The catalogue language for a theme language such as 'zh', 'zh-Hans' or 'en_GB'."""
    base = (setting or "en").replace("_", "-").split("-")[0].lower()
    return base if base in CATALOGUE else "en"


class Msg:
    """A message not yet put into words: a catalogue key with its parameters. Parameters
    may be messages themselves (the thing a problem is about, say) or ``OneOf``/``Names``."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any):
        self.key = key
        self.params = params

    def _identity(self) -> tuple:
        return (self.key, tuple(sorted((k, repr(v)) for k, v in self.params.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.params!r})"

    def __str__(self) -> str:
        return ENGLISH.render(self)


class OneOf(tuple):
    """Choices, each quoted: 'a', 'b' or 'c'."""


class Names(tuple):
    """Names in a row, unquoted: a, b, c."""


class Text(Mapping[str, str]):
    """The catalogue in one language. ``text[key]`` is the raw entry (templates use
    ``t.key``), ``text(key, **params)`` and ``text.render(msg)`` fill in parameters."""

    def __init__(self, language: str | None = "en"):
        self.language = language_of(language)
        self.locale = (language or "en").replace("-", "_")  # the theme's, with its region: dates
        self._own = CATALOGUE[self.language]
        self._english = CATALOGUE["en"]

    def __getitem__(self, key: str) -> str:
        found = self._own.get(key)
        return found if found is not None else self._english[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)

    def __call__(self, key: str, /, **params: Any) -> str:
        return self[key].format(**{name: self.word(value) for name, value in params.items()})

    def render(self, msg: Msg) -> str:
        return self(msg.key, **msg.params)

    def word(self, value: Any) -> str:
        if isinstance(value, Msg):
            return self.render(value)
        if isinstance(value, OneOf):
            return self._join([f"'{v}'" for v in value], self["list.or"])
        if isinstance(value, Names):
            return self["list.sep"].join(str(v) for v in value)
        return str(value)

    def day(self, value: dt.date) -> str:
        """A date as readers of the language write it: Oct 1, 2026; 1 Oct 2026; 2026年10月1日."""
        return _format_day(value, self.locale)

    def _join(self, items: Iterable[str], last: str) -> str:
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return self["list.sep"].join(items[:-1]) + last + items[-1]


@cache
def _locale(name: str) -> Locale:
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(language_of(name))


def _format_day(value: dt.date, locale: str) -> str:
    return format_date(value, "medium", locale=_locale(locale))


ENGLISH = Text("en")
