"""The authoring format, declared once (docs/format.md): every key of a persona and a map,
what kind of value it takes and whether it is required. The validator reads files by this
declaration and the JSON Schema is derived from it, so the two cannot drift apart. Rules
that relate values (ids that repeat, references, nesting) live in the validator and the
catalog, which the declaration cannot express."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeymaps.format.fields import Fields
from journeymaps.format.reader import YMap
from journeymaps.model import BETTER, CHANNELS, LEVELS, MAP_TYPES, OPPORTUNITY_STATUSES, SOURCE_KINDS, STATES
from journeymaps.text import Msg


class Kind:
    """How one value is read. ``read`` reports problems through ``Fields``; ``schema`` is
    the JSON Schema of the same value, for the site's settings."""

    def read(self, f: Fields, m: YMap, key: str, what: Msg, required: bool) -> Any:
        raise NotImplementedError

    def schema(self, settings: Any) -> dict[str, Any]:
        raise NotImplementedError


# Text also accepts numbers and dates, as authors write "value: 39" for a KPI.
_TEXT = {"type": ["string", "number"]}
# A lowercase id: letters of any script, digits and '-'. JSON Schema regexes (ECMA-262, and
# Python's re in most tools) have no Unicode classes, so this excludes what it can:
# capitals, space and ASCII punctuation other than '-'.
_SLUG_PATTERN = r"^[^A-Z\s!-,./:-@\[-`{-~]+$"


class Text(Kind):
    def read(self, f, m, key, what, required):
        return f.text(m, key, what, required)

    def schema(self, settings):
        return dict(_TEXT)


class Texts(Kind):
    """One text or a list of them."""

    def read(self, f, m, key, what, required):
        return f.texts(m, key, what)

    def schema(self, settings):
        return {"anyOf": [dict(_TEXT), {"type": "array", "items": dict(_TEXT)}]}


class Refs(Texts):
    """References to ids, one or a list, each kept with its line for later checks."""

    def read(self, f, m, key, what, required):
        if required and not f.present(m, key, True, what):
            return []
        items = f.text_items(m, key, what)
        if required and isinstance(m[key], list) and not m[key]:  # `persona: []` names no one
            f.error(m.value_line(key), "field.empty_list", key=key, what=what)
        return items


class Slug(Kind):
    def read(self, f, m, key, what, required):
        return f.slug(m, key, what)

    def schema(self, settings):
        return {"type": "string", "pattern": _SLUG_PATTERN}


@dataclass(frozen=True)
class OwnId(Kind):
    """An item's id: ``id:`` when given, else a slug of another key (its name)."""

    source: str

    def read(self, f, m, key, what, required):
        return f.own_id(m, self.source, what)

    def schema(self, settings):
        return Slug().schema(settings)


@dataclass(frozen=True)
class Choice(Kind):
    values: tuple[str, ...]

    def read(self, f, m, key, what, required):
        return f.choice(m, key, self.values, what, required)

    def schema(self, settings):
        # Editors complete the enum; the pattern accepts the capitals and spaces the
        # validator forgives ("Current", " high").
        either = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in v) for v in self.values)
        return {"anyOf": [{"enum": list(self.values)}, {"type": "string", "pattern": rf"^\s*(?:{either})\s*$"}]}


class YesNo(Kind):
    def read(self, f, m, key, what, required):
        return f.boolean(m, key, what)

    def schema(self, settings):
        return {"type": "boolean"}


class Days(Kind):
    def read(self, f, m, key, what, required):
        return f.days(m, key, what)

    def schema(self, settings):
        return {"type": "integer", "minimum": 1}


class Date(Kind):
    def read(self, f, m, key, what, required):
        return f.date(m, key, what)

    def schema(self, settings):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}"}


class Emotion(Kind):
    """A number on the site's emotion scale."""

    def read(self, f, m, key, what, required):
        low, high = f.settings.emotion_scale
        return f.number(m, key, what, low, high, "field.emotion")

    def schema(self, settings):
        low, high = settings.emotion_scale
        return {"type": "number", "minimum": low, "maximum": high}


class TextMap(Kind):
    """Any keys, each with a text value."""

    def read(self, f, m, key, what, required):
        return f.text_map(m, key, what)

    def schema(self, settings):
        return {"type": "object", "additionalProperties": dict(_TEXT)}


class Channel(Text):
    """Free text; the site's vocabulary is offered to editors as suggestions."""

    def schema(self, settings):
        known = sorted({*CHANNELS, *settings.channels})
        return {"anyOf": [{"enum": known}, dict(_TEXT)]}


@dataclass(frozen=True)
class Items(Kind):
    """A list of mappings of ``shape``; with ``strings``, items may be plain text and a
    single item needs no list. Returns (item, line) pairs: the validator reads each item
    with its shape, as only it knows the item's place."""

    shape: Shape
    strings: bool = False

    def read(self, f, m, key, what, required):
        return f.mappings(m, key, what, required, strings=self.strings)

    def schema(self, settings):
        item = {"$ref": f"#/$defs/{self.shape.name}"}
        if not self.strings:
            return {"type": "array", "items": item}
        one = {"anyOf": [{"type": "string"}, item]}
        return {"anyOf": [{"type": "array", "items": one}, {"type": "string"}, item]}


@dataclass(frozen=True)
class Key:
    name: str
    kind: Kind
    required: bool = False
    # A required key missing from an item is reported against the item by name
    # ("stage 'Apply' has no 'steps'") when this names the catalogue entry for that.
    named: str | None = None


@dataclass(frozen=True)
class Shape:
    name: str  # persona, map, source, stage, kpi, step, pain_point, opportunity
    what: str  # catalogue key of the words for it: "the map", "a step"
    keys: tuple[Key, ...] = field(default_factory=tuple)

    @property
    def key_names(self) -> list[str]:
        return [k.name for k in self.keys]


def read_shape(f: Fields, m: YMap, shape: Shape, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every key of ``shape`` from ``m`` (None or empty where absent or wrong); unknown keys
    are reported. Keys in ``skip`` were read before (a map's journey and state)."""
    what = Msg(shape.what)
    f.check_keys(m, shape.key_names, what)
    values: dict[str, Any] = {}
    for key in shape.keys:
        if key.name in skip:
            continue
        owner = Msg(key.named, name=values.get("name") or "") if key.named else what
        values[key.name] = key.kind.read(f, m, key.name, owner, key.required)
    return values


def shape_schema(shape: Shape, settings: Any, describe: Any = None) -> dict[str, Any]:
    """The JSON Schema of one shape, its items referring to ``#/$defs/<shape>``;
    ``describe(shape, key)`` gives a key's description."""
    properties = {}
    for key in shape.keys:
        schema = key.kind.schema(settings)
        if key.required and isinstance(key.kind, Items) and "type" in schema:
            schema = {**schema, "minItems": 1}
        if key.required and type(key.kind) is Text:
            schema = {**schema, "pattern": r"\S"}  # not only spaces; numbers pass
        if describe is not None:
            schema = {"description": describe(shape, key.name), **schema}
        properties[key.name] = schema
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [k.name for k in shape.keys if k.required]
    if required:
        out["required"] = required
    return out


def nested_shapes(shape: Shape) -> list[Shape]:
    """The shapes inside a shape's lists, in the order they are met."""
    found: list[Shape] = []
    for key in shape.keys:
        if isinstance(key.kind, Items) and key.kind.shape not in found:
            found.append(key.kind.shape)
            found += [s for s in nested_shapes(key.kind.shape) if s not in found]
    return found


SOURCE = Shape(
    "source",
    "what.source",
    (Key("id", OwnId("title")), Key("kind", Choice(SOURCE_KINDS)), Key("title", Text(), True), Key("url", Text())),
)
KPI = Shape(
    "kpi",
    "what.kpi",
    (
        Key("name", Text(), True),
        Key("value", Text()),
        Key("target", Text()),
        # A measured KPI: its data in metrics/<metric>.csv (format/metrics.py, format/measured.py).
        Key("metric", Slug()),
        Key("better", Choice(BETTER)),
        Key("baseline", Date()),
    ),
)
PAIN_POINT = Shape(
    "pain_point",
    "what.pain_point",
    (Key("id", OwnId("text")), Key("text", Text(), True), Key("severity", Choice(LEVELS)), Key("evidence", Refs())),
)
OPPORTUNITY = Shape(
    "opportunity",
    "what.opportunity",
    (
        Key("id", OwnId("text")),
        Key("text", Text(), True),
        Key("priority", Choice(LEVELS)),
        Key("owner", Text()),
        Key("status", Choice(OPPORTUNITY_STATUSES)),
        Key("addresses", Refs()),
        Key("shipped", Date()),
        Key("impact", Choice(LEVELS)),
        Key("effort", Choice(LEVELS)),
    ),
)
STEP = Shape(
    "step",
    "what.step",
    (
        Key("name", Text(), True),
        Key("id", OwnId("name")),
        Key("touchpoint", Text()),
        Key("channel", Channel()),
        Key("actions", Texts()),
        Key("thoughts", Texts()),
        Key("emotion", Emotion()),
        Key("feeling", Text()),
        Key("quote", Text()),
        Key("moment_of_truth", YesNo()),
        Key("actors", Texts()),
        Key("evidence", Refs()),
        Key("pain_points", Items(PAIN_POINT, strings=True)),
        Key("opportunities", Items(OPPORTUNITY, strings=True)),
        Key("frontstage", Texts()),
        Key("backstage", Texts()),
        Key("support", Texts()),
        Key("resolves", Refs()),
        Key("metric", Slug()),
    ),
)
STAGE = Shape(
    "stage",
    "what.stage",
    (
        Key("name", Text(), True),
        Key("id", OwnId("name")),
        Key("description", Text()),
        Key("kpis", Items(KPI)),
        Key("steps", Items(STEP), True, named="what.stage_named"),
    ),
)
MAP = Shape(
    "map",
    "what.map",
    (
        Key("title", Text(), True),
        Key("state", Choice(STATES), True),
        Key("persona", Refs(), True),
        Key("journey", Slug()),
        Key("type", Choice(MAP_TYPES)),
        Key("description", Text()),
        Key("goal", Text()),
        Key("scope", Text()),
        Key("owner", Text()),
        Key("tags", Texts()),
        Key("reviewed", Date()),
        Key("review_every", Days()),
        Key("draft", YesNo()),
        Key("aliases", Refs()),
        Key("part_of", Text()),
        Key("sources", Items(SOURCE)),
        Key("stages", Items(STAGE), True),
    ),
)
PERSONA = Shape(
    "persona",
    "what.persona",
    (
        Key("name", Text(), True),
        Key("role", Text()),
        Key("photo", Text()),
        Key("segment", Text()),
        Key("quote", Text()),
        Key("demographics", TextMap()),
        Key("goals", Texts()),
        Key("frustrations", Texts()),
        Key("needs", Texts()),
        Key("motivations", Texts()),
        Key("channels", Texts()),
        Key("tags", Texts()),
    ),
)
# metrics/<id>.yml: what a metric's data file is (format/metrics.py).
METRIC = Shape("metric", "what.metric", (Key("name", Text()), Key("unit", Text()), Key("better", Choice(BETTER))))
SHAPES = (PERSONA, MAP, SOURCE, STAGE, KPI, STEP, PAIN_POINT, OPPORTUNITY, METRIC)
