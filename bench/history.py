"""What reading each map's history across reviews costs a build (docs/performance.md,
History across reviews): the benchmark's maps (content.py) in a git repository where every
map was reviewed ``--reviews`` times, one commit per review round, each moving emotions; the
site built cold with that history and, from a copy without .git, without it; then warm.

    .venv/bin/python bench/history.py --maps 1000 --reviews 8

Each build is a fresh `mkdocs build` process. Both its time on the clock (what the author
waits for: the history is read by a process beside the build, on the other core) and its CPU
time with the processes it runs (the work done, steadier when other work shares the machine)
are compared, and its peak memory with its processes'. The history is also read alone, in this
process, from an empty cache and from a full one: a steadier figure than the difference
of two whole builds."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402
from content import generate  # noqa: E402
from run import Build, build  # noqa: E402
from sites import _write_journeymaps  # noqa: E402

GIT = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]


def _git(root: Path, *args: str, when: dt.date | None = None) -> None:
    env = dict(os.environ)
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when.isoformat()}T12:00:00"
    subprocess.run([*GIT, *args], cwd=root, check=True, env=env, stdout=subprocess.DEVNULL)


def _moved(text: str, rng: random.Random, reviewed: dt.date) -> str:
    """The map as it stood at an earlier review: its review date, and each emotion moved."""
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    data["reviewed"] = reviewed
    for stage in data.get("stages", []):
        for step in stage.get("steps", []):
            if step.get("emotion") is not None:
                step["emotion"] = max(-2, min(2, step["emotion"] + rng.choice((-1, -0.5, 0, 0.5))))
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n" + body


def write_repository(maps: int, reviews: int, root: Path) -> None:
    """The benchmark's site in a repository: ``reviews`` commits, each a review of every map
    (the last one the maps as they are now)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Bench\n")
    _write_journeymaps(generate(maps), root)
    (root / ".gitignore").write_text("site/\n.cache/\n")
    files = sorted((root / "maps").rglob("*.md"))
    now = {path: path.read_text(encoding="utf-8") for path in files}
    rng = random.Random(26)
    _git(root, "init", "-q", "-b", "main")
    start = dt.date(2025, 1, 6)
    for r in range(reviews):
        when = start + dt.timedelta(days=91 * r)
        for path in files:
            text = now[path] if r == reviews - 1 else _moved(now[path], rng, when)
            path.write_text(text, encoding="utf-8")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", f"Review {r + 1}", when=when)


def read_alone(root: Path) -> tuple[float, float]:
    """Seconds to read every map's history in this process: from an empty cache, then warm."""
    from journeymaps.authoring import history
    from journeymaps.siteconfig import load_settings

    settings = load_settings(root)
    cache = root / ".cache" / "journeymaps" / "history"
    shutil.rmtree(cache, ignore_errors=True)
    history._MEMORY.clear()
    start = _cpu()
    found = history.read_histories(root, settings, cache)
    cold = _cpu() - start
    assert found.unavailable is None and found.maps, "no history was read"
    history._MEMORY.clear()  # a new build process keeps only the file
    start = _cpu()
    history.read_histories(root, settings, cache)
    return cold, _cpu() - start


def _cpu() -> float:
    """CPU seconds of this process and the git processes it waited for: on a shared machine
    steadier than the time on the clock."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _median(runs: list[Build], what: str) -> float:
    return statistics.median(getattr(b, what) for b in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--reviews", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        repo, plain = base / "with-history", base / "without-git"
        write_repository(args.maps, args.reviews, repo)
        if plain.exists():
            shutil.rmtree(plain)
        shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
        alone = [read_alone(repo) for _ in range(args.rounds)]
        builds: dict[str, list[Build]] = {"with": [], "without": [], "with, warm": [], "without, warm": []}
        for r in range(args.rounds):
            order = [("with", repo), ("without", plain)]
            for name, site in order if r % 2 == 0 else order[::-1]:
                builds[name].append(build(site, cold=True))
                builds[f"{name}, warm"].append(build(site, cold=False))
        print(f"{args.maps} maps, {args.reviews} reviews each, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        for name, runs in builds.items():
            each = ", ".join(
                f"{b.cpu:.1f} s (wall {b.wall:.1f}, {b.rss:.0f} MB, {b.at_once:.0f} at once, load {b.load:.1f})"
                for b in runs
            )
            print(f"build {name} history: CPU {_median(runs, 'cpu'):.1f} s  [{each}]")
        cold_alone = statistics.median(a[0] for a in alone)
        warm_alone = statistics.median(a[1] for a in alone)
        print(f"history read alone: CPU {cold_alone:.2f} s cold, {warm_alone * 1000:.0f} ms from the cache")
        print(f"  = {cold_alone / _median(builds['without'], 'cpu'):.1%} of a cold build without history")
        # As docs/performance.md reports them: CPU time, medians, with against without.
        for kind, what in (("", "cold"), (", warm", "warm")):
            cpu = _median(builds[f"with{kind}"], "cpu") / _median(builds[f"without{kind}"], "cpu") - 1
            wall = _median(builds[f"with{kind}"], "wall") / _median(builds[f"without{kind}"], "wall") - 1
            rss = _median(builds[f"with{kind}"], "rss") / _median(builds[f"without{kind}"], "rss") - 1
            once = _median(builds[f"with{kind}"], "at_once") / _median(builds[f"without{kind}"], "at_once") - 1
            print(
                f"{what} build with history: CPU {cpu:+.1%}, wall {wall:+.1%}, "
                f"peak memory {rss:+.1%} (peaks added), {once:+.1%} (held at once)"
            )
            # A round's two builds run one after the other, on the machine as it was then:
            # compared pair by pair, a slow or quick moment of the machine weighs on one pair.
            pairs = list(zip(builds[f"with{kind}"], builds[f"without{kind}"], strict=True))
            for measure in ("wall", "cpu"):
                costs = [getattr(w, measure) / getattr(o, measure) - 1 for w, o in pairs]
                each = ", ".join(f"{c:+.1%}" for c in costs)
                label = "CPU" if measure == "cpu" else measure
                print(f"  pair by pair, {label}: {each} (median {statistics.median(costs):+.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
