"""A journey on one page, for leadership (docs/reading.md, The one-page summary): the goal,
who owns it and when it was last reviewed, the worst pain points with how far their fix has
come, the work in progress and the KPIs. A page has room for a few of each: the rest is
counted, never cut off, and the journey's pages have them all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journeymaps.analysis.compare import Comparison, PainStatus
from journeymaps.analysis.portfolio import OpportunityRow, opportunity_rows
from journeymaps.model import LEVELS, Journey, Kpi, Map, Stage

TOP_PAIN_POINTS = 5
TOP_OPPORTUNITIES = 5
TOP_KPIS = 6
_SEVERITY = {level: i for i, level in enumerate(reversed(LEVELS))}  # high first


@dataclass
class StageKpi:
    stage: Stage
    kpi: Kpi


@dataclass
class JourneySummary:
    journey: Journey
    main: Map  # the current state where there is one: what customers live with
    goal: str | None
    pains: list[PainStatus]  # worst first, at most TOP_PAIN_POINTS
    more_pains: int
    in_progress: list[OpportunityRow]
    more_in_progress: int
    kpis: list[StageKpi]
    more_kpis: int

    @property
    def reviewed(self) -> dt.date | None:
        return self.main.reviewed

    @property
    def owner(self) -> str | None:
        return self.main.owner or next((m.owner for m in self.journey.ordered_states() if m.owner), None)


def _worst_first(p: PainStatus) -> tuple:
    severity = _SEVERITY.get(p.pain.severity or "", len(LEVELS))
    emotion = p.step.emotion if p.step.emotion is not None else float("inf")
    return (severity, p.resolved, emotion)


def journey_summary(journey: Journey, comparison: Comparison) -> JourneySummary:
    states = journey.ordered_states()
    main = states[0]
    pains = sorted(comparison.pain_points, key=_worst_first)
    working = [r for m in states for r in opportunity_rows(m) if r.opportunity.status == "in-progress"]
    kpis = [StageKpi(stage, kpi) for stage in main.stages for kpi in stage.kpis]
    return JourneySummary(
        journey,
        main,
        next((m.goal for m in states if m.goal), None),
        pains[:TOP_PAIN_POINTS],
        max(len(pains) - TOP_PAIN_POINTS, 0),
        working[:TOP_OPPORTUNITIES],
        max(len(working) - TOP_OPPORTUNITIES, 0),
        kpis[:TOP_KPIS],
        max(len(kpis) - TOP_KPIS, 0),
    )
