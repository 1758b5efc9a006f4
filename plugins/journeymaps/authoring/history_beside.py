"""Each map's history across reviews read in a process beside the build (site/worker.py).

Reading every past version of a thousand maps is seconds of work on one core, and until the
preview images are handed out the build leaves the other core idle: the history is read
there while the build reads, checks and plans the site, and is asked for only when the first
map page is rendered. A history the build finds without reading (none, or the one kept for
this commit in .cache/ or by `mkdocs serve`'s last build) is used at once, with no process.
If the process cannot start or fails, the build reads the history itself, as it did before."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from journeymaps.authoring.history import Histories, MapHistory, from_text, history_text, look_up, read_histories
from journeymaps.model import Map
from journeymaps.settings import Settings
from journeymaps.site.worker import Worker, WorkerStopped

# Fewer map files than this: starting a process would cost more than reading their history here.
BESIDE_FROM = 40


class HistoryBeside:
    """The site's history, being read in another process until it is first asked for.
    ``told`` hears the history once it is known (the build says when there is none)."""

    def __init__(self, site_root: Path, settings: Settings, cache: Path, told: Callable[[Histories], None]):
        self._args = (site_root, settings, cache)
        self._told = told
        self._found, self._head = look_up(site_root, settings, cache)
        self._worker: Worker | None = None
        if self._found is not None:
            told(self._found)
            return
        if _map_files(site_root / settings.maps_dir) < BESIDE_FROM:
            return  # read here when asked
        try:
            self._worker = Worker()
            self._worker.send(history_text, self._args)
        except OSError:  # no process to start (a sandbox's limits): read when asked
            self.stop()

    def histories(self) -> Histories:
        """The history, waiting for the other process if it is still reading."""
        if self._found is None:
            self._found = self._answer()
            self._told(self._found)
        return self._found

    def of(self, m: Map) -> MapHistory | None:
        return self.histories().of(m)

    def _answer(self) -> Histories:
        worker, self._worker = self._worker, None
        if worker is not None:
            try:
                read, found = worker.receive()
            except (WorkerStopped, OSError):
                read, found = False, None
            finally:
                worker.close()
            # Its JSON text, not the objects: a third of the time to take in.
            if read and isinstance(found, str) and self._head is not None:
                with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                    return from_text(self._head, self._args[1], found)
        # The worker's file in the cache when it wrote it before failing; else read here.
        return read_histories(*self._args)

    def stop(self) -> None:
        """A build that ends before it asked (an error): the other process is stopped."""
        worker, self._worker = self._worker, None
        if worker is not None:
            with contextlib.suppress(OSError):
                worker.process.kill()
            worker.close()


def _map_files(folder: Path, enough: int = BESIDE_FROM) -> int:
    """How many map files there are, counting no further than ``enough``."""
    count = 0
    with contextlib.suppress(OSError):
        for _ in folder.rglob("*.md"):
            count += 1
            if count >= enough:
                break
    return count
