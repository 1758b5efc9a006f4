"""What an edit touches (site/changes.py): the pages a dirty `mkdocs serve` rebuilds, worked
out from the site before and after the edit, read with the file memo as the server reads."""

from __future__ import annotations

import datetime as dt
import os

from conftest import MAP, PERSONA
from journeymaps.format.catalog import load_catalog
from journeymaps.format.memo import FileMemo
from journeymaps.site import urls
from journeymaps.site.changes import touched_pages
from journeymaps.site.plan import plan_site
from journeymaps.siteconfig import load_settings

TODAY = dt.date(2026, 12, 1)
OTHER = (
    MAP.replace("First purchase", "Renew a card")
    .replace("zhang-li", "maria-santos")
    .replace("slow-pay", "long-wait")
    .replace("Payment is slow", "The wait is long")
)
SITE_WIDE = {"journeys", "pain-points", "touchpoints", "opportunities", "owners", "tags", "personas"}


def indexes(plan) -> set[str]:
    """The pages that list every journey (the research index too, which lists the maps citing each source)."""
    own = ("journey", "summary", "map", "embed", "persona", "tag", "research-source")
    return {p.src_uri for p in plan.pages if p.kind not in own}


FIRST = {
    "journeys/first-purchase/index.md",
    "journeys/first-purchase/summary.md",
    "journeys/first-purchase/current.md",
    "journeys/first-purchase/current/embed.md",
}
RENEW = {
    "journeys/renew-card/index.md",
    "journeys/renew-card/summary.md",
    "journeys/renew-card/current.md",
    "journeys/renew-card/current/embed.md",
}
INTERVIEWS = urls.research_src("interviews")  # both maps list the source "interviews"


def _site(site):
    return site(
        {
            "maps/first-purchase/current.md": MAP,
            "maps/renew-card/current.md": OTHER,
            "personas/maria-santos.md": PERSONA.replace("Zhang Li", "Maria Santos"),
        }
    )


def _plan(root, memo):
    return plan_site(load_catalog(root, load_settings(root), memo), today=TODAY)


def _save(path, text):
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later save, on any file system


def test_nothing_changed_touches_nothing(site):
    root, memo = _site(site), FileMemo()
    before = _plan(root, memo)
    after = _plan(root, memo)
    assert touched_pages(before, after) == set()
    assert after.catalog.journeys["first-purchase"].states["current"] is before.catalog.maps()[0]  # not read again


def _touched_by(site, path: str, text: str, before: str | None = None) -> tuple[set[str] | None, set[str]]:
    """The pages a save of ``text`` to ``path`` touches (``before``: the file's text first),
    and the site's index pages."""
    root, memo = _site(site), FileMemo()
    if before is not None:
        _save(root / path, before)
    first = _plan(root, memo)
    _save(root / path, text)
    after = _plan(root, memo)
    assert {p.kind for p in after.pages if p.src_uri in indexes(after)} >= SITE_WIDE
    return touched_pages(first, after), indexes(after)


def test_a_maps_edit_touches_its_journey_its_persona_and_the_indexes(site):
    touched, every = _touched_by(site, "maps/renew-card/current.md", OTHER.replace("emotion: 1", "emotion: -1"))
    assert touched == RENEW | every | {"personas/maria-santos.md", INTERVIEWS}


def test_a_personas_edit_touches_its_page_and_the_journeys_that_name_it(site):
    touched, every = _touched_by(site, "personas/zhang-li.md", PERSONA.replace("Zhang Li", "Zhang Wei"))
    assert touched == FIRST | every | {"personas/zhang-li.md", INTERVIEWS}


def test_a_journey_part_of_another_touches_the_larger_one(site):
    nested = OTHER.replace("persona: maria-santos", "persona: maria-santos\npart_of: first-purchase")
    touched, _ = _touched_by(site, "maps/renew-card/current.md", nested.replace("Renew a card", "Renew"), nested)
    assert touched >= RENEW | FIRST


def test_an_edit_of_a_maps_notes_touches_its_page_alone(site):
    touched, _ = _touched_by(site, "maps/renew-card/current.md", OTHER.replace("Notes.", "Notes, and more notes."))
    assert touched == {"journeys/renew-card/current.md"}


def test_a_new_map_or_another_day_rebuilds_everything(site):
    root, memo = _site(site), FileMemo()
    before = _plan(root, memo)
    _save(root / "maps/third.md", MAP.replace("First purchase", "Third"))
    assert touched_pages(before, _plan(root, memo)) is None
    later = plan_site(load_catalog(root, load_settings(root), memo), today=TODAY + dt.timedelta(days=1))
    assert touched_pages(_plan(root, memo), later) is None
    assert touched_pages(None, later) is None


def test_a_tags_page_is_touched_by_the_maps_it_lists_as_they_were_and_are(site):
    tagged = OTHER.replace("persona: maria-santos", "persona: maria-santos\ntags: [cards]")
    first = MAP.replace("persona: zhang-li", "persona: zhang-li\ntags: [cards, retail]")
    root = _site(site)
    _save(root / "maps/first-purchase/current.md", first)
    _save(root / "maps/renew-card/current.md", tagged)
    memo = FileMemo()
    before = _plan(root, memo)
    _save(root / "maps/renew-card/current.md", tagged.replace("Renew a card", "Renew"))
    touched = touched_pages(before, _plan(root, memo))
    assert urls.tag_src("cards") in touched and urls.tag_src("retail") not in touched


def test_a_sources_page_is_touched_by_the_maps_that_list_it_as_they_were_and_are(site):
    listed = OTHER.replace("id: interviews", "id: diary").replace("title: Interviews", "title: Diary study")
    touched, _ = _touched_by(site, "maps/renew-card/current.md", listed.replace("emotion: 1", "emotion: -1"), listed)
    assert urls.research_src("diary") in touched and INTERVIEWS not in touched
    # The map no longer lists a source: its page, which did list the map, is touched too.
    both = listed.replace("sources:\n", "sources:\n  - id: interviews\n    title: Interviews\n")
    touched, _ = _touched_by(site, "maps/renew-card/current.md", listed, both)
    assert INTERVIEWS in touched and urls.research_src("diary") in touched
