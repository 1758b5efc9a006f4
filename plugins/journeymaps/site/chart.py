"""Emotion curves: the geometry of the server-drawn SVG and the Plotly spec that replaces it.

Both are built from plain data so a map costs microseconds, not a Plotly figure object."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from journeymaps.model import Map, Stage, Step

SERIES_STYLE = {
    # Colour is never the only difference: each series has its own dash and marker too.
    "current": {"color": "#5c6bc0", "dash": "solid", "symbol": "circle", "svg_dash": ""},
    "future": {"color": "#2e7d32", "dash": "dash", "symbol": "diamond", "svg_dash": "6 4"},
}
PAIN_COLOR = "#c62828"
MOMENT_COLOR = "#f9a825"


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
        known = {s.step_id for slots in by_stage.values() for s in slots}
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


def runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """The stretches of a curve between gaps, as (slot, value) pairs: a step without
    emotion breaks the line rather than being guessed."""
    out: list[list[tuple[int, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            if out[-1]:
                out.append([])
        else:
            out[-1].append((i, v))
    return [run for run in out if run]


def _hover(step: Step) -> list[str]:
    # Plotly reads a few HTML tags in hover text; escaped text shows as written.
    return [html.escape(step.name), html.escape(step.touchpoint or ""), html.escape(step.feeling or "")]


def _short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plotly_spec(chart: Chart, labels: dict[str, str]) -> dict:
    low, high = chart.scale
    n = len(chart.slots)
    data: list[dict] = []
    pains_x, pains_y, pains_text, moments_x, moments_y, moments_text = [], [], [], [], [], []
    for series in chart.series:
        style = SERIES_STYLE.get(series.key, SERIES_STYLE["current"])
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": html.escape(series.name),
                "x": list(range(n)),
                "y": series.values,
                "connectgaps": False,
                "line": {
                    "color": style["color"],
                    "width": 3,
                    "dash": style["dash"],
                    "shape": "spline",
                    "smoothing": 0.6,
                },
                "marker": {"size": 9, "symbol": style["symbol"], "color": style["color"]},
                "customdata": [_hover(s) if s else ["", "", ""] for s in series.steps],
                "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]} · %{y}<extra>"
                + html.escape(series.name)
                + "</extra>",
            }
        )
        for x, (step, value) in enumerate(zip(series.steps, series.values, strict=True)):
            if step is None or value is None:
                continue
            if step.pain_points:
                pains_x.append(x)
                pains_y.append(value)
                pains_text.append(html.escape("; ".join(p.text for p in step.pain_points)))
            if step.moment_of_truth:
                moments_x.append(x)
                moments_y.append(value)
                moments_text.append(html.escape(step.name))
    if pains_x:
        data.append(_markers(labels["pain_points"], pains_x, pains_y, pains_text, "triangle-down", PAIN_COLOR, -0.28))
    if moments_x:
        data.append(_markers(labels["moment_of_truth"], moments_x, moments_y, moments_text, "star", MOMENT_COLOR, 0.28))
    shapes = [
        {
            "type": "rect", "xref": "x", "yref": "paper", "x0": first - 0.5, "x1": last + 0.5, "y0": 0, "y1": 1,
            "fillcolor": "rgba(127,127,127,0.10)" if i % 2 == 0 else "rgba(127,127,127,0.03)",
            "line": {"width": 0}, "layer": "below",
        }
        for i, (_, _, first, last) in enumerate(chart.bands)
    ]  # fmt: skip
    shapes.append(
        {
            "type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": chart.neutral, "y1": chart.neutral,
            "line": {"color": "rgba(127,127,127,0.8)", "width": 1, "dash": "dot"}, "layer": "below",
        }
    )  # fmt: skip
    annotations = [
        {
            "x": (first + last) / 2, "y": 1.0, "xref": "x", "yref": "paper", "yanchor": "bottom",
            "text": "<b>" + html.escape(_short(name, 24)) + "</b>", "showarrow": False,
        }
        for _, name, first, last in chart.bands
    ]  # fmt: skip
    ticks = sorted({low, chart.neutral, high} | {float(v) for v in range(int(low), int(high) + 1)})
    layout = {
        "height": 380,
        "margin": {"l": 70, "r": 16, "t": 36, "b": 90},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hovermode": "closest",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "y": -0.32},
        "xaxis": {
            "tickmode": "array",
            "tickvals": list(range(n)),
            "ticktext": [html.escape(_short(s.name)) for s in chart.slots],
            "tickangle": -30,
            "range": [-0.5, n - 0.5],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
        },
        "yaxis": {
            "range": [low - (high - low) * 0.12, high + (high - low) * 0.12],
            "tickvals": ticks,
            "fixedrange": True,
            "zeroline": False,
            "gridcolor": "rgba(127,127,127,0.2)",
        },
        "shapes": shapes,
        "annotations": annotations,
    }
    return {"data": data, "layout": layout}


def _markers(name: str, xs, ys, texts, symbol: str, color: str, offset: float) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": html.escape(name),
        "x": xs,
        "y": [y + offset for y in ys],
        "marker": {"symbol": symbol, "size": 13, "color": color, "line": {"width": 1, "color": "#ffffff"}},
        "text": texts,
        "hovertemplate": "%{text}<extra>" + html.escape(name) + "</extra>",
    }


@dataclass
class SvgGeometry:
    width: int
    height: int
    bands: list[dict]
    neutral_y: float
    series: list[dict]
    markers: list[dict]
    ticks: list[dict]


def svg_geometry(
    chart: Chart, width: int = 800, height: int = 300, pad: tuple[int, int, int, int] = (36, 12, 30, 36)
) -> SvgGeometry:
    """Coordinates for the no-JavaScript curve; pad is (left, right, top, bottom)."""
    left, right, top, bottom = pad
    n = max(len(chart.slots), 1)
    low, high = chart.scale
    step_w = (width - left - right) / n

    def x(i: int) -> float:
        return round(left + step_w * (i + 0.5), 1)

    def y(v: float) -> float:
        return round(top + (high - v) / (high - low) * (height - top - bottom), 1)

    bands = [
        {"x": round(left + step_w * first, 1), "w": round(step_w * (last - first + 1), 1), "name": _short(name, 22),
         "cx": round(left + step_w * (first + last + 1) / 2, 1), "odd": i % 2}
        for i, (_, name, first, last) in enumerate(chart.bands)
    ]  # fmt: skip
    series, markers = [], []
    for s in chart.series:
        style = SERIES_STYLE.get(s.key, SERIES_STYLE["current"])
        segments = [" ".join(f"{x(i)},{y(v)}" for i, v in run) for run in runs(s.values)]
        points = [{"x": x(i), "y": y(v), "step": s.steps[i]} for i, v in enumerate(s.values) if v is not None]
        series.append({"key": s.key, "name": s.name, "color": style["color"], "dash": style["svg_dash"],
                       "segments": segments, "points": points})  # fmt: skip
        for p in points:
            if p["step"].pain_points:
                markers.append({"kind": "pain", "x": p["x"], "y": p["y"] + 14})
            if p["step"].moment_of_truth:
                markers.append({"kind": "moment", "x": p["x"], "y": p["y"] - 15})
    ticks = [{"y": y(v), "label": f"{v:g}"} for v in sorted({low, chart.neutral, high})]
    return SvgGeometry(width, height, bands, y(chart.neutral), series, markers, ticks)


def sparkline_points(m: Map, scale: tuple[float, float], width: int = 120, height: int = 28) -> list[str]:
    """Polyline segments of a small curve, split where a step has no emotion."""
    values = [step.emotion for step in m.steps]
    n = len(values)
    low, high = scale

    def point(i: int, v: float) -> str:
        px = 2 + (width - 4) * (i / (n - 1) if n > 1 else 0.5)
        return f"{px:.1f},{2 + (height - 4) * (high - v) / (high - low):.1f}"

    return [" ".join(point(i, v) for i, v in run) for run in runs(values)]
