"""Preview images drawn in other processes while MkDocs renders the pages.

Pillow's text layout and colour reduction hold Python's lock, so a thread drawing beside
the build slows the build down; another process does not. The pool of processes is started
once (a `mkdocs serve` keeps it for its rebuilds), sized to the cores the build may use less
the one the build runs on, and handed only what each image shows (preview.py's plain data
and a font's file name). Each image is written whole into the cache, from where the build
copies it once the pages are written. Images a worker has not started when the build gets
there are drawn by the build itself; so are the images of a worker that fails or stops, so
the site never lacks one for that. On one core, or for a handful of images, the build draws
them itself, once its pages are written.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from journeymaps.format.files import write_atomically
from journeymaps.site.fonts import Fonts

BATCH = 8  # images handed to a worker at once: fewer messages, and the build can still take back the rest
POOL_FROM = 24  # fewer images than this: starting a worker would cost more than drawing them here


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
    """Draws a build's images; one per plugin, so one pool per process.

    The workers are handed a few batches at a time, from a queue a thread of the build
    feeds them from; when the build gets to the images, it draws what is still queued,
    from the queue's end. Nothing handed to the pool is ever cancelled (Python 3.11's pool
    stops answering if one of its tasks was cancelled when a worker dies)."""

    def __init__(self, workers: int | None = None):
        self.workers = workers  # None: as many as the cores the build may use, less the build's own
        self.fonts: Fonts | None = None
        self.trouble = ""  # why the build drew a worker's images itself, when it had to
        self.pool: ProcessPoolExecutor | None = None  # started at the first build with enough to draw
        self.by_workers = self.by_build = 0  # images of the last build drawn by the workers and by the build
        self._queue: deque[list[Job]] = deque()  # batches no worker has been handed yet
        self._handed: list[tuple[list[Job], Future[list[Path | bytes]]]] = []
        self._lock = threading.Lock()
        self._feeder: threading.Thread | None = None
        self._size = 0  # workers in the pool
        self._unfed: Exception | None = None  # why the pool took no more batches

    def start(self, jobs: list[Job], fonts: Fonts) -> None:
        """Start drawing a build's images (those not in the cache), in the background."""
        self.cancel()
        self.fonts = fonts
        self.by_workers = self.by_build = 0
        self._queue = deque(jobs[first : first + BATCH] for first in range(0, len(jobs), BATCH))
        pool = self._open() if len(jobs) >= POOL_FROM else None
        if pool is not None:
            room = threading.Semaphore(2 * self._size)  # each worker has its next batch waiting
            self._feeder = threading.Thread(target=self._feed, args=(pool, room), daemon=True)
            self._feeder.start()

    def _feed(self, pool: ProcessPoolExecutor, room: threading.Semaphore) -> None:
        fonts = self.fonts
        assert fonts is not None
        while True:
            room.acquire()
            with self._lock:
                if not self._queue:
                    return
                batch = self._queue.popleft()
                try:
                    future = pool.submit(_draw_batch, batch, fonts.regular, fonts.bold, fonts.chinese)
                except Exception as err:  # noqa: BLE001 - no worker could be started: the build draws them
                    self._queue.appendleft(batch)
                    self._unfed = err
                    return
                self._handed.append((batch, future))
            future.add_done_callback(lambda _: room.release())

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
        if self._feeder is not None:
            self._feeder.join()  # it has handed out its last batch
            self._feeder = None
        for batch, future in self._handed:
            try:
                drawn = future.result()
                self.by_workers += len(batch)
            except BrokenProcessPool as err:  # a worker stopped (killed, out of memory): no more workers
                self._give_up(err)
                drawn = [self._draw_here(job) for job in batch]
            except Exception:  # noqa: BLE001 - drawn again here, to fail with a message if it fails here too
                drawn = [self._draw_here(job) for job in batch]
            done.update(zip((job.target for job in batch), drawn, strict=True))
        self._handed = []
        if self._unfed is not None:
            self._give_up(self._unfed)
        return done

    def cancel(self) -> None:
        """Forget a build's images (it stopped); the workers finish the batches they have."""
        with self._lock:
            self._queue.clear()
        if self._feeder is not None:
            self._feeder.join()
            self._feeder = None
        self._handed = []
        if self._unfed is not None:
            self._give_up(self._unfed)

    def close(self) -> None:
        """Stop the workers, once the batches they have are drawn (no half image is left)."""
        self.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None

    def _open(self) -> ProcessPoolExecutor | None:
        workers = usable_cores() - 1 if self.workers is None else self.workers
        if self.pool is None and workers > 0:
            try:
                # Spawned, not forked: the build's process has threads (MkDocs', this pool's).
                context = multiprocessing.get_context("spawn")
                self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_starts)
                self._size = workers
            except Exception as err:  # noqa: BLE001 - no processes here (no semaphores, say): the build draws
                self._give_up(err)
        return self.pool

    def _give_up(self, err: Exception) -> None:
        """No more workers for this process: the build draws every image itself from now on."""
        self.trouble = self.trouble or _reason(err)
        self._unfed = None
        self.workers = 0
        if self.pool is not None:
            self.pool.shutdown(wait=False)
            self.pool = None

    def _draw_here(self, job: Job) -> Path | bytes:
        assert self.fonts is not None
        self.by_build += 1
        try:
            return draw_into(job, self.fonts)
        except Exception as err:  # noqa: BLE001 - said as path: message by the caller, not a traceback
            raise DrawingFailed(job.target, _reason(err)) from None


def _reason(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}".strip().rstrip(":")


# -- in a worker --------------------------------------------------------------------------------


def _worker_starts() -> None:
    # Ctrl-C reaches every process of the terminal: the build stops its workers itself, so
    # they neither print a traceback nor stop halfway through an image.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_leave_with_the_build, args=(os.getppid(),), daemon=True).start()


def _leave_with_the_build(build: int) -> None:
    """A build killed outright cannot stop its workers: they stop when it is gone."""
    while os.getppid() == build:
        time.sleep(1.0)
    os._exit(0)


@cache  # each size of a font is loaded once per worker (Fonts keeps them)
def _fonts(regular: str | None, bold: str | None, chinese: bool) -> Fonts:
    return Fonts(regular, bold, chinese)


def _draw_batch(jobs: list[Job], regular: str | None, bold: str | None, chinese: bool) -> list[Path | bytes]:
    fonts = _fonts(regular, bold, chinese)
    return [draw_into(job, fonts) for job in jobs]
