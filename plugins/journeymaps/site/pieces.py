"""journeymaps.json and opportunities.csv made of pieces kept between the builds of
`mkdocs serve --dirty`, as the index pages' rows are (site/rows.py).

Both files list every map's journeys, pain points and opportunities: at 1000 maps, making
and encoding them again after each save cost about as much as the rest of a dirty
rebuild, though one map changed. Each piece names what it is made of, like a row; a piece
of JSON is kept as its text, and the file is put together from the texts, byte for byte
what encoding the whole gives."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from journeymaps.analysis.portfolio import csv_header, csv_lines, opportunity_rows
from journeymaps.model import Map, Step
from journeymaps.site.rows import KeptRows
from journeymaps.text import Text


class Piece(Protocol):
    """Makes a piece with ``caller``; ``shows`` names its kind first, then what it is made of."""

    def __call__(self, *shows: object, caller: Callable[[], Any]) -> Any: ...


def made(*shows: object, caller: Callable[[], Any]) -> Any:
    """A piece made every time (a whole build)."""
    return caller()


class Encoded(str):
    """JSON text made already: written as it is."""


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def encode(data: Any) -> str:
    """``data`` as compact JSON, with the Encoded pieces in it written as they are: what
    encoding it whole would give had the pieces been the data they were made from."""
    if isinstance(data, Encoded):
        return data
    if isinstance(data, dict) and _holds_pieces(data):
        return "{" + ",".join(f"{_compact(k)}:{encode(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list) and _holds_pieces(data):
        return "[" + ",".join(map(encode, data)) + "]"
    return _compact(data)


def _holds_pieces(data: dict | list) -> bool:
    values = data.values() if isinstance(data, dict) else data
    return any(isinstance(v, Encoded) or (isinstance(v, (dict, list)) and v and _holds_pieces(v)) for v in values)


def kept_json(rows: KeptRows) -> Piece:
    """Pieces of JSON kept as text with the rows, by what each is made of."""

    def piece(*shows: object, caller: Callable[[], Any]) -> Encoded:
        return Encoded(rows.piece("json", *shows, caller=lambda: _compact(caller())))

    return piece


def kept_csv(maps: Iterable[Map], rows: KeptRows, url_of: Callable[[Map, Step], str], text: Text) -> str:
    """opportunities.csv, its lines kept with the rows, one map's at a time."""
    return csv_header(text) + "".join(
        rows.piece("csv", m, caller=lambda m=m: csv_lines(opportunity_rows(m), url_of, text)) for m in maps
    )
