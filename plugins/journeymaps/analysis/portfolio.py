"""Views across every map: touchpoints by channel, every opportunity, how journeys nest,
tags, owners and the review queue."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from journeymaps.analysis.compare import Comparison
from journeymaps.analysis.heatmap import HeatMap, MapHeat, OpenPain, heat_map, open_pain_points
from journeymaps.format.fields import slugify
from journeymaps.model import STATES, Catalog, Journey, Map, Opportunity, PainPoint, Persona, Stage, Step
from journeymaps.text import Text


@dataclass
class TouchpointUse:
    map: Map
    stage: Stage
    step: Step


@dataclass
class Touchpoint:
    name: str
    channel: str | None
    uses: list[TouchpointUse] = field(default_factory=list)

    def mean_emotion(self, state: str) -> float | None:
        """How customers feel here in one state: today's figure and the designed one are never
        blended into a number that describes neither."""
        values = [u.step.emotion for u in self.uses if u.map.state == state and u.step.emotion is not None]
        return round(sum(values) / len(values), 2) if values else None

    def made_of(self) -> list[Map | Step]:
        """What its row shows: the maps and steps that use it (site/rows.py)."""
        return [u.map for u in self.uses] + [u.step for u in self.uses]

    @property
    def current(self) -> float | None:
        return self.mean_emotion("current")

    @property
    def future(self) -> float | None:
        return self.mean_emotion("future")


def touchpoint_uses(m: Map) -> list[tuple[str, TouchpointUse]]:
    """The steps of a map at a touchpoint, each with the touchpoint's key: the same touchpoint
    written with other capitals or spaces is one."""
    return [
        (" ".join(step.touchpoint.lower().split()), TouchpointUse(m, stage, step))
        for stage in m.stages
        for step in stage.steps
        if step.touchpoint
    ]


def touchpoints_by_channel(
    catalog: Catalog, uses_of: Callable[[Map], list[tuple[str, TouchpointUse]]] = touchpoint_uses
) -> list[tuple[str | None, list[Touchpoint]]]:
    """Channels in order of first use (no channel last), each with its touchpoints by name;
    the same touchpoint written with other capitals or spaces counts once. ``uses_of`` gives
    each map's (kept under `mkdocs serve` while its file is unchanged)."""
    groups: dict[str | None, dict[str, Touchpoint]] = {}
    for m in catalog.maps():
        for key, use in uses_of(m):
            step = use.step
            channel = groups.setdefault(step.channel, {})
            found = channel.get(key)
            if found is None:
                found = channel[key] = Touchpoint(step.touchpoint, step.channel)
            found.uses.append(use)
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [(channel, sorted(found.values(), key=lambda t: t.name.lower())) for channel, found in ordered]


@dataclass
class OpportunityRow:
    map: Map
    stage: Stage
    step: Step
    opportunity: Opportunity
    addresses: list[PainPoint]


def opportunity_rows(m: Map) -> list[OpportunityRow]:
    """The opportunities of one map in step order, each with the pain points it addresses."""
    pains = {p.id: p for p in m.pain_points}
    return [
        OpportunityRow(m, stage, step, opp, [pains[i] for i in opp.addresses if i in pains])
        for stage in m.stages
        for step in stage.steps
        for opp in step.opportunities
    ]


def all_opportunities(catalog: Catalog) -> list[OpportunityRow]:
    return [row for m in catalog.maps() for row in opportunity_rows(m)]


def opportunity_choices(rows: list[OpportunityRow], key: str) -> list[str]:
    """The values of one of the opportunities' keys a filter offers: each once whatever its
    capitals (as first written), in alphabetical order, capitals aside."""
    found: dict[str, str] = {}
    for r in rows:
        value = getattr(r.opportunity, key)
        if value and value.lower() not in found:
            found[value.lower()] = value
    return sorted(found.values(), key=str.lower)


@dataclass
class PainRow:
    map: Map
    stage: Stage
    step: Step
    pain: PainPoint
    addressed_by: list[Opportunity]


def pain_rows(m: Map) -> list[PainRow]:
    """The pain points of one map in step order, each with the opportunities that address it."""
    return [
        PainRow(m, stage, step, pain, [o for o in m.opportunities if pain.id in o.addresses])
        for stage in m.stages
        for step in stage.steps
        for pain in step.pain_points
    ]


CSV_COLUMNS = (
    "journey", "state", "map", "stage", "step", "id", "opportunity", "priority", "owner", "status",
    "addresses", "url", "impact", "effort",
)  # fmt: skip


def _cell(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheet apps: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def opportunities_csv(rows: list[OpportunityRow], url_of: Callable[[Map, Step], str], text: Text) -> str:
    """The opportunities for a spreadsheet, headers and values in the site's language. In
    English they are the format's own words (planned, high), which tools already filter on;
    ids stay as written everywhere: they are what tools join on."""
    return csv_header(text) + csv_lines(rows, url_of, text)


def csv_header(text: Text) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(text[f"csv.{column}"] for column in CSV_COLUMNS)
    return out.getvalue()


def csv_lines(rows: list[OpportunityRow], url_of: Callable[[Map, Step], str], text: Text) -> str:
    """The lines of ``rows`` under the header: a file's lines one map at a time are the same."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for r in rows:
        o = r.opportunity
        writer.writerow(
            _cell(value)
            for value in (
                r.map.journey, text[f"csv.state.{r.map.state}"], r.map.title, r.stage.name, r.step.name, o.id,
                o.text, text[f"csv.level.{o.priority}"] if o.priority else "", o.owner or "",
                text[f"csv.status.{o.status}"] if o.status else "", "; ".join(p.text for p in r.addresses),
                url_of(r.map, r.step), text[f"csv.level.{o.impact}"] if o.impact else "",
                text[f"csv.level.{o.effort}"] if o.effort else "",
            )
        )  # fmt: skip
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# The portfolio: how journeys nest, tags, owners, the review queue and the filters that the
# index views share. Each is worked out once per build, in one pass over the catalog.


@lru_cache(maxsize=65536)  # the same few owners and tags, asked for by every row that shows them
def group_key(text: str) -> str:
    """The identity of a tag or owner, and its address: a slug, so that 'Mobile' and 'mobile'
    are one tag; text with no letters or digits at all gets a stable key of its own."""
    return slugify(text) or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


@dataclass
class Place:
    """Where a journey sits: a larger journey as a whole, or one of its stages."""

    journey: Journey
    stage: Stage | None
    map: Map  # the larger journey's map that shows the stage: its current state where it has one


@dataclass
class Nesting:
    places: dict[str, Place] = field(default_factory=dict)
    detailed_by: dict[tuple[str, str | None], list[Journey]] = field(default_factory=dict)

    def place_of(self, journey: Journey) -> Place | None:
        return self.places.get(journey.id)

    def details(self, journey: Journey, stage: Stage | None = None) -> list[Journey]:
        """The journeys that zoom into this stage (or into the journey as a whole)."""
        return self.detailed_by.get((journey.id, stage.id if stage else None), [])


def _stage_order(journey: Journey) -> dict[str, tuple[int, Map, Stage]]:
    """Each stage id of a journey with its place in order and the map to show it on: the
    current state's stages first, then stages only the future state has."""
    order: dict[str, tuple[int, Map, Stage]] = {}
    for m in journey.ordered_states():
        for stage in m.stages:
            order.setdefault(stage.id, (len(order), m, stage))
    return order


def nesting(catalog: Catalog) -> Nesting:
    """Each published journey's place in a larger one, and the journeys detailing each stage.
    A larger journey that is not published (a draft) leaves the detailed one at the top."""
    out = Nesting()
    orders: dict[str, dict[str, tuple[int, Map, Stage]]] = {}
    for journey in catalog.journeys.values():
        part_of = journey.part_of
        parent = catalog.journeys.get(part_of.journey) if part_of else None
        if part_of is None or parent is None or parent.id == journey.id:
            continue
        order = orders.setdefault(parent.id, _stage_order(parent))
        found = order.get(part_of.stage) if part_of.stage else None
        if found is None:
            out.places[journey.id] = Place(parent, None, parent.ordered_states()[0])
        else:
            out.places[journey.id] = Place(parent, found[2], found[1])
        out.detailed_by.setdefault((parent.id, found[2].id if found else None), []).append(journey)
    for children in out.detailed_by.values():
        children.sort(key=lambda j: (j.title.casefold(), j.id))
    return out


@dataclass
class TreeRow:
    journey: Journey
    depth: int  # 0: a journey that is part of no other
    place: Place | None


def journey_tree(catalog: Catalog, nest: Nesting) -> list[TreeRow]:
    """Every journey once, each larger journey followed by the journeys that detail it: those
    about the journey as a whole first, then by the order of the stages they zoom into."""
    children: dict[str, list[Journey]] = {}
    for jid, place in nest.places.items():
        children.setdefault(place.journey.id, []).append(catalog.journeys[jid])
    orders = {pid: _stage_order(catalog.journeys[pid]) for pid in children}
    for pid, kids in children.items():

        def position(j: Journey, order=orders[pid]) -> tuple:
            stage = nest.places[j.id].stage
            return (order[stage.id][0] if stage else -1, j.title.casefold(), j.id)

        kids.sort(key=position)
    rows: list[TreeRow] = []
    seen: set[str] = set()
    # Depth first without recursion: a chain of nested journeys may be long.
    stack = [(j, 0) for j in reversed(catalog.journeys.values()) if j.id not in nest.places]
    while stack:
        journey, depth = stack.pop()
        if journey.id in seen:
            continue
        seen.add(journey.id)
        rows.append(TreeRow(journey, depth, nest.places.get(journey.id)))
        stack += [(kid, depth + 1) for kid in reversed(children.get(journey.id, []))]
    return rows


def facets(maps: list[Map]) -> dict[str, list[str]]:
    """What the filters of the index views match a row by: its personas, types, and the keys
    of its tags and owners (so that 'Mobile' and 'mobile' are one choice, as on the tag pages)."""
    values: dict[str, dict[str, None]] = {"persona": {}, "type": {}, "tag": {}, "owner": {}}
    for m in maps:
        values["persona"].update(dict.fromkeys(m.persona))
        values["type"][m.type] = None
        values["tag"].update(dict.fromkeys(group_key(tag) for tag in m.tags))
        if m.owner:
            values["owner"][group_key(m.owner)] = None
    return {key: list(found) for key, found in values.items()}


@dataclass
class FilterChoices:
    personas: list[Persona]
    types: list[str]
    tags: list[MapGroup]
    owners: list[MapGroup]


def filter_choices(catalog: Catalog, tags: list[MapGroup], owners: list[MapGroup]) -> FilterChoices:
    """The values the filters offer: only those some map has."""
    used = {p for m in catalog.maps() for p in m.persona}
    return FilterChoices(
        personas=[p for p in catalog.personas.values() if p.id in used],
        types=sorted({m.type for m in catalog.maps()}),
        tags=tags,
        owners=owners,
    )


@dataclass
class MapGroup:
    """Maps that share a tag or an owner; ``key`` makes its address."""

    name: str
    key: str
    maps: list[Map] = field(default_factory=list)


def _by_title(m: Map) -> tuple:
    return (m.title.casefold(), m.journey, STATES.index(m.state))


def _groups(pairs: list[tuple[str, Map]]) -> list[MapGroup]:
    groups: dict[str, MapGroup] = {}
    for name, m in pairs:
        group = groups.setdefault(group_key(name), MapGroup(name, group_key(name)))
        if not group.maps or group.maps[-1] is not m:
            group.maps.append(m)
    for group in groups.values():
        group.maps.sort(key=_by_title)
    return sorted(groups.values(), key=lambda g: (g.name.casefold(), g.key))


def maps_by_tag(catalog: Catalog) -> list[MapGroup]:
    """Every tag with its maps, tags in alphabetical order; the first spelling names the tag."""
    return _groups([(tag, m) for m in catalog.maps() for tag in m.tags])


def maps_by_owner(catalog: Catalog) -> tuple[list[MapGroup], list[Map]]:
    """Every owner with their maps, and the maps no one owns."""
    unowned = sorted((m for m in catalog.maps() if not m.owner), key=_by_title)
    return _groups([(m.owner, m) for m in catalog.maps() if m.owner]), unowned


@dataclass
class ReviewItem:
    map: Map
    days: int | None  # since the last review; None: never reviewed
    overdue: int | None  # days past the review's due date


def review_queue(catalog: Catalog, today: dt.date) -> list[ReviewItem]:
    """The maps due for review, oldest review first; maps never reviewed before them all."""
    items = []
    for m in catalog.maps():
        if not m.review_due(today):
            continue
        days = (today - m.reviewed).days if m.reviewed else None
        items.append(ReviewItem(m, days, days - m.review_every if days is not None else None))
    return sorted(items, key=lambda i: (i.map.reviewed is not None, i.map.reviewed or today, *_by_title(i.map)))


class Portfolio:
    """Every view across journeys, each worked out once per build the first time a page or a
    file asks for it."""

    def __init__(
        self,
        catalog: Catalog,
        today: dt.date,
        scale: tuple[float, float],
        comparison: Callable[[Journey], Comparison],
        heat_of: Callable[[Map], MapHeat] | None = None,
    ):
        self.catalog = catalog
        self.today = today
        self.scale = scale
        self.comparison = comparison
        self.heat_of = heat_of  # each map's part of the heat map (kept under `mkdocs serve`)

    @cached_property
    def nesting(self) -> Nesting:
        return nesting(self.catalog)

    @cached_property
    def tree(self) -> list[TreeRow]:
        return journey_tree(self.catalog, self.nesting)

    @cached_property
    def heat_map(self) -> HeatMap:
        return heat_map(self.catalog, self.scale, self.heat_of)

    @cached_property
    def open_pain_points(self) -> list[OpenPain]:
        return open_pain_points(self.catalog, self.comparison)

    @cached_property
    def tags(self) -> list[MapGroup]:
        return maps_by_tag(self.catalog)

    @cached_property
    def owners(self) -> tuple[list[MapGroup], list[Map]]:
        return maps_by_owner(self.catalog)

    @cached_property
    def review_queue(self) -> list[ReviewItem]:
        return review_queue(self.catalog, self.today)

    @cached_property
    def choices(self) -> FilterChoices:
        return filter_choices(self.catalog, self.tags, self.owners[0])
