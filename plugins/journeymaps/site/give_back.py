"""Memory freed by the largest pages, given back to the system before the next page.

At 1000 maps the opportunity matrix, the opportunities and the touchpoints pages are each
millions of characters, and each is copied a few times while it is written (put back
whole, then MkDocs strips and encodes it): tens of megabytes that are freed once the page
is written. glibc's allocator keeps memory freed in the middle of its heap for later, and
after the first large block it hands out large blocks from that heap rather than from
mappings of their own, so each large page written left the build tens of megabytes larger
(372 MB before the three largest pages, 408 MB after them) and the next one started from
there. ``malloc_trim`` gives the free pages back to the system; on other C libraries
(macOS, musl) there is nothing to call and nothing is done."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

LARGE = 1_000_000  # characters: a page this long leaves megabytes behind once written


@cache
def _trim() -> Callable[[int], int] | None:
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc (or Windows, where there is no None library)
        return None


class GiveBack:
    """Say each page written; ``now`` gives back what a large one left, once it is freed."""

    def __init__(self) -> None:
        self.pending = False

    def written(self, page: str) -> None:
        self.pending = self.pending or len(page) >= LARGE

    def now(self) -> None:
        if self.pending and (trim := _trim()) is not None:
            trim(0)
        self.pending = False
