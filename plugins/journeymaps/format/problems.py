"""Problems found in authors' files, reported as ``path:line: message`` in the site's language."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from journeymaps.text import ENGLISH, Msg, Text
from journeymaps.text.printable import log_line, printable

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the site root, with forward slashes
    line: int
    msg: Msg
    level: str = ERROR  # a warning (a map due for review, say) never stops a build

    def words(self, text: Text = ENGLISH, label: str = "") -> str:
        """``path:line: message``; the place comes first in every language, for tools. One
        line, whatever the file holds: its control characters are shown escaped."""
        return log_line(f"{self.path}:{self.line}: {label}{text.render(self.msg)}")

    def message(self, text: Text = ENGLISH) -> str:
        """The message alone, its control characters shown escaped (for JSON and annotations)."""
        return printable(text.render(self.msg))

    @property
    def place(self) -> str:
        return printable(self.path)

    def __str__(self) -> str:
        return self.words()

    def sort_key(self) -> tuple:
        return (self.path, self.line, str(self))


@dataclass
class Problems:
    """Collects every problem of a site so authors see them all at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, key: str, /, **params: object) -> None:
        self.items.append(Problem(path, line, Msg(key, **params)))

    def warn(self, path: str, line: int, key: str, /, **params: object) -> None:
        self.items.append(Problem(path, line, Msg(key, **params), WARNING))

    @property
    def errors(self) -> list[Problem]:
        return ordered(p for p in self.items if p.level == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return ordered(p for p in self.items if p.level == WARNING)


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """By file, line and message, each once."""
    return sorted(set(problems), key=Problem.sort_key)


class InvalidSite(Exception):
    """Raised with every error of the site once validation has finished."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = ordered(problems)
        super().__init__(self.summary())

    def summary(self, text: Text = ENGLISH) -> str:
        key = "problem.summary.one" if len(self.problems) == 1 else "problem.summary.many"
        return text(key, count=len(self.problems))

    def report(self, text: Text = ENGLISH) -> str:
        return "\n".join(p.words(text) for p in self.problems)


def did_you_mean(word: str, choices: Iterable[str]) -> Msg | str:
    """A short hint naming the nearest allowed word, or nothing."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return Msg("hint.did_you_mean", word=close[0]) if close else ""
