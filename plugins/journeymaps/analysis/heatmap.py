"""Where it hurts across the portfolio: journeys as rows and their stages as columns, each cell
the lowest emotion in the stage and the number of high-severity pain points; and every open
pain point, worst first.

A row is a journey's current state: that is what customers live with today. A journey that
has only a future state has no row.

Journeys whose stages share a name are aligned in one band (one table), a column per stage
name in the order the journeys walk them. Journeys that share no stage name with another
stand in a last band with their stages side by side, a column per position. Rows leave out
the columns they lack as one spanning gap, so the table grows with the number of stages,
never with journeys times columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from journeymaps.analysis.compare import Comparison, PainStatus
from journeymaps.model import LEVELS, Catalog, Journey, Map, Stage

# From the bottom of the emotion scale to the top, in five equal parts.
TONES = ("very-negative", "negative", "neutral", "positive", "very-positive")


def tone(value: float | None, scale: tuple[float, float]) -> str | None:
    """The fifth of the scale a value falls in; the boundaries between the middle three are
    the ones the map pages use for their faces, so −0.4 and 0.4 on −2…2 are still neutral."""
    if value is None:
        return None
    low, high = scale
    r = round((value - low) / (high - low), 9)
    if r < 0.2:
        return TONES[0]
    if r < 0.4:
        return TONES[1]
    if r <= 0.6:
        return TONES[2]
    if r <= 0.8:
        return TONES[3]
    return TONES[4]


@dataclass
class ToneRange:
    tone: str
    low: float
    high: float


def tone_ranges(scale: tuple[float, float]) -> list[ToneRange]:
    """The legend: each tone with the emotions it covers."""
    low, high = scale
    cuts = [round(low + (high - low) * f, 6) for f in (0, 0.2, 0.4, 0.6, 0.8, 1)]
    return [ToneRange(name, cuts[i], cuts[i + 1]) for i, name in enumerate(TONES)]


@dataclass
class HeatCell:
    stage: Stage
    lowest: float | None  # the lowest emotion of its steps; None when no step has one
    tone: str | None
    high: int  # high-severity pain points in the stage
    column: int


@dataclass
class Gap:
    """Columns this row has no stage in, drawn as one cell."""

    span: int


@dataclass
class HeatRow:
    journey: Journey
    map: Map
    cells: list[HeatCell]
    slots: list[HeatCell | Gap] = field(default_factory=list)  # cells and gaps, left to right


@dataclass
class HeatBand:
    columns: list[str]  # stage names, or empty: a column per position
    rows: list[HeatRow]

    @property
    def width(self) -> int:
        return max(len(self.columns), max((len(r.cells) for r in self.rows), default=0))

    @property
    def by_position(self) -> bool:
        return not self.columns


@dataclass
class HeatMap:
    bands: list[HeatBand]
    left_out: list[Journey]  # journeys with only a future state
    scale: tuple[float, float]

    @property
    def rows(self) -> list[HeatRow]:
        return [row for band in self.bands for row in band.rows]


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _keys(m: Map) -> list[tuple[str, int]]:
    """A column key per stage: its name, and which time in the map the name comes (a map may
    name two stages alike)."""
    seen: dict[str, int] = {}
    keys = []
    for stage in m.stages:
        name = _name_key(stage.name)
        seen[name] = seen.get(name, 0) + 1
        keys.append((name, seen[name]))
    return keys


@dataclass(frozen=True)
class MapHeat:
    """What one map brings to the heat map: its stages' column keys, and each stage's lowest
    emotion, its tone and its high-severity pain points."""

    keys: list[tuple[str, int]]
    cells: list[tuple[float | None, str | None, int]]


def map_heat(m: Map, scale: tuple[float, float]) -> MapHeat:
    cells = []
    for stage in m.stages:
        values = [s.emotion for s in stage.steps if s.emotion is not None]
        lowest = min(values) if values else None
        high = sum(1 for s in stage.steps for p in s.pain_points if p.severity == "high")
        cells.append((lowest, tone(lowest, scale), high))
    return MapHeat(_keys(m), cells)


class _Groups:
    """Union-find over column keys: journeys sharing a stage name end up in one band."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, key: tuple[str, int]) -> tuple[str, int]:
        root = self.parent.setdefault(key, key)
        while root != self.parent[root]:
            root = self.parent[root]
        while key != root:  # path compression keeps later finds short
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, keys: list[tuple[str, int]]) -> tuple[str, int]:
        first = self.find(keys[0])
        for key in keys[1:]:
            self.parent[self.find(key)] = first
        return self.find(first)


def _column_order(maps: list[Map], keys_of: Callable[[Map], list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """The band's columns: each map's stages in its order, a new name placed right after the
    stage the map walked before it. A linked list keeps each placement constant time."""
    after: dict[tuple[str, int] | None, tuple[str, int] | None] = {None: None}
    for m in maps:
        cursor = None
        for key in keys_of(m):
            if key not in after:
                after[key], after[cursor] = after[cursor], key
            cursor = key
    order, key = [], after[None]
    while key is not None:
        order.append(key)
        key = after[key]
    return order


def _slots(cells: list[HeatCell], width: int) -> list[HeatCell | Gap]:
    slots: list[HeatCell | Gap] = []
    column = 0
    for cell in sorted(cells, key=lambda c: c.column):
        if cell.column > column:
            slots.append(Gap(cell.column - column))
        slots.append(cell)
        column = cell.column + 1
    if width > column:
        slots.append(Gap(width - column))
    return slots


def heat_map(catalog: Catalog, scale: tuple[float, float], heat_of: Callable[[Map], MapHeat] | None = None) -> HeatMap:
    """``heat_of`` gives each map's part (kept under `mkdocs serve` while its file is unchanged)."""
    parts = heat_of or (lambda m: map_heat(m, scale))

    def by_title(m: Map) -> tuple:
        return (m.title.casefold(), m.journey)

    current = sorted((j.states["current"] for j in catalog.journeys.values() if "current" in j.states), key=by_title)
    left_out = [j for j in catalog.journeys.values() if "current" not in j.states]
    groups = _Groups()
    roots = [groups.join(parts(m).keys) for m in current]
    members: dict[tuple[str, int], list[Map]] = {}
    for m, root in zip(current, roots, strict=True):
        members.setdefault(groups.find(root), []).append(m)
    shared = [maps for maps in members.values() if len(maps) > 1]
    alone = [maps[0] for maps in members.values() if len(maps) == 1]

    def row(m: Map, columns: list[int]) -> HeatRow:
        found = parts(m).cells
        cells = [HeatCell(stage, *cell, column) for stage, cell, column in zip(m.stages, found, columns, strict=True)]
        return HeatRow(catalog.journeys[m.journey], m, cells)

    bands = []
    for maps in sorted(shared, key=lambda ms: (-len(ms), by_title(ms[0]))):
        order = _column_order(sorted(maps, key=lambda m: (-len(m.stages), by_title(m))), lambda m: parts(m).keys)
        index = {key: i for i, key in enumerate(order)}
        names: dict[tuple[str, int], str] = {}
        for m in maps:  # a column is named as the journey that walks it first spells it
            for key, stage in zip(parts(m).keys, m.stages, strict=True):
                names.setdefault(key, stage.name)
        bands.append(HeatBand([names[key] for key in order], [row(m, [index[k] for k in parts(m).keys]) for m in maps]))
    if alone:
        bands.append(HeatBand([], [row(m, list(range(len(m.stages)))) for m in alone]))
    for band in bands:
        width = band.width  # once per band: it looks at every row
        for row in band.rows:
            row.slots = _slots(row.cells, width)
    return HeatMap(bands, left_out, scale)


_SEVERITY = {level: i for i, level in enumerate(reversed(LEVELS))}  # high 0, medium 1, low 2


@dataclass
class OpenPain:
    map: Map
    status: PainStatus  # the pain point, its step and stage, and the opportunities addressing it


def open_pain_points(catalog: Catalog, comparison: Callable[[Journey], Comparison]) -> list[OpenPain]:
    """Every pain point of a current state that no future step resolves, worst first: by
    severity (high, medium, low, none given), then by the emotion of its step (lowest first,
    none given last), then by journey and by place on the map."""
    found = []
    for journey in catalog.journeys.values():
        c = comparison(journey)
        if c.current is None:
            continue
        for position, status in enumerate(c.pain_points):
            if not status.resolved:
                found.append((status, c.current, position))

    def worst(item: tuple[PainStatus, Map, int]) -> tuple:
        status, m, position = item
        emotion = status.step.emotion
        return (
            _SEVERITY.get(status.pain.severity or "", len(LEVELS)),
            emotion is None,
            emotion if emotion is not None else 0,
            m.title.casefold(),
            m.journey,
            position,
        )

    return [OpenPain(m, status) for status, m, _ in sorted(found, key=worst)]
