"""The server-drawn curves: the geometry of the canvas's emotion lane (each point above its
step's column) and of the sparklines in lists, as plain numbers for the templates' SVG."""

from __future__ import annotations

from dataclasses import dataclass

from journeymaps.model import Map, Step
from journeymaps.site.chart import Chart, Series, mood, runs


@dataclass
class CurvePoint:
    step: Step
    value: float
    x: float  # per cent of the lane's width: the centre of the step's column
    y: float  # pixels from the top of the lane
    mood: str


@dataclass
class LaneCurve:
    """One state's curve as a row of the canvas: the lane spans every step column, so a point
    at the centre of column i of n sits at (i + 0.5) / n of its width, whatever that width is.
    The line is drawn in a box n units wide and stretched to the lane; the points, in per cent."""

    key: str
    name: str
    columns: int
    height: int
    neutral_y: float
    paths: list[str]
    points: list[CurvePoint]
    edges: list[float]  # per cent: where one stage ends and the next begins
    bands: list[tuple[float, float]]  # per cent (start, width) of every other stage, shaded as in the canvas
    ticks: list[tuple[float, str]]


def lane_curve(chart: Chart, series: Series, height: int = 112, pad: int = 22) -> LaneCurve:
    n = max(len(chart.slots), 1)
    low, high = chart.scale

    def y(v: float) -> float:
        return round(pad + (high - v) / (high - low) * (height - 2 * pad), 1)

    def percent(i: float) -> float:
        return round(100 * i / n, 3)

    paths = []
    for run in runs(series.values, [step is not None for step in series.steps]):
        (first, v0), rest = run[0], run[1:]
        d = [f"M{first + 0.5} {y(v0)}"]
        previous = (first + 0.5, y(v0))
        for i, v in rest:
            # Level tangents at each point: the line passes through every point and never
            # overshoots past the highest or lowest of two neighbours.
            x1, y1 = i + 0.5, y(v)
            half = (x1 - previous[0]) / 2
            d.append(f"C{previous[0] + half:g} {previous[1]} {x1 - half:g} {y1} {x1} {y1}")
            previous = (x1, y1)
        if rest:
            paths.append(" ".join(d))
    points = [
        CurvePoint(step, v, percent(i + 0.5), y(v), mood(v, chart.scale, chart.neutral))
        for i, (step, v) in enumerate(zip(series.steps, series.values, strict=True))
        if step is not None and v is not None
    ]
    edges = [percent(first) for _, _, first, _ in chart.bands[1:]]
    bands = [(percent(first), percent(last + 1 - first)) for _, _, first, last in chart.bands[1::2]]
    ticks = [(y(v), f"{v:+g}" if v else "0") for v in sorted({high, chart.neutral, low}, reverse=True)]
    return LaneCurve(series.key, series.name, n, height, y(chart.neutral), paths, points, edges, bands, ticks)


@dataclass
class Sparkline:
    segments: list[str]
    neutral_y: float


def sparkline(m: Map, scale: tuple[float, float], neutral: float, width: int = 120, height: int = 28) -> Sparkline:
    """A small curve, split where a step has no emotion, with the scale's neutral line."""
    values = [step.emotion for step in m.steps]
    n = len(values)
    low, high = scale

    def y(v: float) -> float:
        return round(2 + (height - 4) * (high - v) / (high - low), 1)

    def point(i: int, v: float) -> str:
        px = 2 + (width - 4) * (i / (n - 1) if n > 1 else 0.5)
        return f"{px:.1f},{y(v):.1f}"

    return Sparkline([" ".join(point(i, v) for i, v in run) for run in runs(values)], y(neutral))
