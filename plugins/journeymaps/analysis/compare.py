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


@dataclass
class PainStatus:
    pain: PainPoint
    step: Step
    stage: Stage
    resolved_by: list[Step] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return bool(self.resolved_by)


@dataclass
class StepChange:
    current: Step
    future: Step
    fields: list[str]  # touchpoint, channel


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
            diff = [f for f in ("touchpoint", "channel") if getattr(before, f) != getattr(after, f)]
            if diff:
                changed.append(StepChange(before, after, diff))
    return Comparison(journey, current, future, stages, pains, added, removed, changed)
