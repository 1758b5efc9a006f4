"""Which pages the site has, at which URLs, each with the data it shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from journeymaps.analysis.compare import Comparison, compare_journey
from journeymaps.analysis.evidence import Citation, Research, map_citations, research
from journeymaps.analysis.heatmap import MapHeat, map_heat
from journeymaps.analysis.matrix import Matrix, opportunity_matrix
from journeymaps.analysis.measures import MapMeasures, measure_map
from journeymaps.analysis.portfolio import (
    MapGroup,
    OpportunityRow,
    Portfolio,
    Touchpoint,
    TouchpointUse,
    opportunity_rows,
    touchpoint_uses,
    touchpoints_by_channel,
)
from journeymaps.analysis.summary import JourneySummary, journey_summary
from journeymaps.model import Catalog, Journey, Map, Persona
from journeymaps.settings import DEFAULT_SCALE
from journeymaps.site import urls


@dataclass(frozen=True)
class PageKind:
    """What a kind of generated page is, declared once: its template, whether search
    reads it, whether it shows a table of contents, and its title."""

    name: str
    # Search reads it; pages whose words all stand on map pages are left out, so that
    # results lead to the map.
    searchable: bool = True
    toc: bool = False  # the canvas and tables need the width more than a short TOC
    wide: bool = False  # the whole window, the site navigation out of the way: the canvas
    # A title from the catalogue (index pages), which may hold the page's own {name} (a tag's);
    # None: the map's, journey's or persona's own.
    label: str | None = None
    # A whole HTML document of our own, outside the theme (the embed view): no header, nav,
    # search or footer of the theme, and no theme script that could take over its links.
    standalone: bool = False

    @property
    def template(self) -> str:
        return f"{self.name}.html"


KINDS: dict[str, PageKind] = {
    kind.name: kind
    for kind in (
        PageKind("journeys", label="journeys"),
        PageKind("journey", searchable=False, wide=True),
        PageKind("map", wide=True),
        PageKind("embed", searchable=False, standalone=True),
        PageKind("touchpoints", searchable=False, label="touchpoints"),
        PageKind("opportunities", searchable=False, label="opportunities"),
        PageKind("matrix", searchable=False, wide=True, label="matrix"),
        PageKind("summary", searchable=False, wide=True, label="summary_title"),
        # The portfolio views repeat words of the map pages: search leads to the maps instead.
        PageKind("pain-points", searchable=False, wide=True, label="pain_points"),
        PageKind("owners", searchable=False, label="owners"),
        PageKind("tags", searchable=False, label="tags"),
        PageKind("tag", searchable=False, label="tag_title"),
        PageKind("personas", label="personas"),
        PageKind("persona", toc=True),
        # A team's research repository: every source, and what cites each.
        PageKind("research", label="research"),
        PageKind("research-source", searchable=False),
    )
}


@dataclass
class PlannedPage:
    kind: str  # a key of KINDS
    src_uri: str
    title: str
    source: str | None = None  # the author's file (relative to the site root) behind the page
    journey: Journey | None = None
    map: Map | None = None
    persona: Persona | None = None
    tag: MapGroup | None = None
    research: Research | None = None
    body: str = ""

    @property
    def policy(self) -> PageKind:
        return KINDS[self.kind]


@dataclass
class SitePlan:
    catalog: Catalog  # only what is published: drafts are left out unless previewing
    pages: list[PlannedPage] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    emotion_scale: tuple[float, float] = DEFAULT_SCALE
    metrics_stale_after: int = 45

    _comparisons: dict[str, Comparison] = field(default_factory=dict)
    _portfolio: Portfolio | None = None
    _maps_of: dict[str, list[Map]] | None = None
    _measures: dict[tuple[str, str], MapMeasures] = field(default_factory=dict)
    _research: list[Research] | None = None
    # Each map's opportunities, by the map's identity (the map held with them).
    _opportunities: dict[int, tuple[Map, list[OpportunityRow]]] = field(default_factory=dict)
    # Each map's steps at a touchpoint, the same way.
    _touchpoint_uses: dict[int, tuple[Map, list[tuple[str, TouchpointUse]]]] = field(default_factory=dict)
    _touchpoints: list[tuple[str | None, list[Touchpoint]]] | None = None
    # And each map's steps and pain points citing a source, and its part of the heat map.
    _citations: dict[int, tuple[Map, list[tuple[str, Citation]]]] = field(default_factory=dict)
    _heat: dict[int, tuple[Map, MapHeat]] = field(default_factory=dict)

    def measures(self, m: Map) -> MapMeasures:
        """A map's measured KPIs and steps, worked out once for its pages and map.json."""
        key = (m.journey, m.state)
        if key not in self._measures:
            self._measures[key] = measure_map(m, self.catalog.metrics, self.today, self.metrics_stale_after)
        return self._measures[key]

    @property
    def research(self) -> list[Research]:
        """Every source of the published maps, with what cites it."""
        if self._research is None:
            self._research = research(self.catalog, self._citations_of)
        return self._research

    _matrix: Matrix | None = None
    _summaries: dict[str, JourneySummary] = field(default_factory=dict)

    @property
    def matrix(self) -> Matrix:
        """The opportunity matrix, for its page and journeymaps.json."""
        if self._matrix is None:
            self._matrix = opportunity_matrix(self.catalog, self.all_opportunities)
        return self._matrix

    @property
    def portfolio(self) -> Portfolio:
        """The views across journeys (nesting, heat map, tags, owners, review queue), each
        worked out once per build for every page and file that shows it."""
        if self._portfolio is None:
            self._portfolio = Portfolio(self.catalog, self.today, self.emotion_scale, self.comparison, self._heat_of)
        return self._portfolio

    def comparison(self, journey: Journey) -> Comparison:
        """Current against future, worked out once for the journey page and journey.json."""
        if journey.id not in self._comparisons:
            self._comparisons[journey.id] = compare_journey(journey)
        return self._comparisons[journey.id]

    def opportunities_of(self, m: Map) -> list[OpportunityRow]:
        """A map's opportunities with the pain points they address, worked out once for the
        opportunities page, the matrix and the CSV."""
        found = self._opportunities.get(id(m))
        if found is None or found[0] is not m:
            found = self._opportunities[id(m)] = (m, opportunity_rows(m))
        return found[1]

    def _heat_of(self, m: Map) -> MapHeat:
        found = self._heat.get(id(m))
        if found is None or found[0] is not m:
            found = self._heat[id(m)] = (m, map_heat(m, self.emotion_scale))
        return found[1]

    def _citations_of(self, m: Map) -> list[tuple[str, Citation]]:
        found = self._citations.get(id(m))
        if found is None or found[0] is not m:
            found = self._citations[id(m)] = (m, map_citations(m))
        return found[1]

    def _touchpoint_uses_of(self, m: Map) -> list[tuple[str, TouchpointUse]]:
        found = self._touchpoint_uses.get(id(m))
        if found is None or found[0] is not m:
            found = self._touchpoint_uses[id(m)] = (m, touchpoint_uses(m))
        return found[1]

    @property
    def touchpoints(self) -> list[tuple[str | None, list[Touchpoint]]]:
        """Every touchpoint by channel, for the touchpoints page: each map's steps at a
        touchpoint worked out once, and under `mkdocs serve` kept while its file is unchanged."""
        if self._touchpoints is None:
            self._touchpoints = touchpoints_by_channel(self.catalog, self._touchpoint_uses_of)
        return self._touchpoints

    @property
    def all_opportunities(self) -> list[OpportunityRow]:
        return [r for m in self.catalog.maps() for r in self.opportunities_of(m)]

    def keep_comparisons(self, before: SitePlan | None) -> None:
        """Take over the comparisons of journeys whose maps are the very same as in an earlier
        plan (files unchanged under `mkdocs serve`): each is worked out once per edit; and so
        the opportunities, the touchpoints, the citations and the heat-map part of each map."""
        if before is None:
            return
        maps = {id(m) for m in self.catalog.maps()}
        self._opportunities = {k: found for k, found in before._opportunities.items() if k in maps}
        self._touchpoint_uses = {k: found for k, found in before._touchpoint_uses.items() if k in maps}
        self._citations = {k: found for k, found in before._citations.items() if k in maps}
        if before.emotion_scale == self.emotion_scale:  # a stage's tone is its place on the scale
            self._heat = {k: found for k, found in before._heat.items() if k in maps}
        for jid, comparison in before._comparisons.items():
            journey, was = self.catalog.journeys.get(jid), before.catalog.journeys.get(jid)
            same = journey and was and journey.states.keys() == was.states.keys()
            if same and all(journey.states[s] is was.states[s] for s in journey.states):
                self._comparisons[jid] = comparison

    def summary(self, journey: Journey) -> JourneySummary:
        """The journey on one page, worked out once for its page and journey.json."""
        if journey.id not in self._summaries:
            self._summaries[journey.id] = journey_summary(journey, self.comparison(journey))
        return self._summaries[journey.id]

    def by_src(self) -> dict[str, PlannedPage]:
        return {p.src_uri: p for p in self.pages}

    def without(self, src_uri: str) -> None:
        """Leave out a page an author's own file stands in for."""
        self.pages = [p for p in self.pages if p.src_uri != src_uri]

    def maps_of(self, persona_id: str) -> list[Map]:
        """The maps a persona appears in: indexed once, not searched per persona."""
        if self._maps_of is None:
            self._maps_of = {}
            for m in self.catalog.maps():
                for persona in m.persona:
                    self._maps_of.setdefault(persona, []).append(m)
        return self._maps_of.get(persona_id, [])


def published(catalog: Catalog, include_drafts: bool) -> Catalog:
    journeys = {}
    for jid, journey in catalog.journeys.items():
        states = {s: m for s, m in journey.states.items() if include_drafts or not m.draft}
        if states:
            journeys[jid] = Journey(jid, states)
    return Catalog(personas=catalog.personas, journeys=journeys, metrics=catalog.metrics)


def plan_site(
    catalog: Catalog,
    include_drafts: bool = False,
    today: dt.date | None = None,
    emotion_scale: tuple[float, float] = DEFAULT_SCALE,
    metrics_stale_after: int = 45,
    before: SitePlan | None = None,
) -> SitePlan:
    """The site's pages; ``before``: the plan of the last build under `mkdocs serve`, whose
    work on maps that are the very same objects is taken over (``keep_comparisons``)."""
    site = published(catalog, include_drafts)
    plan = SitePlan(
        site, today=today or dt.date.today(), emotion_scale=emotion_scale, metrics_stale_after=metrics_stale_after
    )
    plan.keep_comparisons(before)  # before the pages, which ask for the research and the tags
    plan.pages.append(PlannedPage("journeys", urls.JOURNEYS_INDEX, "journeys"))
    for journey in site.journeys.values():
        first = journey.ordered_states()[0]
        plan.pages.append(
            PlannedPage("journey", urls.journey_src(journey.id), journey.title, first.path, journey=journey)
        )
        plan.pages.append(
            PlannedPage("summary", urls.summary_src(journey.id), journey.title, first.path, journey=journey)
        )
        for m in journey.ordered_states():
            plan.pages.append(
                PlannedPage("map", urls.map_src(journey.id, m.state), m.title, m.path, journey, m, body=m.body)
            )
            plan.pages.append(PlannedPage("embed", urls.embed_src(journey.id, m.state), m.title, m.path, journey, m))
    plan.pages.append(PlannedPage("pain-points", urls.PAIN_POINTS_INDEX, "pain_points"))
    plan.pages.append(PlannedPage("touchpoints", urls.TOUCHPOINTS_INDEX, "touchpoints"))
    plan.pages.append(PlannedPage("opportunities", urls.OPPORTUNITIES_INDEX, "opportunities"))
    plan.pages.append(PlannedPage("matrix", urls.OPPORTUNITY_MATRIX, "matrix"))
    plan.pages.append(PlannedPage("owners", urls.OWNERS_INDEX, "owners"))
    plan.pages.append(PlannedPage("tags", urls.TAGS_INDEX, "tags"))
    for tag in plan.portfolio.tags:
        plan.pages.append(PlannedPage("tag", urls.tag_src(tag.key), tag.name, tag=tag))
    if plan.research:
        plan.pages.append(PlannedPage("research", urls.RESEARCH_INDEX, "research"))
        for found in plan.research:
            plan.pages.append(
                PlannedPage("research-source", urls.research_src(found.id), found.source.title, research=found)
            )
    plan.pages.append(PlannedPage("personas", urls.PERSONAS_INDEX, "personas"))
    for persona in site.personas.values():
        plan.pages.append(
            PlannedPage(
                "persona", urls.persona_src(persona.id), persona.name, persona.path, persona=persona, body=persona.body
            )
        )
    return plan
