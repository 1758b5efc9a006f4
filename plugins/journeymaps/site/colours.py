"""The colours of emotion on every surface, in one place: the curve of each state, good and
bad feelings, pain points and moments of truth, for the light and the dark palette. Pages
read them as CSS variables (written into the site's generated stylesheet), the interactive
chart reads those same variables, and the preview images use the light ones."""

from __future__ import annotations

# name: (light palette, dark palette). Text colours keep 4.5:1 against the page in both.
PALETTE: dict[str, tuple[str, str]] = {
    "current": ("#5c6bc0", "#9fa8da"),  # the current state's curve
    "future": ("#2e7d32", "#81c784"),  # the future state's curve
    "pos": ("#2e7d32", "#81c784"),  # feeling good
    "neg": ("#c62828", "#ef9a9a"),  # feeling bad
    "neu": ("#6d6d6d", "#b0b0b0"),  # neutral
    "pain": ("#c62828", "#ef9a9a"),  # a pain point's mark
    "moment": ("#8a5300", "#ffca28"),  # the words "moment of truth"
    "star": ("#f9a825", "#ffca28"),  # a moment of truth's star on a curve
    # The pain-point heat map: a stage's lowest emotion in five tones of a diverging red-blue
    # scale (readable with the common colour blindnesses), very negative to very positive,
    # each with the colour of the text on it (4.5:1 or more).
    "heat-1": ("#b2182b", "#c0392b"),
    "heat-1-fg": ("#ffffff", "#ffffff"),
    "heat-2": ("#f4a582", "#6e3328"),
    "heat-2-fg": ("#1a1a1a", "#fbe3da"),
    "heat-3": ("#ececec", "#3b3d45"),
    "heat-3-fg": ("#1a1a1a", "#e6e6e6"),
    "heat-4": ("#92c5de", "#24465f"),
    "heat-4-fg": ("#1a1a1a", "#dbeef8"),
    "heat-5": ("#2166ac", "#2f6db3"),
    "heat-5-fg": ("#ffffff", "#ffffff"),
}


def light(name: str) -> str:
    return PALETTE[name][0]


def _variables(which: int) -> str:
    return ";".join(f"--jm-{name}:{pair[which]}" for name, pair in PALETTE.items())


def stylesheet() -> str:
    """The variables for pages (Material's palette toggle sets data-md-color-scheme) and for
    the embed view, which follows the reader's own setting."""
    return (
        f":root,[data-md-color-scheme]{{{_variables(0)}}}\n"
        f'[data-md-color-scheme="slate"]{{{_variables(1)}}}\n'
        f"@media (prefers-color-scheme: dark){{html.jm-embed{{{_variables(1)}}}}}\n"
    )
