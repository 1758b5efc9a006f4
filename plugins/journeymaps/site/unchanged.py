"""Pages across the site left as written when an edit did not change what they show.

Under `mkdocs serve --dirty` an edit of one map touches every page that lists maps
(site/changes.py), but most of them show nothing of what changed: an emotion is not on the
owners, tags or opportunities pages, a title is not on the personas page. Working out by
hand which value each page shows would go stale with the next template; instead each such
page's own part (our template, which is cheap beside the theme's page around it) is
rendered, and compared with what the last build rendered of it. The same part makes the
same page (the theme's navigation of a page a dirty build leaves is old anyway), so MkDocs
need not build it again. Only fingerprints are kept between builds, not the pages."""

from __future__ import annotations

from journeymaps.site.plan import PlannedPage
from journeymaps.site.rows import Marked

# The pages of one journey or persona show what changed whenever changes.py names them.
OWN_KINDS = frozenset({"journey", "summary", "map", "embed", "persona"})


def compared(page: PlannedPage) -> bool:
    """Whether the page is one that lists things across the site, compared before rebuilding."""
    return page.kind not in OWN_KINDS and not page.policy.standalone


class RenderedParts:
    """What the last build rendered of each compared page, by src_uri, as a fingerprint
    (its rows' own and the rest of it: site/rows.py). A build's fingerprints count once it
    has finished (``commit``): a build that fails half-way wrote pages it compared as
    changed, or did not."""

    def __init__(self) -> None:
        self._last: dict[str, bytes] = {}
        self._pending: dict[str, bytes] = {}
        self._ahead: dict[str, Marked] = {}

    def changed(self, src_uri: str, rendered: Marked) -> bool:
        """Whether ``rendered`` differs from the last build's part of the page; when it does,
        it is kept for ``take`` (the page is built with it, not rendered twice)."""
        new = rendered.fingerprint()
        if self._last.get(src_uri) == new:
            return False
        self._pending[src_uri] = new
        self._ahead[src_uri] = rendered
        return True

    def take(self, src_uri: str) -> tuple[str, list[str]] | None:
        """The part rendered ahead for the page, once, whole."""
        found = self._ahead.pop(src_uri, None)
        return found.whole() if found is not None else None

    def keep(self, src_uri: str, rendered: Marked) -> None:
        """The part this build rendered of the page, for the next build to compare with."""
        self._pending[src_uri] = rendered.fingerprint()

    def commit(self) -> None:
        """The build has written its pages: what it rendered is what the site shows."""
        self._last.update(self._pending)
        self._pending, self._ahead = {}, {}

    def discard(self) -> None:
        """The build failed: the site shows what the last finished build rendered."""
        self._pending, self._ahead = {}, {}
