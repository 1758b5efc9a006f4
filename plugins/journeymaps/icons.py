"""Inline SVG icons from the theme's icon set, read once each."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from markupsafe import Markup


class Icons:
    def __init__(self, directory: Path | None):
        self.directory = directory
        self.svg = lru_cache(maxsize=None)(self._load)

    def _load(self, name: str) -> Markup:
        if self.directory is None or ".." in name:
            return Markup("")
        path = self.directory / f"{name}.svg"
        try:
            # The theme's own files: trusted markup. aria-hidden because every icon has a text label.
            return Markup(path.read_text(encoding="utf-8").replace("<svg ", '<svg aria-hidden="true" ', 1))
        except OSError:
            return Markup("")
