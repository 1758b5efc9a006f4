"""Where a page is, as MkDocs finally has it. Plugins listed after journeymaps change
addresses after our on_config: Material's offline plugin turns directory URLs off, i18n
moves pages under a language folder. So links on generated pages are worked out from
MkDocs' own File objects when the page is rendered, not from strings worked out early."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from mkdocs.structure.files import Files


def locator(files: Files) -> Callable[[str], str | None]:
    """The site-relative URL of the page made from ``src_uri`` (unquoted, as MkDocs' File.url
    is quoted: unquoted here because the renderer quotes once); None for a file MkDocs does
    not have, whose address the renderer then works out itself."""

    def url_of(src_uri: str) -> str | None:
        file = files.get_file_from_path(src_uri)
        return unquote(file.url) if file is not None else None

    return url_of
