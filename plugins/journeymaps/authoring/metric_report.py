"""The metric data part of journeymaps diff's summary: a table of the KPIs whose data moved
(latest value before and after, against the target) and a line per data file changed."""

from __future__ import annotations

from typing import Any

from journeymaps.authoring.diff_report import Review, code, link, md, number
from journeymaps.authoring.metric_diff import KpiMove, MetricChange
from journeymaps.model import Observation
from journeymaps.text import Names, Text

# The value's own movement, beside the words that say what it means for the target.
ARROWS = {1: "↑", -1: "↓", 0: "→"}


def _value(text: Text, observation: Observation | None, unit: str | None) -> str:
    if observation is None:
        return "—"
    return text("diff.metric.value", value=_amount(observation.value, unit), date=text.day(observation.date))


def _amount(value: float | None, unit: str | None) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{number(value)}%"
    return f"{number(value)} {md(unit)}" if unit else number(value)


def _arrow(change: MetricChange) -> str:
    before, after = change.latest_before, change.latest_after
    if before is None or after is None:
        return ""
    return ARROWS[(after.value > before.value) - (after.value < before.value)]


def _direction(text: Text, change: MetricChange, direction: str | None) -> str:
    if change.before is None:
        return text["diff.metric.new"]
    if change.after is None:
        return text["diff.metric.gone"]
    words = text[f"diff.metric.direction.{direction}"] if direction else ""
    return f"{_arrow(change)} {words}".strip()


def _kpi_row(review: Review, text: Text, change: MetricChange, move: KpiMove) -> str:
    where = link(move.map.title, review.map_url(move.map))
    name = text("diff.metric.kpi", kpi=md(move.kpi.name), map=where, state=text[f"state.{move.map.state}"])
    target = _amount(move.target, change.unit) if move.target is not None else "—"
    cells = [name, _value(text, change.latest_before, change.unit), _value(text, change.latest_after, change.unit)]
    return "| " + " | ".join([*cells, target, _direction(text, change, move.direction)]) + " |"


def _metric_row(text: Text, change: MetricChange) -> str:
    cells = [
        f"{md(change.name)} ({code(change.id)})" if change.name != change.id else code(change.id),
        _value(text, change.latest_before, change.unit),
        _value(text, change.latest_after, change.unit),
        "—",
        _direction(text, change, change.direction),
    ]
    return "| " + " | ".join(cells) + " |"


def _data_line(review: Review, text: Text, change: MetricChange) -> str:
    counts = [
        text(f"diff.metric.{key}", count=n)
        for key, n in (("added", change.added), ("changed", change.changed), ("removed", change.removed))
        if n
    ]
    path = code(f"{review.metrics_dir}/{change.id}.csv")
    line = f"- {path}: {text.word(Names(counts))}"
    if change.freshness == "stale" and change.after is not None:
        line += " · " + text("diff.metric.went_stale", date=text.day(change.after.latest.date), days=review.stale_after)
    elif change.freshness == "fresh":
        line += " · " + text["diff.metric.fresh_again"]
    return line


def markdown_lines(review: Review, text: Text) -> list[str]:
    """The section, or nothing when no metric data changed."""
    if not review.metrics:
        return []
    header = [text[f"diff.metric.col.{c}"] for c in ("kpi", "before", "after", "target", "direction")]
    lines = [f"### {text['diff.metric.title']}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for change in review.metrics:
        if change.kpis:
            lines += [_kpi_row(review, text, change, move) for move in change.kpis]
        else:
            lines.append(_metric_row(text, change))
    lines += ["", *(_data_line(review, text, change) for change in review.metrics), ""]
    return lines


def _observation(observation: Observation | None) -> dict[str, Any] | None:
    return {"date": observation.date.isoformat(), "value": observation.value} if observation else None


def as_json(review: Review) -> list[dict[str, Any]]:
    return [
        {
            "id": change.id,
            "file": f"{review.metrics_dir}/{change.id}.csv",
            "before": _observation(change.latest_before),
            "after": _observation(change.latest_after),
            "added": change.added,
            "changed": change.changed,
            "removed": change.removed,
            "freshness": change.freshness,
            "kpis": [
                {
                    "journey": move.map.journey,
                    "state": move.map.state,
                    "stage": move.stage,
                    "kpi": move.kpi.name,
                    "target": move.target,
                    "better": move.better,
                    "direction": move.direction,
                }
                for move in change.kpis
            ],
        }
        for change in review.metrics
    ]
