"""Material's tags plugin. When it is on, the site has one tags index, the theme's: maps
carry their tags as page metadata, so its index lists maps beside the docs pages, and our
own tag pages (tags/, tags/<tag>/) are not made. When it is off, ours are the tag pages."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from journeymaps.site import urls
from journeymaps.site.plan import SitePlan


def material_tags_on(config: MkDocsConfig) -> bool:
    """Whether Material's tags plugin (listed as `tags` or `material/tags`) is enabled."""
    for name, plugin in config.plugins.items():
        if name.rsplit("/", 1)[-1] == "tags" and type(plugin).__module__.startswith("material."):
            return bool(plugin.config.get("enabled", True))
    return False


def our_tag_pages(plan: SitePlan) -> list[str]:
    """The src_uri of the tags index and of every tag's page."""
    return [p.src_uri for p in plan.pages if p.src_uri == urls.TAGS_INDEX or p.kind == "tag"]


def own_titles(pages: list[Page]) -> dict[int, tuple[Page, str]]:
    """Give generated pages their own titles ('Opening a current account · Current state')
    while the tags plugin writes its index (in on_env): the navigation calls a map by its
    state alone, under its journey, which says nothing in a list of tagged pages. Returns
    the navigation's titles, to put back with ``nav_titles``."""
    kept: dict[int, tuple[Page, str]] = {}
    for page in pages:
        own, label = page.meta.get("title"), vars(page).get("title")
        if own and label and own != label:
            kept[id(page)] = (page, label)
            page.title = own
    return kept


def nav_titles(kept: dict[int, tuple[Page, str]]) -> None:
    for page, label in kept.values():
        page.title = label
