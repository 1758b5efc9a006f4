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
    """Draws a build's images; one per plugin, so one pool per process."""

    def __init__(self, workers: int | None = None):
        self.workers = max(0, usable_cores() - 1) if workers is None else workers  # one core stays with the build
        self.fonts: Fonts | None = None
        self.trouble = ""  # why the build drew a worker's images itself, when it had to
        self._pool: ProcessPoolExecutor | None = None
        self._batches: list[tuple[list[Job], Future[list[Path | bytes]]]] = []
        self._here: list[Job] = []  # left to the build's own process

    def start(self, jobs: list[Job], fonts: Fonts) -> None:
        """Start drawing a build's images (those not in the cache), in the background."""
        self.cancel()
        self.fonts = fonts
        pool = self._open() if len(jobs) >= POOL_FROM else None
        if pool is None:
            self._here = list(jobs)
            return
        for first in range(0, len(jobs), BATCH):
            batch = jobs[first : first + BATCH]
            try:
                future = pool.submit(_draw_batch, batch, fonts.regular, fonts.bold, fonts.chinese)
            except Exception as err:  # noqa: BLE001 - the pool could not start a worker: the build draws them
                self._give_up(err)
                self._here += jobs[first:]
                return
            self._batches.append((batch, future))

    def finish(self) -> dict[Path, Path | bytes]:
        """Every image started, by its place in the cache: what the workers drew, waited for,
        and what they had not started, drawn here meanwhile (from the end of the queue,
        while they work from its start)."""
        done = {job.target: self._draw_here(job) for job in self._here}
        taken = 0
        for batch, future in reversed(self._batches):
            if not future.cancel():
                break  # a worker has it, and every batch before it
            done.update((job.target, self._draw_here(job)) for job in batch)
            taken += 1
        for batch, future in self._batches[: len(self._batches) - taken]:
            try:
                drawn = future.result()
            except BrokenProcessPool as err:  # a worker stopped (killed, out of memory): no more workers
                self._give_up(err)
                drawn = [self._draw_here(job) for job in batch]
            except Exception:  # noqa: BLE001 - drawn again here, to fail with a message if it fails here too
                drawn = [self._draw_here(job) for job in batch]
            done.update(zip((job.target for job in batch), drawn, strict=True))
        self._batches, self._here = [], []
        return done

    def cancel(self) -> None:
        """Forget a build's images (it stopped); a worker finishes the batch it has."""
        for _, future in self._batches:
            future.cancel()
        self._batches, self._here = [], []

    def close(self) -> None:
        """Stop the workers, once the batches they have are drawn (no half image is left)."""
        self.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _open(self) -> ProcessPoolExecutor | None:
        if self._pool is None and self.workers > 0:
            try:
                # Spawned, not forked: the build's process has threads (MkDocs', this pool's).
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_starts)
            except Exception as err:  # noqa: BLE001 - no processes here (no semaphores, say): the build draws
                self._give_up(err)
        return self._pool

    def _give_up(self, err: Exception) -> None:
        """No more workers for this process: the build draws every image itself from now on."""
        self.trouble = self.trouble or (f"{type(err).__name__}: {err}".strip().rstrip(":"))
        self.workers = 0
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _draw_here(self, job: Job) -> Path | bytes:
        assert self.fonts is not None
        try:
            return draw_into(job, self.fonts)
        except Exception as err:  # noqa: BLE001 - said as path: message by the caller, not a traceback
            raise DrawingFailed(job.target, f"{type(err).__name__}: {err}") from None


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
