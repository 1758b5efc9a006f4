"""A site's mkdocs.yml read by MkDocs itself (INHERIT, !ENV, plugin options, docs_dir), for
the command line, so that the command line and the build can never see different settings.
An adapter to MkDocs, like plugin.py; the core never imports it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymaps.settings import Settings, settings_from_options
from journeymaps.text import Msg

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class SiteConfigError(Exception):
    """mkdocs.yml is missing or wrong; carries the messages to show."""

    def __init__(self, *messages: Msg):
        self.messages = list(messages)
        super().__init__("; ".join(str(m) for m in messages))


@dataclass(frozen=True)
class Site:
    root: Path  # the folder holding mkdocs.yml: paths in problems are relative to it
    config_file: Path
    settings: Settings
    site_name: str
    site_url: str | None
    docs_dir: Path
    use_directory_urls: bool
    language: str  # the theme's, as written (zh, zh-Hans, en)


def find_config(site_dir: Path) -> Path:
    for name in CONFIG_NAMES:
        if (site_dir / name).is_file():
            return site_dir / name
    raise SiteConfigError(Msg("cli.no_config", folder=str(site_dir)))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@contextlib.contextmanager
def _mkdocs_messages() -> Iterator[_Collect]:
    """MkDocs logs what is wrong with a config; keep it for our message instead."""
    log = logging.getLogger("mkdocs")
    handler = _Collect()
    log.addHandler(handler)
    propagate, log.propagate = log.propagate, False
    try:
        yield handler
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


def plugin_options(plugin_config: Any) -> dict[str, Any]:
    """The options an author set (MkDocs fills the others with None)."""
    return {k: v for k, v in dict(plugin_config or {}).items() if v is not None}


def load_site(site_dir: Path) -> Site:
    """The site as MkDocs reads it. Raises SiteConfigError with what is wrong."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    path = find_config(site_dir.resolve())
    with _mkdocs_messages() as told:
        try:
            config = load_config(str(path))
        except (MkDocsException, OSError) as err:  # Abort, a SystemExit, is one too
            said = told.records or [str(err)]
            raise SiteConfigError(*(Msg("cli.config_error", file=path.name, message=m) for m in said)) from None
    plugin = config.plugins.get("journeymaps")
    options = plugin_options(plugin.config) if plugin is not None else {}
    language = str(config.theme.get("language") or "en") if config.theme else "en"
    settings, errors = settings_from_options(options, language=language)
    if errors:
        raise SiteConfigError(*(Msg("config.where", file=path.name, message=e) for e in errors))
    return Site(
        root=path.parent,
        config_file=path,
        settings=settings,
        site_name=config.site_name,
        site_url=config.site_url or None,
        docs_dir=Path(config.docs_dir),
        use_directory_urls=config.use_directory_urls,
        language=language,
    )


def load_settings(site_dir: Path) -> Settings:
    return load_site(site_dir).settings
