"""Icons from the theme's icon set, drawn by CSS: one <span> in the page per icon, each
icon's SVG written once per site into site.css (pages stay light for readers and search)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

_NAME = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")


def css_class(name: str) -> str:
    return "jm-i--" + name.replace("/", "-")


class Icons:
    def __init__(self, directory: Path | None):
        self.directory = directory
        self.used: set[str] = set()

    def svg(self, name: str) -> Markup:
        """The markup for one icon; remembers it for site.css. Icons are decoration:
        every one stands beside a text label, so they are hidden from screen readers."""
        if not _NAME.match(name):
            return Markup("")
        self.used.add(name)
        return Markup(f'<span class="jm-i {css_class(name)}" aria-hidden="true"></span>')

    def stylesheet(self) -> str:
        rules = [
            ".jm-i{display:inline-block;width:1.2em;height:1.2em;flex:none;vertical-align:-0.2em;"
            "background-color:currentColor;-webkit-mask:var(--jm-icon) center/contain no-repeat;"
            "mask:var(--jm-icon) center/contain no-repeat}"
        ]
        for name in sorted(self.used):
            svg = self._read(name)
            if svg:
                rules.append(f'.{css_class(name)}{{--jm-icon:url("data:image/svg+xml,{quote(svg)}")}}')
        return "\n".join(rules) + "\n"

    def _read(self, name: str) -> str:
        if self.directory is None:
            return ""
        try:
            return (self.directory / f"{name}.svg").read_text(encoding="utf-8").strip()
        except OSError:
            return ""
