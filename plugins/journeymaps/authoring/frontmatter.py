"""A map or a persona written back as the file an author would write: front matter with the
keys in the format's order (format/spec.py), what the validator would fill in left out
(defaults, ids that are a slug of the name, empty lists), then the Markdown body. And the
check that the validator accepts what was written, before anything is written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from pathlib import Path
from typing import Any

import yaml

from journeymaps.format.fields import Fields, slugify
from journeymaps.format.problems import Problems
from journeymaps.format.reader import Document, parse_front_matter, split_front_matter
from journeymaps.format.spec import MAP, PERSONA, Items, OwnId, Shape
from journeymaps.format.validate import MapContext, MapValidator, validate_persona
from journeymaps.model import Map, PartOf, Persona
from journeymaps.settings import Settings

# Keys that usually name one thing, written as one value rather than a list of one.
_SINGULAR = ("persona",)


def _plain(value: Any) -> Any:
    if isinstance(value, PartOf):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date) or not isinstance(value, (list, tuple)):
        return value
    return [_plain(v) for v in value]


def _defaults(obj: Any) -> dict[str, Any]:
    out = {}
    for f in dataclasses.fields(obj):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return out


def shape_fields(obj: Any, shape: Shape, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The keys of ``shape`` an author would write for the model object ``obj``, in order."""
    defaults = _defaults(obj)
    out: dict[str, Any] = {}
    for key in shape.keys:
        if key.name in skip or not hasattr(obj, key.name):
            continue
        value = getattr(obj, key.name)
        if isinstance(key.kind, OwnId):
            if value and value != slugify(str(getattr(obj, key.kind.source, "") or "")):
                out[key.name] = value
            continue
        if not key.required and (value is None or value == defaults.get(key.name)):
            continue
        if isinstance(key.kind, Items):
            out[key.name] = [_item(item, key.kind) for item in value]
        elif key.name in _SINGULAR and isinstance(value, list) and len(value) == 1:
            out[key.name] = value[0]
        elif isinstance(value, dict):
            out[key.name] = {str(k): v for k, v in value.items()}
        else:
            out[key.name] = _plain(value)
    return out


def _item(item: Any, kind: Items) -> Any:
    fields = shape_fields(item, kind.shape)
    if kind.strings and list(fields) == ["text"]:  # a pain point that is only its text
        return fields["text"]
    return fields


def map_fields(m: Map, with_journey: bool = False) -> dict[str, Any]:
    """A map's front matter; ``journey`` only where the file's place does not say it."""
    return shape_fields(m, MAP, skip=() if with_journey else ("journey",))


def persona_fields(persona: Persona) -> dict[str, Any]:
    fields = shape_fields(persona, PERSONA)
    if persona.photo and persona.path:  # the model's photo is relative to the site, the file's to itself
        fields["photo"] = posixpath.relpath(persona.photo, posixpath.dirname(persona.path) or ".")
    return fields


class _Dumper(yaml.SafeDumper):
    """Block mappings in the order given, lists of plain values on one line ([a, b]), and
    nested lists indented under their key, as the format's examples are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _mapping(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", list(data.items()), flow_style=False)


def _sequence(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flat = bool(data) and not any(isinstance(v, (dict, list)) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _sequence)


def front_matter_file(fields: dict[str, Any], body: str = "") -> str:
    """``---``, the YAML, ``---`` and the body: a file the reader reads back as ``fields``."""
    dumped = yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"))
    body = body.strip("\n")
    return f"---\n{dumped}---\n" + (f"{body}\n" if body else "")


def map_document(m: Map, with_journey: bool = False) -> str:
    return front_matter_file(map_fields(m, with_journey), m.body)


def persona_document(persona: Persona) -> str:
    return front_matter_file(persona_fields(persona), persona.body)


def _document(text: str, path: str, abs_path: Path, problems: Problems) -> Document | None:
    parts = split_front_matter(text)
    assert parts is not None, "front_matter_file writes front matter"
    front, front_line, body, body_line = parts
    data = parse_front_matter(front, front_line - 1, path, problems)
    return Document(path, abs_path, data, body, body_line) if data is not None else None


def map_problems(
    text: str, path: str, root: Path, settings: Settings, journey: str, state: str, personas: set[str]
) -> Problems:
    """What the validator would say of this map file at ``path`` (relative to ``root``)."""
    problems = Problems()
    doc = _document(text, path, root / path, problems)
    if doc is not None:
        MapValidator(doc, Fields(path, problems, settings, root), MapContext(personas)).validate(journey, state)
    return problems


def persona_problems(text: str, path: str, root: Path, settings: Settings) -> Problems:
    problems = Problems()
    doc = _document(text, path, root / path, problems)
    if doc is not None:
        validate_persona(doc, Path(path).stem, Fields(path, problems, settings, root))
    return problems
