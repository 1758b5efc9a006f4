"""The validated journey maps and personas, as plain dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

STATES = ("current", "future")
MAP_TYPES = ("customer-journey", "purchase-journey", "day-in-the-life", "service-blueprint", "onboarding")
LEVELS = ("low", "medium", "high")
OPPORTUNITY_STATUSES = ("idea", "planned", "in-progress", "done")
SOURCE_KINDS = ("interview", "survey", "analytics", "support", "social", "other")
BETTER = ("higher", "lower")  # which way a measured KPI should move
# The channels every site knows (each with an icon and a label on the pages); sites add their own.
CHANNELS = (
    "web", "app", "email", "phone", "chat", "social", "store", "event", "mail", "sales", "partner", "word-of-mouth",
)  # fmt: skip


@dataclass
class Source:
    id: str
    title: str
    kind: str = "other"
    url: str | None = None


@dataclass
class Kpi:
    name: str
    value: str | None = None
    target: str | None = None
    metric: str | None = None  # a measured KPI: the id of its data file, metrics/<metric>.csv
    better: str | None = None  # higher | lower; the metric's own, else higher
    baseline: dt.date | None = None  # the observation on or before it is the baseline


@dataclass
class PainPoint:
    id: str
    text: str
    severity: str | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass
class Opportunity:
    id: str
    text: str
    priority: str | None = None
    owner: str | None = None
    status: str | None = None
    addresses: list[str] = field(default_factory=list)
    shipped: dt.date | None = None  # the day it reached customers (status done)
    impact: str | None = None  # low | medium | high: what it does for customers
    effort: str | None = None  # low | medium | high: what it takes to deliver


@dataclass
class Step:
    id: str
    name: str
    touchpoint: str | None = None
    channel: str | None = None
    actions: list[str] = field(default_factory=list)
    thoughts: list[str] = field(default_factory=list)
    emotion: float | None = None
    feeling: str | None = None
    quote: str | None = None
    moment_of_truth: bool = False
    actors: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    pain_points: list[PainPoint] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    frontstage: list[str] = field(default_factory=list)
    backstage: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    resolves: list[str] = field(default_factory=list)
    metric: str | None = None  # a rate measured at this step: the data lane


@dataclass
class Stage:
    id: str
    name: str
    description: str | None = None
    kpis: list[Kpi] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class PartOf:
    """Where a journey sits in a larger one: that journey as a whole, or one of its stages."""

    journey: str
    stage: str | None = None

    def __str__(self) -> str:
        return f"{self.journey}#{self.stage}" if self.stage else self.journey


@dataclass
class Map:
    journey: str
    state: str
    title: str
    persona: list[str]
    stages: list[Stage]
    type: str = "customer-journey"
    description: str | None = None
    goal: str | None = None
    scope: str | None = None
    owner: str | None = None
    tags: list[str] = field(default_factory=list)
    reviewed: dt.date | None = None
    review_every: int = 90
    draft: bool = False
    aliases: list[str] = field(default_factory=list)
    part_of: PartOf | None = None
    sources: list[Source] = field(default_factory=list)
    # Where the map came from; not part of map.json.
    path: str = ""
    body: str = ""

    @property
    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    @property
    def pain_points(self) -> list[PainPoint]:
        return [pain for step in self.steps for pain in step.pain_points]

    @property
    def opportunities(self) -> list[Opportunity]:
        return [opp for step in self.steps for opp in step.opportunities]

    def review_due(self, today: dt.date) -> bool:
        return self.reviewed is None or (today - self.reviewed).days > self.review_every


@dataclass
class Persona:
    id: str
    name: str
    role: str | None = None
    photo: str | None = None  # relative to the site root
    segment: str | None = None
    quote: str | None = None
    demographics: dict[str, str] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    frustrations: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    motivations: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    path: str = ""
    body: str = ""


@dataclass
class Journey:
    id: str
    states: dict[str, Map]

    @property
    def title(self) -> str:
        return next(iter(self.ordered_states())).title

    @property
    def part_of(self) -> PartOf | None:
        """The current state's, where both states say (docs/format.md, Journeys that nest)."""
        return self.ordered_states()[0].part_of

    @property
    def aliases(self) -> list[str]:
        return sorted({alias for m in self.states.values() for alias in m.aliases})

    @property
    def personas(self) -> list[str]:
        return list(dict.fromkeys(p for m in self.ordered_states() for p in m.persona))

    @property
    def tags(self) -> list[str]:
        return list(dict.fromkeys(t for m in self.ordered_states() for t in m.tags))

    @property
    def types(self) -> list[str]:
        return list(dict.fromkeys(m.type for m in self.ordered_states()))

    def ordered_states(self) -> list[Map]:
        return [self.states[s] for s in STATES if s in self.states]


class Observation(NamedTuple):
    """One measurement of a metric: its value on a day. A tuple: a site holds a million."""

    date: dt.date
    value: float


@dataclass
class Metric:
    """A metric's data (``metrics/<id>.csv``) and its optional description (``<id>.yml``)."""

    id: str
    observations: list[Observation]  # oldest first, at least one, one per date
    name: str | None = None
    unit: str | None = None  # "%" when the file's values carry one and the description names none
    better: str | None = None  # higher | lower; None: the KPI that shows it says
    path: str = ""  # the CSV file, relative to the site root

    @property
    def latest(self) -> Observation:
        return self.observations[-1]

    @property
    def first(self) -> Observation:
        return self.observations[0]

    def on_or_before(self, day: dt.date) -> Observation | None:
        """The last observation on or before ``day``, or None when all are later."""
        found = None
        for observation in self.observations:
            if observation.date > day:
                break
            found = observation
        return found

    def stale(self, today: dt.date, after_days: int) -> bool:
        """Whether the latest observation is more than ``after_days`` days old."""
        return (today - self.latest.date).days > after_days


@dataclass
class Catalog:
    """Everything the site publishes, validated and cross-referenced."""

    personas: dict[str, Persona]
    journeys: dict[str, Journey]
    metrics: dict[str, Metric] = field(default_factory=dict)

    def maps(self) -> list[Map]:
        return [m for j in self.journeys.values() for m in j.ordered_states()]
