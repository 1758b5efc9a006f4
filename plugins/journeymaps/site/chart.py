"""Emotion curves as data: the steps of one or two states in columns (stages and steps
matched by id), each state's values, and where a value sits on the site's scale. The
canvas's drawing (curves.py), the interactive chart (interactive.py) and the preview images
are made from it, in microseconds rather than through a Plotly figure object."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from journeymaps.site.colours import light

if TYPE_CHECKING:  # the image workers import this module for its styles alone
    from journeymaps.model import Map, Stage, Step

SERIES_STYLE = {
    # Colour is never the only difference: each series has its own dash and marker too.
    "current": {"color": light("current"), "dash": "solid", "symbol": "circle", "svg_dash": ""},
    "future": {"color": light("future"), "dash": "dash", "symbol": "diamond", "svg_dash": "6 4"},
}
PAIN_COLOR = light("pain")
MOMENT_COLOR = light("star")


@dataclass
class Slot:
    """One column of the chart: a step, matched across states by stage and step id."""

    stage_id: str
    stage_name: str
    step_id: str
    name: str


@dataclass
class Series:
    key: str  # "current" or "future": picks the style
    name: str
    values: list[float | None]
    steps: list[Step | None]


@dataclass
class Chart:
    slots: list[Slot]
    series: list[Series]
    scale: tuple[float, float]
    neutral: float
    bands: list[tuple[str, str, int, int]] = field(default_factory=list)  # stage id, name, first, last slot

    @property
    def stage_names(self) -> list[str]:
        return [name for _, name, _, _ in self.bands]


def _slots_of(stages: list[Stage]) -> list[Slot]:
    return [Slot(stage.id, stage.name, step.id, step.name) for stage in stages for step in stage.steps]


def merge_slots(first: list[Slot], second: list[Slot]) -> list[Slot]:
    """Slots of two states in one order: stages in order of first appearance, and within a
    stage, steps of the first state with the second state's own steps after their predecessor."""
    stage_order: list[str] = []
    by_stage: dict[str, list[Slot]] = {}
    for slot in first + second:
        if slot.stage_id not in by_stage:
            stage_order.append(slot.stage_id)
            by_stage[slot.stage_id] = []
    for slot in first:
        by_stage[slot.stage_id].append(slot)
    for stage_id in stage_order:
        merged = by_stage[stage_id]
        # A step is known within its stage: one the second state moved to another stage gets
        # a column there too, as each state's steps are matched by stage and step id.
        known = {s.step_id for s in merged}
        previous = None
        for slot in (s for s in second if s.stage_id == stage_id):
            if slot.step_id in known:
                previous = slot.step_id
                continue
            at = next(
                (i + 1 for i, s in enumerate(merged) if s.step_id == previous), 0 if previous is None else len(merged)
            )
            merged.insert(at, slot)
            known.add(slot.step_id)
            previous = slot.step_id
    return [slot for stage_id in stage_order for slot in by_stage[stage_id]]


def _bands(slots: list[Slot]) -> list[tuple[str, str, int, int]]:
    bands: list[tuple[str, str, int, int]] = []
    for index, slot in enumerate(slots):
        if bands and bands[-1][0] == slot.stage_id:
            bands[-1] = (slot.stage_id, bands[-1][1], bands[-1][2], index)
        else:
            bands.append((slot.stage_id, slot.stage_name, index, index))
    return bands


def build_chart(maps: list[tuple[str, str, Map]], scale: tuple[float, float], neutral: float) -> Chart:
    """A chart of one or more states of a journey: (style key, series name, map) each."""
    slots: list[Slot] = []
    for _, _, m in maps:
        slots = merge_slots(slots, _slots_of(m.stages)) if slots else _slots_of(m.stages)
    series = []
    for key, name, m in maps:
        steps = {(stage.id, step.id): step for stage in m.stages for step in stage.steps}
        matched = [steps.get((slot.stage_id, slot.step_id)) for slot in slots]
        series.append(Series(key, name, [s.emotion if s else None for s in matched], matched))
    return Chart(slots, series, scale, neutral, _bands(slots))


def runs(values: list[float | None], present: list[bool] | None = None) -> list[list[tuple[int, float]]]:
    """The stretches of a curve between gaps, as (slot, value) pairs: a step without
    emotion breaks the line rather than being guessed. Slots where the state has no step
    at all (``present`` false: a step only the other state has) are passed over, so each
    state's curve joins its own steps."""
    out: list[list[tuple[int, float]]] = [[]]
    for i, v in enumerate(values):
        if present is not None and not present[i]:
            continue
        if v is None:
            if out[-1]:
                out.append([])
        else:
            out[-1].append((i, v))
    return [run for run in out if run]


def mood(value: float, scale: tuple[float, float], neutral: float) -> str:
    """ "pos", "neg" or "neu": how a value reads on the site's scale, measured from its neutral
    point (a quarter of the way to either end counts), so scales like [-1, 3] or [1, 5] read right."""
    low, high = scale
    if value > neutral and value - neutral >= 0.25 * (high - neutral):
        return "pos"
    if value < neutral and neutral - value >= 0.25 * (neutral - low):
        return "neg"
    return "neu"


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def wrap(text: str, width: int) -> list[str]:
    """Lines of about ``width`` columns, broken between words, or between characters in
    Chinese and Japanese text (a wide character counts two). A word is never cut."""
    return list(_wrapped(text, width))


@lru_cache(maxsize=8192)  # the same names are wrapped for the map page, its embed view and its journey
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    if text.isascii():  # no wide characters: the words are the tokens
        return _fill([(word, True) for word in text.split()], width, wide=False)
    tokens: list[tuple[str, bool]] = []  # (token, space before it)
    word, space = "", False
    for ch in text:
        if ch.isspace() or _wide(ch):
            if word:
                tokens.append((word, space))
                word, space = "", False
            if ch.isspace():
                space = True
            else:
                tokens.append((ch, space))
                space = False
        else:
            word += ch
    if word:
        tokens.append((word, space))
    return _fill(tokens, width, wide=True)


def _fill(tokens: list[tuple[str, bool]], width: int, wide: bool) -> tuple[str, ...]:
    lines: list[str] = []
    line, used = "", 0
    for token, before in tokens:
        size = sum(2 if _wide(c) else 1 for c in token) if wide else len(token)
        gap = 1 if before and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = "", 0, 0
        line += (" " if gap else "") + token
        used += gap + size
    return (*lines, line) if line else tuple(lines)
