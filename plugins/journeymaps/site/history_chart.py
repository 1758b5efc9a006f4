"""The geometry of a map's past review curves overlaid on today's: the steps of every
version in one order (matched by id), each curve as a path, older ones fainter. Plain
numbers for templates/history.html's SVG; the history itself comes from the caller (it is
read from git at the edge, authoring/history.py), duck-typed: reviews with a curve of
rows (stage name, step id, step name, emotion), by place: a thousand maps' reviews are a
hundred thousand rows, read from the cache as they are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymaps.model import Map


@dataclass
class Column:
    step: str
    name: str
    stage: str


@dataclass
class Line:
    label: str  # the review's date, or None for today's map
    now: bool
    opacity: float
    paths: list[str]  # in a box as many units wide as there are columns
    values: dict[str, float | None]  # by step id, for the table
    unchanged: bool = False  # today's curve is the latest review's: drawn dashed over it


@dataclass
class HistoryChart:
    columns: list[Column]
    lines: list[Line]
    height: int
    neutral_y: float
    ticks: list[tuple[float, str]]


def _columns(curves: list[list[Any]]) -> list[Column]:
    """Every step of every curve once, oldest curve first; a step a later version adds stands
    after the step it follows there."""
    order: list[Column] = []
    at: dict[str, int] = {}
    for curve in curves:
        previous: str | None = None
        for stage, step, name, _ in curve:
            if step not in at:
                index = at[previous] + 1 if previous is not None else 0
                order.insert(index, Column(step, name, stage))
                at = {c.step: i for i, c in enumerate(order)}
            previous = step
    return order


def history_chart(reviews: list[Any], today: Map, labels: list[str], now: str, scale: tuple[float, float],
                  neutral: float, height: int = 150, pad: int = 14) -> HistoryChart:  # fmt: skip
    """``reviews`` oldest first, each labelled; today's map drawn last and strongest."""
    now_curve = [(stage.name, step.id, step.name, step.emotion) for stage in today.stages for step in stage.steps]
    curves = [r.curve for r in reviews] + [now_curve]
    columns = _columns(curves)
    index = {c.step: i for i, c in enumerate(columns)}
    low, high = scale

    def y(v: float) -> float:
        return round(pad + (high - v) / (high - low) * (height - 2 * pad), 1)

    lines = []
    for n, (curve, label) in enumerate(zip(curves, [*labels, now], strict=True)):
        values = {step: emotion for _, step, _, emotion in curve}
        placed = sorted((index[step], emotion) for _, step, _, emotion in curve if emotion is not None)
        paths, run = [], []
        for i, v in placed:
            if run and i != run[-1][0] + 1 and not _gap_only_of_others(run[-1][0], i, columns, values):
                paths.append(run)
                run = []
            run.append((i, v))
        paths.append(run)
        drawn = [" ".join(f"{'LM'[k == 0]}{i + 0.5} {y(v)}" for k, (i, v) in enumerate(r)) for r in paths if r]
        last = n == len(curves) - 1
        # Older fainter: the oldest at 0.25, rising towards the latest review; today's whole.
        opacity = 1.0 if last else round(0.25 + 0.45 * n / max(len(curves) - 2, 1), 2)
        unchanged = last and n > 0 and [tuple(p) for p in curves[-2]] == curve
        lines.append(Line(label, last, opacity, drawn, values, unchanged))
    ticks = [(y(v), f"{v:+g}" if v else "0") for v in sorted({high, neutral, low}, reverse=True)]
    return HistoryChart(columns, lines, height, y(neutral), ticks)


def _gap_only_of_others(a: int, b: int, columns: list[Column], values: dict[str, Any]) -> bool:
    """Whether the columns between two points are steps this curve does not have (another
    version's), which the line passes over, rather than its own steps without an emotion."""
    return all(columns[k].step not in values for k in range(a + 1, b))
