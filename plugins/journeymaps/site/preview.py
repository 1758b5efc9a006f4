"""emotion.png: the curve as an image for wikis, chat link previews and slides."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from journeymaps.site.chart import SERIES_STYLE, Chart, runs
from journeymaps.site.fonts import Fonts

WIDTH, HEIGHT = 1200, 630  # the size chat apps and social sites expect for a link preview


@dataclass(frozen=True)
class PreviewText:
    title: str
    subtitle: str
    caption: str


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def cache_key(chart: Chart, text: PreviewText, fonts: Fonts) -> str:
    data = {
        "v": 1,
        "text": [text.title, text.subtitle, text.caption],
        "scale": chart.scale,
        "bands": chart.bands,
        "series": [(s.key, s.values, [bool(x and x.pain_points) for x in s.steps]) for s in chart.series],
        "fonts": [fonts.regular, fonts.bold],
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=str).encode()).hexdigest()[:24]


def render_png(chart: Chart, text: PreviewText, fonts: Fonts) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    fg, muted, accent = "#1f2330", "#6b7080", "#3f51b5"
    draw.rectangle((0, 0, WIDTH, 12), fill=accent)
    draw.text((60, 44), _fit(draw, text.title, fonts.get(52, True), WIDTH - 120), font=fonts.get(52, True), fill=fg)
    draw.text((60, 114), _fit(draw, text.subtitle, fonts.get(28), WIDTH - 120), font=fonts.get(28), fill=muted)
    left, right, top, bottom = 110, WIDTH - 60, 210, HEIGHT - 70
    low, high = chart.scale
    n = max(len(chart.slots), 1)
    step_w = (right - left) / n

    def x(i: float) -> float:
        return left + step_w * (i + 0.5)

    def y(v: float) -> float:
        return top + (high - v) / (high - low) * (bottom - top)

    for i, (_, name, first, last) in enumerate(chart.bands):
        x0, x1 = left + step_w * first, left + step_w * (last + 1)
        draw.rectangle((x0, top - 34, x1, bottom), fill="#eef0f6" if i % 2 == 0 else "#f8f9fb")
        label_font = fonts.get(22, True)
        label = _fit(draw, name, label_font, int(x1 - x0 - 10))
        draw.text(((x0 + x1) / 2, top - 30), label, font=label_font, fill=fg, anchor="ma")
    for value in sorted({low, chart.neutral, high}):
        draw.text((left - 14, y(value)), f"{value:g}", font=fonts.get(22), fill=muted, anchor="rm")
    ny = y(chart.neutral)
    for dash in range(left, right, 14):
        draw.line((dash, ny, min(dash + 7, right), ny), fill="#9aa0ad", width=2)
    for series in chart.series:
        color = SERIES_STYLE.get(series.key, SERIES_STYLE["current"])["color"]
        for run in runs(series.values):
            if len(run) > 1:
                draw.line([(x(i), y(v)) for i, v in run], fill=color, width=7, joint="curve")
        for i, (v, step) in enumerate(zip(series.values, series.steps, strict=True)):
            if v is None or step is None:
                continue
            cx, cy = x(i), y(v)
            draw.ellipse((cx - 9, cy - 9, cx + 9, cy + 9), fill=color, outline="#ffffff", width=3)
            if step.pain_points:
                draw.polygon([(cx - 11, cy + 20), (cx + 11, cy + 20), (cx, cy + 36)], fill="#c62828")
    draw.text((60, HEIGHT - 44), _fit(draw, text.caption, fonts.get(22), WIDTH - 120), font=fonts.get(22), fill=muted)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)  # a few kB more, several ms less
    return out.getvalue()


def cached_png(chart: Chart, text: PreviewText, cache_dir: Path, fonts: Fonts) -> bytes:
    """The image from the cache when the same curve was drawn before, else drawn and cached."""
    path = cache_dir / f"{cache_key(chart, text, fonts)}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    png = render_png(chart, text, fonts)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(png)
        tmp.replace(path)
    except OSError:
        pass  # a read-only checkout still builds; it only draws every time
    return png
