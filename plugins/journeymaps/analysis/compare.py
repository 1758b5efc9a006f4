"""Current against future: what changes between the two states of a journey."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymaps.model import Journey, Map, Opportunity, PainPoint, Stage, Step


def stage_mean(stage: Stage | None) -> float | None:
    if stage is None:
        return None
    values = [s.emotion for s in stage.steps if s.emotion is not None]
    return round(sum(values) / len(values), 3) if values else None


@dataclass
class StageChange:
    id: str
    name: str
    current: float | None
    future: float | None

    @property
    def change(self) -> float | None:
        if self.current is None or self.future is None:
            return None
        return round(self.future - self.current, 3)


# An opportunity's status, from the first thought to the change customers meet.
PROGRESS = ("idea", "planned", "in-progress", "done")


@dataclass
class PainStatus:
    pain: PainPoint
    step: Step
    stage: Stage
    resolved_by: list[Step] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        """A future step resolves it: resolved in the design, which may not be built yet."""
        return bool(self.resolved_by)

    @property
    def progress(self) -> str | None:
        """How far the work on it has come: the furthest status of the opportunities that
        address it (None when none does, or none gives a status)."""
        known = [PROGRESS.index(o.status) for o in self.opportunities if o.status in PROGRESS]
        return PROGRESS[max(known)] if known else None

    @property
    def delivered(self) -> bool:
        """Resolved in the future design, and an opportunity behind it is done."""
        return self.resolved and self.progress == "done"


# What "Steps changed" compares of a step kept in both states (matched by id).
STEP_FIELDS = ("name", "touchpoint", "channel", "frontstage", "backstage", "support")
LIST_FIELDS = frozenset({"frontstage", "backstage", "support"})


@dataclass
class StepChange:
    current: Step
    future: Step
    fields: list[str]  # of STEP_FIELDS, in that order

    def removed(self, name: str) -> list[str]:
        """Items of a list field (a blueprint lane) the future step no longer has."""
        after = set(getattr(self.future, name))
        return [item for item in getattr(self.current, name) if item not in after]

    def added(self, name: str) -> list[str]:
        before = set(getattr(self.current, name))
        return [item for item in getattr(self.future, name) if item not in before]


@dataclass
class Comparison:
    journey: Journey
    current: Map | None
    future: Map | None
    stages: list[StageChange]
    pain_points: list[PainStatus]
    added: list[tuple[Stage, Step]]
    removed: list[tuple[Stage, Step]]
    changed: list[StepChange]

    @property
    def resolved_ids(self) -> list[str]:
        return [p.pain.id for p in self.pain_points if p.resolved]

    @property
    def open_ids(self) -> list[str]:
        return [p.pain.id for p in self.pain_points if not p.resolved]

    @property
    def delivered_ids(self) -> list[str]:
        return [p.pain.id for p in self.pain_points if p.delivered]


def _located(m: Map | None) -> dict[str, tuple[Stage, Step]]:
    if m is None:
        return {}
    return {step.id: (stage, step) for stage in m.stages for step in stage.steps}


def compare_journey(journey: Journey) -> Comparison:
    current, future = journey.states.get("current"), journey.states.get("future")
    stage_names: dict[str, str] = {}
    for m in (current, future):
        for stage in m.stages if m else []:
            stage_names.setdefault(stage.id, stage.name)
    by_id = {
        state: {s.id: s for s in (m.stages if m else [])} for state, m in (("current", current), ("future", future))
    }
    stages = [
        StageChange(sid, name, stage_mean(by_id["current"].get(sid)), stage_mean(by_id["future"].get(sid)))
        for sid, name in stage_names.items()
    ]
    resolvers: dict[str, list[Step]] = {}
    for step in future.steps if future else []:
        for pid in step.resolves:
            resolvers.setdefault(pid, []).append(step)
    pains = []
    for stage in current.stages if current else []:
        for step in stage.steps:
            for pain in step.pain_points:
                addressing = [o for o in current.opportunities if pain.id in o.addresses]
                pains.append(PainStatus(pain, step, stage, resolvers.get(pain.id, []), addressing))
    now, then = _located(current), _located(future)
    added = [then[sid] for sid in then if sid not in now] if current and future else []
    removed = [now[sid] for sid in now if sid not in then] if current and future else []
    changed = []
    for sid in now:
        if sid in then:
            before, after = now[sid][1], then[sid][1]
            diff = [f for f in STEP_FIELDS if getattr(before, f) != getattr(after, f)]
            if diff:
                changed.append(StepChange(before, after, diff))
    return Comparison(journey, current, future, stages, pains, added, removed, changed)
