"""Every rule of FORMAT.md for one persona or map file, into model objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeymaps.format.fields import Fields, is_slug, slugify
from journeymaps.format.problems import did_you_mean
from journeymaps.format.reader import Document, YMap
from journeymaps.model import (
    LEVELS,
    MAP_TYPES,
    OPPORTUNITY_STATUSES,
    SOURCE_KINDS,
    Kpi,
    Map,
    Opportunity,
    PainPoint,
    Persona,
    Source,
    Stage,
    Step,
)
from journeymaps.settings import Settings

PERSONA_KEYS = (
    "name", "role", "photo", "segment", "quote", "demographics", "goals",
    "frustrations", "needs", "motivations", "channels", "tags",
)  # fmt: skip
PERSONA_LISTS = ("goals", "frustrations", "needs", "motivations", "channels", "tags")
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")
MAP_KEYS = (
    "title", "state", "persona", "journey", "type", "description", "goal", "scope", "owner",
    "tags", "reviewed", "review_every", "draft", "aliases", "sources", "stages",
)  # fmt: skip
SOURCE_KEYS = ("id", "kind", "title", "url")
STAGE_KEYS = ("name", "id", "description", "kpis", "steps")
KPI_KEYS = ("name", "value", "target")
STEP_KEYS = (
    "name", "id", "touchpoint", "channel", "actions", "thoughts", "emotion", "feeling", "quote",
    "moment_of_truth", "actors", "evidence", "pain_points", "opportunities", "frontstage",
    "backstage", "support", "resolves",
)  # fmt: skip
STEP_TEXT_LISTS = ("actions", "thoughts", "actors", "frontstage", "backstage", "support")
PAIN_KEYS = ("id", "text", "severity", "evidence")
OPPORTUNITY_KEYS = ("id", "text", "priority", "owner", "status", "addresses")


def _fmt(number: float) -> str:
    return f"{number:g}"


def validate_persona(doc: Document, persona_id: str, root: Path, fields: Fields) -> Persona | None:
    m = doc.data
    what = "the persona"
    fields.check_keys(m, PERSONA_KEYS, what)
    name = fields.text(m, "name", what, required=True)
    persona = Persona(
        id=persona_id,
        name=name or persona_id,
        role=fields.text(m, "role", what),
        segment=fields.text(m, "segment", what),
        quote=fields.text(m, "quote", what),
        photo=_photo(doc, m, root, fields),
        demographics=_demographics(m, fields),
        path=doc.path,
        body=doc.body,
    )
    for key in PERSONA_LISTS:
        setattr(persona, key, fields.texts(m, key, what))
    return persona


def _photo(doc: Document, m: YMap, root: Path, fields: Fields) -> str | None:
    photo = fields.text(m, "photo", "the persona")
    if not photo:
        return None
    line = m.value_line("photo")
    if "://" in photo or photo.startswith(("/", "\\")):
        fields.error(line, f"'photo' must be a file path relative to this file, like 'zhang-li.jpg', not '{photo}'")
        return None
    target = (doc.abs_path.parent / photo).resolve()
    project = root.resolve()
    if not target.is_relative_to(project):
        fields.error(line, f"the photo '{photo}' is outside the project; keep photos beside the persona files")
        return None
    if target.suffix.lower() not in PHOTO_TYPES:
        fields.error(line, f"the photo '{photo}' must be a .jpg, .jpeg, .png or .webp image")
        return None
    if not target.is_file():
        fields.error(line, f"the photo '{photo}' does not exist (looked for {target.relative_to(project).as_posix()})")
        return None
    return target.relative_to(project).as_posix()


def _demographics(m: YMap, fields: Fields) -> dict[str, str]:
    if not fields.present(m, "demographics", False, "the persona"):
        return {}
    value = m["demographics"]
    if not isinstance(value, YMap):
        fields.error(m.value_line("demographics"), "'demographics' must be a mapping like {age: 32, city: Shanghai}")
        return {}
    out = {}
    for key in value:
        text = fields.text(value, key, "demographics")
        if text is not None:
            out[str(key)] = text
    return out


@dataclass
class MapContext:
    """What a map may refer to outside itself."""

    settings: Settings
    personas: set[str]
    # pain point ids of the journey's current state; None when it has none
    current_pain_points: set[str] | None = None


@dataclass
class _Refs:
    """References inside one map, checked once the whole map is read."""

    evidence: list[tuple[str, int]] = field(default_factory=list)
    addresses: list[tuple[str, int]] = field(default_factory=list)
    resolves: list[tuple[str, int]] = field(default_factory=list)


class MapValidator:
    def __init__(self, doc: Document, fields: Fields, context: MapContext):
        self.doc = doc
        self.f = fields
        self.context = context
        self.refs = _Refs()
        self.seen: dict[str, dict[str, int]] = {k: {} for k in ("stage", "step", "pain point", "opportunity", "source")}

    def unique(self, kind: str, ident: str | None, line: int) -> None:
        if ident is None:
            return
        seen = self.seen[kind]
        if ident in seen:
            self.f.error(
                line,
                f"{kind} id '{ident}' is used twice in this map (first on line {seen[ident]}); set a different 'id:'",
            )
        else:
            seen[ident] = line

    def validate(self, journey: str, state: str) -> Map:
        m = self.doc.data
        f, what = self.f, "the map"
        f.check_keys(m, MAP_KEYS, what)
        review_every = f.whole_number(m, "review_every", what)
        result = Map(
            journey=journey,
            state=state,
            title=f.text(m, "title", what, required=True) or journey,
            persona=self.personas(m),
            type=f.choice(m, "type", MAP_TYPES, what) or "customer-journey",
            description=f.text(m, "description", what),
            goal=f.text(m, "goal", what),
            scope=f.text(m, "scope", what),
            owner=f.text(m, "owner", what),
            tags=f.texts(m, "tags", what),
            reviewed=f.date(m, "reviewed", what),
            review_every=review_every or self.context.settings.review_every,
            draft=bool(f.boolean(m, "draft", what)),
            aliases=self.aliases(m),
            sources=self.sources(m),
            stages=[],
            path=self.doc.path,
            body=self.doc.body,
        )
        for item, _ in f.mappings(m, "stages", what, required=True):
            result.stages.append(self.stage(item, state))
        self.check_refs()
        return result

    def personas(self, m: YMap) -> list[str]:
        if not self.f.present(m, "persona", True, "the map"):
            return []
        out = []
        for ident, line in self.f.ids(m, "persona", "the map"):
            if ident not in self.context.personas:
                known = sorted(self.context.personas)
                hint = _nearest(ident, known) or (
                    f"; known personas: {', '.join(known)}" if known else "; add it under personas/"
                )
                self.f.error(line, f"unknown persona '{ident}'{hint}")
            out.append(ident)
        return out

    def aliases(self, m: YMap) -> list[str]:
        out = []
        for alias, line in self.f.ids(m, "aliases", "the map"):
            if not is_slug(alias):
                self.f.error(line, f"alias '{alias}' must be an earlier journey id: lowercase letters, digits and '-'")
            else:
                out.append(alias)
        return out

    def sources(self, m: YMap) -> list[Source]:
        out = []
        for item, line in self.f.mappings(m, "sources", "the map"):
            what = "a source"
            self.f.check_keys(item, SOURCE_KEYS, what)
            title = self.f.text(item, "title", what, required=True)
            ident = self.f.own_id(item, "title", what)
            self.unique("source", ident, item.key_line("id") if "id" in item else line)
            if ident and title is not None:
                kind = self.f.choice(item, "kind", SOURCE_KINDS, what) or "other"
                out.append(Source(id=ident, title=title, kind=kind, url=self.f.text(item, "url", what)))
        return out

    def stage(self, m: YMap, state: str) -> Stage:
        f, what = self.f, "a stage"
        f.check_keys(m, STAGE_KEYS, what)
        name = f.text(m, "name", what, required=True)
        ident = f.own_id(m, "name", what)
        self.unique("stage", ident, m.key_line("id") if "id" in m else m.line)
        stage = Stage(id=ident or "", name=name or "", description=f.text(m, "description", what))
        for item, _ in f.mappings(m, "kpis", what):
            f.check_keys(item, KPI_KEYS, "a KPI")
            stage.kpis.append(
                Kpi(
                    name=f.text(item, "name", "a KPI", required=True) or "",
                    value=f.text(item, "value", "a KPI"),
                    target=f.text(item, "target", "a KPI"),
                )
            )
        for item, _ in f.mappings(m, "steps", f"stage '{name}'", required=True):
            stage.steps.append(self.step(item, state))
        return stage

    def step(self, m: YMap, state: str) -> Step:
        f, what = self.f, "a step"
        f.check_keys(m, STEP_KEYS, what)
        name = f.text(m, "name", what, required=True)
        ident = f.own_id(m, "name", what)
        self.unique("step", ident, m.key_line("id") if "id" in m else m.line)
        step = Step(
            id=ident or "",
            name=name or "",
            touchpoint=f.text(m, "touchpoint", what),
            channel=f.text(m, "channel", what),
            emotion=self.emotion(m),
            feeling=f.text(m, "feeling", what),
            quote=f.text(m, "quote", what),
            moment_of_truth=bool(f.boolean(m, "moment_of_truth", what)),
        )
        for key in STEP_TEXT_LISTS:
            setattr(step, key, f.texts(m, key, what))
        step.channel = step.channel.lower() if step.channel else step.channel
        evidence = f.ids(m, "evidence", what)
        self.refs.evidence += evidence
        step.evidence = [ident for ident, _ in evidence]
        step.pain_points = [
            self.pain_point(item, line) for item, line in f.mappings(m, "pain_points", what, strings=True)
        ]
        step.opportunities = [
            self.opportunity(item, line) for item, line in f.mappings(m, "opportunities", what, strings=True)
        ]
        resolves = f.ids(m, "resolves", what)
        if resolves and state != "future":
            f.error(
                m.key_line("resolves"),
                "'resolves' belongs in a future-state map; it names pain points of the current state",
            )
        else:
            self.refs.resolves += resolves
        step.resolves = [ident for ident, _ in resolves]
        return step

    def emotion(self, m: YMap) -> float | None:
        if not self.f.present(m, "emotion", False, "a step"):
            return None
        value = m["emotion"]
        low, high = self.context.settings.emotion_scale
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if number is None or not (low <= number <= high):
            shown = f"'{value}'" if isinstance(value, str) else repr(value)
            self.f.error(
                m.value_line("emotion"),
                f"'emotion' must be a number from {_fmt(low)} to {_fmt(high)} (the site's emotion scale), not {shown}",
            )
            return None
        return number

    def text_item(self, item: YMap | str, line: int, kind: str, keys: tuple[str, ...]) -> tuple[str, str, YMap | None]:
        """Id and text of a pain point or opportunity, written as plain text or as a mapping."""
        what = f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
        if isinstance(item, str):
            ident = _text_id(item, line, self.f, what)
            self.unique(kind, ident, line)
            return ident or "", item.strip(), None
        self.f.check_keys(item, keys, what)
        text = self.f.text(item, "text", what, required=True)
        ident = self.f.own_id(item, "text", what)
        self.unique(kind, ident, item.key_line("id") if "id" in item else line)
        return ident or "", text or "", item

    def pain_point(self, item: YMap | str, line: int) -> PainPoint:
        ident, text, m = self.text_item(item, line, "pain point", PAIN_KEYS)
        if m is None:
            return PainPoint(id=ident, text=text)
        evidence = self.f.ids(m, "evidence", "a pain point")
        self.refs.evidence += evidence
        severity = self.f.choice(m, "severity", LEVELS, "a pain point")
        return PainPoint(id=ident, text=text, severity=severity, evidence=[i for i, _ in evidence])

    def opportunity(self, item: YMap | str, line: int) -> Opportunity:
        ident, text, m = self.text_item(item, line, "opportunity", OPPORTUNITY_KEYS)
        if m is None:
            return Opportunity(id=ident, text=text)
        what = "an opportunity"
        addresses = self.f.ids(m, "addresses", what)
        self.refs.addresses += addresses
        return Opportunity(
            id=ident,
            text=text,
            priority=self.f.choice(m, "priority", LEVELS, what),
            owner=self.f.text(m, "owner", what),
            status=self.f.choice(m, "status", OPPORTUNITY_STATUSES, what),
            addresses=[i for i, _ in addresses],
        )

    def check_refs(self) -> None:
        sources, pains = self.seen["source"], self.seen["pain point"]
        for ident, line in self.refs.evidence:
            if ident not in sources:
                self.f.error(line, f"unknown source '{ident}'{_nearest(ident, sources) or _known('sources', sources)}")
        for ident, line in self.refs.addresses:
            if ident not in pains:
                self.f.error(
                    line,
                    f"unknown pain point '{ident}' in this map{_nearest(ident, pains) or _known('pain points', pains)}",
                )
        current = self.context.current_pain_points
        for ident, line in self.refs.resolves:
            if current is None:
                self.f.error(line, f"'resolves' names pain point '{ident}', but this journey has no current-state map")
            elif ident not in current:
                hint = _nearest(ident, current) or _known("pain points of the current state", current)
                self.f.error(line, f"unknown pain point '{ident}' of the current state{hint}")


def _text_id(text: str, line: int, fields: Fields, what: str) -> str | None:
    ident = slugify(text)
    if not ident:
        fields.error(line, f"cannot make an id from '{text}'; write {what} as a mapping with 'id:' and 'text:'")
    return ident or None


def _nearest(word: str, choices) -> str:
    return did_you_mean(word, sorted(choices))


def _known(what: str, choices) -> str:
    names = sorted(choices)
    if not names:
        return f"; this map defines no {what}"
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    return f"; known {what}: {shown}"
