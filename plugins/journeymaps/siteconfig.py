"""Read the plugin's options from a site's mkdocs.yml without MkDocs, for the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from journeymaps.settings import Settings, settings_from_options


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml often holds tags such as !!python/name or !ENV; we need none of them."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


class SiteConfigError(Exception):
    pass


def find_config(site_dir: Path) -> Path:
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if (site_dir / name).is_file():
            return site_dir / name
    raise SiteConfigError(f"{site_dir}: no mkdocs.yml here; pass the folder that holds the site's mkdocs.yml")


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        if entry == "journeymaps":
            return {}
        if isinstance(entry, dict) and "journeymaps" in entry:
            return dict(entry["journeymaps"] or {})
    return {}


def load_settings(site_dir: Path) -> Settings:
    path = find_config(site_dir)
    try:
        config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise SiteConfigError(f"{path.name}: cannot read it: {err}") from None
    if not isinstance(config, dict):
        raise SiteConfigError(f"{path.name}: must be a mapping of settings")
    theme = config.get("theme")
    language = theme.get("language", "en") if isinstance(theme, dict) else "en"
    settings, errors = settings_from_options(plugin_options(config), language=str(language or "en"))
    if errors:
        raise SiteConfigError("\n".join(f"{path.name}: plugins.journeymaps: {e}" for e in errors))
    return settings
