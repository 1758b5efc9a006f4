"""The MkDocs plugin: a thin adapter between MkDocs and the journeymaps core."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .catalog import load_catalog
from .model import Catalog
from .problems import InvalidSite
from .settings import Settings, settings_from_options

log = logging.getLogger("mkdocs.plugins.journeymaps")


class JourneyMapsConfig(base.Config):
    # No defaults here: journeymaps.settings owns them, so the command line and
    # the plugin cannot drift apart.
    maps_dir = c.Optional(c.Type(str))
    personas_dir = c.Optional(c.Type(str))
    emotion_scale = c.Optional(c.Type(list))
    review_every = c.Optional(c.Type(int))
    channels = c.Optional(c.Type(dict))


class JourneyMapsPlugin(BasePlugin[JourneyMapsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.settings = Settings()
        self.catalog: Catalog | None = None
        self.root = Path.cwd()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Everything is read and validated here, before MkDocs cleans site_dir,
        # so a broken map leaves the last good site whole.
        self.root = Path(config.config_file_path or ".").resolve().parent
        options = {k: v for k, v in self.config.items() if v is not None}
        language = (config.theme.get("language") or "en") if config.theme else "en"
        self.settings, errors = settings_from_options(options, language=language)
        if errors:
            raise PluginError("\n".join(f"plugins.journeymaps: {e}" for e in errors))
        try:
            self.catalog = load_catalog(self.root, self.settings)
        except InvalidSite as err:
            self.catalog = None
            raise PluginError(f"{err.report()}\n{err}; nothing was built") from None
        for folder in (self.settings.maps_dir, self.settings.personas_dir):
            if (self.root / folder).is_dir():
                config.watch.append(str(self.root / folder))
        return config
