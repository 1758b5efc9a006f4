"""The opportunity matrix: every opportunity of every journey placed by its impact and its
effort (docs/reading.md, The opportunity matrix). Only "high" counts as high: a quick win is
high impact for low or medium effort, a money pit high effort without high impact; the
medium row and column sit with the low ones, so the matrix praises nothing by default."""

from __future__ import annotations

from dataclasses import dataclass

from journeymaps.analysis.portfolio import OpportunityRow, all_opportunities, group_key
from journeymaps.model import LEVELS, Catalog

QUADRANTS = ("quick-win", "big-bet", "fill-in", "money-pit")
# Severity worst first, for the pain points shown next to an opportunity.
_WORST_FIRST = {level: i for i, level in enumerate(reversed(LEVELS))}


def quadrant(impact: str, effort: str) -> str:
    """The quadrant of a rated opportunity."""
    if impact == "high":
        return "big-bet" if effort == "high" else "quick-win"
    return "money-pit" if effort == "high" else "fill-in"


@dataclass
class MatrixItem:
    row: OpportunityRow
    quadrant: str | None  # None: not rated on both impact and effort

    @property
    def rated(self) -> bool:
        return self.quadrant is not None

    @property
    def worst_severity(self) -> str | None:
        found = [p.severity for p in self.row.addresses if p.severity]
        return min(found, key=_WORST_FIRST.__getitem__) if found else None

    def facets(self) -> dict[str, list[str]]:
        """What the matrix's filters match an opportunity by: its journey, its owner (the
        opportunity's, else its map's), its status and its map's tags."""
        o, m = self.row.opportunity, self.row.map
        owner = o.owner or m.owner
        return {
            "journey": [m.journey],
            "owner": [group_key(owner)] if owner else [],
            "status": [o.status] if o.status else [],
            "tag": list(dict.fromkeys(group_key(t) for t in m.tags)),
        }


@dataclass
class Cell:
    impact: str
    effort: str
    quadrant: str
    items: list[MatrixItem]


@dataclass
class Matrix:
    rows: list[list[Cell]]  # impact high first, each row effort low first
    unrated: list[MatrixItem]
    items: list[MatrixItem]  # every rated one, in the order the maps list them

    @property
    def all(self) -> list[MatrixItem]:
        return self.items + self.unrated

    def in_grid_order(self) -> list[MatrixItem]:
        """Every opportunity in the order the page shows them: cell by cell (high impact
        first, low effort first), then the unrated."""
        return [i for row in self.rows for cell in row for i in cell.items] + self.unrated

    def journeys(self) -> dict[str, str]:
        """The journeys with an opportunity (id: title), for the journey filter."""
        return {i.row.map.journey: i.row.map.title for i in self.all}

    def owners(self) -> dict[str, str]:
        """The owners the filter offers (key: name, by name), as each item's facets name them."""
        found = {group_key(o): o for i in self.all if (o := i.row.opportunity.owner or i.row.map.owner)}
        return dict(sorted(found.items(), key=lambda kv: (kv[1].casefold(), kv[0])))


def _order(item: MatrixItem) -> tuple:
    # Within a cell: what addresses the worst pain first, then by journey as the maps list them.
    worst = item.worst_severity
    return (_WORST_FIRST[worst] if worst else len(LEVELS),)


def opportunity_matrix(catalog: Catalog, rows: list[OpportunityRow] | None = None) -> Matrix:
    """``rows``: every opportunity of the catalog, when worked out already."""
    items = [
        MatrixItem(r, quadrant(o.impact, o.effort) if o.impact and o.effort else None)
        for r in (all_opportunities(catalog) if rows is None else rows)
        if (o := r.opportunity)
    ]
    rated = [i for i in items if i.rated]
    placed: dict[tuple[str, str], list[MatrixItem]] = {}
    for i in rated:  # one pass, in the order the maps list them
        placed.setdefault((i.row.opportunity.impact, i.row.opportunity.effort), []).append(i)
    rows_of_cells = []
    for impact in reversed(LEVELS):
        cells = []
        for effort in LEVELS:
            here = placed.get((impact, effort), [])
            cells.append(Cell(impact, effort, quadrant(impact, effort), sorted(here, key=_order)))
        rows_of_cells.append(cells)
    return Matrix(rows_of_cells, [i for i in items if not i.rated], rated)
