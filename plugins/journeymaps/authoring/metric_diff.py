"""What a change to the metric data means (journeymaps diff): per metric whose data file
changed, the latest value before and after, how many observations were added or changed,
and whether the data went stale or is fresh again; per KPI measured by it, where the
latest value stands against the KPI's target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from journeymaps.format.metrics import parse_value
from journeymaps.model import Catalog, Kpi, Map, Metric, Observation


@dataclass(frozen=True)
class KpiMove:
    """A measured KPI's latest value, before and after, against its target."""

    map: Map
    stage: str
    kpi: Kpi
    target: float | None
    better: str  # higher | lower
    # reached | still-met | missed-again (met before, not now) | closer | further | same | better | worse
    direction: str | None


@dataclass
class MetricChange:
    id: str
    before: Metric | None  # None: the data file is new
    after: Metric | None  # None: the data file was removed
    added: int = 0  # observations on dates the file did not have
    changed: int = 0  # observations whose value moved
    removed: int = 0
    freshness: str | None = None  # "stale" (went stale), "fresh" (fresh again), or None: no change
    direction: str | None = None  # better | worse | same, when the metric says which way is better
    kpis: list[KpiMove] = field(default_factory=list)

    @property
    def latest_before(self) -> Observation | None:
        return self.before.latest if self.before else None

    @property
    def latest_after(self) -> Observation | None:
        return self.after.latest if self.after else None

    @property
    def name(self) -> str:
        metric = self.after or self.before
        return (metric.name if metric else None) or self.id

    @property
    def unit(self) -> str | None:
        metric = self.after or self.before
        return metric.unit if metric else None


def compare_metrics(base: Catalog, head: Catalog, today: dt.date, stale_after: int) -> list[MetricChange]:
    """The metrics whose data differs between the two catalogues, by id."""
    changes = []
    for metric_id in sorted(base.metrics.keys() | head.metrics.keys()):
        before, after = base.metrics.get(metric_id), head.metrics.get(metric_id)
        old = {o.date: o.value for o in before.observations} if before else {}
        new = {o.date: o.value for o in after.observations} if after else {}
        if old == new:
            continue
        change = MetricChange(
            metric_id,
            before,
            after,
            added=len(new.keys() - old.keys()),
            changed=sum(1 for day in new.keys() & old.keys() if new[day] != old[day]),
            removed=len(old.keys() - new.keys()),
        )
        if before and after:
            was, now = before.stale(today, stale_after), after.stale(today, stale_after)
            change.freshness = "stale" if now and not was else "fresh" if was and not now else None
            if after.better:
                change.direction = direction_of(before.latest.value, after.latest.value, None, after.better)
        change.kpis = [_move(m, stage, kpi, change) for m, stage, kpi in measured_kpis(head, metric_id)]
        changes.append(change)
    return changes


def measured_kpis(catalog: Catalog, metric_id: str) -> list[tuple[Map, str, Kpi]]:
    """The KPIs of every map that the metric measures: (map, stage name, KPI)."""
    return [
        (m, stage.name, kpi)
        for m in catalog.maps()
        for stage in m.stages
        for kpi in stage.kpis
        if kpi.metric == metric_id
    ]


def better_of(kpi: Kpi | None, metric: Metric | None) -> str:
    """Which way is better: the KPI's own, else its metric's, else higher."""
    return (kpi.better if kpi else None) or (metric.better if metric else None) or "higher"


def _move(m: Map, stage: str, kpi: Kpi, change: MetricChange) -> KpiMove:
    parsed = parse_value(kpi.target) if kpi.target else None
    target = parsed[0] if parsed else None
    better = better_of(kpi, change.after)
    before, after = change.latest_before, change.latest_after
    direction = (
        direction_of(before.value, after.value, target, better) if before is not None and after is not None else None
    )
    return KpiMove(m, stage, kpi, target, better, direction)


def direction_of(before: float, after: float, target: float | None, better: str) -> str:
    """Where the latest value went: against the target when there is one, else better or worse."""
    higher = better != "lower"
    if target is None:
        if after == before:
            return "same"
        return "better" if (after > before) == higher else "worse"

    def met(value: float) -> bool:
        return value >= target if higher else value <= target

    if met(after):
        return "still-met" if met(before) else "reached"
    if met(before):
        return "missed-again"
    gap_before, gap_after = abs(target - before), abs(target - after)
    return "same" if gap_after == gap_before else "closer" if gap_after < gap_before else "further"
