"""A generated page is its source file's page (the map, the persona): plugins that read a
page's file find the author's file there. git-revision-date-localized dates the page by the
file's commits, and edit links lead to it, also under mkdocs-monorepo-plugin, which moves
docs_dir into a temporary folder of its own."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


def point_at_source(file: File, source: Path | None, config: MkDocsConfig) -> None:
    """Make ``file`` (generated) the page of ``source`` (an author's file), or of mkdocs.yml
    for pages made from the whole site (the index pages), which have no edit link and keep
    the build's date."""
    if source is None:
        file.abs_src_path = str(config.config_file_path)
        file.edit_uri = None
        return
    file.abs_src_path = str(source)
    file.edit_uri = _relative(str(source), authors_docs_dir(config))
    # Plugins take a file generated_by a plugin for one without history (revision dates
    # show the build's time); this one's history is the source file's.
    file.generated_by = None


@lru_cache(maxsize=65536)  # every generated page of a map asks for it, at every build under `mkdocs serve`
def _relative(source: str, docs_dir: str) -> str:
    return Path(os.path.relpath(source, docs_dir)).as_posix()


def authors_docs_dir(config: MkDocsConfig) -> str:
    """The docs folder as the author configured it, before mkdocs-monorepo-plugin merged it
    into a temporary one; edit_uri is relative to it."""
    for plugin in config.plugins.values():
        original = getattr(plugin, "originalDocsDir", None)
        if type(plugin).__module__.startswith("mkdocs_monorepo_plugin") and original:
            return str(original)
    return str(config.docs_dir)
