"""mkdocs-static-i18n. It builds the site once per language, the other languages into a
folder each (zh/), and rebuilds MkDocs' files from the docs folder in its own on_files,
where generated files (with no source there) have no place.

What a map page is on a two-language site: one page per language, with the same map (maps
are written once, in the language their authors chose) and the chrome of that language:
headings, labels, dates, the preview image's captions. So on a site in English and Chinese,
journeys/open-account/current/ has English labels and zh/journeys/open-account/current/
Chinese ones, and the language switcher on a generated page leads to the same page in the
other language. Our files are added after i18n's on_files, under the language's folder."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


def plugin(config: MkDocsConfig) -> Any | None:
    """The static-i18n plugin of this site, if it runs one."""
    for candidate in config.plugins.values():
        if type(candidate).__module__.startswith("mkdocs_static_i18n"):
            return candidate
    return None


def folder(config: MkDocsConfig) -> str:
    """The folder of the language being built ('zh/'), '' for the default language or on a
    site without i18n."""
    i18n = plugin(config)
    if i18n is None or i18n.current_language in (None, i18n.default_language):
        return ""
    return f"{i18n.current_language}/"


def localise(file: File, config: MkDocsConfig) -> None:
    """Put a generated file under the folder of the language being built, and, for a page,
    give it what i18n reads to point the language switcher at the same page in each language."""
    i18n = plugin(config)
    if i18n is None:
        return
    here = folder(config)
    default_dest = file.dest_uri
    file.dest_uri = here + default_dest
    if not file.is_documentation_page():
        return
    url = file.url.removeprefix(here)
    file.locale = i18n.current_language
    file.localization = None
    file.locale_alternate_of = i18n.current_language
    file.alternates = {
        language: SimpleNamespace(url=url if language == i18n.default_language else f"{language}/{url}")
        for language in i18n.build_languages
    }
