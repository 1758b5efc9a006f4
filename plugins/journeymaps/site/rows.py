"""Rows of the index pages, kept between the builds of `mkdocs serve --dirty`.

The opportunities, the matrix and the touchpoints list every step of every map: at 1000
maps their rows are most of what an edit costs, and all but a few rows are the same as
after the last save. A template hands its rows to Python, not to a Jinja loop:
``{% for rows in kept_rows(items, row_macro, made_of.kind, where=(page.src_uri, ...)) %}{{ rows }}{% endfor %}``
(the loop runs once: it leaves the template's lines as they were). ``made_of.kind`` names
the objects a row is made of (a map, its step, its opportunity: site/shown.py). The maps of
files that did not change are the very same objects from one build to the next
(format/memo.py), and a changed file makes new ones, so a row made of the same objects (by
identity, not by value) shows the same, and its HTML is reused. Values that are not objects
(a page's address, a name) must be equal. Outside a dirty server nothing is kept.

Under a dirty server a page's rows can also stand in the page as a mark while it is
compared with the last build's (site/unchanged.py): its fingerprint is the rest of the page
and each row's own, so a page of thousands of kept rows is known unchanged without putting
it together."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup

_VALUES = (str, int, float, bool, type(None))
_VALUE_TYPES = frozenset(_VALUES)  # a row's values: exactly these types (a str subclass is an object)
ROWS_MARK = "jm-rows:"
_ROWS = re.compile(r"<!--" + ROWS_MARK + r"(\d+)-->")


def passed_through(
    items: Iterable, make: Callable, made_of: Callable, where: Sequence = (), args: Sequence = ()
) -> list[Markup]:
    """``kept_rows`` outside a dirty server: every row made, every time."""
    return [Markup("".join([make(item, *args) for item in items]))]


class Row:
    """A row's HTML, what it is made of (held, so that their ids stay theirs), and a
    fingerprint of its HTML, worked out when a page is first compared with it."""

    __slots__ = ("shows", "html", "_digest")

    def __init__(self, shows: tuple, html: str) -> None:
        self.shows, self.html, self._digest = shows, html, b""

    @property
    def digest(self) -> bytes:
        if not self._digest:
            self._digest = hashlib.blake2b(self.html.encode(), digest_size=16).digest()
        return self._digest


class KeptRows:
    """Each row's HTML by what it shows. A build's rows count once it has finished."""

    def __init__(self) -> None:
        self._rows: dict[tuple, Row] = {}
        self._pending: dict[tuple, Row] = {}
        # What every row of a build shares: its language and where its pages are (a site
        # with static-i18n builds each language with the same plugin).
        self.context: tuple = ()
        self.whole = True  # a whole build makes every row: its pages or settings may differ in any way
        self._marked: list[list[Row]] | None = None  # the rows of the page rendered with marks

    def start(self, whole: bool) -> None:
        """Before the pages are rendered: a whole build, or a dirty one."""
        self.whole = whole

    def __call__(
        self, items: Iterable, make: Callable, made_of: Callable, where: Sequence = (), args: Sequence = ()
    ) -> list[Markup]:
        context = (self.context, *where)
        pending, kept = self._pending, ({} if self.whole else self._rows)
        rows = []
        values = _VALUE_TYPES
        for item in items:
            shows = made_of(item)
            key = (context, *[s if type(s) in values else id(s) for s in shows])
            # An id is reused only by a new object once the old one is gone, and every kept
            # row holds its objects alive: a row found by their ids was made of these very objects.
            found = pending.get(key) or kept.get(key)
            if found is None:
                found = Row(shows, Markup(make(item, *args)))
            pending[key] = found
            rows.append(found)
        if self._marked is not None:
            self._marked.append(rows)
            return [Markup(f"<!--{ROWS_MARK}{len(self._marked) - 1}-->")]
        return [Markup("".join([r.html for r in rows]))]

    def piece(self, *shows: object, caller: Callable[[], str]) -> str:
        """One piece of a file (site/pieces.py), kept by what it is made of like a row."""
        key = (self.context, *(s if isinstance(s, _VALUES) else id(s) for s in shows))
        found = self._pending.get(key) or (None if self.whole else self._rows.get(key))
        if found is None:
            found = Row(shows, caller())
        self._pending[key] = found
        return found.html

    def marked(self, render: Callable[[], tuple[str, list[str]]]) -> Marked:
        """What ``render`` makes, with each page's rows as a mark in its place."""
        self._marked = []
        try:
            content, deferred = render()
            return Marked(content, deferred, self._marked)
        finally:
            self._marked = None

    def commit(self) -> None:
        """The build has written its pages. After a whole build, only its rows are kept."""
        if self.whole:
            self._rows = self._pending
        else:
            self._rows.update(self._pending)  # in place: a copy of both costs 0.05 s at 1000 maps
        self._pending = {}

    def discard(self) -> None:
        self._pending = {}


class Marked:
    """A page rendered with its rows as marks: compared by its fingerprint, put together
    only when it is to be written."""

    def __init__(self, content: str, deferred: list[str], rows: list[list[Row]]) -> None:
        self.content, self.deferred, self.rows = content, deferred, rows

    def fingerprint(self) -> bytes:
        digest = hashlib.blake2b(self.content.encode(), digest_size=16)
        for part in self.deferred:
            digest.update(b"\0")
            digest.update(part.encode())
        for rows in self.rows:
            digest.update(b"\0")
            digest.update(b"".join([r.digest for r in rows]))
        return digest.digest()

    def whole(self) -> tuple[str, list[str]]:
        """The page as it is written: each mark replaced by its rows."""
        if not self.rows:
            return self.content, self.deferred
        return _ROWS.sub(lambda m: "".join([r.html for r in self.rows[int(m.group(1))]]), self.content), self.deferred
