"""The portfolio views (nesting, heat map, open pain points, tags, owners, review queue) on
sites of growing size: each should take time in proportion to the maps, never more.

    python bench/portfolio.py --maps 1000 2000 4000

The maps are bench/run.py's, with what the views read added: an owner (of 20), two tags (of
30), a review date, a future state for every fifth journey (resolving its pain points), and
part_of making a tree ten journeys deep. It prints the CPU time of each view per size, and
how much each grew against the size before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import make_map  # noqa: E402

VIEWS = ("nesting", "tree", "heat_map", "open_pain_points", "tags", "owners", "review_queue", "choices")


def write_site(base: Path, count: int) -> Path:
    rng = random.Random(7)
    for folder in ("personas", "docs"):
        (base / folder).mkdir(parents=True)
    (base / "mkdocs.yml").write_text("site_name: Bench\nplugins:\n  - journeymaps\n")
    for p in range(5):
        (base / f"personas/p{p}.md").write_text(f"---\nname: Persona {p}\n---\n")
    for i in range(count):
        text, _ = make_map(rng, i)
        text = re.sub(r"(  - name: Stage (\d) \w+)\n", r"\1\n    id: st\2\n", text)
        extra = [
            f"owner: team-{rng.randrange(20)}",
            f"tags: [t{rng.randrange(30)}, t{rng.randrange(30)}]",
            f"reviewed: 2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        ]
        if i:
            extra.append(f"part_of: j{(i - 1) // 2}#st{rng.randrange(4)}")
        text = text.replace("persona: p0\n", f"persona: p{i % 5}\n" + "\n".join(extra) + "\n", 1)
        folder = base / f"maps/j{i}"
        folder.mkdir(parents=True)
        (folder / "current.md").write_text(text)
        if i % 5 == 0:
            future = text.replace("state: current", "state: future")
            future = re.sub(
                r"        pain_points:\n          - \{id: (p\d-\d)[^\n]*\n        opportunities:\n[^\n]*\n",
                r"        resolves: [\1]\n",
                future,
            )
            (folder / "future.md").write_text(future)
    return base


def time_views(root: Path) -> dict[str, float]:
    from journeymaps.analysis.compare import compare_journey
    from journeymaps.analysis.portfolio import Portfolio
    from journeymaps.format.catalog import load_catalog
    from journeymaps.siteconfig import load_settings

    settings = load_settings(root)
    portfolio = Portfolio(load_catalog(root, settings), dt.date.today(), settings.emotion_scale, compare_journey)
    spent = {}
    for view in VIEWS:
        # A full garbage collection walks every object of the catalog, whenever it happens to
        # fall: it is kept out of the measurement so that the views' own growth shows.
        gc.collect()
        gc.disable()
        start = time.process_time()
        getattr(portfolio, view)
        spent[view] = time.process_time() - start
        gc.enable()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--maps", type=int, nargs="+", default=[1000, 2000, 4000])
    args = parser.parse_args()
    before: tuple[int, dict[str, float]] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.maps:
            spent = time_views(write_site(Path(tmp) / str(count), count))
            print(f"{count} maps: " + "  ".join(f"{v} {s * 1000:.0f} ms" for v, s in spent.items()))
            if before:
                size = count / before[0]
                grew = {v: spent[v] / before[1][v] for v in VIEWS if before[1][v] > 0.005}
                print(f"  {size:.1f}x the maps: " + "  ".join(f"{v} {g:.1f}x" for v, g in grew.items()))
            before = (count, spent)


if __name__ == "__main__":
    main()
