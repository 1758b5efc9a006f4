"""What each kind of edit costs under `mkdocs serve --dirty`, in one process, as the server
builds: the first build whole, then after each save a dirty build with the same plugin.

    .venv/bin/python bench/dirty_edits.py --maps 1000                      # title, emotion, notes, persona
    .venv/bin/python bench/dirty_edits.py --site /path/to/site --edits title,emotion --profile /tmp/prof
    .venv/bin/python bench/dirty_edits.py --maps 1000 --edits title --phases    # by MkDocs step and event
    .venv/bin/python bench/dirty_edits.py --site /path/to/site --serve 3        # a real `mkdocs serve --dirty`

CPU seconds of this process per build (the preview images' threads included), so other
work on the machine distorts the figures little. Without the server, its file watcher and
the browser's reload: `bench/run.py --serve dirty` measures those, from the save to the
page served. ``--profile DIR`` writes a cProfile of each edit's build there. After each
timed edit the file is put back and built again, untimed, so every edit starts from the
same site. ``--phases`` prints each edit's CPU time by MkDocs step and plugin event, timed
with no profiler (bench/profile_build.py's timers). ``--serve N`` runs a real `mkdocs serve
--dirty` instead and times each kind of edit N times from the save until the page showing it
is served with the change (the map's page; the persona's page for a persona's name), and the
CPU time of the server and its workers meanwhile, as `bench/run.py --serve dirty` does for
a title and the notes.
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


def _print_phases(probe, cpu: float) -> None:
    timed = sorted(probe.cpu.items(), key=lambda kv: -kv[1])
    for key, seconds in timed:
        if seconds >= 0.01:
            print(f"    {key:60}{seconds:6.2f} s CPU{probe.calls[key]:6}")
    print(f"    {'the rest (load config, theme environment, collector)':60}{cpu - sum(probe.cpu.values()):6.2f} s CPU")


def _edited_files(site: Path) -> tuple[Path, Path]:
    """The map and the persona whose files are edited."""
    maps = sorted(p for p in (site / "maps").rglob("*.md"))
    return maps[len(maps) // 2], sorted((site / "personas").glob("*.md"))[0]


def run(site: Path, edits: list[str], profile: Path | None, phases: bool = False) -> None:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # not the dirty build's warning each time
    os.chdir(site)
    site_dir = tempfile.mkdtemp(prefix="jm-dirty-edits-")

    probe = None
    if phases:
        from profile_build import Probe

        probe = Probe()
        probe.install_steps()

    def config():
        found = load_config(str(site / "mkdocs.yml"), site_dir=site_dir)
        found.site_url = SERVE_URL
        if probe is not None:
            probe.install_events(found)
        return found

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start, cpu = time.perf_counter(), _cpu()
    build(first, serve_url=SERVE_URL, dirty=True)
    print(f"first build: {time.perf_counter() - start:6.2f} s  cpu {_cpu() - cpu:6.2f} s", flush=True)
    map_file, persona_file = _edited_files(site)
    try:
        for i, kind in enumerate(edits):
            path = persona_file if kind == "persona" else map_file
            original = path.read_text(encoding="utf-8")
            _save(path, _edited(kind, original, i))
            profiler = cProfile.Profile() if profile else None
            if probe is not None:
                probe.times.clear(), probe.cpu.clear(), probe.calls.clear()
            start, cpu = time.perf_counter(), _cpu()
            if profiler:
                profiler.enable()
            build(config(), serve_url=SERVE_URL, dirty=True)
            if profiler:
                profiler.disable()
                profiler.dump_stats(str(profile / f"{i}-{kind}.prof"))
            print(f"{kind:8} {time.perf_counter() - start:6.2f} s  cpu {_cpu() - cpu:6.2f} s", flush=True)
            if probe is not None:
                _print_phases(probe, _cpu() - cpu)
            _save(path, original)
            build(config(), serve_url=SERVE_URL, dirty=True)  # back as it was, untimed
            # An author's pause before the next save: the server collects what the builds
            # left meanwhile (site/pauses.py), not during the next build.
            time.sleep(AFTER_SAVE)
    finally:
        first.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _page(kind: str, path: Path, site: Path) -> str:
    """The address of the page that shows the edit."""
    if kind == "persona":
        return f"personas/{path.stem}/"
    relative = path.relative_to(site / "maps").with_suffix("")
    return f"journeys/{relative}/" if relative.parent != Path(".") else f"journeys/{relative}/current/"


def _shown(html: str) -> str:
    return re.sub(r"livereload\(\d+,\s*\d+\)", "", html)  # the server's reload script, which names its build


def serve(site: Path, edits: list[str], rounds: int) -> None:
    """Each edit ``rounds`` times under a real `mkdocs serve --dirty`, from the save to the page served."""
    import subprocess

    from run import ENV, _cpu_seconds, _free_port, _get, _wait_until_served, stop_server

    map_file, persona_file = _edited_files(site)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryFile() as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=site,
            env=ENV,
            stdout=output,
            stderr=output,
        )
        try:
            _wait_until_served(base, server, output)
            time.sleep(AFTER_SAVE)
            for i in range(rounds):
                for kind in edits:
                    path = persona_file if kind == "persona" else map_file
                    page = base + _page(kind, path, site)
                    original = path.read_text(encoding="utf-8")
                    for text, timed in ((_edited(kind, original, i), True), (original, False)):
                        html = _get(page)
                        epoch = int(re.search(r"livereload\((\d+),", html)[1])
                        start, start_cpu = time.perf_counter(), _cpu_seconds(server.pid)
                        _save(path, text)
                        while True:  # until the page served shows the edit
                            newer = int(_get(f"{base}livereload/{epoch}/{i}"))
                            if newer > epoch:
                                served = _get(page)
                                if _shown(served) != _shown(html):
                                    break
                                epoch = newer
                        seconds, cpu = time.perf_counter() - start, _cpu_seconds(server.pid) - start_cpu
                        if timed:
                            print(f"{kind:8} {seconds:6.2f} s from the save to the page  cpu {cpu:6.2f} s", flush=True)
                        time.sleep(AFTER_SAVE)
        finally:
            stop_server(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000, help="a benchmark site of this many maps (default 1000)")
    parser.add_argument("--site", type=Path, help="a site of your own instead (a copy: its files are edited)")
    parser.add_argument("--edits", default=",".join(EDITS), help=f"edits in turn (default {','.join(EDITS)})")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="write a cProfile of each edit here")
    parser.add_argument("--phases", action="store_true", help="print each edit's CPU time by MkDocs step and event")
    parser.add_argument("--serve", type=int, metavar="N", help="each edit N times under a real `mkdocs serve --dirty`")
    args = parser.parse_args(argv)
    edits = [e for e in args.edits.split(",") if e]
    if unknown := set(edits) - set(EDITS):
        parser.error(f"unknown edits: {', '.join(sorted(unknown))}")
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)

    def measure(site: Path) -> None:
        if args.serve:
            serve(site, edits, args.serve)
        else:
            run(site, edits, args.profile, args.phases)

    if args.site:
        measure(args.site.resolve())
        return 0
    from content import generate
    from sites import write_sites

    folder = Path(tempfile.mkdtemp(prefix=f"jm-dirty-{args.maps}-"))
    try:
        site = write_sites(generate(args.maps), folder)["journeymaps"]
        measure(site)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
