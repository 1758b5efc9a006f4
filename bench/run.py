"""Build time of a journeymaps site against a plain MkDocs site of the same words.

    python bench/run.py --maps 1000

Both sites use Material with search. The plain site has one Markdown page per map holding
the same text (stage, step, touchpoint, pain point and opportunity words), so the
difference is the plugin's own work: reading, validating, rendering, charts and PNGs.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "customer",
    "order",
    "payment",
    "delivery",
    "account",
    "support",
    "signup",
    "browse",
    "compare",
    "review",
    "cart",
    "checkout",
    "refund",
    "email",
    "app",
    "store",
    "phone",
    "chat",
    "receipt",
    "invoice",
    "tracking",
    "wallet",
    "card",
]
CHANNELS = ["web", "app", "email", "phone", "chat", "social", "store", "mail"]
CONFIG = """site_name: Bench
theme:
  name: material
  font: false
plugins:
  - search
{extra}
"""


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def make_map(rng: random.Random, index: int) -> tuple[str, str]:
    """The map file and a plain page with the same words."""
    lines = [f"title: Journey {index}", "state: current", "persona: p0", f"description: {sentence(rng, 10)}", "stages:"]
    plain = [f"# Journey {index}", "", sentence(rng, 0) or "", ""]
    for s in range(4):
        stage = f"Stage {s} {rng.choice(WORDS)}"
        lines += [f"  - name: {stage}", "    steps:"]
        plain += [f"## {stage}", ""]
        for t in range(3):
            name, touch, pain, opp = (sentence(rng, 4), sentence(rng, 3), sentence(rng, 6), sentence(rng, 5))
            lines += [
                f"      - name: {name}",
                f"        id: s{s}-{t}",
                f"        touchpoint: {touch}",
                f"        channel: {rng.choice(CHANNELS)}",
                f"        actions: [{sentence(rng, 5)}, {sentence(rng, 4)}]",
                f"        thoughts: {sentence(rng, 7)}",
                f"        emotion: {rng.choice([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])}",
                "        pain_points:",
                f"          - {{id: p{s}-{t}, text: {pain}, severity: medium}}",
                "        opportunities:",
                f"          - {{text: {opp}, priority: high, status: idea, addresses: [p{s}-{t}]}}",
            ]
            plain += [f"### {name}", "", f"- {touch}", f"- {pain}", f"- {opp}", ""]
    return "---\n" + "\n".join(lines) + "\n---\nNotes about this journey.\n", "\n".join(
        plain
    ) + "\nNotes about this journey.\n"


def write_sites(base: Path, count: int) -> tuple[Path, Path]:
    rng = random.Random(7)
    maps_site, plain_site = base / "journeymaps", base / "plain"
    for site in (maps_site, plain_site):
        (site / "docs").mkdir(parents=True)
        (site / "docs/index.md").write_text("# Home\n")
    (maps_site / "mkdocs.yml").write_text(CONFIG.format(extra="  - journeymaps"))
    (plain_site / "mkdocs.yml").write_text(CONFIG.format(extra=""))
    (maps_site / "personas").mkdir()
    (maps_site / "personas/p0.md").write_text("---\nname: Persona zero\n---\n")
    (plain_site / "docs/personas").mkdir()
    (plain_site / "docs/personas/p0.md").write_text("# Persona zero\n")
    (maps_site / "maps").mkdir()
    (plain_site / "docs/maps").mkdir()
    for i in range(count):
        map_text, plain_text = make_map(rng, i)
        (maps_site / f"maps/j{i}.md").write_text(map_text)
        (plain_site / f"docs/maps/j{i}.md").write_text(plain_text)
    return maps_site, plain_site


def build(site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--maps", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        maps_site, plain_site = write_sites(Path(tmp), args.maps)
        plain = build(plain_site)
        cold = build(maps_site)  # draws every emotion.png
        warm = build(maps_site)  # images come from .cache/
    print(f"{args.maps} maps")
    print(f"plain MkDocs (same words):        {plain:6.1f} s")
    print(f"journeymaps, first build:         {cold:6.1f} s  ({cold / plain:.2f}x)")
    print(f"journeymaps, images cached:       {warm:6.1f} s  ({warm / plain:.2f}x)")


if __name__ == "__main__":
    main()
