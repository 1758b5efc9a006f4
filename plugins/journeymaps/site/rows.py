"""Rows of the index pages, kept between the builds of `mkdocs serve --dirty`.

The opportunities, the matrix and the touchpoints list every step of every map: at 1000
maps their rows are most of what an edit costs, and all but a few rows are the same as
after the last save. A template wraps a row in ``{% call kept(page, *what_it_shows) %}``;
``what_it_shows`` names the objects the row is made of (a map, its step, its opportunity).
The maps of files that did not change are the very same objects from one build to the next
(format/memo.py), and a changed file makes new ones, so a row made of the same objects (by
identity, not by value) shows the same, and its HTML is reused. Values that are not objects
(a page's address, a name) must be equal. Outside a dirty server nothing is kept."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

_VALUES = (str, int, float, bool, type(None))


def passed_through(*shows: object, caller: Callable[[], str]) -> str:
    """``kept`` outside a dirty server: the row, made every time."""
    return caller()


class KeptRows:
    """Each row's HTML by what it shows. A build's rows count once it has finished."""

    def __init__(self) -> None:
        self._rows: dict[tuple, tuple[tuple, Markup]] = {}
        self._pending: dict[tuple, tuple[tuple, Markup]] = {}
        # What every row of a build shares: its language and where its pages are (a site
        # with static-i18n builds each language with the same plugin).
        self.context: tuple = ()
        self.whole = True  # a whole build makes every row: its pages or settings may differ in any way

    def start(self, whole: bool) -> None:
        """Before the pages are rendered: a whole build, or a dirty one."""
        self.whole = whole

    def __call__(self, *shows: object, caller: Callable[[], str]) -> Markup:
        key = (self.context, *(s if isinstance(s, _VALUES) else id(s) for s in shows))
        found = self._pending.get(key) or (None if self.whole else self._rows.get(key))
        # An id is reused only by a new object once the old one is gone, and every kept row
        # holds its objects alive: a row found by their ids was made of these very objects.
        if found is not None:
            self._pending[key] = found
            return found[1]
        row = Markup(caller())
        self._pending[key] = (shows, row)
        return row

    def commit(self) -> None:
        """The build has written its pages. After a whole build, only its rows are kept."""
        self._rows = self._pending if self.whole else {**self._rows, **self._pending}
        self._pending = {}

    def discard(self) -> None:
        self._pending = {}
