"""The rules that tie a map to the site's metric data: a measured KPI's or a step's
``metric:`` names a data file, a measured target is a number, a baseline falls within the
data, ``shipped:`` belongs to a done opportunity; and the warnings about the data itself
(a metric file no map uses, data older than ``metrics_stale_after`` days)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from journeymaps.format.fields import Fields
from journeymaps.format.metrics import metric_path, parse_value
from journeymaps.format.problems import Problems, did_you_mean
from journeymaps.format.reader import YMap
from journeymaps.model import Kpi, Map, Metric, Opportunity
from journeymaps.settings import Settings


@dataclass
class MetricData:
    """What a map's ``metric:`` may name: the metrics that could be read, and the ids of all
    data files (a broken file is reported once, at the file)."""

    metrics: Mapping[str, Metric] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)


def check_metric(f: Fields, m: YMap, metric_id: str | None, data: MetricData | None) -> Metric | None:
    """The metric a KPI or step names, reported at its line when it has no data file."""
    if metric_id is None or data is None:
        return None
    if metric_id not in data.files:
        hint = did_you_mean(metric_id, sorted(data.files)) or ""
        f.error(
            m.value_line("metric"),
            "measured.unknown_metric",
            id=metric_id,
            path=metric_path(f.settings, metric_id),
            hint=hint,
        )
    return data.metrics.get(metric_id)


def check_kpi(f: Fields, m: YMap, kpi: Kpi, data: MetricData | None) -> None:
    """A measured KPI's target is a number and its baseline lies within the data."""
    if kpi.metric is None:
        if kpi.baseline is not None:
            f.error(m.key_line("baseline"), "measured.baseline_without_metric")
        return
    metric = check_metric(f, m, kpi.metric, data)
    if kpi.target is not None and parse_value(kpi.target) is None:
        f.error(m.value_line("target"), "measured.target_not_number", value=kpi.target)
    if metric is not None and kpi.baseline is not None and kpi.baseline < metric.first.date:
        f.error(
            m.value_line("baseline"),
            "measured.baseline_too_early",
            date=kpi.baseline.isoformat(),
            id=metric.id,
            first=metric.first.date.isoformat(),
        )


def check_shipped(f: Fields, m: YMap, opportunity: Opportunity) -> None:
    """``shipped:`` is the day a done opportunity reached customers."""
    if opportunity.shipped is None or opportunity.status == "done":
        return
    if opportunity.status is None:
        f.error(m.key_line("shipped"), "measured.shipped_no_status")
    else:
        f.error(m.key_line("shipped"), "measured.shipped_not_done", status=opportunity.status)


def used_metrics(maps: Iterable[Map]) -> set[str]:
    """The ids of the metrics the maps' KPIs and steps name."""
    used: set[str] = set()
    for m in maps:
        used |= {k.metric for s in m.stages for k in s.kpis if k.metric}
        used |= {step.metric for step in m.steps if step.metric}
    return used


def metric_warnings(
    maps: Iterable[Map], metrics: Mapping[str, Metric], settings: Settings, today: dt.date, problems: Problems
) -> None:
    """A metric file no map uses, and a used metric whose latest observation is older than
    ``metrics_stale_after`` days (a map's review does not make its data fresh)."""
    used = used_metrics(maps)
    after = settings.metrics_stale_after
    for metric_id in sorted(metrics):
        metric = metrics[metric_id]
        if metric_id not in used:
            problems.warn(metric.path, 1, "measured.unused", id=metric_id)
        elif metric.stale(today, after):
            days = (today - metric.latest.date).days
            problems.warn(metric.path, 1, "measured.stale", date=metric.latest.date.isoformat(), days=days, after=after)


def pain_point_warning(f: Fields, m: YMap, severity: str | None, evidence: list) -> None:
    """A high-severity pain point should rest on research: it is what teams act on first."""
    if severity == "high" and not evidence:
        f.warn(m.value_line("severity"), "measured.high_pain_no_evidence")
