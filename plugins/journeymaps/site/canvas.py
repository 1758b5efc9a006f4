"""The canvas of a map page: which lanes it has, in which order, which are shown at first,
and where a service blueprint draws its lines; and the merged columns of a journey page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from journeymaps.model import Map, Step
from journeymaps.settings import BLUEPRINT_LANES, LANES
from journeymaps.site.chart import Chart, Slot

# The blueprint convention's three lines, each drawn above the lane it opens.
LINE_ABOVE = {
    "frontstage": "line.interaction",
    "backstage": "line.visibility",
    "support": "line.internal",
}


@dataclass(frozen=True)
class Lane:
    key: str
    shown: bool  # shown when the page opens; readers show and hide lanes themselves
    line: str | None = None  # label key of the blueprint line above the lane

    @property
    def label(self) -> str:
        return "lane." + self.key.replace("-", "_")


def _has(m: Map, lane: str) -> bool:
    if lane == "kpis":
        return any(stage.kpis for stage in m.stages)
    return any(_step_has(step, lane) for step in m.steps)


def _step_has(step: Step, lane: str) -> bool:
    match lane:
        case "touchpoint":
            return bool(step.touchpoint or step.channel)
        case "thoughts":
            return bool(step.thoughts or step.quote)
        case "emotion":
            return step.emotion is not None or bool(step.feeling)
        case "pain-points":
            return bool(step.pain_points)
        case _:
            return bool(getattr(step, lane))


def lanes_of(m: Map, shown: tuple[str, ...]) -> list[Lane]:
    """The lanes of a map that have something in them: the site's default lanes in the site's
    order, then the others (hidden at first) in the usual order. Blueprint lanes come last in
    their fixed order, so the lines between them keep their meaning."""
    customer = [lane for lane in (*shown, *LANES) if lane not in BLUEPRINT_LANES]
    ordered = [*dict.fromkeys(customer), *BLUEPRINT_LANES]
    return [Lane(lane, lane in shown, LINE_ABOVE.get(lane)) for lane in ordered if _has(m, lane)]


@dataclass
class Column:
    """One step column of a journey page: the step as each state has it (matched by id)."""

    slot: Slot
    current: Step | None
    future: Step | None
    only_in: str | None = None  # "current" or "future": a step the other state drops or adds
    moved: bool = False  # the step stands in another stage in the other state
    anchor: bool = True  # the column holding the step's #step- anchor (its first)

    @property
    def change(self) -> float | None:
        if self.current is None or self.future is None:
            return None
        if self.current.emotion is None or self.future.emotion is None:
            return None
        return round(self.future.emotion - self.current.emotion, 3)


def journey_columns(chart: Chart) -> list[Column]:
    # Counted once, looked up per column: a journey of thousands of steps stays linear.
    steps = {s.key: s.steps for s in chart.series}
    count = Counter(slot.step_id for slot in chart.slots)
    anchored: set[str] = set()
    columns: list[Column] = []
    for i, slot in enumerate(chart.slots):
        current = steps["current"][i] if "current" in steps else None
        future = steps["future"][i] if "future" in steps else None
        only_in = None
        if len(steps) == 2 and (current is None) != (future is None):
            only_in = "current" if future is None else "future"
        first = slot.step_id not in anchored
        anchored.add(slot.step_id)
        columns.append(Column(slot, current, future, only_in, count[slot.step_id] > 1, first))
    return columns
