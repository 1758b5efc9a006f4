"""The part of the site's navigation journeymaps adds, as data: which pages, under which
titles, in which sections. The plugin turns it into MkDocs' own navigation objects."""

from __future__ import annotations

from dataclasses import dataclass

from journeymaps.settings import Settings
from journeymaps.site import urls
from journeymaps.site.plan import SitePlan
from journeymaps.text import Text


@dataclass(frozen=True)
class NavPage:
    title: str
    src: str  # the page's src_uri


@dataclass(frozen=True)
class NavSection:
    title: str
    children: tuple[NavPage | NavSection, ...]


def portfolio_nav(plan: SitePlan, settings: Settings, text: Text) -> list[NavSection]:
    """Journeys and Personas. Material renders the whole nav into every page: past
    ``nav_limit`` journeys (or personas) the nav keeps only the index pages, whose filters
    find one faster anyway. A page per tag is reached from the tags index and from every tag
    on a map, not from the nav. Pages the plan no longer has (an author's file stands in for
    them) are left out: the author's nav places those."""
    planned = {p.src_uri for p in plan.pages}

    def page(src: str, title: str) -> tuple[NavPage, ...]:
        return (NavPage(title, src),) if src in planned else ()

    journeys: list[NavPage | NavSection] = [
        *page(urls.JOURNEYS_INDEX, text["all_journeys"]),
        *page(urls.PAIN_POINTS_INDEX, text["pain_points"]),
        *page(urls.TOUCHPOINTS_INDEX, text["touchpoints"]),
        *page(urls.OPPORTUNITIES_INDEX, text["opportunities"]),
        *page(urls.OPPORTUNITY_MATRIX, text["matrix"]),
        *page(urls.OWNERS_INDEX, text["owners"]),
        *page(urls.TAGS_INDEX, text["tags"]),
        *page(urls.RESEARCH_INDEX, text["research"]),
    ]
    if len(plan.catalog.journeys) <= settings.nav_limit:
        for journey in plan.catalog.journeys.values():
            children = page(urls.journey_src(journey.id), text["compare_states"])
            for m in journey.ordered_states():
                children += page(urls.map_src(journey.id, m.state), text[f"state.{m.state}"])
            if children:
                journeys.append(NavSection(journey.title, children))
    personas: list[NavPage | NavSection] = [*page(urls.PERSONAS_INDEX, text["all_personas"])]
    if len(plan.catalog.personas) <= settings.nav_limit:
        for persona in plan.catalog.personas.values():
            personas += page(urls.persona_src(persona.id), persona.name)
    sections = [NavSection(text["journeys"], tuple(journeys)), NavSection(text["personas"], tuple(personas))]
    return [s for s in sections if s.children]
