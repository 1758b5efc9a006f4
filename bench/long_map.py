"""Very long maps: the time each stage of the work takes grows in proportion to the steps,
never more (issue 21: a stage of 30 000 steps once took 48 s to validate, and its build was
stopped after 500 s).

    python bench/long_map.py                       # 1000 (the limit), 10 000 and 30 000 steps
    python bench/long_map.py --steps 1000 2000 4000

For each count it times, in this process: reading and validating a map of that many steps in
one stage (past the limit of 1,000 steps a map, the problem that says so), and the columns
of a journey page with a current and a future state of that many steps (the chart's slots,
matched by id, and site/canvas.py's ``journey_columns``; the validator's limit keeps them
from ever seeing 30 000 in a build). Then one
``mkdocs build --strict`` of a site whose journey has both states at the limit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from journeymaps.format.catalog import read_site
from journeymaps.format.validate import MAX_STEPS
from journeymaps.model import Map, Stage, Step
from journeymaps.settings import Settings
from journeymaps.site.canvas import journey_columns
from journeymaps.site.chart import build_chart

PERSONA = "---\nname: Zhang Li\n---\n"


def map_text(steps: int, state: str) -> str:
    rows = "".join(
        f"      - name: Step {i}\n        channel: web\n        emotion: {i % 5 - 2}\n" for i in range(steps)
    )
    return f"---\ntitle: Long\nstate: {state}\npersona: zhang-li\nstages:\n  - name: All\n    steps:\n{rows}---\n"


def write_site(root: Path, steps: int, future: bool = False) -> Path:
    (root / "maps/long").mkdir(parents=True)
    (root / "personas").mkdir()
    (root / "docs").mkdir()
    (root / "docs/index.md").write_text("# Home\n")
    (root / "personas/zhang-li.md").write_text(PERSONA)
    (root / "maps/long/current.md").write_text(map_text(steps, "current"))
    if future:
        (root / "maps/long/future.md").write_text(map_text(steps, "future"))
    (root / "mkdocs.yml").write_text(
        "site_name: Long\nsite_url: https://bench.example.com/\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - journeymaps\n"
    )
    return root


def time_validation(steps: int) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp), steps)
        start = time.process_time()
        _, problems = read_site(root, Settings())
        took = time.process_time() - start
    said = next((str(p) for p in problems.errors), "valid")
    return took, said


def time_columns(steps: int) -> float:
    def state(name: str) -> Map:
        stage = Stage("all", "All", steps=[Step(f"s{i}", f"Step {i}", emotion=i % 5 - 2) for i in range(steps)])
        return Map("long", name, "Long", ["zhang-li"], stages=[stage])

    both = [("current", "Current", state("current")), ("future", "Future", state("future"))]
    start = time.process_time()
    journey_columns(build_chart(both, (-2.0, 2.0), 0.0))
    return time.process_time() - start


def time_build(steps: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp), steps, future=True)
        start = time.perf_counter()
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
        subprocess.run(command, cwd=root, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, nargs="+", default=[MAX_STEPS, 10_000, 30_000])
    parser.add_argument("--no-build", action="store_true", help="skip the build at the limit")
    args = parser.parse_args(argv)
    print(f"{'steps':>8}  {'validate s':>10}  {'columns s':>9}  what validation says")
    for steps in args.steps:
        validated, said = time_validation(steps)
        columns = time_columns(steps)
        print(f"{steps:>8}  {validated:>10.2f}  {columns:>9.3f}  {said[:100]}")
    if not args.no_build:
        print(f"build of a journey with two states of {MAX_STEPS} steps: {time_build(MAX_STEPS):.1f} s (wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
