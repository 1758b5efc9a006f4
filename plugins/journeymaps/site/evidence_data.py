"""What map.json carries of a map's evidence (docs/format.md, map.json): each measured KPI's
and step's values with their dates and stale flags, the change seen after each shipped
opportunity, and the map's and each stage's evidence coverage."""

from __future__ import annotations

from typing import Any

from journeymaps.analysis.evidence import Coverage, map_coverage, stage_coverage
from journeymaps.analysis.measures import ChangeSeen, MapMeasures, Measure
from journeymaps.model import Map, Observation


def _observation(o: Observation | None) -> dict[str, Any] | None:
    return None if o is None else {"date": o.date.isoformat(), "value": o.value}


def _measure(measure: Measure) -> dict[str, Any]:
    return {
        "metric": measure.metric.id,
        "name": measure.name,
        "unit": measure.unit,
        "better": measure.better,
        "latest": _observation(measure.latest),
        "baseline": _observation(measure.baseline),
        "target": measure.target,
        "progress": None if measure.progress is None else round(measure.progress, 4),
        "stale": measure.stale,
        "observations": len(measure.metric.observations),
    }


def _change(seen: ChangeSeen) -> dict[str, Any]:
    change = seen.change
    return {
        "metric": seen.measure.metric.id,
        "before": _observation(seen.before),
        "after": _observation(seen.after),
        "change": None if change is None else round(change, 6),
    }


def _coverage(cov: Coverage) -> dict[str, Any]:
    share = cov.share
    return {
        "items": cov.items,
        "backed": cov.backed,
        "share": None if share is None else round(share, 4),
        "by_kind": dict(cov.kinds()),
    }


def evidence_data(m: Map, measures: MapMeasures) -> dict[str, Any]:
    """The ``measured`` and ``evidence`` keys of a map's map.json."""
    kpis = [{"stage": stage.id, **_measure(measure)} for stage, _, measure in measures.all(m)]
    steps = [{"step": step.id, **_measure(measures.steps[step.id])} for step in m.steps if step.id in measures.steps]
    shipped = [
        {
            "opportunity": o.id,
            "shipped": o.shipped.isoformat(),
            "changes": [_change(c) for c in measures.changes.get(o.id, [])],
        }
        for o in m.opportunities
        if o.shipped
    ]
    stages = [{"id": stage.id, **_coverage(stage_coverage(m, stage))} for stage in m.stages]
    return {
        "measured": {"kpis": kpis, "steps": steps, "shipped": shipped},
        "evidence": {**_coverage(map_coverage(m)), "stages": stages},
    }
