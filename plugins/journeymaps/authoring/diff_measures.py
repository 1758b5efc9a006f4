"""What a change does to a site's measures, for ``journeymaps diff``: a KPI that starts or
stops being measured, a changed target, baseline, direction or metric, and metric data files
added or removed. KPIs are matched by stage id and name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from journeymaps.model import Catalog, Kpi, Map, Stage
from journeymaps.text import Names, Text

# What a reviewer of a measured KPI needs to see change: what it measures and against what.
KPI_FIELDS = ("metric", "target", "baseline", "better")


@dataclass
class KpiChange:
    stage: Stage
    kpi: Kpi  # the head's, or the base's when it was removed
    kind: str  # added | removed | changed
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field: (before, after)


def _kpis(m: Map) -> dict[tuple[str, str], tuple[Stage, Kpi]]:
    return {(s.id, k.name): (s, k) for s in m.stages for k in s.kpis}


def kpi_changes(before: Map, after: Map) -> list[KpiChange]:
    """Measured KPIs added, removed, or with another metric, target, baseline or direction."""
    then, now = _kpis(before), _kpis(after)
    out: list[KpiChange] = []
    for key, (stage, kpi) in now.items():
        if key not in then:
            if kpi.metric:
                out.append(KpiChange(stage, kpi, "added"))
            continue
        old = then[key][1]
        moved = {f: (getattr(old, f), getattr(kpi, f)) for f in KPI_FIELDS if getattr(old, f) != getattr(kpi, f)}
        if moved and (kpi.metric or old.metric):
            out.append(KpiChange(stage, kpi, "changed", moved))
    out += [KpiChange(stage, kpi, "removed") for key, (stage, kpi) in then.items() if key not in now and kpi.metric]
    return out


def kpis_edited(before: Stage, after: Stage) -> bool:
    """Whether a stage's KPIs changed in more than ``kpi_changes`` reports: a KPI that is not
    measured, a measured one's name or value. A measured KPI added or removed, or its
    metric, target, baseline or direction changed, is reported there alone."""
    measured = {k.name for k in before.kpis + after.kpis if k.metric}
    kept = {k.name for k in before.kpis} & {k.name for k in after.kpis}

    def rest(stage: Stage) -> list[Kpi]:
        return [
            replace(k, **dict.fromkeys(KPI_FIELDS)) if k.name in measured else k
            for k in stage.kpis
            if k.name not in measured or k.name in kept
        ]

    return rest(before) != rest(after)


def metric_changes(base: Catalog, head: Catalog) -> tuple[list[str], list[str]]:
    """The ids of metric data files added and removed."""
    return sorted(head.metrics.keys() - base.metrics.keys()), sorted(base.metrics.keys() - head.metrics.keys())


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def kpi_line(text: Text, change: KpiChange, md: Any, code: Any) -> str:
    """One line of the Markdown summary; ``md`` and ``code`` escape as the report does."""
    head = f"{md(change.kpi.name)} · {md(change.stage.name)}"
    if change.kind != "changed":
        key = "diff.kpi_added" if change.kind == "added" else "diff.kpi_removed"
        return text(key, kpi=head, metric=code(change.kpi.metric or ""))
    moves = Names(
        text(f"diff.kpi_field.{f}", before=md(_shown(b)), after=md(_shown(a))) for f, (b, a) in change.changes.items()
    )
    return text("diff.changed_item", name=head, changes=moves)


def kpi_json(change: KpiChange) -> dict[str, Any]:
    return {
        "stage": change.stage.id,
        "name": change.kpi.name,
        "metric": change.kpi.metric,
        "kind": change.kind,
        "changes": {f: {"before": _shown(b), "after": _shown(a)} for f, (b, a) in change.changes.items()},
    }


def metrics_lines(text: Text, added: list[str], removed: list[str], code: Any) -> list[str]:
    parts = [
        text(key, names=Names(code(i) for i in ids))
        for key, ids in (("diff.metrics_added", added), ("diff.metrics_removed", removed))
        if ids
    ]
    return [f"**{text['diff.metrics']}** {text['diff.sep'].join(parts)}", ""] if parts else []
