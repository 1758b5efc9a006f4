"""What an edit touches: the generated pages whose content differs between the site as last
built and the site now, so that `mkdocs serve --dirty` rebuilds those and only those.

A journey's pages (the journey page, each state's map page and embed view) show its maps,
the names of their personas, the larger journey it is part of and the journeys part of it.
A persona's page shows the persona and the maps it appears in. The index pages (journeys,
pain points, touchpoints, opportunities, owners, tags, personas) list every journey, so
any change touches them. A journey or persona added or removed, a tag appearing or going,
or another day (review dates) changes the site's pages or navigation: everything is
rebuilt then."""

from __future__ import annotations

from journeymaps.site.plan import SitePlan

OWN_PAGES = ("journey", "map", "embed")  # the page kinds that belong to one journey


def touched_pages(before: SitePlan | None, after: SitePlan) -> set[str] | None:
    """The src_uri of every page to rebuild; None for every page."""
    if before is None or before.today != after.today or before.emotion_scale != after.emotion_scale:
        return None
    if [p.src_uri for p in before.pages] != [p.src_uri for p in after.pages]:
        return None
    old, new = before.catalog, after.catalog
    journeys = {j for j, journey in new.journeys.items() if old.journeys[j].states != journey.states}
    personas = {p for p, persona in new.personas.items() if old.personas.get(p) != persona}
    if not journeys and not personas:
        return set()
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
    touched = set()
    for page in after.pages:
        if page.kind in OWN_PAGES:
            if page.journey is not None and page.journey.id in shown:
                touched.add(page.src_uri)
        elif page.kind == "persona":
            if page.persona is not None and page.persona.id in persona_pages:
                touched.add(page.src_uri)
        else:
            touched.add(page.src_uri)
    return touched


def journeys_touched(plan: SitePlan, touched: set[str] | None) -> set[str] | None:
    """The journeys whose files (map.json, journey.json, the Mermaid diagram) are rewritten."""
    if touched is None:
        return None
    return {p.journey.id for p in plan.pages if p.kind in OWN_PAGES and p.journey and p.src_uri in touched}
