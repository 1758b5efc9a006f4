"""What an edit touches: the generated pages whose content differs between the site as last
built and the site now, so that `mkdocs serve --dirty` rebuilds those and only those.

A journey's pages (the journey page, its summary, each state's map page and embed view) show its maps,
the names of their personas, the larger journey it is part of and the journeys part of it.
A persona's page shows the persona and the maps it appears in. The index pages (journeys,
pain points, touchpoints, opportunities, owners, tags, personas) list every journey, so
any change touches them; a tag's page lists the maps with that tag, a source's page the
maps that list or cite it. An edit of a map's
notes alone (the Markdown under its front matter) touches only its own page, which is
where they are shown. A journey or persona added or removed, a tag appearing or going, or
another day (review dates), or a metric's data changes the site's pages or navigation:
everything is rebuilt then."""

from __future__ import annotations

import dataclasses

from journeymaps.model import Journey, Map
from journeymaps.site import urls
from journeymaps.site.plan import PlannedPage, SitePlan

OWN_PAGES = ("journey", "summary", "map", "embed")  # the page kinds that belong to one journey


def touched_pages(before: SitePlan | None, after: SitePlan) -> set[str] | None:
    """The src_uri of every page to rebuild; None for every page."""
    if before is None or before.today != after.today or before.emotion_scale != after.emotion_scale:
        return None
    if [p.src_uri for p in before.pages] != [p.src_uri for p in after.pages]:
        return None
    old, new = before.catalog, after.catalog
    if old.metrics != new.metrics:
        return None  # a metric's data: every page that shows it, and the measures across maps
    journeys = {j for j, journey in new.journeys.items() if old.journeys[j].states != journey.states}
    personas = {p for p, persona in new.personas.items() if old.personas.get(p) != persona}
    notes = {j for j in journeys if _notes_only(old.journeys[j], new.journeys[j])}
    journeys -= notes
    if not journeys and not personas:
        return {urls.map_src(j, s) for j in notes for s in new.journeys[j].states if _notes_differ(old, new, j, s)}
    shown = set(journeys)  # journeys whose pages show something that changed
    persona_pages = set(personas)  # personas whose pages show something that changed
    for catalog in (old, new):
        for jid, journey in catalog.journeys.items():
            parent = journey.part_of.journey if journey.part_of else None
            if jid in journeys:
                persona_pages |= set(journey.personas)  # their pages list this journey's maps
                if parent:
                    shown.add(parent)  # it lists this journey among its details
            if parent in journeys or personas & set(journey.personas):
                shown.add(jid)  # it names the changed journey as its larger one, or the persona
    touched = {urls.map_src(j, s) for j in notes for s in new.journeys[j].states if _notes_differ(old, new, j, s)}
    earlier = before.by_src()
    for page in after.pages:
        if page.kind in OWN_PAGES:
            if page.journey is not None and page.journey.id in shown:
                touched.add(page.src_uri)
        elif page.kind == "persona":
            if page.persona is not None and page.persona.id in persona_pages:
                touched.add(page.src_uri)
        elif page.kind in ("tag", "research-source"):
            # A tag's page and a source's page list their maps, as they were and as they are.
            if any(m.journey in shown for m in _listed(page) + _listed(earlier.get(page.src_uri))):
                touched.add(page.src_uri)
        else:
            touched.add(page.src_uri)
    return touched


def _listed(page: PlannedPage | None) -> list[Map]:
    """The maps a tag's or a source's page lists."""
    if page is None:
        return []
    if page.tag is not None:
        return page.tag.maps
    if page.research is not None:
        return page.research.maps + [c.map for c in page.research.citations]
    return []


def _notes_only(old: Journey, new: Journey) -> bool:
    """Whether the journey's maps differ in their notes alone."""
    if old.states.keys() != new.states.keys():
        return False
    return all(
        dataclasses.replace(old.states[s], body="") == dataclasses.replace(m, body="") for s, m in new.states.items()
    )


def _notes_differ(old, new, journey: str, state: str) -> bool:
    return old.journeys[journey].states[state].body != new.journeys[journey].states[state].body


def indexes_touched(touched: set[str] | None) -> bool:
    """Whether the views across every journey (index.json, opportunities.csv, the index
    pages) are rebuilt."""
    return touched is None or urls.JOURNEYS_INDEX in touched


def journeys_touched(plan: SitePlan, touched: set[str] | None) -> set[str] | None:
    """The journeys whose files (map.json, journey.json, the Mermaid diagram) are rewritten."""
    if touched is None:
        return None
    return {p.journey.id for p in plan.pages if p.kind in OWN_PAGES and p.journey and p.src_uri in touched}
