"""Preview images drawn in other processes while MkDocs renders the pages.

Pillow's text layout and colour reduction hold Python's lock, so a thread drawing beside
the build slows the build down; another process does not. The workers (worker.py) are
started once (a `mkdocs serve` keeps them for its rebuilds), as many as the cores the build
may use less the one the build runs on, and handed only what each image shows (preview.py's
plain data and a font's file name). Each image is written whole into the cache, from where
the build copies it once the pages are written. Images a worker has not started when the
build gets there are drawn by the build itself; so are the images of a worker that fails or
stops, so the site never lacks one for that. On one core, or for a handful of images, the
build draws them itself, once its pages are written, unless the workers are running already
(the few images of a `mkdocs serve --dirty` rebuild).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from journeymaps.format.files import write_atomically
from journeymaps.site.fonts import Fonts
from journeymaps.site.worker import Worker

BATCH = 8  # images handed to a worker at once: fewer messages, and the build can still take back the rest
POOL_FROM = 24  # fewer images than this: starting a worker would cost more than drawing them here
AHEAD = 2  # batches a worker is handed before it answers the first: it never waits for the next


@dataclass(frozen=True)
class Job:
    """One image to draw into the cache: ``draw`` is a function of this package with the
    plain data it draws (functools.partial), so that another process can be handed it."""

    target: Path
    draw: Callable[[Fonts], bytes]


class DrawingFailed(Exception):
    """An image could not be drawn, by a worker nor by the build itself."""

    def __init__(self, target: Path, reason: str):
        super().__init__(target, reason)
        self.target, self.reason = target, reason


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return counted() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def draw_into(job: Job, fonts: Fonts) -> Path | bytes:
    """Draw the image and write it whole into the cache: the cache's file, or the image
    itself when the cache cannot be written (a read-only checkout still builds)."""
    png = job.draw(fonts)
    try:
        write_atomically(job.target, png)  # whole or not at all, whoever else builds at the same time
    except OSError:
        return png
    return job.target


class Drawer:
    """Draws a build's images; one per plugin, so one set of workers per process.

    Each worker is fed batches from a queue by a thread of the build, a few ahead, so it
    never waits for the next; when the build gets to the images, it draws what is still
    queued, from the queue's end."""

    def __init__(self, workers: int | None = None):
        self.workers = workers  # None: as many as the cores the build may use, less the build's own
        self.fonts: Fonts | None = None
        self.trouble = ""  # why the build drew a worker's images itself, when it had to
        self.processes: list[Worker] = []  # started at the first build with enough to draw
        self.by_workers = self.by_build = 0  # images of the last build drawn by the workers and by the build
        self._queue: deque[list[Job]] = deque()  # batches no worker has been handed yet
        self._answered: list[tuple[list[Job], list[Path | bytes] | None]] = []  # None: to draw here
        self._lock = threading.Lock()
        self._feeders: list[threading.Thread] = []
        self._stopped: Exception | None = None  # why the workers take no more batches

    def start(self, jobs: list[Job], fonts: Fonts) -> None:
        """Start drawing a build's images (those not in the cache), in the background."""
        self.cancel()
        self.fonts = fonts
        self.by_workers = self.by_build = 0
        # One kind of image after another: a process then holds one kind's font sizes at a time (fonts.py).
        jobs = sorted(jobs, key=_kind)
        self._queue = deque(jobs[first : first + BATCH] for first in range(0, len(jobs), BATCH))
        # Workers already started (a server's earlier build) draw even a few: the build goes on.
        if jobs and (len(jobs) >= POOL_FROM or self.processes) and self._open():
            self._feeders = [threading.Thread(target=self._feed, args=(w,), daemon=True) for w in self.processes]
            for feeder in self._feeders:
                feeder.start()

    def _take(self) -> list[Job] | None:
        with self._lock:
            return self._queue.popleft() if self._queue and self._stopped is None else None

    def _feed(self, worker: Worker) -> None:
        fonts = self.fonts
        assert fonts is not None
        handed: deque[list[Job]] = deque()
        try:
            while True:
                while len(handed) < AHEAD and (batch := self._take()) is not None:
                    handed.append(batch)
                    worker.send(_draw_batch, (batch, fonts.regular, fonts.bold, fonts.chinese))
                if not handed:
                    return
                drew, drawn = worker.receive()
                # A batch that failed is drawn again here, to fail with a message if it fails here too.
                self._answered.append((handed.popleft(), drawn if drew else None))
        except Exception as err:  # noqa: BLE001 - the worker stopped (killed, out of memory): no more workers
            with self._lock:
                self._stopped = self._stopped or err
            self._answered.extend((batch, None) for batch in handed)

    def finish(self) -> dict[Path, Path | bytes]:
        """Every image started, by its place in the cache: what the workers drew, waited for,
        and what they had not been handed, drawn here meanwhile."""
        done: dict[Path, Path | bytes] = {}
        while True:
            with self._lock:
                if not self._queue:
                    break
                batch = self._queue.pop()
            done.update((job.target, self._draw_here(job)) for job in batch)
        self._join()
        for batch, drawn in self._answered:
            if drawn is None:
                drawn = [self._draw_here(job) for job in batch]
            else:
                self.by_workers += len(batch)
            done.update(zip((job.target for job in batch), drawn, strict=True))
        self._answered = []
        if self._stopped is not None:
            self._give_up(self._stopped)
        return done

    def cancel(self) -> None:
        """Forget a build's images (it stopped); the workers finish the batches they have."""
        with self._lock:
            self._queue.clear()
        self._join()
        self._answered = []
        if self._stopped is not None:
            self._give_up(self._stopped)

    def close(self) -> None:
        """Stop the workers, once the batches they have are drawn (no half image is left)."""
        self.cancel()
        for worker in self.processes:
            worker.close()
        self.processes = []

    def _join(self) -> None:
        for feeder in self._feeders:
            feeder.join()  # its worker has answered every batch it was handed
        self._feeders = []

    def _open(self) -> bool:
        workers = usable_cores() - 1 if self.workers is None else self.workers
        if not self.processes and workers > 0:
            try:
                # Processes, not threads: Pillow holds Python's lock while it draws.
                for _ in range(workers):
                    self.processes.append(Worker())
            except Exception as err:  # noqa: BLE001 - no processes here (a sandbox, say): the build draws
                self._give_up(err)
        return bool(self.processes)

    def _give_up(self, err: Exception) -> None:
        """No more workers for this process: the build draws every image itself from now on."""
        self.trouble = self.trouble or _reason(err)
        self._stopped = None
        self.workers = 0
        for worker in self.processes:
            worker.close()
        self.processes = []

    def _draw_here(self, job: Job) -> Path | bytes:
        assert self.fonts is not None
        self.by_build += 1
        try:
            return draw_into(job, self.fonts)
        except Exception as err:  # noqa: BLE001 - said as path: message by the caller, not a traceback
            raise DrawingFailed(job.target, _reason(err)) from None


def _kind(job: Job) -> str:
    """What draws the image (a curve, a persona's card, an index page's card)."""
    draw = job.draw.func if isinstance(job.draw, partial) else job.draw
    return getattr(draw, "__qualname__", "")


def _reason(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}".strip().rstrip(":")


# -- in a worker --------------------------------------------------------------------------------


@cache  # each size of a font is loaded once per worker (Fonts keeps them)
def _fonts(regular: str | None, bold: str | None, chinese: bool) -> Fonts:
    return Fonts(regular, bold, chinese)


def _draw_batch(jobs: list[Job], regular: str | None, bold: str | None, chinese: bool) -> list[Path | bytes]:
    fonts = _fonts(regular, bold, chinese)
    return [draw_into(job, fonts) for job in jobs]
