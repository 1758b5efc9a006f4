"""The JSON Schema (draft 2020-12) of a map's and a persona's front matter, derived from the
format's one declaration (spec.py) with the site's emotion scale and channels, for editors
and other tools. Rules across values and files (ids that repeat, references, nesting) are
not in it: only the validator can judge those."""

from __future__ import annotations

from typing import Any

from journeymaps.format.spec import MAP, METRIC, PERSONA, Shape, nested_shapes, shape_schema
from journeymaps.settings import Settings
from journeymaps.text import Text

DOCUMENTS = {"map": MAP, "persona": PERSONA, "metric": METRIC}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(document: str, settings: Settings, text: Text) -> dict[str, Any]:
    """The schema of ``document`` ('map', 'persona' or 'metric', a metric's .yml)."""
    shape = DOCUMENTS[document]

    def describe(owner: Shape, key: str) -> str:
        return text[f"schema.{owner.name}.{key}"]

    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"journeymaps-{document}.schema.json",
        "title": text[f"schema.{document}"],
        **shape_schema(shape, settings, describe),
    }
    nested = nested_shapes(shape)
    if nested:
        out["$defs"] = {
            s.name: {"title": text[f"schema.{s.name}"], **shape_schema(s, settings, describe)} for s in nested
        }
    return out
