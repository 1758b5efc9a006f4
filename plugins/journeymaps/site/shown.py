"""What each row of the index pages is made of: every object and value its HTML shows, so
that a row kept between the builds of `mkdocs serve --dirty` (site/rows.py) is reused only
while all of them are the same. A row that shows something not named here would go stale:
tests/test_dirty_same_as_whole.py compares the served pages with a whole build."""

from __future__ import annotations

from journeymaps.analysis.evidence import Research
from journeymaps.analysis.heatmap import HeatRow, OpenPain
from journeymaps.analysis.matrix import MatrixItem
from journeymaps.analysis.portfolio import OpportunityRow, ReviewItem, Touchpoint, TreeRow
from journeymaps.model import Map
from journeymaps.site.plan import SitePlan


class MadeOf:
    """The templates' ``made_of``: one function per kind of row."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan

    @staticmethod
    def matrix_item(item: MatrixItem) -> tuple:
        """An opportunity in the matrix: its map (its step, the pain points it addresses) and itself."""
        return item.row.map, item.row.opportunity

    @staticmethod
    def opportunity(r: OpportunityRow) -> tuple:
        return r.map, r.opportunity

    @staticmethod
    def touchpoint(tp: Touchpoint) -> tuple:
        """A touchpoint shows its uses: the maps and steps."""
        return (tp.channel, tp.name, *tp.made_of())

    @staticmethod
    def heat_row(row: HeatRow) -> tuple:
        """A map in a band's columns: where each of its stages stands (the band's width and
        kind are the page's part of the key)."""
        return (row.map, *[c.column for c in row.cells])

    @staticmethod
    def open_pain(o: OpenPain) -> tuple:
        s = o.status
        return (o.map, s.pain, s.step, s.stage, *s.opportunities)

    @staticmethod
    def review(item: ReviewItem) -> tuple:
        """A map due for review: how many days overdue follows from the map and the day,
        and another day rebuilds the whole site."""
        return (item.map, item.overdue)

    @staticmethod
    def research(r: Research) -> tuple:
        """A source as its first map has it, the maps that list it, and how many cite it."""
        return (r.id, r.source, len(r.citations), *r.maps)

    def journey(self, row: TreeRow) -> tuple:
        """A journey: its maps, the larger journey it is part of, its personas' names and photos."""
        j = row.journey
        shows: list = [row.depth, *j.ordered_states()]
        place = self.plan.portfolio.nesting.place_of(j)
        if place:
            shows += [place.map, place.stage, *place.journey.ordered_states()]
        for pid in j.personas:
            p = self.plan.catalog.personas[pid]
            shows += [pid, p.name, p.photo]
        return tuple(shows)

    def map(self, m: Map) -> tuple:
        """A map in a table of maps: the map, and its personas' names and photos."""
        shows: list = [m]
        personas = self.plan.catalog.personas
        for pid in m.persona:
            if pid in personas:
                p = personas[pid]
                shows += [p.id, p.name, p.photo]
        return tuple(shows)
