"""What each kind of edit costs under `mkdocs serve --dirty`, in one process, as the server
builds: the first build whole, then after each save a dirty build with the same plugin.

    .venv/bin/python bench/dirty_edits.py --maps 1000                      # title, emotion, notes, persona
    .venv/bin/python bench/dirty_edits.py --site /path/to/site --edits title,emotion --profile /tmp/prof

CPU seconds of this process per build (the preview images' threads included), so other
work on the machine distorts the figures little. Without the server, its file watcher and
the browser's reload: `bench/run.py --serve dirty` measures those, from the save to the
page served. ``--profile DIR`` writes a cProfile of each edit's build there. After each
timed edit the file is put back and built again, untimed, so every edit starts from the
same site.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
SERVE_URL = "http://127.0.0.1:8000/"
EDITS = ("title", "emotion", "notes", "persona")
AFTER_SAVE = 3.0  # seconds between saves


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _edited(kind: str, text: str, i: int) -> str:
    if kind == "title":
        return text.replace("\ntitle: ", f"\ntitle: edit{i} ", 1)
    if kind == "emotion":
        return re.sub(r"emotion: (-?[\d.]+)", lambda m: f"emotion: {-1.5 if m[1] != '-1.5' else 1.5}", text, count=1)
    if kind == "notes":
        return f"{text}\nnotes, edit {i}\n"
    return text.replace("\nname: ", f"\nname: P{i} ", 1)  # a persona's name


def _save(path: Path, text: str) -> None:
    """As editors save: whole, in one step, and later than the last save on any file system."""
    saving = path.with_suffix(".saving")
    saving.write_text(text, encoding="utf-8")
    saving.replace(path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, max(stat.st_mtime_ns, time.time_ns()) + 1_000_000_000))


def run(site: Path, edits: list[str], profile: Path | None) -> None:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # not the dirty build's warning each time
    os.chdir(site)
    site_dir = tempfile.mkdtemp(prefix="jm-dirty-edits-")

    def config():
        found = load_config(str(site / "mkdocs.yml"), site_dir=site_dir)
        found.site_url = SERVE_URL
        return found

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start, cpu = time.perf_counter(), _cpu()
    build(first, serve_url=SERVE_URL, dirty=True)
    print(f"first build: {time.perf_counter() - start:6.2f} s  cpu {_cpu() - cpu:6.2f} s", flush=True)
    maps = sorted(p for p in (site / "maps").rglob("*.md"))
    map_file = maps[len(maps) // 2]
    persona_file = sorted((site / "personas").glob("*.md"))[0]
    try:
        for i, kind in enumerate(edits):
            path = persona_file if kind == "persona" else map_file
            original = path.read_text(encoding="utf-8")
            _save(path, _edited(kind, original, i))
            profiler = cProfile.Profile() if profile else None
            start, cpu = time.perf_counter(), _cpu()
            if profiler:
                profiler.enable()
            build(config(), serve_url=SERVE_URL, dirty=True)
            if profiler:
                profiler.disable()
                profiler.dump_stats(str(profile / f"{i}-{kind}.prof"))
            print(f"{kind:8} {time.perf_counter() - start:6.2f} s  cpu {_cpu() - cpu:6.2f} s", flush=True)
            _save(path, original)
            build(config(), serve_url=SERVE_URL, dirty=True)  # back as it was, untimed
            # An author's pause before the next save: the server collects what the builds
            # left meanwhile (site/pauses.py), not during the next build.
            time.sleep(AFTER_SAVE)
    finally:
        first.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000, help="a benchmark site of this many maps (default 1000)")
    parser.add_argument("--site", type=Path, help="a site of your own instead (a copy: its files are edited)")
    parser.add_argument("--edits", default=",".join(EDITS), help=f"edits in turn (default {','.join(EDITS)})")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="write a cProfile of each edit here")
    args = parser.parse_args(argv)
    edits = [e for e in args.edits.split(",") if e]
    if unknown := set(edits) - set(EDITS):
        parser.error(f"unknown edits: {', '.join(sorted(unknown))}")
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.site:
        run(args.site.resolve(), edits, args.profile)
        return 0
    from content import generate
    from sites import write_sites

    folder = Path(tempfile.mkdtemp(prefix=f"jm-dirty-{args.maps}-"))
    try:
        site = write_sites(generate(args.maps), folder)["journeymaps"]
        run(site, edits, args.profile)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
