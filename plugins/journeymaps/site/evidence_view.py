"""What the templates need to show evidence: measured values in words and as trend lines,
and how well each stage rests on research. One place, handed to the templates as globals."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from journeymaps.analysis.evidence import is_assumption, map_coverage, stage_coverage
from journeymaps.analysis.measures import journey_kpis
from journeymaps.site.measures import change, number, trend, with_unit
from journeymaps.text import Text


def evidence_globals(text: Text) -> dict[str, Any]:
    def words(key: str, **params: Any) -> Markup:
        """A label with markup in its parameters (a <time> element, say): the label's own
        words are escaped, the parameters are escaped unless they are markup already."""
        return Markup(escape(text[key])).format(**params)

    return {
        "words": words,
        "number": number,
        "with_unit": with_unit,
        "change": lambda value, unit: change(value, unit, text),
        "trend": trend,
        "journey_kpis": journey_kpis,
        "stage_coverage": stage_coverage,
        "map_coverage": map_coverage,
        "is_assumption": is_assumption,
        "text_day": text.day,  # a date as plain text, for labels and titles
    }
