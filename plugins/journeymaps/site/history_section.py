"""The history section of a map page (templates/history.html), rendered once and kept: its
HTML depends only on the map's reviews, today's curve, the site's language and scale and
the template, so a build whose inputs are those of the last one reads it from .cache/
instead of drawing eight curves, a table and eight review cards again for every map.
The history itself comes from the caller (authoring/history.py), duck-typed."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from journeymaps.format.files import write_atomically
from journeymaps.model import Map
from journeymaps.site.history_chart import HistoryChart, history_chart
from journeymaps.text import Text

# Raised when what a section shows changes in a way the template's text does not say.
SECTION_VERSION = 1
# The icons the section shows: a section read from the cache still puts them in site.css.
ICONS = ("material/table",)
STORE = "kept.json"  # in the cache folder: every section kept, by its key


class KeptSections:
    """Every section kept, by its key, in ``cache`` (all in one file: a thousand files of their
    own cost a cold build a second to write). Read once, when first asked for; a `mkdocs
    serve` keeps one for all its rebuilds, so a save neither reads the file (10 MB at 1000
    maps with a history) nor writes it: the server writes it when it stops."""

    def __init__(self, cache: Path | None) -> None:
        self.cache = cache
        self._kept: dict[str, str] | None = None
        self.changed = False

    @property
    def read(self) -> bool:
        return self._kept is not None

    @property
    def kept(self) -> dict[str, str]:
        if self._kept is None:
            self._kept = {}
            with contextlib.suppress(OSError, ValueError, TypeError):  # unreadable: rendered again
                found = json.loads((self.cache / STORE).read_text(encoding="utf-8")) if self.cache else {}
                self._kept = {k: v for k, v in found.items() if isinstance(v, str)}
        return self._kept

    def add(self, key: str, html: str) -> None:
        self.kept[key] = html
        self.changed = True

    def only(self, used: set[str]) -> None:
        """Keep only the sections of ``used`` (what a whole build showed)."""
        if self._kept is not None and not used.issuperset(self._kept):
            self._kept = {k: v for k, v in self._kept.items() if k in used}
            self.changed = True

    def write(self) -> None:
        """Into the cache, if anything changed."""
        if self.cache is None or self._kept is None or not self.changed:
            return
        with contextlib.suppress(OSError):
            write_atomically(self.cache / STORE, json.dumps(self._kept, ensure_ascii=False).encode())
            for old in self.cache.glob("*.html"):  # kept one file a section before
                old.unlink()
        self.changed = False


class HistorySections:
    """Each map's history section, by a key of everything it shows, kept in ``kept``; the
    sections no whole build showed go when it is saved."""

    def __init__(
        self, env: Environment, labels: Text, scale: tuple[float, float], neutral: float, kept: KeptSections
    ) -> None:
        self.env = env
        self.labels = labels
        self.scale = scale
        self.neutral = neutral
        self.store = kept
        self.template = env.get_template("history.html")
        loader = env.loader
        sources = [loader.get_source(env, name)[0] for name in ("history.html", "macros.html")] if loader else []
        words = [(k, labels[k]) for k in labels]
        base = json.dumps([SECTION_VERSION, labels.language, words, scale, neutral, sources])
        self.base = hashlib.sha1(base.encode()).hexdigest()
        self.used: set[str] = set()

    def html(self, history: Any, m: Map) -> Markup:
        """The section for the map's ``history`` (its reviews, oldest first)."""
        now = [(s.name, step.id, step.name, step.emotion) for s in m.stages for step in s.steps]
        key = hashlib.sha1(json.dumps([self.base, history.fingerprint, now]).encode()).hexdigest()
        for name in ICONS:
            self.env.globals["icon"](name)
        self.used.add(key)
        # Without a fingerprint of its reviews (a history not read through the cache) there is no key.
        if self.store.cache is None or not history.fingerprint:
            return Markup(self.render(history, m))
        found = self.store.kept.get(key)
        if found is None:
            found = self.render(history, m)
            self.store.add(key, found)
        return Markup(found)

    def render(self, history: Any, m: Map) -> str:
        reviews = history.reviews  # once: a history kept as text makes them again at each ask
        days = [self.labels.day(dt.date.fromisoformat(r.reviewed)) for r in reviews]
        chart = history_chart(reviews, m, days, self.labels["history_now"], self.scale, self.neutral)
        rows = table_rows(chart, self.env.globals["snippets"].emotion_value)
        shown = SimpleNamespace(reviews=reviews)
        return self.template.render(history=shown, history_days=days, history_chart=chart, history_rows=rows)

    def save(self, whole: bool) -> None:
        """After a ``whole`` build: only the sections it showed are kept, and written. After
        a dirty build they stay in memory (``KeptSections.write`` when the server stops)."""
        if not self.store.read:
            return  # no section was asked for
        if whole:
            self.store.only(self.used)
            self.store.write()


def table_rows(chart: HistoryChart, emotion_value: Callable[[float | None], Markup]) -> Markup:
    """The rows of the section's table, a step each with a cell for each curve, each row on
    its line: some 150 cells a map, made in Python (a Jinja loop's work for each cell costs
    more than the cell), the same bytes as the loop that made them before."""
    rows = []
    for c in chart.columns:
        cells = "".join(
            f"<td>{emotion_value(line.values[c.step]) if c.step in line.values else '—'}</td>" for line in chart.lines
        )
        rows.append(f"    <tr><td>{escape(c.stage)}</td><td>{escape(c.name)}</td>{cells}</tr>\n")
    return Markup("".join(rows))
