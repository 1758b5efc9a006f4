"""Preview images (1200 × 630, the size chat apps and social sites expect for a link card):
the emotion curve of a map or of both states of a journey, a persona's card, and a title
card for the index pages. Drawn with Pillow, cached by what they show and by this code."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageOps

from journeymaps.site.chart import MOMENT_COLOR, PAIN_COLOR, SERIES_STYLE, Chart, runs
from journeymaps.site.fonts import Fonts

WIDTH, HEIGHT = 1200, 630
FG, MUTED, ACCENT, LINE = "#1f2330", "#6b7080", "#3f51b5", "#9aa0ad"
BANDS = ("#eef0f6", "#f8f9fb")
_NO_LINE_START = set("，。、；：？！”’）》」』】…,.;:?!)")


@dataclass(frozen=True)
class PreviewText:
    title: str
    subtitle: str
    caption: str  # the site and the page's address, at the foot
    legend: str = ""  # what the marks mean, at the foot on the right


@dataclass(frozen=True)
class Curve:
    """What a curve image shows, and no more: the image is drawn in another process
    (drawing.py), which is handed this, not the maps."""

    scale: tuple[float, float]
    neutral: float
    slots: int  # columns, one a step
    bands: tuple[tuple[str, int, int], ...]  # stage name, first and last column
    # style key ("current", "future"), each column's emotion, and whether its step has a
    # pain point and is a moment of truth
    series: tuple[tuple[str, tuple[float | None, ...], tuple[tuple[bool, bool], ...]], ...]


def curve_of(chart: Chart) -> Curve:
    marks = [tuple((bool(x and x.pain_points), bool(x and x.moment_of_truth)) for x in s.steps) for s in chart.series]
    return Curve(
        tuple(chart.scale),
        chart.neutral,
        len(chart.slots),
        tuple((name, first, last) for _, name, first, last in chart.bands),
        tuple((s.key, tuple(s.values), m) for s, m in zip(chart.series, marks, strict=True)),
    )


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int) -> list[str]:
    """Up to ``lines`` lines of ``text`` within ``width``; Chinese wraps between any two
    characters, other text between words."""
    words = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    out: list[str] = []
    current = ""
    for word in words:
        trial = f"{current}{joiner}{word}" if current else word
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
        elif word in _NO_LINE_START and not joiner and len(current) > 1:
            out.append(current[:-1])  # a comma or closing quote never starts a line: take a character along
            current = current[-1] + word
        else:
            out.append(current)
            current = word
    out.append(current)
    if len(out) > lines:
        out = out[: lines - 1] + [_fit(draw, joiner.join(out[lines - 1 :]), font, width)]
    return out


def _frame(text: PreviewText, fonts: Fonts, title_size: int = 52) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 12), fill=ACCENT)
    title = fonts.get(title_size, True)
    draw.text((60, 44), _fit(draw, text.title, title, WIDTH - 120), font=title, fill=FG)
    draw.text(
        (60, 58 + title_size), _fit(draw, text.subtitle, fonts.get(28), WIDTH - 120), font=fonts.get(28), fill=MUTED
    )
    small = fonts.get(22)
    legend_width = int(draw.textlength(text.legend, font=small)) if text.legend else 0
    if text.legend:
        draw.text((WIDTH - 60, HEIGHT - 44), text.legend, font=small, fill=MUTED, anchor="ra")
    draw.text((60, HEIGHT - 44), _fit(draw, text.caption, small, WIDTH - 160 - legend_width), font=small, fill=MUTED)
    return image, draw


def _png(image: Image.Image) -> bytes:
    # A few flat colours and their anti-aliased edges fit a 256-colour palette without a
    # visible change; a palette image is a third of the bytes and encodes faster (Pillow's
    # PNG encoder spends most of its time choosing row filters for a full-colour image).
    paletted = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    paletted.putpalette(_exact(paletted.getpalette() or []))
    out = io.BytesIO()
    paletted.save(out, format="PNG", compress_level=1)
    return out.getvalue()


@cache
def _flat_colours() -> tuple[tuple[int, int, int], ...]:
    names = ["#ffffff", FG, MUTED, ACCENT, LINE, *BANDS, PAIN_COLOR, MOMENT_COLOR]
    names += [style["color"] for style in SERIES_STYLE.values()]
    return tuple(ImageColor.getrgb(name)[:3] for name in names)


def _exact(palette: list[int]) -> list[int]:
    """The palette with each entry that the quantizer averaged close to one of the flat
    colours drawn (white turns #fcfdfd) set back to that colour."""
    out: list[int] = []
    for i in range(0, len(palette) - 2, 3):
        out += _snapped(palette[i], palette[i + 1], palette[i + 2])
    return out + palette[len(out) :]


@cache  # the images share most of their palettes' entries: each is worked out once
def _snapped(r: int, g: int, b: int) -> tuple[int, int, int]:
    for colour in _flat_colours():
        if abs(r - colour[0]) + abs(g - colour[1]) + abs(b - colour[2]) <= 9:
            return colour
    return r, g, b


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    from math import cos, pi, sin

    return [
        (
            cx + (outer if k % 2 == 0 else inner) * sin(k * pi / 5),
            cy - (outer if k % 2 == 0 else inner) * cos(k * pi / 5),
        )
        for k in range(10)
    ]


def curve_png(chart: Curve, text: PreviewText, fonts: Fonts) -> bytes:
    """The emotion curve of one map, or of both states of a journey."""
    image, draw = _frame(text, fonts)
    # Room below the lowest point for its pain marker, above the caption.
    left, right, top, bottom = 110, WIDTH - 60, 214, HEIGHT - 112
    low, high = chart.scale
    n = max(chart.slots, 1)
    step_w = (right - left) / n

    def x(i: float) -> float:
        return left + step_w * (i + 0.5)

    def y(v: float) -> float:
        return top + (high - v) / (high - low) * (bottom - top)

    label_font = fonts.get(22, True)
    for i, (name, first, last) in enumerate(chart.bands):
        x0, x1 = left + step_w * first, left + step_w * (last + 1)
        draw.rectangle((x0, top - 38, x1, bottom + 40), fill=BANDS[i % 2])
        label = _fit(draw, name, label_font, int(x1 - x0 - 10))
        draw.text(((x0 + x1) / 2, top - 34), label, font=label_font, fill=FG, anchor="ma")
    for value in sorted({low, chart.neutral, high}):
        draw.text((left - 14, y(value)), f"{value:g}", font=fonts.get(22), fill=MUTED, anchor="rm")
    ny = y(chart.neutral)
    for dash in range(left, right, 14):
        draw.line((dash, ny, min(dash + 7, right), ny), fill=LINE, width=2)
    for key, values, marks in chart.series:
        color = SERIES_STYLE.get(key, SERIES_STYLE["current"])["color"]
        for run in runs(list(values)):
            if len(run) > 1:
                draw.line([(x(i), y(v)) for i, v in run], fill=color, width=7, joint="curve")
        for i, (v, (pain, moment)) in enumerate(zip(values, marks, strict=True)):
            if v is None:
                continue
            cx, cy = x(i), y(v)
            if moment:  # a star instead of a dot: it never leaves the plot
                draw.polygon(_star(cx, cy, 19, 8), fill=MOMENT_COLOR, outline="#ffffff")
            else:
                draw.ellipse((cx - 9, cy - 9, cx + 9, cy + 9), fill=color, outline="#ffffff", width=3)
            if pain:
                draw.polygon([(cx - 11, cy + 20), (cx + 11, cy + 20), (cx, cy + 36)], fill=PAIN_COLOR)
    return _png(image)


def persona_png(text: PreviewText, initials: str, photo: Path | None, quote: str, fonts: Fonts) -> bytes:
    """A persona's card: the photo (or initials), name, role and quote."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 12), fill=ACCENT)
    size, left, top = 300, 60, 110
    if photo:
        with Image.open(photo) as source:
            square = ImageOps.fit(ImageOps.exif_transpose(source).convert("RGB"), (size, size), centering=(0.5, 0.4))
        mask = Image.new("L", (size, size), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
        image.paste(square, (left, top), mask)
    else:
        draw.ellipse((left, top, left + size, top + size), fill="#e8eaf6")
        draw.text((left + size / 2, top + size / 2), initials, font=fonts.get(120, True), fill=ACCENT, anchor="mm")
    x, width = left + size + 60, WIDTH - (left + size + 60) - 60
    draw.text((x, top), _fit(draw, text.title, fonts.get(56, True), width), font=fonts.get(56, True), fill=FG)
    y = top + 86
    for line in _wrap(draw, text.subtitle, fonts.get(30), width, 2):
        draw.text((x, y), line, font=fonts.get(30), fill=MUTED)
        y += 42
    if quote:
        y += 24
        for line in _wrap(draw, f"“{quote}”", fonts.get(34), width, 4):
            draw.text((x, y), line, font=fonts.get(34), fill=FG)
            y += 48
    small = fonts.get(22)
    draw.text((60, HEIGHT - 44), _fit(draw, text.caption, small, WIDTH - 120), font=small, fill=MUTED)
    return _png(image)


def title_png(text: PreviewText, fonts: Fonts, lines: Sequence[str] = ()) -> bytes:
    """A card for an index page: its title, what it holds, and a few of its entries."""
    image, draw = _frame(text, fonts, title_size=64)
    y = 230
    for line in lines[:5]:
        draw.text((60, y), _fit(draw, f"·  {line}", fonts.get(32), WIDTH - 120), font=fonts.get(32), fill=FG)
        y += 56
    return _png(image)


@cache
def _code_version() -> str:
    """Changes whenever the drawing code does (this file, the chart data, colours and fonts)."""
    import hashlib  # here, not at the top: the image workers never hash, and libcrypto is 4 MB of each one's memory

    from journeymaps.site import chart, colours, fonts

    sources = [Path(__file__), Path(chart.__file__), Path(colours.__file__), Path(fonts.__file__)]
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]


def cache_path(what: object, cache_dir: Path) -> Path:
    """Where the image showing ``what`` (everything it shows, as plain data) is kept once
    drawn by this code."""
    import hashlib  # see _code_version

    key = json.dumps([_code_version(), what], ensure_ascii=False, default=str, sort_keys=True)
    return cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.png"


def curve_data(curve: Curve) -> list:
    """What a curve image shows, for the cache key."""
    return list(astuple(curve))
