"""One persona or map file into model objects, by the format's declaration (spec.py), with
the rules that relate values inside one file: ids that repeat, and references to sources,
pain points and the current state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from journeymaps.format.fields import Fields, is_slug, slugify
from journeymaps.format.measured import MetricData, check_kpi, check_metric, check_shipped, pain_point_warning
from journeymaps.format.problems import did_you_mean
from journeymaps.format.reader import Document, YMap
from journeymaps.format.spec import KPI, MAP, OPPORTUNITY, PAIN_POINT, PERSONA, SOURCE, STAGE, STEP, read_shape
from journeymaps.model import Kpi, Map, Opportunity, PainPoint, PartOf, Persona, Source, Stage, Step
from journeymaps.text import Msg, Names

PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")
STEP_TEXT_LISTS = ("actions", "thoughts", "actors", "frontstage", "backstage", "support")


def validate_persona(doc: Document, persona_id: str, fields: Fields) -> Persona:
    v = read_shape(fields, doc.data, PERSONA)
    return Persona(
        id=persona_id,
        name=v["name"] or persona_id,
        role=v["role"],
        segment=v["segment"],
        quote=v["quote"],
        photo=_photo(doc, fields, v["photo"]),
        demographics=v["demographics"],
        goals=v["goals"],
        frustrations=v["frustrations"],
        needs=v["needs"],
        motivations=v["motivations"],
        channels=v["channels"],
        tags=v["tags"],
        path=doc.path,
        body=doc.body,
    )


def _photo(doc: Document, fields: Fields, photo: str | None) -> str | None:
    """The photo's path relative to the site root, once it is known to be an image file
    inside the project."""
    if not photo:
        return None
    line = doc.data.value_line("photo")
    if "://" in photo or photo.startswith(("/", "\\")) or "\x00" in photo:  # no file has a NUL in its name
        fields.error(line, "persona.photo_not_path", photo=photo)
        return None
    target = (doc.abs_path.parent / photo).resolve()
    project = fields.root.resolve()
    if not target.is_relative_to(project):
        fields.error(line, "persona.photo_outside", photo=photo)
        return None
    if target.suffix.lower() not in PHOTO_TYPES:
        fields.error(line, "persona.photo_type", photo=photo)
        return None
    if not target.is_file():
        fields.error(line, "persona.photo_missing", photo=photo, looked=target.relative_to(project).as_posix())
        return None
    problem = _unreadable_image(target)
    if problem is not None:
        fields.error(line, problem.key, photo=photo, **problem.params)
        return None
    return target.relative_to(project).as_posix()


MAX_PHOTO_PIXELS = 40_000_000  # a 7000 × 5700 photo; far beyond what a page shows
_BOMB = re.compile(r"\((\d+) pixels\)")


def _unreadable_image(path: Path) -> Msg | None:
    """Why the file is not a photo the site can draw, or None. The site resizes photos, so
    one that cannot be decoded, or would take gigabytes to (a decompression bomb), is the
    author's to fix, and said at its line rather than failing the build later."""
    limit = f"{MAX_PHOTO_PIXELS / 1e6:g}"
    try:
        with Image.open(path) as image:
            pixels = image.width * image.height
            if pixels > MAX_PHOTO_PIXELS:
                return Msg("persona.photo_too_large", pixels=f"{pixels / 1e6:.0f}", limit=limit)
            image.load()
    except Image.DecompressionBombError as err:
        found = _BOMB.search(str(err))
        pixels = f"{int(found.group(1)) / 1e6:.0f}" if found else "?"
        return Msg("persona.photo_too_large", pixels=pixels, limit=limit)
    except UnidentifiedImageError:
        return Msg("persona.photo_unreadable", reason=Msg("reason.not_an_image"))
    except (OSError, SyntaxError, ValueError):  # Pillow's words for a cut-short or damaged file vary
        return Msg("persona.photo_unreadable", reason=Msg("reason.damaged_image"))
    return None


# A journey map is read by people; far beyond this it is data in the wrong place. The bound
# keeps every page of a map (its canvas, its curves, its journey page) quick to build.
MAX_STEPS = 1000


def _step_count(m: YMap) -> int:
    stages = m.get("stages")
    if not isinstance(stages, list):
        return 0
    return sum(len(s["steps"]) for s in stages if isinstance(s, dict) and isinstance(s.get("steps"), list))


@dataclass
class MapContext:
    """What a map may refer to outside itself."""

    personas: set[str]
    # pain point ids of the journey's current state; None when it has none
    current_pain_points: set[str] | None = None
    # the site's metric data; None: 'metric:' is not checked against files
    metrics: MetricData | None = None


@dataclass
class _Refs:
    """References inside one map, checked once the whole map is read."""

    evidence: list[tuple[str, int]] = field(default_factory=list)
    addresses: list[tuple[str, int]] = field(default_factory=list)
    resolves: list[tuple[str, int]] = field(default_factory=list)


_KINDS = ("stage", "step", "pain_point", "opportunity", "source")


class MapValidator:
    def __init__(self, doc: Document, fields: Fields, context: MapContext):
        self.doc = doc
        self.f = fields
        self.context = context
        self.refs = _Refs()
        self.seen: dict[str, dict[str, int]] = {kind: {} for kind in _KINDS}

    def unique(self, kind: str, ident: str | None, line: int) -> None:
        if ident is None:
            return
        seen = self.seen[kind]
        if ident in seen:
            self.f.error(line, "map.id_twice", kind=Msg(f"id_of.{kind}"), id=ident, first=seen[ident])
        else:
            seen[ident] = line

    @staticmethod
    def _id_line(m: YMap, line: int) -> int:
        return m.key_line("id") if "id" in m else line

    def validate(self, journey: str, state: str) -> Map:
        m = self.doc.data
        v = read_shape(self.f, m, MAP, skip=("journey", "state"))
        count = _step_count(m)
        if count > MAX_STEPS:
            self.f.error(m.key_line("stages"), "map.too_many_steps", count=f"{count:,}", max=f"{MAX_STEPS:,}")
            v["stages"] = []
        result = Map(
            journey=journey,
            state=state,
            title=v["title"] or journey,
            persona=self.personas(v["persona"]),
            type=v["type"] or "customer-journey",
            description=v["description"],
            goal=v["goal"],
            scope=v["scope"],
            owner=v["owner"],
            tags=v["tags"],
            reviewed=v["reviewed"],
            review_every=v["review_every"] or self.f.settings.review_every,
            draft=bool(v["draft"]),
            aliases=self.aliases(v["aliases"]),
            part_of=self.part_of(v["part_of"]),
            sources=[s for item, line in v["sources"] if (s := self.source(item, line))],
            stages=[self.stage(item, line, state) for item, line in v["stages"]],
            path=self.doc.path,
            body=self.doc.body,
        )
        self.check_refs()
        return result

    def personas(self, refs: list[tuple[str, int]]) -> list[str]:
        known = sorted(self.context.personas)
        for ident, line in refs:
            if ident not in self.context.personas:
                hint = did_you_mean(ident, known) or (
                    Msg("hint.known", what=Msg("known.personas"), names=Names(known))
                    if known
                    else Msg("hint.add_persona")
                )
                self.f.error(line, "map.unknown_persona", id=ident, hint=hint)
        return [ident for ident, _ in refs]

    def aliases(self, refs: list[tuple[str, int]]) -> list[str]:
        out = []
        for alias, line in refs:
            if is_slug(alias):
                out.append(alias)
            else:
                self.f.error(line, "map.alias_not_slug", alias=alias)
        return out

    def part_of(self, text: str | None) -> PartOf | None:
        """``journey#stage`` or ``journey``; whether they exist is the catalog's to check."""
        if not text:
            return None
        journey, _, stage = text.partition("#")
        journey, stage = journey.strip(), stage.strip()
        if not is_slug(journey) or (stage and not is_slug(stage)) or text.count("#") > 1:
            suggestion = "#".join(filter(None, (slugify(journey), slugify(stage))))
            hint = Msg("hint.try", word=suggestion) if suggestion and suggestion != text else ""
            self.f.error(self.doc.data.value_line("part_of"), "map.part_of_form", value=text, hint=hint)
            return None
        return PartOf(journey, stage or None)

    def source(self, item: YMap, line: int) -> Source | None:
        v = read_shape(self.f, item, SOURCE)
        self.unique("source", v["id"], self._id_line(item, line))
        if not v["id"] or v["title"] is None:
            return None
        return Source(id=v["id"], title=v["title"], kind=v["kind"] or "other", url=v["url"])

    def stage(self, m: YMap, line: int, state: str) -> Stage:
        v = read_shape(self.f, m, STAGE)
        self.unique("stage", v["id"], self._id_line(m, m.line))
        return Stage(
            id=v["id"] or "",
            name=v["name"] or "",
            description=v["description"],
            kpis=[self.kpi(item) for item, _ in v["kpis"]],
            steps=[self.step(item, state) for item, _ in v["steps"]],
        )

    def kpi(self, m: YMap) -> Kpi:
        v = read_shape(self.f, m, KPI)
        kpi = Kpi(
            name=v["name"] or "",
            value=v["value"],
            target=v["target"],
            metric=v["metric"],
            better=v["better"],
            baseline=v["baseline"],
        )
        check_kpi(self.f, m, kpi, self.context.metrics)
        return kpi

    def step(self, m: YMap, state: str) -> Step:
        v = read_shape(self.f, m, STEP)
        self.unique("step", v["id"], self._id_line(m, m.line))
        self.refs.evidence += v["evidence"]
        if v["resolves"] and state != "future":
            self.f.error(m.key_line("resolves"), "map.resolves_in_current")
        else:
            self.refs.resolves += v["resolves"]
        step = Step(
            id=v["id"] or "",
            name=v["name"] or "",
            touchpoint=v["touchpoint"],
            channel=v["channel"].lower() if v["channel"] else v["channel"],
            emotion=v["emotion"],
            feeling=v["feeling"],
            quote=v["quote"],
            moment_of_truth=bool(v["moment_of_truth"]),
            evidence=[ident for ident, _ in v["evidence"]],
            pain_points=[self.pain_point(item, line) for item, line in v["pain_points"]],
            opportunities=[self.opportunity(item, line) for item, line in v["opportunities"]],
            resolves=[ident for ident, _ in v["resolves"]],
            metric=v["metric"],
        )
        check_metric(self.f, m, step.metric, self.context.metrics)
        for key in STEP_TEXT_LISTS:
            setattr(step, key, v[key])
        return step

    def text_item(self, item: YMap | str, line: int, kind: str) -> tuple[str, str, dict[str, Any] | None]:
        """Id, text and other values of a pain point or opportunity, written as plain text
        or as a mapping."""
        shape = PAIN_POINT if kind == "pain_point" else OPPORTUNITY
        if isinstance(item, str):
            ident = slugify(item)
            if not ident:
                self.f.error(line, "map.text_item_no_id", text=item, what=Msg(shape.what))
            self.unique(kind, ident or None, line)
            return ident, item.strip(), None
        v = read_shape(self.f, item, shape)
        self.unique(kind, v["id"], self._id_line(item, line))
        return v["id"] or "", v["text"] or "", v

    def pain_point(self, item: YMap | str, line: int) -> PainPoint:
        ident, text, v = self.text_item(item, line, "pain_point")
        if v is None:
            return PainPoint(id=ident, text=text)
        self.refs.evidence += v["evidence"]
        pain_point_warning(self.f, item, v["severity"], v["evidence"])
        return PainPoint(id=ident, text=text, severity=v["severity"], evidence=[i for i, _ in v["evidence"]])

    def opportunity(self, item: YMap | str, line: int) -> Opportunity:
        ident, text, v = self.text_item(item, line, "opportunity")
        if v is None:
            return Opportunity(id=ident, text=text)
        self.refs.addresses += v["addresses"]
        opportunity = Opportunity(
            id=ident,
            text=text,
            priority=v["priority"],
            owner=v["owner"],
            status=v["status"],
            addresses=[i for i, _ in v["addresses"]],
            shipped=v["shipped"],
            impact=v["impact"],
            effort=v["effort"],
        )
        check_shipped(self.f, item, opportunity)
        return opportunity

    def check_refs(self) -> None:
        sources, pains = self.seen["source"], self.seen["pain_point"]
        for ident, line in self.refs.evidence:
            if ident not in sources:
                self.f.error(line, "map.unknown_source", id=ident, hint=_hint(ident, sources, "known.sources"))
        for ident, line in self.refs.addresses:
            if ident not in pains:
                self.f.error(line, "map.unknown_pain_point", id=ident, hint=_hint(ident, pains, "known.pain_points"))
        current = self.context.current_pain_points
        for ident, line in self.refs.resolves:
            if current is None:
                self.f.error(line, "map.resolves_no_current", id=ident)
            elif ident not in current:
                hint = _hint(ident, current, "known.current_pain_points")
                self.f.error(line, "map.unknown_current_pain_point", id=ident, hint=hint)


def _hint(word: str, choices, what: str) -> Msg:
    """Did you mean the nearest one, or which ones there are."""
    names = sorted(choices)
    if not names:
        return Msg("hint.none_defined", what=Msg(what))
    nearest = did_you_mean(word, names)
    if nearest:
        return nearest
    shown = names[:8] + (["..."] if len(names) > 8 else [])
    return Msg("hint.known", what=Msg(what), names=Names(shown))
