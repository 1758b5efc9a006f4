"""Views across every map: touchpoints by channel, and every opportunity."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from journeymaps.model import Catalog, Map, Opportunity, PainPoint, Stage, Step
from journeymaps.text import Text


@dataclass
class TouchpointUse:
    map: Map
    stage: Stage
    step: Step


@dataclass
class Touchpoint:
    name: str
    channel: str | None
    uses: list[TouchpointUse] = field(default_factory=list)

    def mean_emotion(self, state: str) -> float | None:
        """How customers feel here in one state: today's figure and the designed one are never
        blended into a number that describes neither."""
        values = [u.step.emotion for u in self.uses if u.map.state == state and u.step.emotion is not None]
        return round(sum(values) / len(values), 2) if values else None

    @property
    def current(self) -> float | None:
        return self.mean_emotion("current")

    @property
    def future(self) -> float | None:
        return self.mean_emotion("future")


def touchpoints_by_channel(catalog: Catalog) -> list[tuple[str | None, list[Touchpoint]]]:
    """Channels in order of first use (no channel last), each with its touchpoints by name;
    the same touchpoint written with other capitals or spaces counts once."""
    groups: dict[str | None, dict[str, Touchpoint]] = {}
    for m in catalog.maps():
        for stage in m.stages:
            for step in stage.steps:
                if not step.touchpoint:
                    continue
                key = " ".join(step.touchpoint.lower().split())
                channel = groups.setdefault(step.channel, {})
                channel.setdefault(key, Touchpoint(step.touchpoint, step.channel)).uses.append(
                    TouchpointUse(m, stage, step)
                )
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [(channel, sorted(found.values(), key=lambda t: t.name.lower())) for channel, found in ordered]


@dataclass
class OpportunityRow:
    map: Map
    stage: Stage
    step: Step
    opportunity: Opportunity
    addresses: list[PainPoint]


def opportunity_rows(m: Map) -> list[OpportunityRow]:
    """The opportunities of one map in step order, each with the pain points it addresses."""
    pains = {p.id: p for p in m.pain_points}
    return [
        OpportunityRow(m, stage, step, opp, [pains[i] for i in opp.addresses if i in pains])
        for stage in m.stages
        for step in stage.steps
        for opp in step.opportunities
    ]


def all_opportunities(catalog: Catalog) -> list[OpportunityRow]:
    return [row for m in catalog.maps() for row in opportunity_rows(m)]


@dataclass
class PainRow:
    map: Map
    stage: Stage
    step: Step
    pain: PainPoint
    addressed_by: list[Opportunity]


def pain_rows(m: Map) -> list[PainRow]:
    """The pain points of one map in step order, each with the opportunities that address it."""
    return [
        PainRow(m, stage, step, pain, [o for o in m.opportunities if pain.id in o.addresses])
        for stage in m.stages
        for step in stage.steps
        for pain in step.pain_points
    ]


CSV_COLUMNS = (
    "journey", "state", "map", "stage", "step", "id", "opportunity", "priority", "owner", "status",
    "addresses", "url",
)  # fmt: skip


def _cell(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheet apps: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def opportunities_csv(rows: list[OpportunityRow], url_of: Callable[[Map, Step], str], text: Text) -> str:
    """The opportunities for a spreadsheet, headers and values in the site's language. In
    English they are the format's own words (planned, high), which tools already filter on;
    ids stay as written everywhere: they are what tools join on."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(text[f"csv.{column}"] for column in CSV_COLUMNS)
    for r in rows:
        o = r.opportunity
        writer.writerow(
            _cell(value)
            for value in (
                r.map.journey, text[f"csv.state.{r.map.state}"], r.map.title, r.stage.name, r.step.name, o.id,
                o.text, text[f"csv.level.{o.priority}"] if o.priority else "", o.owner or "",
                text[f"csv.status.{o.status}"] if o.status else "", "; ".join(p.text for p in r.addresses),
                url_of(r.map, r.step),
            )
        )  # fmt: skip
    return out.getvalue()
