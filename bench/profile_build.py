"""Where a build's time and memory go: by phase, by function, and by allocation site.

    .venv/bin/python bench/profile_build.py --maps 1000 --plain   # cold and warm; --plain: the plain sites too
    .venv/bin/python bench/profile_build.py --site /path/to/site --state warm --what cprofile

Each measurement is a fresh process that builds the site in-process (as `mkdocs build`
does) with one kind of instrument, so the instruments do not distort one another:

- phases: wall and CPU time of each MkDocs build phase and each plugin event, with no
  profiler (a timer around each event method and a few MkDocs functions), and the
  process's RSS after each phase. The phases add up to the build.
- cprofile: cProfile over the whole build, counting CPU time (other work on the machine
  does not distort it): own time grouped by who owns the code (the time of helpers, that
  is built-ins, the standard library and Jinja2's runtime, is given to the code that
  called them: html.parser's time to the search plugin, str.join in a template to that
  template), and the top functions. cProfile roughly doubles the time of Python-heavy
  code, so read shares, not seconds. It sees only the build's process: in this run the
  plugin draws the preview images itself (no pool of processes), so their work is seen too.
- held: at the end of each phase, the size of what is held: every page's Markdown and
  HTML (MkDocs keeps them all until the build ends) and each plugin's own state.
- memory: tracemalloc snapshots at the ends of the phases: what is held, by the code that
  allocated it (the first frame that is not Jinja's or the standard library's).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

# -- who owns a piece of code -----------------------------------------------------------------

OWNERS = [
    ("journeymaps/site/templates/", "journeymaps: templates"),
    ("journeymaps/", "journeymaps: code"),
    ("material/plugins/search/", "Material: search plugin"),
    ("material/templates/", "Material: theme templates"),
    ("material/", "Material: other"),
    ("/markdown/", "Python-Markdown"),
    ("/pymdownx/", "Python-Markdown"),
    ("mkdocs/", "MkDocs"),
    ("jinja2/", "Jinja2 runtime"),
    ("markupsafe/", "Jinja2 runtime"),
    ("/PIL/", "Pillow"),
    ("/yaml/", "PyYAML"),
    ("/watchdog/", "other packages"),
    ("/html/parser.py", "stdlib html.parser"),
    ("_markupbase.py", "stdlib html.parser"),
    ("/json/", "stdlib json"),
    ("importlib", "imports"),
    ("<frozen", "imports"),
]


def owner(filename: str) -> str:
    for fragment, name in OWNERS:
        if fragment in filename:
            return name
    if "site-packages" in filename:
        return "other packages"
    return "stdlib other"


# -- the build, in this process ---------------------------------------------------------------


def _rss() -> tuple[float, float]:
    """(current, peak) resident memory of this process, MB."""
    text = Path("/proc/self/status").read_text()
    now, peak = (int(re.search(rf"{k}:\s+(\d+) kB", text)[1]) / 1024 for k in ("VmRSS", "VmHWM"))
    return now, peak


class Probe:
    """Timers around plugin events and MkDocs' build steps; a hook at each phase's end."""

    def __init__(self, on_phase=None):
        self.times: dict[str, float] = collections.defaultdict(float)  # own wall time
        self.cpu: dict[str, float] = collections.defaultdict(float)  # own CPU time, every thread
        self.calls: dict[str, int] = collections.defaultdict(int)
        self.marks: list[tuple[str, float, float, float]] = []  # phase, seconds since start, RSS, peak RSS
        self.on_phase = on_phase
        self.start = time.perf_counter()
        self._stack: list[list[float]] = []  # wall and CPU time spent in timed children, per open timer

    def timed(self, key: str, function):
        def wrapper(*args, **kwargs):
            self._stack.append([0.0, 0.0])
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent, spent_cpu = time.perf_counter() - started, time.process_time() - started_cpu
                inner, inner_cpu = self._stack.pop()
                # Own time: timed children are counted on their own.
                self.times[key] += spent - inner
                self.cpu[key] += spent_cpu - inner_cpu
                self.calls[key] += 1
                if self._stack:
                    self._stack[-1][0] += spent
                    self._stack[-1][1] += spent_cpu

        return wrapper

    def mark(self, phase: str) -> None:
        now, peak = _rss()
        self.marks.append((phase, time.perf_counter() - self.start, now, peak))
        if self.on_phase:
            self.on_phase(phase)

    def install(self, config) -> None:
        self.install_events(config)
        self.install_steps()
        # The ends of the phases, for RSS and memory snapshots.
        plugins = config.plugins
        marks = (("nav", "read, validated and planned (after on_nav)"), ("env", "every page converted (before on_env)"))
        for event, phase in marks:
            methods = plugins.events[event]
            methods.insert(0, lambda item, phase=phase, **kw: self.mark(phase))
        plugins.events["post_build"].insert(0, lambda **kw: self.mark("every page written (before on_post_build)"))

    def install_events(self, config) -> None:
        """Timers around each plugin's events (for each build's config)."""
        plugins = config.plugins
        names = {id(p): name for name, p in plugins.items()}
        for event, methods in plugins.events.items():
            wrapped = []
            for method in methods:
                plugin = names.get(id(getattr(method, "__self__", None)), "?")
                wrapped.append(self.timed(f"{plugin}: on_{event}", method))
            plugins.events[event] = wrapped

    def install_steps(self) -> None:
        """Timers around MkDocs' own build steps (once per process)."""
        from mkdocs.commands import build
        from mkdocs.structure import files, pages

        for module, name, key in (
            (build, "get_files", "MkDocs: find files"),
            (build, "get_navigation", "MkDocs: navigation"),
            (build, "_populate_page", "MkDocs: page, other"),
            (build, "_build_page", "MkDocs: theme template (main.html), other"),
            (build, "get_context", "MkDocs: template context"),
            (build, "_build_theme_template", "MkDocs: 404 and sitemap"),
            (build.utils, "clean_directory", "MkDocs: clean site_dir"),
            (build.utils, "write_file", "MkDocs: write pages"),
        ):
            setattr(module, name, self.timed(key, getattr(module, name)))
        for cls, name, key in (
            (pages.Page, "read_source", "MkDocs: read Markdown"),
            (pages.Page, "render", "Python-Markdown: convert pages"),
            (pages.Page, "validate_anchor_links", "MkDocs: validate anchors"),
            (files.Files, "copy_static_files", "MkDocs: copy static files"),
            (files.Files, "add_files_from_theme", "MkDocs: theme files"),
        ):
            setattr(cls, name, self.timed(key, getattr(cls, name)))


def build_in_process(site: Path, probe: Probe | None, serial_images: bool = False) -> float:
    os.chdir(site)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if serial_images:
        _images_in_process()
    started = time.perf_counter()
    config = load_config(str(site / "mkdocs.yml"))
    if probe is not None:
        probe.install(config)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    if probe is not None:
        probe.mark("done (after on_post_build)")
    return time.perf_counter() - started


def _images_in_process() -> None:
    """cProfile sees one process: the plugin draws its preview images itself, with no
    workers, after the pages (its pool of processes is not started)."""
    try:
        from journeymaps.site import drawing
    except ImportError:
        return
    drawing.usable_cores = lambda: 1


# -- the three instruments (each in its own process) ------------------------------------------


def _deep_size(root, seen: set[int]) -> int:
    """Bytes of ``root`` and everything it holds that ``seen`` does not, leaving out code,
    classes, modules and MkDocs' own structures (pages, files, config: counted apart)."""
    import gc
    import types

    from mkdocs.config.base import Config
    from mkdocs.structure import StructureItem
    from mkdocs.structure.files import File, Files

    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType, types.FrameType)
    mkdocs = (StructureItem, File, Files, Config)
    total, todo = 0, [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, skip) or (obj is not root and isinstance(obj, mkdocs)):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        todo.extend(gc.get_referents(obj))
    return total


def child_held(site: Path) -> dict:
    """What is held at the end of each phase: the pages' Markdown and HTML (MkDocs keeps every
    page's HTML from converting it until the build ends) and each plugin's own state."""
    held: list[tuple[str, dict[str, float]]] = []
    state: dict = {}

    def measure(phase: str) -> None:
        files = state.get("files")
        sizes: dict[str, float] = {}
        if files is not None:
            pages = [f.page for f in files.documentation_pages() if f.page is not None]
            sizes["pages: Markdown source"] = sum(sys.getsizeof(p.markdown or "") for p in pages) / 2**20
            sizes["pages: HTML (page.content)"] = sum(sys.getsizeof(p.content or "") for p in pages) / 2**20
        seen: set[int] = set()
        for name, plugin in state["config"].plugins.items():
            sizes[f"{name} plugin: its own state"] = _deep_size(plugin, seen) / 2**20
        held.append((phase, sizes))

    probe = Probe(on_phase=measure)
    original = probe.install

    def install(config) -> None:
        state["config"] = config
        original(config)
        for event in ("nav", "env"):
            config.plugins.events[event].insert(0, lambda item, **kw: state.update(files=kw.get("files")))

    probe.install = install
    wall = build_in_process(site, probe)
    return {"wall": wall, "held": held, "marks": probe.marks}


def child_phases(site: Path) -> dict:
    import resource

    probe = Probe()
    cpu = time.process_time()
    wall = build_in_process(site, probe)
    cpu = time.process_time() - cpu
    # The plugin's workers (preview images), stopped and waited for by the end of the build.
    # Their memory is not: RUSAGE_CHILDREN gives the largest child only; bench/run.py adds them.
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = {"wall": wall, "cpu": cpu, "times": dict(probe.times), "cpu_times": dict(probe.cpu)}
    found["workers"] = {"cpu": workers.ru_utime + workers.ru_stime}
    return {**found, "calls": dict(probe.calls), "marks": probe.marks}


def child_cprofile(site: Path, top: int) -> dict:
    import cProfile
    import pstats

    # CPU time, not wall time: other people's work on a shared machine does not count.
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    wall = build_in_process(site, None, serial_images=True)
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_owner = _attributed(stats.stats)
    functions = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items():
        functions.append(
            {
                "function": f"{_short(filename)}:{line}({name})",
                "owner": owner(filename) if filename != "~" else "built-in",
                "calls": calls,
                "own": own,
                "cumulative": cumulative,
            }
        )
    total = sum(by_owner.values())
    functions.sort(key=lambda f: -f["own"])
    by_own = functions[:top]
    ours = sorted((f for f in functions if f["owner"].startswith("journeymaps")), key=lambda f: -f["cumulative"])[:top]
    return {"wall": wall, "total": total, "by_owner": dict(by_owner), "by_own": by_own, "ours_cumulative": ours}


def _helper(filename: str) -> bool:
    """Code that works for whoever calls it: built-ins, the standard library, Jinja2's runtime."""
    if filename == "~" or filename.startswith("<"):
        return True
    if "jinja2/" in filename or "markupsafe/" in filename:
        return True
    return "/lib/python3" in filename and "site-packages" not in filename


def _attributed(stats: dict) -> dict[str, float]:
    """Own time by owner, the time of helper code given to the code that called it (in
    proportion to the time each caller spent in it), up to the first caller that is not a
    helper: str.join in a template counts for that template, html.parser for search."""
    result: dict[str, float] = collections.defaultdict(float)
    pending: dict[tuple, float] = collections.defaultdict(float)
    for func, (_cc, _nc, own, _cum, _callers) in stats.items():
        if _helper(func[0]):
            pending[func] += own
        else:
            result[owner(func[0])] += own
    for _ in range(200):
        if not pending:
            break
        passed: dict[tuple, float] = collections.defaultdict(float)
        for func, amount in pending.items():
            callers = stats[func][4] if func in stats else {}
            weights = {caller: c[3] or c[1] for caller, c in callers.items()}
            total = sum(weights.values())
            if total <= 0:
                result[owner(func[0])] += amount
                continue
            for caller, weight in weights.items():
                share = amount * weight / total
                if _helper(caller[0]) and caller != func:
                    passed[caller] += share
                else:
                    result[owner(caller[0])] += share
        pending = {k: v for k, v in passed.items() if v > 1e-6}
    for func, amount in pending.items():
        result[owner(func[0])] += amount
    return result


def child_memory(site: Path, top: int) -> dict:
    import tracemalloc

    snapshots: list[dict] = []
    allocators: dict = {}

    def snapshot(phase: str) -> None:
        current, peak = tracemalloc.get_traced_memory()
        snap = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, __file__), tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        sites: dict[str, int] = collections.defaultdict(int)
        owners: dict[str, int] = collections.defaultdict(int)
        for stat in snap.statistics("traceback"):
            where = allocators.get(stat.traceback) or allocators.setdefault(stat.traceback, _allocator(stat.traceback))
            sites[where] += stat.size
            owners[owner(where)] += stat.size
        snapshots.append(
            {
                "phase": phase,
                "current_mb": current / 2**20,
                "peak_mb": peak / 2**20,
                "owners": {k: v / 2**20 for k, v in sorted(owners.items(), key=lambda kv: -kv[1])},
                "sites": [(k, v / 2**20) for k, v in sorted(sites.items(), key=lambda kv: -kv[1])[:top]],
            }
        )
        tracemalloc.reset_peak()

    tracemalloc.start(25)
    probe = Probe(on_phase=snapshot)
    wall = build_in_process(site, probe)
    return {"wall": wall, "snapshots": snapshots}


def _allocator(traceback) -> str:
    """The innermost frame that is not a helper (Jinja2's runtime, MarkupSafe, the standard
    library): the code that asked for the memory. Compiled templates count as code."""
    frames = list(traceback)  # oldest first
    for frame in reversed(frames):
        name = frame.filename
        helper = any(h in name for h in ("jinja2/", "markupsafe/", "<frozen", "<string>"))
        stdlib = "/lib/python3" in name and "site-packages" not in name
        if not helper and not stdlib:
            return f"{_short(name)}:{frame.lineno}"
    return f"{_short(frames[-1].filename)}:{frames[-1].lineno}"


def _short(filename: str) -> str:
    for marker in ("site-packages/", "plugins/", "lib/python3.11/", "lib/python3.12/", "lib/python3.13/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# -- the parent: run the children and print what they found -----------------------------------


def run_child(what: str, site: Path, state: str, top: int) -> dict:
    if state == "cold":
        shutil.rmtree(site / ".cache", ignore_errors=True)
    elif not (site / ".cache").exists():
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=ENV, check=True)
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, __file__, "--child", what, "--site", str(site), "--top", str(top), "--out", out.name],
            env=ENV,
            check=True,
        )
        return json.loads(Path(out.name).read_text())


def print_phases(site: str, state: str, found: dict) -> None:
    wall, cpu = found["wall"], found["cpu"]
    print(f"\n## {site}, {state}: phases (no profiler), {wall:.2f} s in all, {cpu:.2f} s of CPU\n")
    print(f"{'':58}{'wall s':>8}{'share':>7}{'CPU s':>8}{'share':>7}{'calls':>7}")
    for key, seconds in sorted(found["cpu_times"].items(), key=lambda kv: -kv[1]):
        if max(seconds, found["times"][key]) < 0.005:
            continue
        print(
            f"{key:58}{found['times'][key]:8.2f}{found['times'][key] / wall:7.1%}"
            f"{seconds:8.2f}{seconds / cpu:7.1%}{found['calls'][key]:7}"
        )
    rest, rest_cpu = wall - sum(found["times"].values()), cpu - sum(found["cpu_times"].values())
    label = "the rest (load config, theme environment)"
    print(f"{label:58}{rest:8.2f}{rest / wall:7.1%}{rest_cpu:8.2f}{rest_cpu / cpu:7.1%}")
    print(f"\n{'RSS at the end of each phase':58}{'MB':>13}{'peak MB':>9}")
    for phase, at, now, peak in found["marks"]:
        print(f"{phase:58}{at:6.1f} s{now:7.0f}{peak:9.0f}")
    workers = found.get("workers")
    if workers and workers["cpu"]:
        # Not in the figures above, which are the build's own process.
        print(f"\nprocesses the build started (the workers drawing preview images): {workers['cpu']:.2f} s of CPU")


def print_cprofile(site: str, state: str, found: dict, top: int) -> None:
    total = found["total"]
    print(f"\n## {site}, {state}: cProfile, own time by owner (helpers' time given to their callers)\n")
    for name, seconds in sorted(found["by_owner"].items(), key=lambda kv: -kv[1]):
        if seconds / total >= 0.002:
            print(f"  {name:40}{seconds:8.2f} s{seconds / total:8.1%}")
    print(f"  {'total under the profiler':40}{total:8.2f} s")
    print(f"\nTop {top} functions by own time\n")
    print(f"  {'own s':>7}{'share':>7}{'cum s':>8}{'calls':>9}  function")
    for f in found["by_own"]:
        print(f"  {f['own']:7.2f}{f['own'] / total:7.1%}{f['cumulative']:8.2f}{f['calls']:9}  {f['function']}")
    print("\nThe plugin's functions by cumulative time (includes what they call)\n")
    for f in found["ours_cumulative"]:
        print(f"  {f['cumulative']:7.2f}{f['cumulative'] / total:7.1%}{f['calls']:9}  {f['function']}")


def print_held(site: str, state: str, found: dict) -> None:
    print(f"\n## {site}, {state}: what is held at the end of each phase (MB)\n")
    rss = {phase: (now, peak) for phase, _, now, peak in found["marks"]}
    for phase, sizes in found["held"]:
        now, peak = rss.get(phase, (0, 0))
        print(f"{phase}: RSS {now:.0f} MB (peak so far {peak:.0f} MB)")
        for name, mb in sorted(sizes.items(), key=lambda kv: -kv[1]):
            if mb >= 0.5:
                print(f"  {mb:7.1f}  {name}")


def print_memory(site: str, state: str, found: dict) -> None:
    print(f"\n## {site}, {state}: memory held at the end of each phase (tracemalloc)\n")
    for snap in found["snapshots"]:
        print(f"{snap['phase']}: {snap['current_mb']:.0f} MB held, peak since the last phase {snap['peak_mb']:.0f} MB")
        owners = ", ".join(f"{k} {v:.0f}" for k, v in list(snap["owners"].items())[:6] if v >= 1)
        print(f"  by owner (MB): {owners}")
        for where, mb in snap["sites"][:8]:
            if mb >= 1:
                print(f"  {mb:7.1f} MB  {where}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--site", type=Path, help="profile this site folder instead of generating one")
    parser.add_argument("--keep", type=Path, help="write the generated sites here and keep them")
    parser.add_argument("--state", choices=("cold", "warm", "both"), default="both")
    parser.add_argument(
        "--what", default="phases,cprofile,held,memory", help="phases, cprofile, held, memory (comma-separated)"
    )
    parser.add_argument("--plain", action="store_true", help="also time the phases of the plain sites")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        site = args.site.resolve()
        found = {
            "phases": lambda: child_phases(site),
            "cprofile": lambda: child_cprofile(site, args.top),
            "memory": lambda: child_memory(site, args.top),
            "held": lambda: child_held(site),
        }[args.child]()
        Path(args.out).write_text(json.dumps(found))
        return 0

    folder = None
    if args.site:
        sites = {"journeymaps": args.site.resolve()}
    else:
        from content import generate
        from sites import write_sites

        folder = args.keep or Path(tempfile.mkdtemp(prefix="jm-profile-"))
        written = write_sites(generate(args.maps), folder)
        sites = {name: written[name] for name in ("journeymaps", "plain", "plain-tables")}
    states = ("cold", "warm") if args.state == "both" else (args.state,)
    what = args.what.split(",")
    try:
        for state in states:
            for name, site in sites.items():
                if name != "journeymaps" and (not args.plain or state == "warm"):
                    continue  # the plain sites have nothing to cache
                if "phases" in what:
                    print_phases(name, state, run_child("phases", site, state, args.top))
                if name != "journeymaps":
                    continue
                if "cprofile" in what:
                    print_cprofile(name, state, run_child("cprofile", site, state, args.top), args.top)
                if "held" in what:
                    print_held(name, state, run_child("held", site, state, args.top))
                if "memory" in what:
                    print_memory(name, state, run_child("memory", site, state, args.top))
                sys.stdout.flush()
    finally:
        if folder is not None and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
