"""Preview images drawn in other processes (site/drawing.py): the same images the build's own
process draws, a worker that stops or fails, one core, and `mkdocs serve`, whose workers
are kept across rebuilds and gone after Ctrl-C. The build starts no process but its workers
(no resource tracker beside them)."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from functools import partial
from pathlib import Path

import pytest
from conftest import MAP, write_site
from journeymaps.site.drawing import POOL_FROM, Drawer, DrawingFailed, Job, usable_cores
from journeymaps.site.fonts import find_fonts
from journeymaps.site.preview import PreviewText, title_png
from journeymaps.site.worker import Worker
from PIL import Image

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def card(number: int, fonts) -> bytes:
    return title_png(PreviewText(f"Card {number}", "2 journeys · 1 personas", "Site · cards/"), fonts, ["A", "B"])


def card_and_where(number: int, where: Path, fonts) -> bytes:
    """A card, noting which process drew it."""
    (where / f"{number}-{os.getpid()}").touch()
    return card(number, fonts)


def stops_a_worker(number: int, build: int, fonts) -> bytes:
    if os.getpid() != build:
        os._exit(1)  # as a worker the system stops (out of memory) would
    return card(number, fonts)


def fails(fonts) -> bytes:
    raise ValueError("no colour named 'mauve'")


def drawn_by(where: Path) -> dict[int, int]:
    """How many images each process drew."""
    counts: dict[int, int] = {}
    for mark in where.iterdir():
        pid = int(mark.name.split("-")[1])
        counts[pid] = counts.get(pid, 0) + 1
    return counts


def drawn_with_a_worker(jobs: list[Job]) -> tuple[dict, Drawer]:
    """The images, drawn by one worker and the build, and the drawer, stopped."""
    drawer = Drawer(workers=1)
    # The test process may have children of its own already (a browser or a database server
    # that other tests of this pytest worker started): only those the drawer starts count.
    before = _children(os.getpid(), depth=1)
    try:
        drawer.start(jobs, find_fonts())
        if len(jobs) >= POOL_FROM:  # the worker, and no other process (no resource tracker)
            started = _children(os.getpid(), depth=1) - before
            assert started == {w.pid for w in drawer.processes} and len(drawer.processes) == 1
        return drawer.finish(), drawer
    finally:
        drawer.close()


@pytest.fixture
def where(tmp_path: Path) -> Path:
    (tmp_path / "where").mkdir()
    return tmp_path / "where"


def test_workers_draw_the_images_the_build_would(tmp_path, where):
    fonts = find_fonts()
    jobs = [Job(tmp_path / "cache" / f"{i}.png", partial(card_and_where, i, where)) for i in range(POOL_FROM * 2)]
    drawn, drawer = drawn_with_a_worker(jobs)
    assert drawn == {job.target: job.target for job in jobs}
    by = drawn_by(where)
    assert sum(n for pid, n in by.items() if pid != os.getpid()) == drawer.by_workers > 0
    assert by.get(os.getpid(), 0) == drawer.by_build  # what no worker had started when the build got there
    for i, job in enumerate(jobs):
        assert job.target.read_bytes() == card(i, fonts)  # the same bytes as drawn here
    assert drawer.trouble == "" and drawer.processes == []


def test_workers_already_running_draw_a_few_images_too(tmp_path, where):
    """A `mkdocs serve --dirty` rebuild hands its few images to the workers its first build
    started, and goes on with its pages meanwhile."""
    fonts = find_fonts()
    drawer = Drawer(workers=1)
    try:
        drawer.start([Job(tmp_path / "first" / f"{i}.png", partial(card, i)) for i in range(POOL_FROM)], fonts)
        drawer.finish()
        jobs = [Job(tmp_path / f"{i}.png", partial(card_and_where, i, where)) for i in range(3)]
        drawer.start(jobs, fonts)
        deadline = time.monotonic() + 30
        while drawer._queue:  # handed to the worker by its feeder, not yet drawn by the build
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert drawer.finish() == {job.target: job.target for job in jobs}
        assert set(drawn_by(where)) == {drawer.processes[0].pid} and drawer.by_workers == 3
        assert [job.target.read_bytes() for job in jobs] == [card(i, fonts) for i in range(3)]
    finally:
        drawer.close()


def test_a_few_images_are_drawn_by_the_build(tmp_path, where):
    jobs = [Job(tmp_path / f"{i}.png", partial(card_and_where, i, where)) for i in range(3)]
    drawer = Drawer(workers=1)
    drawer.start(jobs, find_fonts())
    assert sorted(drawer.finish()) == sorted(job.target for job in jobs)
    assert drawn_by(where) == {os.getpid(): 3} and drawer.processes == []


def test_a_worker_that_stops_leaves_its_images_to_the_build(tmp_path):
    fonts = find_fonts()
    jobs = [Job(tmp_path / f"{i}.png", partial(stops_a_worker, i, os.getpid())) for i in range(POOL_FROM)]
    drawn, drawer = drawn_with_a_worker(jobs)
    assert drawn == {job.target: job.target for job in jobs}
    for i, job in enumerate(jobs):
        assert job.target.read_bytes() == card(i, fonts)
    assert drawer.trouble == "WorkerStopped: the worker ended with exit code 1"
    assert (drawer.by_workers, drawer.by_build, drawer.workers) == (0, POOL_FROM, 0)  # and no workers from now on


def test_an_image_that_cannot_be_drawn_is_named(tmp_path):
    jobs = [Job(tmp_path / f"{i}.png", partial(card, i)) for i in range(POOL_FROM)]
    jobs.insert(POOL_FROM // 2, Job(tmp_path / "broken.png", fails))
    with pytest.raises(DrawingFailed) as failed:
        drawn_with_a_worker(jobs)
    assert (failed.value.target, failed.value.reason) == (
        tmp_path / "broken.png",
        "ValueError: no colour named 'mauve'",
    )
    assert not (tmp_path / "broken.png").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no half image


def test_a_cache_that_cannot_be_written_hands_back_the_image(tmp_path):
    """A read-only checkout still builds: the image comes back from the worker itself."""
    (tmp_path / "cache").write_text("a file where the cache's folder would be")
    jobs = [Job(tmp_path / "cache" / f"{i}.png", partial(card, i)) for i in range(POOL_FROM)]
    drawn, drawer = drawn_with_a_worker(jobs)
    assert [drawn[job.target] for job in jobs] == [card(i, find_fonts()) for i in range(POOL_FROM)]
    assert drawer.by_workers > 0


# What a worker imports to draw: whatever the images' drawing functions sit in, and what
# site/worker.py needs to start; each of the heavy ones cost a worker megabytes.
def test_a_worker_imports_pillow_and_the_drawing_not_the_build(tmp_path):
    from journeymaps.site.drawing import _draw_batch
    from journeymaps.site.preview import Curve, curve_png

    curve = Curve((-2.0, 2.0), 0.0, 2, (("Stage", 0, 1),), (("current", (1.0, -1.0), ((True, False), (False, True))),))
    text = PreviewText("Map", "Persona", "Site · maps/", "legend")
    jobs = [
        Job(tmp_path / "curve.png", partial(curve_png, curve, text)),
        Job(tmp_path / "card.png", partial(title_png, text, lines=["A"])),
    ]
    worker = Worker()
    try:
        worker.send(_draw_batch, (jobs, None, None, False))
        worker.send(eval, ("sorted(__import__('sys').modules)",))
        assert worker.receive() == (True, [job.target for job in jobs])
        drew, imported = worker.receive()
    finally:
        worker.close()
    assert drew and "PIL.ImageDraw" in imported and (tmp_path / "curve.png").exists()
    heavy = {
        "hashlib",
        "journeymaps.text",
        "journeymaps.model",
        "journeymaps.format.problems",
        "multiprocessing",
        "concurrent.futures",
        "mkdocs",
        "jinja2",
        "yaml",
    }
    assert heavy & set(imported) == set()


def test_a_worker_ends_when_its_build_is_gone(tmp_path):
    """A build killed outright cannot stop its workers: a worker ends when its input does."""
    script = "from journeymaps.site.worker import Worker; import os, sys; print(Worker().pid, flush=True); os._exit(9)"
    build = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=ENV, check=False)
    assert build.returncode == 9
    worker = int(build.stdout)
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def journeys(count: int) -> dict[str, str]:
    """A site of ``count`` journeys, a map each: two images a journey, and the index pages'."""
    return {f"maps/journey-{i:02}/current.md": MAP.replace("First purchase", f"Journey {i}") for i in range(count)}


def test_a_build_on_one_core_draws_its_images_itself(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = write_site(tmp_path, journeys(POOL_FROM // 2 + 1))
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "site_url: https://maps.example.com/\n")
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        os.sched_setaffinity(0, allowed)
    drawer = config.plugins["journeymaps"].drawer
    assert drawer.by_workers == 0 and drawer.by_build >= POOL_FROM and drawer.processes == []
    for i in range(POOL_FROM // 2 + 1):
        with Image.open(root / f"site/journeys/journey-{i:02}/current/emotion.png") as image:
            assert image.size == (1200, 630)


# -- mkdocs serve --------------------------------------------------------------------------------


def _children(pid: int, depth: int = 0) -> set[int]:
    """The processes under ``pid``: all of them, or those ``depth`` levels down at most."""
    found, frontier, level = set(), {pid}, 0
    while frontier and (depth == 0 or level < depth):
        level += 1
        parents = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def _workers(pid: int) -> set[int]:
    """The server's workers (site/worker.py)."""
    out = set()
    for child in _children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "journeymaps.site.worker" in command:
            out.add(child)
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def _served(url: str, server: subprocess.Popen, wanted: str, seconds: float = 300) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        try:
            page = _get(url)
            if wanted in page:
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {wanted!r} within {seconds} s")


@pytest.mark.slow
@pytest.mark.skipif(usable_cores() < 2 or not sys.platform.startswith("linux"), reason="workers need a second core")
def test_serve_keeps_its_workers_and_ctrl_c_stops_them(tmp_path):
    root = write_site(tmp_path, journeys(POOL_FROM))
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text() + "site_url: https://maps.example.com/\n")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    page = f"http://127.0.0.1:{port}/journeys/journey-00/current/"
    try:
        _served(page, server, "Journey 0")
        workers = _workers(server.pid)
        assert 1 <= len(workers) <= usable_cores() - 1
        assert _children(server.pid) == workers  # no resource tracker beside them
        # Every image shows the site's name: all are drawn again, by the same workers.
        settings.write_text(settings.read_text().replace("site_name: ", "site_name: Renamed "))
        _served(page, server, "Renamed")
        with Image.open(io.BytesIO(urllib.request.urlopen(page + "emotion.png", timeout=30).read())) as image:
            assert image.size == (1200, 630)
        assert _workers(server.pid) == workers
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
        output, _ = server.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, workers))
    assert "Traceback" not in output.decode(), output.decode()


def test_a_process_holds_four_font_sizes_at_most_and_draws_the_same(tmp_path):
    """Sizes closed and opened again (site/fonts.py) draw the same images, byte for byte."""
    from journeymaps.site.fonts import OPEN_AT_ONCE, Fonts
    from journeymaps.site.preview import Curve, curve_png, persona_png

    found = find_fonts()
    curve = Curve(
        (-2.0, 2.0), 0.0, 2, (("阶段 Stage", 0, 1),), (("current", (1.0, -1.0), ((True, False), (False, True))),)
    )
    text = PreviewText("开户 Open an account", "张丽 · Maria", "Site · maps/", "legend")
    draws = [
        partial(curve_png, curve, text),
        partial(persona_png, text, "张丽", None, "我想要更快 I want it faster"),
        partial(title_png, text, lines=["A", "开户"]),
    ]
    fresh = [draw(Fonts(found.regular, found.bold, found.chinese)) for draw in draws]  # every size opened anew
    fonts = Fonts(found.regular, found.bold, found.chinese)
    for _ in range(2):
        assert [draw(fonts) for draw in draws] == fresh
        assert len(fonts._sizes) == OPEN_AT_ONCE
