"""How well a map rests on research: for each stage and the whole map, the share of steps
and pain points that cite at least one source (``evidence:``), by kind of source; what
cites no source is an assumption. And, across maps, every source with what cites it:
the site's research pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from journeymaps.model import SOURCE_KINDS, Catalog, Map, PainPoint, Source, Stage, Step

BUCKETS = ("none", "some", "most", "all")


@dataclass
class Coverage:
    """Steps and pain points, and how many of them cite a source (of each kind)."""

    items: int = 0
    backed: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # items citing a source of the kind

    @property
    def share(self) -> float | None:
        """Backed items over all items; None when there are none."""
        return self.backed / self.items if self.items else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def bucket(self) -> str:
        """A filter's word for the share: none, some (under half), most (half or more), all."""
        share = self.share or 0.0
        return "none" if share == 0 else "all" if share == 1 else "most" if share >= 0.5 else "some"

    def kinds(self) -> list[tuple[str, int]]:
        """The kinds of source cited, in the format's order, with their counts."""
        return [(kind, self.by_kind[kind]) for kind in SOURCE_KINDS if self.by_kind.get(kind)]

    def add(self, cited: Iterable[str], kinds: dict[str, str]) -> None:
        cited = [c for c in cited if c in kinds]
        self.items += 1
        if cited:
            self.backed += 1
            for kind in dict.fromkeys(kinds[c] for c in cited):
                self.by_kind[kind] = self.by_kind.get(kind, 0) + 1


def _items(stage: Stage) -> Iterable[Step | PainPoint]:
    for step in stage.steps:
        yield step
        yield from step.pain_points


def stage_coverage(m: Map, stage: Stage) -> Coverage:
    kinds = {s.id: s.kind for s in m.sources}
    out = Coverage()
    for item in _items(stage):
        out.add(item.evidence, kinds)
    return out


def map_coverage(m: Map) -> Coverage:
    kinds = {s.id: s.kind for s in m.sources}
    out = Coverage()
    for stage in m.stages:
        for item in _items(stage):
            out.add(item.evidence, kinds)
    return out


def is_assumption(item: Step | PainPoint) -> bool:
    """A step or pain point that cites no source."""
    return not item.evidence


@dataclass
class Citation:
    """A step or pain point (``pain`` set) of a map that cites a source."""

    map: Map
    stage: Stage
    step: Step
    pain: PainPoint | None = None


@dataclass
class Research:
    """One source, by id, as every map that lists it has it, and what cites it."""

    id: str
    source: Source  # as the first map that lists it has it
    maps: list[Map] = field(default_factory=list)  # the maps that list it
    citations: list[Citation] = field(default_factory=list)

    @property
    def cited_by_maps(self) -> list[Map]:
        return list({id(c.map): c.map for c in self.citations}.values())


def map_citations(m: Map) -> list[tuple[str, Citation]]:
    """Each step and pain point of a map that cites a source the map lists, by the source's id."""
    listed = {s.id for s in m.sources}
    found = []
    for stage in m.stages:
        for step in stage.steps:
            found += [(ident, Citation(m, stage, step)) for ident in dict.fromkeys(step.evidence) if ident in listed]
            for pain in step.pain_points:
                found += [
                    (ident, Citation(m, stage, step, pain)) for ident in dict.fromkeys(pain.evidence) if ident in listed
                ]
    return found


def research(
    catalog: Catalog, citations_of: Callable[[Map], list[tuple[str, Citation]]] = map_citations
) -> list[Research]:
    """Every source of the site's maps, by id (maps that list the same id share it), with
    the maps that list it and every step and pain point that cites it; sorted by title.
    ``citations_of`` gives each map's (kept under `mkdocs serve` while its file is unchanged)."""
    found: dict[str, Research] = {}
    for m in catalog.maps():
        for source in m.sources:
            found.setdefault(source.id, Research(source.id, source)).maps.append(m)
        for ident, citation in citations_of(m):
            found[ident].citations.append(citation)
    return sorted(found.values(), key=lambda r: (r.source.title.lower(), r.id))
