"""Emotion curves: the geometry of the canvas's server-drawn curve, the Plotly spec of the
interactive chart, sparklines, and where a value sits on the site's scale.

All are built from plain data so a map costs microseconds, not a Plotly figure object."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from journeymaps.model import Map, Stage, Step
from journeymaps.site.colours import light

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
    lines: list[str] = []
    line, used = "", 0
    for token, before in tokens:
        size = sum(2 if _wide(c) else 1 for c in token)
        gap = 1 if before and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = "", 0, 0
        line += (" " if gap else "") + token
        used += gap + size
    return [*lines, line] if line else lines


def _label(text: str, width: int) -> str:
    # Plotly reads a few HTML tags in labels: escaped lines joined by its own line break.
    return "<br>".join(html.escape(line) for line in wrap(text, width))


def _hover(step: Step, value: float | None, labels: Mapping[str, str]) -> list[str]:
    """The tooltip's lines of one point, labelled in the site's language: the step's name,
    its touchpoint (a line break first, or nothing), and its emotion with the feeling.
    Plotly reads a few HTML tags in hover text: the authors' words are escaped."""
    touchpoint = ""
    if step.touchpoint:
        touchpoint = f"<br>{html.escape(labels['lane.touchpoint'])}{labels['colon']}{html.escape(step.touchpoint)}"
    number = labels["no_emotion"] if value is None else f"{value:+g}" if value else "0"
    feeling = f" ({html.escape(step.feeling)})" if step.feeling else ""
    return [
        html.escape(step.name),
        touchpoint,
        f"{html.escape(labels['lane.emotion'])}{labels['colon']}{number}{feeling}",
    ]


# The chart's toolbar keeps what readers need; nothing in it, and no default of Plotly's
# (its cloud "Share chart…" button and server URL), may send a chart off the site.
MODEBAR_BUTTONS = [["toImage", "resetScale2d"]]
# The words Plotly shows in that toolbar and its notices, keyed by Plotly's English text.
PLOTLY_WORDS = {
    "Download plot as a PNG": "chart.download_png",
    "Reset axes": "chart.reset",
    "Preparing image - this may take a few seconds": "chart.preparing",
    "Image download succeeded": "chart.downloaded",
    "Sorry, there was a problem downloading your image!": "chart.download_failed",
}


def plotly_config(labels: Mapping[str, str], language: str, filename: str) -> dict:
    return {
        "displaylogo": False,
        "responsive": True,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "plotlyServerURL": "",
        "showTips": False,
        "modeBarButtons": MODEBAR_BUTTONS,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "locale": language,
        "locales": {language: {"dictionary": {en: labels[key] for en, key in PLOTLY_WORDS.items()}}},
    }


def plotly_spec(chart: Chart, labels: Mapping[str, str], language: str = "en", filename: str = "emotion") -> dict:
    low, high = chart.scale
    n = len(chart.slots)
    data: list[dict] = []
    pains_x, pains_y, pains_text, moments_x, moments_y, moments_text = [], [], [], [], [], []
    for series in chart.series:
        style = SERIES_STYLE.get(series.key, SERIES_STYLE["current"])
        # Only the state's own steps: a step the other state adds or drops leaves no gap.
        own = [i for i, step in enumerate(series.steps) if step is not None]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "meta": series.key if series.key in ("current", "future") else "current",  # its colour variable
                "name": html.escape(series.name),
                "x": own,
                "y": [series.values[i] for i in own],
                "connectgaps": False,
                "line": {
                    "color": style["color"],
                    "width": 3,
                    "dash": style["dash"],
                    "shape": "spline",
                    "smoothing": 0.6,
                },
                "marker": {"size": 9, "symbol": style["symbol"], "color": style["color"]},
                "customdata": [_hover(series.steps[i], series.values[i], labels) for i in own],
                "hovertemplate": "<b>%{customdata[0]}</b>%{customdata[1]}<br>%{customdata[2]}<extra>"
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
        data.append(_markers(labels["pain_points"], pains_x, pains_y, pains_text, "triangle-down", "pain", -0.28))
    if moments_x:
        data.append(_markers(labels["moment_of_truth"], moments_x, moments_y, moments_text, "star", "star", 0.28))
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
    # Stage names over their bands and step names under their points, wrapped to the room
    # a column has on a wide screen (from 14 characters for a few steps down to 7), never cut.
    width = max(7, min(14, 150 // max(n, 1)))
    annotations = [
        {
            "x": (first + last) / 2, "y": 1.0, "xref": "x", "yref": "paper", "yanchor": "bottom",
            "text": "<b>" + _label(name, width * (last - first + 1)) + "</b>", "showarrow": False,
        }
        for _, name, first, last in chart.bands
    ]  # fmt: skip
    ticks = sorted({low, chart.neutral, high} | {float(v) for v in range(int(low), int(high) + 1)})
    stage_lines = max((len(wrap(name, width * (last - first + 1))) for _, name, first, last in chart.bands), default=1)
    layout = {
        "height": 420,
        # The legend and the toolbar share the top row, above the stage names: the toolbar
        # covers none of them, on a phone either.
        "margin": {"l": 50, "r": 16, "t": 44 + 16 * stage_lines, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hovermode": "closest",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container"},
        "xaxis": {
            "tickmode": "array",
            "tickvals": list(range(n)),
            "ticktext": [_label(s.name, width) for s in chart.slots],
            "tickangle": 0,
            "tickfont": {"size": 12 if n <= 10 else 10},
            "automargin": True,
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
    return {"data": data, "layout": layout, "config": plotly_config(labels, language, filename)}


def _markers(name: str, xs, ys, texts, symbol: str, colour: str, offset: float) -> dict:
    """Pain points or moments of truth; ``colour`` names their colour in site/colours.py."""
    return {
        "type": "scatter",
        "mode": "markers",
        "meta": colour,
        "name": html.escape(name),
        "x": xs,
        "y": [y + offset for y in ys],
        "marker": {"symbol": symbol, "size": 13, "color": light(colour), "line": {"width": 1, "color": "#ffffff"}},
        "text": texts,
        "hovertemplate": "%{text}<extra>" + html.escape(name) + "</extra>",
    }


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
