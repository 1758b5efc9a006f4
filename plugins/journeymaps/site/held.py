"""What the plugin keeps of a page between its rendering and its writing, compressed.

Each generated page is rendered while MkDocs converts every page, and put back whole just
before it is written, once every page is converted (search reads its words in between): so
every page is held at once: 36 MB of HTML at the benchmark's 200 maps, a large part of
a build's peak memory above a plain site's; compressed (zlib at its fastest level, about a
fifth of the size) it costs about 10 ms of CPU per megabyte."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Held:
    data: bytes  # the parts, one after the other, as compressed UTF-8
    lengths: tuple[int, ...]  # each part's length in characters

    @property
    def parts(self) -> list[str]:
        text = zlib.decompress(self.data).decode()
        parts, start = [], 0
        for length in self.lengths:
            parts.append(text[start : start + length])
            start += length
        return parts

    def full_and_deferred(self) -> tuple[list[str], str]:
        """The deferred parts and the page (the first part), as fill_in takes them."""
        full, *deferred = self.parts
        return deferred, full


def hold(parts: Sequence[str]) -> Held:
    return Held(zlib.compress("".join(parts).encode(), 1), tuple(map(len, parts)))


@dataclass(frozen=True)
class Plain:
    """Parts held as they are. A `mkdocs serve --dirty` rebuild holds the few pages an edit
    changed: compressing the largest of them (the matrix, tens of megabytes at 1000 maps)
    and putting it back cost a fifth of a second for memory held a moment."""

    parts: tuple[str, ...]

    def full_and_deferred(self) -> tuple[list[str], str]:
        full, *deferred = self.parts
        return deferred, full
