"""How measured values are shown: numbers with their unit, changes with their sign, and the
geometry of a trend line (every observation, the baseline, the target, and the days
opportunities shipped), as plain numbers for the templates' SVG."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from journeymaps.analysis.measures import Measure, Shipped
from journeymaps.text import Text


def number(value: float) -> str:
    """1,200 · 41.5 · 0.25: whole numbers without decimals, others with up to two."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: float, unit: str | None) -> str:
    """A value as the metric's data writes it: 41.5%, 1,200 calls."""
    if not unit:
        return number(value)
    return f"{number(value)}%" if unit == "%" else f"{number(value)} {unit}"


def change(value: float, unit: str | None, text: Text) -> str:
    """A signed change: +4 pts for a percentage (points, not per cent of it), −120 calls."""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    magnitude = number(abs(value))
    if unit == "%":
        return text("measure.points", value=f"{sign}{magnitude}")
    return f"{sign}{magnitude}" + (f" {unit}" if unit else "")


@dataclass(frozen=True)
class Mark:
    x: float
    shipped: Shipped


@dataclass(frozen=True)
class Trend:
    """A measure's trend in a box ``width`` × ``height``: the line through every observation,
    where the baseline and the latest value sit, the target's height, and the shipped dates."""

    width: int
    height: int
    points: str
    baseline: tuple[float, float]
    latest: tuple[float, float]
    target_y: float | None
    marks: list[Mark]


def trend(measure: Measure, width: int = 240, height: int = 56, pad: int = 4) -> Trend:
    observations = measure.metric.observations
    start = observations[0].date
    end = max([observations[-1].date, *(s.date for s in measure.shipped)])
    days = max((end - start).days, 1)
    values = [o.value for o in observations] + ([measure.target] if measure.target is not None else [])
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1

    def x(day: dt.date) -> float:
        if len(observations) == 1 and not measure.shipped:
            return width / 2
        return round(pad + (width - 2 * pad) * (day - start).days / days, 1)

    def y(value: float) -> float:
        return round(pad + (height - 2 * pad) * (high - value) / (high - low), 1)

    # A point every two pixels at most: 500 daily values in 240 pixels would only make the
    # page heavier. The latest stays, as its dot marks it.
    every = max(1, math.ceil(len(observations) / (width / 2)))
    shown = observations[::every]
    if shown[-1] != observations[-1]:
        shown.append(observations[-1])
    points = " ".join(f"{x(o.date)},{y(o.value)}" for o in shown)
    return Trend(
        width=width,
        height=height,
        points=points,
        baseline=(x(measure.baseline.date), y(measure.baseline.value)),
        latest=(x(measure.latest.date), y(measure.latest.value)),
        target_y=y(measure.target) if measure.target is not None else None,
        marks=[Mark(x(s.date), s) for s in measure.shipped],
    )
