"""What changed for the customer between two readings of a site (the base and the head of a
pull request), as data: maps added, removed, renamed and changed; for a changed map, its
steps, emotions, pain points, opportunities, sources and review date. Anything else that
changed is named, not shown. Maps are matched by journey and state, stages and steps by id."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from journeymaps.analysis.compare import PainStatus, compare_journey, stage_mean
from journeymaps.authoring.diff_measures import KpiChange, kpi_changes, kpis_edited, metric_changes
from journeymaps.model import STATES, Catalog, Journey, Map, Opportunity, PainPoint, Persona, Source, Stage, Step

# What a reviewer sees of an opportunity beyond its being there.
OPPORTUNITY_FIELDS = ("status", "priority", "owner")
# Map fields that are only named when they change; the others have their own report.
MAP_EDIT_FIELDS = (
    "title", "description", "goal", "scope", "owner", "persona", "type", "tags", "review_every", "draft",
    "aliases", "part_of", "body",
)  # fmt: skip
STAGE_EDIT_FIELDS = ("name", "description")  # and "kpis", for what the measured KPIs do not report
# A step's emotion, stage, pain points, opportunities and what it resolves are reported on their own.
STEP_EDIT_FIELDS = tuple(
    f.name for f in fields(Step) if f.name not in ("id", "emotion", "pain_points", "opportunities", "resolves")
)
PAIN_EDIT_FIELDS = ("text", "severity", "evidence")
OPPORTUNITY_EDIT_FIELDS = ("text", "addresses")
SOURCE_EDIT_FIELDS = ("title", "kind", "url")
PERSONA_EDIT_FIELDS = tuple(f.name for f in fields(Persona) if f.name not in ("id", "path"))


@dataclass
class Placed:
    """A step, pain point or opportunity with the step and stage it sits in."""

    item: Step | PainPoint | Opportunity
    step: Step
    stage: Stage


@dataclass
class Move:
    step: Step
    before: Stage
    after: Stage


class _Emotions:
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after - self.before, 3)


@dataclass
class EmotionChange(_Emotions):
    step: Step  # the head's
    stage: Stage
    before: float | None
    after: float | None


@dataclass
class StageMean(_Emotions):
    id: str
    name: str
    before: float | None
    after: float | None


@dataclass
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass
class OpportunityChange:
    opportunity: Placed  # the head's
    changes: list[FieldChange]


@dataclass
class Edit:
    """Something reworded or retouched, named without its words: a wall of text helps no reviewer."""

    kind: str  # map | stage | step | pain_point | opportunity | source
    id: str
    name: str
    fields: list[str]


@dataclass
class MapChange:
    before: Map
    after: Map
    renamed_from: str | None = None
    steps_added: list[Placed] = field(default_factory=list)
    steps_removed: list[Placed] = field(default_factory=list)
    steps_moved: list[Move] = field(default_factory=list)
    emotions: list[EmotionChange] = field(default_factory=list)
    stages: list[StageMean] = field(default_factory=list)  # only stages whose mean moved
    pains_added: list[Placed] = field(default_factory=list)
    pains_removed: list[Placed] = field(default_factory=list)
    resolved: list[PainStatus] = field(default_factory=list)  # the current state's, newly resolved by a future step
    unresolved: list[PainStatus] = field(default_factory=list)  # ... resolved before, as it was then
    opportunities_added: list[Placed] = field(default_factory=list)
    opportunities_removed: list[Placed] = field(default_factory=list)
    opportunities_changed: list[OpportunityChange] = field(default_factory=list)
    sources_added: list[Source] = field(default_factory=list)
    sources_removed: list[Source] = field(default_factory=list)
    reviewed: FieldChange | None = None
    kpis: list[KpiChange] = field(default_factory=list)  # measured KPIs (diff_measures.py)
    edits: list[Edit] = field(default_factory=list)

    @property
    def journey(self) -> str:
        return self.after.journey

    @property
    def state(self) -> str:
        return self.after.state

    @property
    def emotion_moved(self) -> bool:
        return bool(self.emotions or self.stages or self.steps_added or self.steps_removed or self.steps_moved)

    def __bool__(self) -> bool:
        """Whether anything changed beyond the journey's id (a rename is reported on its own)."""
        return any(getattr(self, f.name) for f in fields(self) if f.name not in ("before", "after", "renamed_from"))


@dataclass
class Rename:
    before: str
    after: str


@dataclass
class SiteDiff:
    added: list[Map] = field(default_factory=list)
    removed: list[Map] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)
    changed: list[MapChange] = field(default_factory=list)
    # a removed journey whose URLs another journey answers now (it lists the old id in 'aliases')
    redirects: dict[str, str] = field(default_factory=dict)
    personas_added: list[Persona] = field(default_factory=list)
    personas_removed: list[Persona] = field(default_factory=list)
    personas_edited: list[Persona] = field(default_factory=list)
    metrics_added: list[str] = field(default_factory=list)  # metric data files, by id
    metrics_removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


# -- matching ---------------------------------------------------------------------------


def _placed(m: Map) -> dict[str, Placed]:
    return {step.id: Placed(step, step, stage) for stage in m.stages for step in stage.steps}


def _placed_items(m: Map, kind: str) -> dict[str, Placed]:
    """Pain points or opportunities of a map by id, with where they sit (the first of an id
    in a broken map that repeats one)."""
    found: dict[str, Placed] = {}
    for stage in m.stages:
        for step in stage.steps:
            for item in getattr(step, kind):
                found.setdefault(item.id, Placed(item, step, stage))
    return found


def _differing(before: object, after: object, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if getattr(before, name) != getattr(after, name)]


def _steps(change: MapChange) -> None:
    before, after = _placed(change.before), _placed(change.after)
    change.steps_added, change.steps_removed = _added_removed(before, after)
    for sid, now in after.items():
        then = before.get(sid)
        if then is None:
            continue
        if then.stage.id != now.stage.id:
            change.steps_moved.append(Move(now.step, then.stage, now.stage))
        if then.step.emotion != now.step.emotion:
            change.emotions.append(EmotionChange(now.step, now.stage, then.step.emotion, now.step.emotion))
        edited = _differing(then.step, now.step, STEP_EDIT_FIELDS)
        if edited:
            change.edits.append(Edit("step", sid, now.step.name, edited))


def _reordered(before: list[str], after: list[str]) -> bool:
    """Whether the ids both lists hold stand in another order."""
    common = set(before) & set(after)
    return [i for i in before if i in common] != [i for i in after if i in common]


def _stage_means(change: MapChange) -> None:
    """The stages whose mean emotion moved: the head's in order, then those it no longer has."""
    before = {s.id: s for s in change.before.stages}
    after = {s.id: s for s in change.after.stages}
    names = {s.id: s.name for s in change.before.stages} | {s.id: s.name for s in change.after.stages}
    for sid in [*after, *(sid for sid in before if sid not in after)]:
        mean_before, mean_after = stage_mean(before.get(sid)), stage_mean(after.get(sid))
        if mean_before != mean_after:
            change.stages.append(StageMean(sid, names[sid], mean_before, mean_after))


def _stages(change: MapChange) -> None:
    _stage_means(change)
    before = {s.id: s for s in change.before.stages}
    names = {s.id: s.name for s in change.before.stages} | {s.id: s.name for s in change.after.stages}
    for sid, now in {s.id: s for s in change.after.stages}.items():
        if sid in before:
            edited = _differing(before[sid], now, STAGE_EDIT_FIELDS)
            if kpis_edited(before[sid], now):
                edited.append("kpis")
            if _reordered([s.id for s in before[sid].steps], [s.id for s in now.steps]):
                edited.append("order")
            if edited:
                change.edits.append(Edit("stage", sid, names[sid], edited))


def _added_removed(before: dict[str, Placed], after: dict[str, Placed]) -> tuple[list[Placed], list[Placed]]:
    return [p for i, p in after.items() if i not in before], [p for i, p in before.items() if i not in after]


def _pain_points(change: MapChange) -> None:
    before, after = _placed_items(change.before, "pain_points"), _placed_items(change.after, "pain_points")
    change.pains_added, change.pains_removed = _added_removed(before, after)
    for pid, now in after.items():
        edited = _differing(before[pid].item, now.item, PAIN_EDIT_FIELDS) if pid in before else []
        if edited:
            change.edits.append(Edit("pain_point", pid, now.item.text, edited))


def _opportunities(change: MapChange) -> None:
    before, after = _placed_items(change.before, "opportunities"), _placed_items(change.after, "opportunities")
    change.opportunities_added, change.opportunities_removed = _added_removed(before, after)
    for pid, now in after.items():
        if pid not in before:
            continue
        then = before[pid].item
        moved = [
            FieldChange(f, getattr(then, f), getattr(now.item, f))
            for f in _differing(then, now.item, OPPORTUNITY_FIELDS)
        ]
        if moved:
            change.opportunities_changed.append(OpportunityChange(now, moved))
        edited = _differing(then, now.item, OPPORTUNITY_EDIT_FIELDS)
        if edited:
            change.edits.append(Edit("opportunity", pid, now.item.text, edited))


def _sources(change: MapChange) -> None:
    before = {s.id: s for s in change.before.sources}
    after = {s.id: s for s in change.after.sources}
    change.sources_added = [s for sid, s in after.items() if sid not in before]
    change.sources_removed = [s for sid, s in before.items() if sid not in after]
    for sid, now in after.items():
        if sid in before:
            edited = _differing(before[sid], now, SOURCE_EDIT_FIELDS)
            if edited:
                change.edits.append(Edit("source", sid, now.title, edited))


def compare_maps(before: Map, after: Map, renamed_from: str | None = None) -> MapChange:
    """What changed in one map (the same journey and state on both sides)."""
    change = MapChange(before, after, renamed_from)
    _steps(change)
    _stages(change)
    _pain_points(change)
    _opportunities(change)
    _sources(change)
    change.kpis = kpi_changes(before, after)
    if before.reviewed != after.reviewed:
        change.reviewed = FieldChange("reviewed", before.reviewed, after.reviewed)
    # The alias that keeps a renamed journey's URLs working is reported as the rename.
    edited = [f for f in _differing(before, after, MAP_EDIT_FIELDS) if not (renamed_from and f == "aliases")]
    if _reordered([s.id for s in before.stages], [s.id for s in after.stages]):
        edited.append("stage_order")
    if edited:
        change.edits.insert(0, Edit("map", after.journey, after.title, edited))
    return change


def compare_reviews(before: Map, after: Map) -> MapChange:
    """What a map's history across reviews shows of one review (authoring/history.py): the
    steps added and removed, the pain points added and removed and the stages whose mean
    emotion moved, as compare_maps finds them, and nothing else. Thousands of versions are
    compared in a cold build, and their edits, moves, opportunities, sources and KPIs,
    which compare_maps also works out, are never shown there."""
    change = MapChange(before, after)
    change.steps_added, change.steps_removed = _added_removed(_placed(before), _placed(after))
    pains = _placed_items(before, "pain_points"), _placed_items(after, "pain_points")
    change.pains_added, change.pains_removed = _added_removed(*pains)
    _stage_means(change)
    return change


def _resolution(change: MapChange, before: Journey | None, after: Journey) -> None:
    """Pain points of the current state that a future step newly resolves, or no longer does
    (a pain point removed from the current state is reported as removed, not here)."""
    was = {p.pain.id: p for p in compare_journey(before).pain_points if p.resolved} if before else {}
    now = compare_journey(after).pain_points
    change.resolved = [p for p in now if p.resolved and p.pain.id not in was]
    change.unresolved = [was[p.pain.id] for p in now if not p.resolved and p.pain.id in was]


# -- the whole site -----------------------------------------------------------------------


def _renames(base: Catalog, head: Catalog) -> tuple[dict[str, str], dict[str, str]]:
    """(new id → old id) for journeys renamed with an alias, and (old id → journey that now
    answers at its URLs) for removed journeys another lists in its aliases."""
    renamed: dict[str, str] = {}
    redirects: dict[str, str] = {}
    for journey in head.journeys.values():
        for alias in journey.aliases:
            if alias in base.journeys and alias not in head.journeys:
                redirects[alias] = journey.id
                if journey.id not in base.journeys and journey.id not in renamed:
                    renamed[journey.id] = alias
    return renamed, redirects


def _persona_changes(base: Catalog, head: Catalog, diff: SiteDiff) -> None:
    diff.personas_added = [p for pid, p in head.personas.items() if pid not in base.personas]
    diff.personas_removed = [p for pid, p in base.personas.items() if pid not in head.personas]
    diff.personas_edited = [
        p
        for pid, p in head.personas.items()
        if pid in base.personas and _differing(base.personas[pid], p, PERSONA_EDIT_FIELDS)
    ]


def compare_sites(base: Catalog, head: Catalog) -> SiteDiff:
    """Everything a reviewer needs to know about a change to a site, and nothing else."""
    diff = SiteDiff()
    renamed, diff.redirects = _renames(base, head)
    diff.renamed = [Rename(old, new) for new, old in sorted(renamed.items(), key=lambda item: item[1])]
    matched_base: set[tuple[str, str]] = set()
    for journey_id, journey in head.journeys.items():
        old_id = renamed.get(journey_id, journey_id)
        before_journey = base.journeys.get(old_id)
        for state in STATES:
            after = journey.states.get(state)
            before = before_journey.states.get(state) if before_journey else None
            if after is None:
                continue
            if before is None:
                diff.added.append(after)
                continue
            matched_base.add((old_id, state))
            change = compare_maps(before, after, old_id if old_id != journey_id else None)
            if state == "future":
                _resolution(change, before_journey, journey)
            if change:
                diff.changed.append(change)
    for journey_id, journey in base.journeys.items():
        diff.removed += [m for m in journey.ordered_states() if (journey_id, m.state) not in matched_base]
    _persona_changes(base, head, diff)
    diff.metrics_added, diff.metrics_removed = metric_changes(base, head)
    return diff
