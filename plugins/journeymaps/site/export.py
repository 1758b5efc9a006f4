"""The machine-readable files: map.json, journey.json and journeymaps.json (docs/format.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from typing import Any

from journeymaps.analysis.compare import Comparison
from journeymaps.analysis.heatmap import HeatCell, OpenPain
from journeymaps.analysis.matrix import MatrixItem
from journeymaps.analysis.summary import JourneySummary
from journeymaps.model import Journey, Map
from journeymaps.site import urls
from journeymaps.site.evidence_data import evidence_data
from journeymaps.site.pieces import Piece, made
from journeymaps.site.plan import SitePlan

_INTERNAL = {"path", "body"}


@cache
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in _INTERNAL)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):  # most values: nothing to do
        return value
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _fields(type(value))}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def map_data(m: Map, plan: SitePlan | None = None) -> dict[str, Any]:
    """The map as map.json has it; with the site's ``plan``, also its measured values and
    evidence coverage (site/evidence_data.py)."""
    data = _plain(m)
    if plan is not None:
        data.update(evidence_data(m, plan.measures(m)))
    # journey and state first, as docs/format.md shows them
    return {"journey": data.pop("journey"), "state": data.pop("state"), **data}


def journey_data(journey: Journey, comparison: Comparison, states: dict[str, dict] | None = None) -> dict[str, Any]:
    """``states``: each state's map_data, when the caller has them already."""
    return {
        "journey": journey.id,
        "title": journey.title,
        "states": states or {m.state: map_data(m) for m in journey.ordered_states()},
        "pain_points": {
            "resolved": comparison.resolved_ids,
            "open": comparison.open_ids,
            # Resolved in the design is not delivered: these also have an opportunity done.
            "delivered": comparison.delivered_ids,
            "progress": {p.pain.id: p.progress for p in comparison.pain_points},
        },
        "stages": [{"id": s.id, "current": s.current, "future": s.future} for s in comparison.stages],
    }


def summary_data(summary: JourneySummary, url: str) -> dict[str, Any]:
    """The one-page summary as data, for journey.json: what the page shows, by id."""
    return {
        "url": url,
        "goal": summary.goal,
        "owner": summary.owner,
        "reviewed": _plain(summary.reviewed),
        "pain_points": [
            {"id": p.pain.id, "severity": p.pain.severity, "resolved": p.resolved, "progress": p.progress}
            for p in summary.pains
        ],
        "more_pain_points": summary.more_pains,
        "in_progress": [{"state": r.map.state, "id": r.opportunity.id} for r in summary.in_progress],
        "kpis": [{"stage": k.stage.id, **_plain(k.kpi)} for k in summary.kpis],
    }


_POINT = ("stage", "step", "name", "emotion")  # a history curve's row, by place


def history_data(history: Any) -> dict[str, Any]:
    """A map's history across reviews (authoring/history.py), for history.json."""

    def review(r: Any) -> dict[str, Any]:  # its curve's rows by name, not made plain first and then replaced
        return {
            name: [dict(zip(_POINT, p, strict=True)) for p in r.curve] if name == "curve" else _plain(getattr(r, name))
            for name in _fields(type(r))
        }

    return {"reviews": [review(r) for r in history.reviews]}


def index_data(plan: SitePlan, use_directory_urls: bool, part: Piece = made) -> dict[str, Any]:
    """journeymaps.json; ``part`` makes each journey's, pain point's and opportunity's piece
    (site/pieces.py: kept under `mkdocs serve --dirty`)."""

    def url(src: str) -> str:
        return urls.page_url(src, use_directory_urls)

    def journey_item(journey: Journey) -> dict[str, Any]:
        states = {}
        for m in journey.ordered_states():
            states[m.state] = {
                "url": url(urls.map_src(journey.id, m.state)),
                "title": m.title,
                "type": m.type,
                "persona": m.persona,
                "owner": m.owner,
                "tags": m.tags,
                "reviewed": m.reviewed.isoformat() if m.reviewed else None,
                "review_due": m.review_due(plan.today),
                "map": urls.map_file(journey.id, m.state, "map.json"),
            }
        return {
            "id": journey.id,
            "title": journey.title,
            "url": url(urls.journey_src(journey.id)),
            "aliases": journey.aliases,
            "part_of": _plain(journey.part_of),
            "states": states,
        }

    journeys = [
        part("journey", *j.ordered_states(), caller=lambda j=j: journey_item(j)) for j in plan.catalog.journeys.values()
    ]
    personas = [
        {"id": p.id, "name": p.name, "url": url(urls.persona_src(p.id)), "role": p.role}
        for p in plan.catalog.personas.values()
    ]
    return {
        "journeys": journeys,
        "personas": personas,
        **portfolio_data(plan, url, part),
        "opportunities": matrix_data(plan, url, part),
    }


def matrix_data(plan: SitePlan, url: Callable[[str], str], part: Piece = made) -> dict[str, Any]:
    """Every opportunity with its impact, effort and quadrant (null: not rated on both), and
    the severity of the pain points it addresses (docs/reading.md, The opportunity matrix)."""

    def item(i: MatrixItem) -> dict[str, Any]:
        r, o = i.row, i.row.opportunity
        return {
            "journey": r.map.journey,
            "state": r.map.state,
            "stage": r.stage.id,
            "step": r.step.id,
            "id": o.id,
            "text": o.text,
            "status": o.status,
            "owner": o.owner,
            "priority": o.priority,
            "impact": o.impact,
            "effort": o.effort,
            "quadrant": i.quadrant,
            "addresses": [{"id": p.id, "severity": p.severity} for p in r.addresses],
            "url": url(urls.map_src(r.map.journey, r.map.state)) + "#" + urls.anchor("step", r.step.id),
        }

    # An item is made of its map (its step, the pain points it addresses) and the opportunity.
    items = [part("matrix", i.row.map, i.row.opportunity, caller=lambda i=i: item(i)) for i in plan.matrix.all]
    return {"matrix_url": url(urls.OPPORTUNITY_MATRIX), "items": items}


def _map_ref(m: Map, url: Callable[[str], str]) -> dict[str, Any]:
    return {"journey": m.journey, "state": m.state, "url": url(urls.map_src(m.journey, m.state))}


def portfolio_data(plan: SitePlan, url: Callable[[str], str], part: Piece = made) -> dict[str, Any]:
    """The portfolio views as data: the pain-point heat map and every open pain point worst
    first, tags, owners and the review queue (docs/reading.md, The portfolio)."""
    p = plan.portfolio
    planned = {page.src_uri for page in plan.pages}
    owners, unowned = p.owners

    def at(m: Map, kind: str, ident: str) -> str:
        return url(urls.map_src(m.journey, m.state)) + "#" + urls.anchor(kind, ident)

    def cell(m: Map, c: HeatCell) -> dict[str, Any]:
        return {
            "id": c.stage.id,
            "name": c.stage.name,
            "lowest_emotion": c.lowest,
            "tone": c.tone,
            "high_pain_points": c.high,
            "url": at(m, "stage", c.stage.id),
        }

    def pain(o: OpenPain) -> dict[str, Any]:
        s = o.status
        return {
            "journey": o.map.journey,
            "state": o.map.state,
            "stage": s.stage.id,
            "step": s.step.id,
            "id": s.pain.id,
            "text": s.pain.text,
            "severity": s.pain.severity,
            "emotion": s.step.emotion,
            "url": at(o.map, "step", s.step.id),
        }

    def owner(name: str | None, key: str | None, maps: list[Map]) -> dict[str, Any]:
        return {
            "owner": name,
            "url": url(urls.OWNERS_INDEX) + "#" + urls.owner_anchor(key),
            "maps": [_map_ref(m, url) for m in maps],
        }

    return {
        "pain_points": {
            "url": url(urls.PAIN_POINTS_INDEX),
            "heat_map": [
                part(
                    "heat",
                    row.map,
                    caller=lambda row=row: {**_map_ref(row.map, url), "stages": [cell(row.map, c) for c in row.cells]},
                )
                for row in p.heat_map.rows
            ],
            "open": [part("open", o.map, o.status.pain, caller=lambda o=o: pain(o)) for o in p.open_pain_points],
        },
        # No page of ours for a tag when Material's tags plugin lists the tags instead: null.
        "tags": [
            {"tag": g.name, "url": url(src) if src in planned else None, "maps": [_map_ref(m, url) for m in g.maps]}
            for g in p.tags
            if (src := urls.tag_src(g.key))
        ],
        "owners": [owner(g.name, g.key, g.maps) for g in owners] + ([owner(None, None, unowned)] if unowned else []),
        "review_queue": [
            {
                **_map_ref(i.map, url),
                "reviewed": i.map.reviewed.isoformat() if i.map.reviewed else None,
                "review_every": i.map.review_every,
                "days_overdue": i.overdue,
            }
            for i in p.review_queue
        ],
    }


def dumps(data: Any) -> str:
    # No indent: it would make json use its pure-Python encoder, several times slower.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
