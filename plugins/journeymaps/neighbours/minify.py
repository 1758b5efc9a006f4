"""mkdocs-minify-plugin renames the style sheets and scripts it minifies
(journeymaps.js → journeymaps.min.js, or journeymaps.<hash>.min.js with cache_safe) and
changes their entries in extra_css and extra_javascript, in its on_pre_build. The theme's
pages follow those entries; the embed view, a document of our own, must follow them too."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig


def renamed_assets(config: MkDocsConfig) -> Callable[[str], str]:
    """The site path a file of ours (assets/journeymaps/journeymaps.css) has after the other
    plugins renamed it, read from extra_css and extra_javascript; the path itself when no
    entry was renamed."""
    entries = [str(getattr(e, "path", e)) for e in (*config.extra_css, *config.extra_javascript)]

    def renamed(site_path: str) -> str:
        if site_path in entries:
            return site_path
        stem, ext = posixpath.splitext(site_path)
        # Only a file named like an entry can have been renamed: the preview images and data
        # files (a thousand maps link twenty thousand) need no pattern of their own compiled.
        if not any(e.endswith(ext) for e in entries):
            return site_path
        pattern = re.compile(re.escape(stem) + r"(\.[0-9a-f]{6})?(\.min)?" + re.escape(ext))
        return next((e for e in entries if pattern.fullmatch(e)), site_path)

    return renamed
