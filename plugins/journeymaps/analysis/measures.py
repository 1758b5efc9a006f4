"""What a map's metric data says: each measured KPI's and step's latest value, baseline,
target and progress, whether the data is stale, and the change seen in a stage's
measures after one of its opportunities shipped. A change after shipping is what the
data shows, not proof the opportunity caused it; the pages say so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from journeymaps.format.metrics import parse_value
from journeymaps.model import Kpi, Map, Metric, Observation, Opportunity, Stage, Step


@dataclass(frozen=True)
class Shipped:
    """An opportunity's ``shipped:`` date, marked on the trend lines of its stage and step."""

    date: dt.date
    opportunity: Opportunity


@dataclass
class Measure:
    """A measured KPI (or a step's metric) as the data has it."""

    name: str
    metric: Metric
    better: str  # higher | lower
    baseline: Observation
    target: float | None
    stale: bool
    shipped: list[Shipped] = field(default_factory=list)

    @property
    def latest(self) -> Observation:
        return self.metric.latest

    @property
    def unit(self) -> str | None:
        return self.metric.unit

    @property
    def change(self) -> float:
        """The latest value less the baseline."""
        return self.latest.value - self.baseline.value

    @property
    def progress(self) -> float | None:
        """How far the latest value has moved from the baseline toward the target: 0 at the
        baseline, 1 at the target, below 0 when it moved away. None without a target, or
        when the baseline is the target already."""
        if self.target is None or self.target == self.baseline.value:
            return None
        return (self.latest.value - self.baseline.value) / (self.target - self.baseline.value)

    @property
    def reached(self) -> bool:
        if self.target is None:
            return False
        return self.latest.value >= self.target if self.better == "higher" else self.latest.value <= self.target


@dataclass(frozen=True)
class ChangeSeen:
    """One measure from its last observation before an opportunity shipped to its latest
    after: a change seen after shipping, not proof of cause."""

    measure: Measure
    before: Observation | None  # None: no data before shipping
    after: Observation | None  # None: no data since shipping yet

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.value - self.before.value

    @property
    def improved(self) -> bool | None:
        """Whether the change went the better way (None: no change to judge)."""
        change = self.change
        if not change:
            return None
        return change > 0 if self.measure.better == "higher" else change < 0


@dataclass
class MapMeasures:
    """The measures of one map, looked up by the objects the templates hold."""

    kpis: dict[int, Measure] = field(default_factory=dict)  # by id() of the Kpi
    steps: dict[str, Measure] = field(default_factory=dict)  # by step id
    changes: dict[str, list[ChangeSeen]] = field(default_factory=dict)  # by opportunity id

    def of(self, kpi: Kpi) -> Measure | None:
        return self.kpis.get(id(kpi))

    def of_step(self, step: Step) -> Measure | None:
        return self.steps.get(step.id)

    def stage(self, stage: Stage) -> list[tuple[Kpi, Measure]]:
        return [(k, self.kpis[id(k)]) for k in stage.kpis if id(k) in self.kpis]

    def all(self, m: Map) -> list[tuple[Stage, Kpi, Measure]]:
        return [(s, k, measure) for s in m.stages for k, measure in self.stage(s)]

    @property
    def any(self) -> bool:
        return bool(self.kpis or self.steps)


def _measure(
    name: str, kpi: Kpi | None, metric: Metric, today: dt.date, stale_after: int, shipped: list[Shipped]
) -> Measure:
    baseline = metric.first
    if kpi is not None and kpi.baseline is not None:
        baseline = metric.on_or_before(kpi.baseline) or metric.first
    target = parse_value(kpi.target)[0] if kpi is not None and kpi.target and parse_value(kpi.target) else None
    better = (kpi.better if kpi is not None else None) or metric.better or "higher"
    return Measure(
        name=name,
        metric=metric,
        better=better,
        baseline=baseline,
        target=target,
        stale=metric.stale(today, stale_after),
        shipped=[s for s in shipped if metric.first.date <= s.date],
    )


def change_seen(measure: Measure, day: dt.date) -> ChangeSeen:
    """The measure from the last observation before ``day`` to the latest on or after it."""
    observations = measure.metric.observations
    before = next((o for o in reversed(observations) if o.date < day), None)
    after = measure.latest if measure.latest.date >= day else None
    return ChangeSeen(measure, before, after)


def measure_map(m: Map, metrics: Mapping[str, Metric], today: dt.date, stale_after: int) -> MapMeasures:
    """Every measure of a map whose metric has data; KPIs without ``metric:`` have none."""
    out = MapMeasures()
    for stage in m.stages:
        in_stage = [Shipped(o.shipped, o) for step in stage.steps for o in step.opportunities if o.shipped]
        for kpi in stage.kpis:
            if kpi.metric and kpi.metric in metrics:
                metric = metrics[kpi.metric]
                out.kpis[id(kpi)] = _measure(kpi.name, kpi, metric, today, stale_after, in_stage)
        for step in stage.steps:
            at_step = [Shipped(o.shipped, o) for o in step.opportunities if o.shipped]
            if step.metric and step.metric in metrics:
                metric = metrics[step.metric]
                out.steps[step.id] = _measure(metric.name or step.name, None, metric, today, stale_after, at_step)
        for mark in in_stage:
            measures = [measure for _, measure in out.stage(stage)]
            step_measures = [
                out.steps[s.id] for s in stage.steps if s.id in out.steps and mark.opportunity in s.opportunities
            ]
            out.changes[mark.opportunity.id] = [change_seen(x, mark.date) for x in [*measures, *step_measures]]
    return out


@dataclass
class KpiRow:
    """A measured KPI of a journey, as each state has it (matched by stage id and name)."""

    stage: str
    name: str
    states: dict[str, Measure] = field(default_factory=dict)


def journey_kpis(states: list[Map], measures_of: Callable[[Map], MapMeasures]) -> list[KpiRow]:
    """The measured KPIs of a journey's states, one row per stage and KPI name, in the order
    the states name them: the journey page's current against target."""
    rows: dict[tuple[str, str], KpiRow] = {}
    for m in states:
        for stage, kpi, measure in measures_of(m).all(m):
            row = rows.setdefault((stage.id, kpi.name), KpiRow(stage.name, kpi.name))
            row.states[m.state] = measure
    return list(rows.values())
