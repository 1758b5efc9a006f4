"""The cost of measured KPIs: the same journeymaps site built with and without metric data.

    .venv/bin/python bench/metrics.py --maps 1000            # 2000 metric files of 500 rows
    .venv/bin/python bench/metrics.py --maps 100 --rows 50 --rounds 1

"without" is the benchmark's site (content.py, sites.py); "with" is the same site whose maps
measure two KPIs and two steps each from their own metric files (metrics/<id>.csv, a row
per day) and mark their done opportunities shipped. Everything else, words included, is
the same. Each build is a fresh ``mkdocs build --strict`` process, cold (no ``.cache/``)
and warm, the two sites in turn; the figure is the median wall time of each, and their
ratio (the target: within 10 %). The machine may be shared: the CPU time of each build
process, less disturbed by other work than its wall time, decides the exit status."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import generate  # noqa: E402
from run import build, machine  # noqa: E402
from sites import write_sites  # noqa: E402

TARGET = 1.10


def write(maps: int, rows: int, base: Path) -> dict[str, Path]:
    """The two journeymaps sites under ``base``."""
    sites = {}
    for name, measured in (("without", False), ("with", True)):
        content = generate(maps, measured=measured, rows=rows)
        sites[name] = write_sites(content, base / name)["journeymaps"]
        if measured:
            print(f"{len(content.metrics)} metric files of {rows} rows", flush=True)
    return sites


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=500, help="observations per metric file (default 500)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jm-metrics-bench-") as tmp:
        sites = write(args.maps, args.rows, Path(tmp))
        for _ in range(args.warmup):
            for site in sites.values():
                build(site, cold=True)
        walls: dict[tuple[str, str], list[float]] = {}
        cpus: dict[tuple[str, str], list[float]] = {}
        for r in range(args.rounds):
            for name in list(sites) if r % 2 == 0 else list(reversed(sites)):
                for kind in ("cold", "warm"):
                    b = build(sites[name], cold=kind == "cold")
                    walls.setdefault((name, kind), []).append(b.wall)
                    cpus.setdefault((name, kind), []).append(b.cpu)
                    figures = f"{b.wall:6.2f} s  cpu {b.cpu:6.2f} s  {b.rss:5.0f} MB  load {b.load:.1f}"
                    print(f"  round {r + 1}: {name:8} {kind}  {figures}", flush=True)
    print(f"\n{args.maps} maps; {', '.join(f'{k}: {v}' for k, v in machine().items())}")
    print("| build | without metrics | with metrics | ratio | target |\n|---|--:|--:|--:|--:|")
    worst = 0.0
    for label, figures in (("wall", walls), ("CPU", cpus)):
        for kind in ("cold", "warm"):
            without, with_ = (statistics.median(figures[(name, kind)]) for name in ("without", "with"))
            worst = max(worst, with_ / without) if label == "CPU" else worst
            print(f"| {kind}, {label} | {without:.2f} s | {with_:.2f} s | {with_ / without:.2f} | {TARGET:.2f} |")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
