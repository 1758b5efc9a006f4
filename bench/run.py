"""Build a journeymaps site and plain MkDocs sites of the same pages and words, in turn.

    .venv/bin/python bench/run.py --maps 1000            # 3 rounds, cold and warm builds
    .venv/bin/python bench/run.py --maps 1000 --serve    # and the `mkdocs serve` rebuild
    .venv/bin/python bench/run.py --maps 100 1000 3000 --json results.json

The sites are written from the same generated content (content.py, sites.py): "plain",
the yardstick, has a page at the same URL for every page the plugin generates, with the
words that page shows, the same navigation and the same search exclusions;
"plain-tables" is the same with Markdown tables where the plugin shows a table. Each
build is a fresh ``mkdocs build --strict`` process; its wall time, CPU time and peak
memory are measured, of the build process and the processes it starts (the plugin's
workers that draw the preview images): CPU time is theirs added up, and memory is the
build process's peak plus each worker's own peak (sampled every 0.1 s), an upper bound of
what they held at once. "Cold" builds start without
``.cache/`` (the plugin draws every emotion.png); "warm" builds keep it. The rounds
alternate the order of the sites. With ``--serve``, ``mkdocs serve`` runs on each site,
one map (plain: the page at the same URL) is edited several times, and each rebuild is
timed from the edit until the edited page is served with the change; then the same with
``mkdocs serve --dirty``, which rebuilds only what changed (target: 2 s at 1000 maps).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import STAGES_PER_MAP, STEPS_PER_STAGE, Content, generate  # noqa: E402
from sites import write_sites  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SITES = ("plain", "plain-tables", "journeymaps")
# The targets at 1000 maps: journeymaps against the plain site.
TARGETS = {"cold": 1.5, "warm": 1.2, "rss": 1.5, "serve": 1.3}
DIRTY_TARGET = 2.0  # seconds from the save to the page served, `mkdocs serve --dirty`, 1000 maps
LINEAR = 3.3  # the 3000-map build at most this many times the 1000-map one
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Build:
    wall: float  # seconds
    cpu: float  # user + system seconds of the build process and the processes it started
    rss: float  # peak resident memory of the build process plus each process it started, MB
    load: float  # the machine's 1-minute load average when the build started
    # The most the build and its processes held at one moment (sampled every 0.1 s, and
    # at least the build's own peak), MB: `rss` adds peaks that need not coincide.
    at_once: float = 0.0


@dataclass
class Result:
    maps: int
    journeys: int
    personas: int
    rounds: int
    builds: dict[str, dict[str, list[Build]]] = field(default_factory=dict)  # site -> cold|warm -> builds
    serve: dict[str, list[float]] = field(default_factory=dict)  # site -> seconds per rebuild
    serve_cpu: dict[str, list[float]] = field(default_factory=dict)  # site -> CPU seconds per rebuild
    serve_rss: dict[str, float] = field(default_factory=dict)  # site -> peak RSS of the server, MB
    dirty: dict[str, list[float]] = field(default_factory=dict)  # site -> seconds per `serve --dirty` rebuild
    dirty_title: list[float] = field(default_factory=list)  # journeymaps, --dirty, a map's title edited
    dirty_cpu: dict[str, list[float]] = field(default_factory=dict)  # site (and "journeymaps title") -> CPU s
    sites: dict[str, dict[str, int]] = field(default_factory=dict)  # site -> pages, words, search words


def build(site: Path, cold: bool) -> Build:
    if cold:
        shutil.rmtree(site / ".cache", ignore_errors=True)
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
            cwd=site,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        started = _Started(proc.pid)
        # wait4 gives the CPU time of the build and of the processes it waited for (its
        # workers), but only the largest peak RSS of them: the workers' are added from
        # what _Started saw.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        workers, at_once = started.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            sys.exit(f"mkdocs build failed in {site}:\n{errors.read().decode(errors='replace')}")
    own = usage.ru_maxrss / 1024
    return Build(wall, usage.ru_utime + usage.ru_stime, own + workers, load, max(own, at_once))


class _Started(threading.Thread):
    """The peak RSS of each process a build started (the plugin's workers), as last seen,
    and the most the build and those processes held together at one sample: sampled every
    0.1 s until the build ends."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.together, self.done = pid, {}, 0.0, threading.Event()
        self.start()

    def run(self) -> None:
        while not self.done.wait(0.1):
            now = _rss_now(self.pid)
            for child in _descendants(self.pid):
                self.peaks[child] = max(self.peaks.get(child, 0.0), _peak_rss(child))
                now += _rss_now(child)
            self.together = max(self.together, now)

    def stop(self) -> tuple[float, float]:
        """The sum of the started processes' peaks, and the most held at once."""
        self.done.set()
        self.join()
        return sum(self.peaks.values()), self.together


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # it ended meanwhile
    found, frontier = [], {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found += frontier
    return found


def run_builds(sites: dict[str, Path], result: Result, warmup: int, log) -> None:
    for _ in range(warmup):
        for site in sites.values():
            build(site, cold=True)
    result.builds = {name: {"cold": [], "warm": []} for name in sites}
    for r in range(result.rounds):
        order = list(sites) if r % 2 == 0 else list(reversed(sites))
        for name in order:
            for kind in ("cold", "warm"):
                b = build(sites[name], cold=kind == "cold")
                result.builds[name][kind].append(b)
                memory = f"{b.rss:5.0f} MB ({b.at_once:.0f} at once)"
                figures = f"{b.wall:6.2f} s  cpu {b.cpu:6.2f} s  {memory}  load {b.load:.1f}"
                log(f"  round {r + 1}: {name:12} {kind}  {figures}")


# -- mkdocs serve ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8", errors="replace")


AFTER_SAVE = 3.0  # seconds between saves under `mkdocs serve`, as bench/dirty_edits.py


def serve_rebuilds(
    site: Path, edited: Path, page: str, edits: int, log, dirty: bool = False, titles: int = 0
) -> tuple[list[float], list[float], float]:
    """Seconds from editing ``edited`` until ``page`` is served with the edit, per edit; the
    CPU seconds the server spent meanwhile (its file watcher's polling included); and the
    server's peak RSS (MB) at the end. ``dirty``: `mkdocs serve --dirty`. Each edit adds a
    line to the page's text; ``titles`` edits more change the map's title instead (front
    matter, shown on the index pages too), saved whole as editors save."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    original = edited.read_text(encoding="utf-8")
    with tempfile.TemporaryFile() as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []), "-a", f"127.0.0.1:{port}"],
            cwd=site,
            env=ENV,
            stdout=output,
            stderr=output,
        )
        try:
            html = _wait_until_served(base + page, server, output)
            times, cpus = [], []
            for i in range(edits + titles):
                title = i >= edits
                epoch = int(re.search(r"livereload\((\d+),", html)[1])
                token = f"benchedit{i}x{time.time_ns()}"
                start, start_cpu = time.perf_counter(), _cpu_seconds(server.pid)
                if title:
                    saving = edited.with_suffix(".saving")
                    saving.write_text(original.replace("\ntitle: ", f"\ntitle: {token} ", 1), encoding="utf-8")
                    saving.replace(edited)
                else:
                    with edited.open("a", encoding="utf-8") as f:
                        f.write(f"\n{token}\n")
                while True:
                    # MkDocs answers this when a rebuild has finished (what reloads a browser).
                    newer = int(_get(f"{base}livereload/{epoch}/{i}"))
                    if newer > epoch:
                        html = _get(base + page)
                        if token in html:
                            break
                        epoch = newer
                times.append(time.perf_counter() - start)
                cpus.append(_cpu_seconds(server.pid) - start_cpu)
                kind = ("serve --dirty" if dirty else "serve") + (" (title)" if title else " (text)")
                log(f"  {kind} {site.name:12} rebuild {i + 1}: {times[-1]:6.2f} s  cpu {cpus[-1]:6.2f} s")
                # Saves a few seconds apart, as an author saves: the file watcher settles, and
                # the collector's pass a moment after a dirty rebuild (site/pauses.py) is over.
                time.sleep(AFTER_SAVE)
            rss = _peak_rss(server.pid) + sum(map(_peak_rss, _descendants(server.pid)))  # and its workers
        finally:
            stop_server(server)
            edited.write_text(original, encoding="utf-8")
    return times, cpus, rss


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(2)  # Ctrl-C: mkdocs serve removes its temporary site
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _cpu_seconds(pid: int) -> float:
    """The CPU time of the server and of the workers it keeps (they draw preview images)."""
    ticks = 0
    for process in (pid, *_descendants(pid)):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended meanwhile
        ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _wait_until_served(url: str, server: subprocess.Popen, output) -> str:
    deadline = time.monotonic() + 3600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output.seek(0)
            sys.exit(f"mkdocs serve stopped:\n{output.read().decode(errors='replace')}")
        try:
            return _get(url, timeout=5)
        except OSError:
            time.sleep(0.5)
    sys.exit(f"mkdocs serve did not serve {url} within an hour")


def _peak_rss(pid: int) -> float:
    return _status_mb(pid, "VmHWM")


def _rss_now(pid: int) -> float:
    return _status_mb(pid, "VmRSS")


def _status_mb(pid: int, key: str) -> float:
    try:
        found = re.search(rf"{key}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return 0.0  # it ended
    return int(found[1]) / 1024 if found else 0.0


# -- what the sites hold ----------------------------------------------------------------------

_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def site_summary(site_dir: Path) -> dict[str, int]:
    """Pages, words on them (inside <article>), bytes of HTML, and words in the search index."""
    pages = words = size = 0
    for path in site_dir.rglob("*.html"):
        if path.name == "404.html":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        size += len(text.encode("utf-8"))
        article = _ARTICLE.search(text)
        if article is None:
            continue  # a redirect page
        pages += 1
        words += len(_WORD.findall(_TAG.sub(" ", _INVISIBLE.sub(" ", article[0]))))
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    search_words = sum(
        len(_WORD.findall(_TAG.sub(" ", d.get("text", "") + " " + d.get("title", "")))) for d in index["docs"]
    )
    return {
        "pages": pages,
        "words": words,
        "html_bytes": size,
        "search_entries": len(index["docs"]),
        "search_words": search_words,
    }


# -- the report ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found[1].strip() if found else cpu
    except OSError:
        pass
    memory = ""
    try:
        found = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        memory = f"{int(found[1]) / 1024 / 1024:.0f} GB" if found else ""
    except OSError:
        pass
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pillow"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:
            versions[name] = "?"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "commit": commit.strip(),
    }


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _spread(values: list[float], unit: str, digits: int = 2) -> str:
    if not values:
        return "—"
    text = f"{_median(values):.{digits}f} {unit}"
    if len(values) > 1:
        text += f" ({min(values):.{digits}f}–{max(values):.{digits}f})"
    return text


def _verdict(ratio: float, target: float | None, maps: int) -> str:
    if target is None or maps != 1000:
        return ""
    return f"≤ {target:.2f}× {'met' if ratio <= target else 'NOT met'}"


COLUMN = 25


def report(result: Result) -> str:
    """A table: each site's median (min–max), journeymaps against plain (the yardstick, with
    the target) and against plain-tables (the same pages with Markdown tables)."""
    b = result.builds
    sites = [s for s in SITES if s in (b or result.serve or result.dirty or result.sites)]
    lines = [
        f"{result.maps} maps ({result.journeys} journeys, {STAGES_PER_MAP * STEPS_PER_STAGE} steps a map), "
        f"{result.personas} personas; {result.rounds} round{'s' * (result.rounds != 1)}",
    ]
    loads = [x.load for site in b.values() for kind in site.values() for x in kind]
    if loads:
        lines.append(f"load average (1 min) at the start of each build: {min(loads):.1f}–{max(loads):.1f}")
    head = "".join(f"{s:>{COLUMN}}" for s in sites)
    lines += ["", f"{'':26}{head}{'jm/plain':>10}{'jm/tables':>11}  target at 1000 maps (jm/plain)"]

    def ratio(values: dict[str, list[float]], base: str) -> str:
        if not values.get(base) or not values.get("journeymaps"):
            return ""
        return f"{_median(values['journeymaps']) / _median(values[base]):.2f}×"

    def row(label: str, values: dict[str, list[float]], unit: str, target: float | None, digits: int = 2) -> None:
        cells = "".join(f"{_spread(values.get(s, []), unit, digits):>{COLUMN}}" for s in sites)
        verdict = ""
        if values.get("plain") and values.get("journeymaps"):
            verdict = _verdict(_median(values["journeymaps"]) / _median(values["plain"]), target, result.maps)
        lines.append(f"{label:26}{cells}{ratio(values, 'plain'):>10}{ratio(values, 'plain-tables'):>11}  {verdict}")

    if b:
        for kind, label in (("cold", "no cache"), ("warm", "warm (.cache/ kept)")):
            row(f"{label}, wall", {s: [x.wall for x in b[s][kind]] for s in b}, "s", TARGETS[kind])
            row(f"{label}, CPU", {s: [x.cpu for x in b[s][kind]] for s in b}, "s", None)
        for kind in ("cold", "warm"):
            row(f"peak RSS, {kind} build", {s: [x.rss for x in b[s][kind]] for s in b}, "MB", TARGETS["rss"], 0)
            row(f"  held at once, {kind}", {s: [x.at_once for x in b[s][kind]] for s in b}, "MB", None, 0)
    if result.serve:
        row("serve: rebuild after edit", result.serve, "s", TARGETS["serve"])
        row("serve: rebuild CPU", result.serve_cpu, "s", None)
        row("serve: peak RSS", {s: [v] for s, v in result.serve_rss.items()}, "MB", None, 0)
    if result.dirty:
        row("serve --dirty: edit→page", result.dirty, "s", None)
        row("serve --dirty: CPU", {s: v for s, v in result.dirty_cpu.items() if s in SITES}, "s", None)
        if result.dirty_title:
            row("serve --dirty: title edit", {"journeymaps": result.dirty_title}, "s", None)
            row("serve --dirty: title, CPU", {"journeymaps": result.dirty_cpu["journeymaps title"]}, "s", None)
        if result.maps == 1000 and result.dirty.get("journeymaps"):
            seconds = max(_median(result.dirty["journeymaps"]), _median(result.dirty_title or [0]))
            verdict = "met" if seconds <= DIRTY_TARGET else f"NOT met: {seconds - DIRTY_TARGET:.2f} s over"
            lines.append(f"{'':26}journeymaps under --dirty: target {DIRTY_TARGET:.0f} s from the save, {verdict}")
    if result.sites:
        lines.append("")
        for key, label in (
            ("pages", "pages"),
            ("words", "words on the pages"),
            ("search_words", "words in the search index"),
            ("html_bytes", "bytes of HTML"),
        ):
            values = {s: result.sites[s][key] for s in sites}
            cells = "".join(f"{values[s]:>{COLUMN},}" for s in sites)
            jm = values.get("journeymaps", 0)
            ratios = "".join(
                f"{jm / max(values[s], 1):>{w}.2f}×" for s, w in (("plain", 9), ("plain-tables", 10)) if s in values
            )
            lines.append(f"{label:26}{cells}{ratios}")
    return "\n".join(lines)


def linearity(results: list[Result]) -> str:
    by_maps = {r.maps: r for r in results if r.builds}
    if 1000 not in by_maps or 3000 not in by_maps:
        return ""
    out = ["", "3000 maps against 1000 maps (target at most 3.3×: cost linear in the number of maps):"]
    for site in SITES:
        for kind in ("cold", "warm"):
            runs = [by_maps[n].builds.get(site, {}).get(kind) for n in (1000, 3000)]
            if all(runs):
                wall, cpu = ([_median([getattr(x, key) for x in run]) for run in runs] for key in ("wall", "cpu"))
                out.append(f"  {site:11} {kind}: wall {wall[1] / wall[0]:.2f}×, CPU {cpu[1] / cpu[0]:.2f}×")
    return "\n".join(out)


def load_results(path: Path) -> list[Result]:
    results = []
    for found in json.loads(path.read_text(encoding="utf-8"))["results"]:
        builds = {
            site: {kind: [Build(**b) for b in runs] for kind, runs in kinds.items()}
            for site, kinds in found.pop("builds").items()
        }
        results.append(Result(**found, builds=builds))
    return results


def _edited(site: str, journey) -> str:
    """The file edited under `mkdocs serve`: the map, or the plain page at the same address."""
    if site == "journeymaps":
        return f"maps/{journey.id}.md" if journey.single_file else f"maps/{journey.id}/current.md"
    return f"docs/journeys/{journey.id}/current.md"


def measure(count: int, args: argparse.Namespace, log) -> Result:
    content: Content = generate(count)
    result = Result(count, len(content.journeys), len(content.personas), args.rounds)
    folder = Path(args.keep) / str(count) if args.keep else Path(tempfile.mkdtemp(prefix=f"jm-bench-{count}-"))
    try:
        sites = {name: path for name, path in write_sites(content, folder).items() if name in args.sites}
        log(f"{count} maps: sites written to {folder}")
        if args.rounds:
            run_builds(sites, result, args.warmup, log)
        if args.serve:
            journey = content.journeys[len(content.journeys) // 2]
            page = f"journeys/{journey.id}/current/"
            for name, site in sites.items() if args.serve != "dirty" else ():
                edited = _edited(name, journey)
                times, cpus, rss = serve_rebuilds(site, site / edited, page, args.edits, log)
                result.serve[name], result.serve_cpu[name], result.serve_rss[name] = times, cpus, rss
            for name, site in sites.items():
                edited = _edited(name, journey)
                titles = args.edits if name == "journeymaps" else 0
                times, cpus, _ = serve_rebuilds(site, site / edited, page, args.edits, log, True, titles)
                result.dirty[name], result.dirty_cpu[name] = times[: args.edits], cpus[: args.edits]
                if titles:
                    result.dirty_title, result.dirty_cpu["journeymaps title"] = times[args.edits :], cpus[args.edits :]
        if args.rounds or args.serve != "dirty":  # --serve dirty alone: the dirty rebuilds, no more
            for site in sites.values():
                if not (site / "site").is_dir():
                    build(site, cold=False)
            result.sites = {name: site_summary(site / "site") for name, site in sites.items()}
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, nargs="+", default=[1000], help="number of maps (several: one run each)")
    parser.add_argument("--rounds", type=int, default=3, help="builds of each site, cold and warm (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed builds of each site first (default 1)")
    parser.add_argument(
        "--serve",
        nargs="?",
        const="all",
        choices=["all", "dirty"],
        help="also time `mkdocs serve` rebuilds after an edit, and `mkdocs serve --dirty` (dirty: only that)",
    )
    parser.add_argument("--edits", type=int, default=5, help="edits timed under `mkdocs serve` (default 5)")
    parser.add_argument(
        "--sites", default=",".join(SITES), help=f"which sites, comma-separated (default {','.join(SITES)})"
    )
    parser.add_argument("--keep", metavar="DIR", help="write the sites here and keep them")
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    parser.add_argument("--quiet", action="store_true", help="print only the results")
    parser.add_argument("--report", metavar="FILE", nargs="+", help="print the results saved by --json, run nothing")
    args = parser.parse_args(argv)
    args.sites = [s for s in args.sites.split(",") if s]
    if unknown := set(args.sites) - set(SITES):
        parser.error(f"unknown sites: {', '.join(sorted(unknown))}")

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    if args.report:
        results = [r for path in args.report for r in load_results(Path(path))]
        for result in results:
            print(report(result), end="\n\n")
        print(linearity(results))
        return 0
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory']}; {info['system']}; Python {info['python']}")
    print(f"packages: {info['packages']}; journeymaps {info['commit']}")
    results = []
    for count in args.maps:
        results.append(measure(count, args, log))
        print()
        print(report(results[-1]), flush=True)
    print(linearity(results))
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": info, "results": [asdict(r) for r in results]}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
