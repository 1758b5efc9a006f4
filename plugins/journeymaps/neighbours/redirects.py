"""mkdocs-redirects. It looks a redirect's target up among the pages it found in its own
on_files and writes the redirect in on_post_build. On a site without static-i18n our pages
are added before it looks (plugin.py, on_files at priority 50); with static-i18n they are
added only after i18n has made the files of the language anew (priority -110), long after
redirects has looked, and a redirect to a map page would be "a target that does not exist".
So the pages we add then are told to it as well.

While static-i18n builds another language, redirects has looked at the site's files as
they were before i18n placed them under the language's folder: a redirect to any page
leads to the default language's address (the site's root redirect pages are the default
language's). Ours are told the same way."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


def tell_about(pages: Iterable[File], config: MkDocsConfig, folder: str) -> None:
    """Add our generated pages, at their address in the default language (without the
    language's ``folder``), to the pages the redirects plugin checks its targets against."""
    for plugin in config.plugins.values():
        if not type(plugin).__module__.startswith("mkdocs_redirects"):
            continue
        known = getattr(plugin, "doc_pages", None)
        if not isinstance(known, dict):
            return  # a version of the plugin that keeps its pages otherwise: left as it is
        for file in pages:
            if file.is_documentation_page():
                # redirects reads a page's url alone
                known.setdefault(file.src_uri, SimpleNamespace(url=file.url.removeprefix(folder)))
