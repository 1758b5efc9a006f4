"""The interactive chart: the Plotly spec and config of an emotion curve, drawn by the page
script once plotly.js has loaded (the canvas shows the server-drawn curve until then)."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping

from journeymaps.model import Step
from journeymaps.site import urls
from journeymaps.site.chart import SERIES_STYLE, Chart, wrap
from journeymaps.site.colours import light


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
    ticktext = [_label(s.name, width) for s in chart.slots]
    tick_size = 12 if n <= 10 else 10
    stage_lines = max((len(wrap(name, width * (last - first + 1))) for _, name, first, last in chart.bands), default=1)
    layout = {
        "height": 420,
        # The legend and the toolbar share the top row, above the stage names: the toolbar
        # covers none of them, on a phone either.
        "margin": {"l": 50, "r": 16, "t": TOP_MARGIN + 16 * stage_lines, "b": _bottom_margin(ticktext, tick_size)},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hovermode": "closest",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container"},
        "xaxis": {
            "tickmode": "array",
            "tickvals": list(range(n)),
            "ticktext": ticktext,
            "tickangle": 0,
            "tickfont": {"size": tick_size},
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
    return {
        "data": data,
        "layout": layout,
        "config": plotly_config(labels, language, filename),
        # A phone hides the step names under the points (site/assets/journeymaps.js).
        "narrow": {"margin_b": BOTTOM_MARGIN, "margin_t": TOP_MARGIN + 16, "line_height": 13},  # a second legend row
    }


BOTTOM_MARGIN = 40  # px under the plot: room for one line of step names
TOP_MARGIN = 44  # px over the stage names: the legend and the toolbar
TICK_LINE_SPACING = 1.3  # plotly.js's line height, in font sizes


def _bottom_margin(ticktext: list[str], font_size: int) -> int:
    """Room under the plot for the wrapped step names. Worked out here rather than by
    plotly's automargin, which draws the whole chart a second time on every page load."""
    lines = max((t.count("<br>") + 1 for t in ticktext), default=1)
    return max(BOTTOM_MARGIN, math.ceil(14 + lines * font_size * TICK_LINE_SPACING))


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


_PLOTLY_SRC = re.compile(r'data-jm-plotly="([^"<>]*)"')
_PAGE_SCRIPT = re.compile(r'<script src="[^"<>]*' + re.escape(urls.SCRIPT) + r'"></script>')
# Material's own script, at the end of every page it renders.
_MATERIAL_SCRIPT = re.compile(r'<script src="[^"<>]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def draw_charts_early(page_html: str) -> str:
    """A page with a chart asks for plotly.js from its head, so that it is downloaded while
    the page is read, and runs it and the page script just before Material's own script
    rather than after: the chart is drawn as soon as the page has been read, without
    waiting for Material to set the page up (a fifth of a second or more). Material's
    instant navigation does not run these again: they are outside the page's content."""
    found = _PLOTLY_SRC.search(page_html)
    if found is None or "</head>" not in page_html:
        return page_html
    plotly = found.group(1)
    page_html = page_html.replace("</head>", f'<link rel="preload" href="{plotly}" as="script"></head>', 1)
    ours, material = _last(_PAGE_SCRIPT, page_html), _last(_MATERIAL_SCRIPT, page_html)
    if ours is None or material is None or ours.start() < material.start():
        return page_html
    early = f'<script src="{plotly}"></script>{ours.group(0)}'
    return page_html[: material.start()] + early + page_html[material.start() : ours.start()] + page_html[ours.end() :]
