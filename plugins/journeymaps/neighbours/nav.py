"""Our sections in the site's navigation, where the author put them. An author's `nav:`,
awesome-nav's .nav.yml or literate-nav's SUMMARY.md may point at generated pages
(docs/integrations.md lists the paths):

- an entry that points at the index page of one of our sections (journeys/index.md,
  personas/index.md) becomes that whole section, under the entry's title when it has one;
- an entry that points at any other generated page (a map, a journey, a persona) keeps
  that page where it is, under the author's title, and our section leaves it out;
- sections the navigation does not mention are added at its end, as on a site with no nav.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def placed(items: list, sections: list[Section], ours: set[int], titles: dict[int, str]) -> list:
    """The navigation's items with our ``sections`` in it; ``ours``: the ids of every
    generated page (in our sections or not); ``titles``: the titles the navigation gave them
    (authors_titles, read before our own titles were set)."""
    mentioned = {id(p) for p in pages_of(items) if id(p) in ours}
    index_of = {id(s.children[0]): s for s in sections if s.children and isinstance(s.children[0], Page)}
    for section in sections:
        section.children = _without(section.children, mentioned - {id(section.children[0])})
    left = [s for s in sections if s.children and id(s.children[0]) not in mentioned]

    def place(entries: list) -> list:
        out = []
        for item in entries:
            if isinstance(item, Section):
                item.children = place(item.children)
                out.append(item)
            elif id(item) in index_of:
                section = index_of[id(item)]
                section.title = titles.get(id(item), section.title)
                out.append(section)
            else:
                if id(item) in titles:
                    item.title = titles[id(item)]
                out.append(item)
        return out

    return place(items) + left


def authors_titles(items: list, ours: set[int]) -> dict[int, str]:
    """The titles the navigation gives generated pages it places itself, by page id: MkDocs
    sets them from the nav entries, before the pages are read."""
    return {id(p): t for p in pages_of(items) if id(p) in ours and (t := vars(p).get("title"))}


def linked(items: list) -> Navigation:
    """A Navigation of the items, with parents, and previous and next pages in reading order."""
    _link_parents(items, None)
    pages = pages_of(items)
    for previous, page in zip([None, *pages], pages, strict=False):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if pages:
        pages[-1].next_page = None
    return Navigation(items, pages)


def _without(items: list, pages: set[int]) -> list:
    """The items with the given pages removed, and sections left empty by that dropped."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _without(item.children, pages)
            if item.children:
                kept.append(item)
        elif id(item) not in pages:
            kept.append(item)
    return kept


def _link_parents(items: list, parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link_parents(item.children, item)


def pages_of(items: list) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Section):
            out += pages_of(item.children)
        elif isinstance(item, Page):
            out.append(item)
    return out
