"""Python's cycle collector kept out of a `mkdocs serve --dirty` rebuild, and run while the
server waits for the next save instead.

A server that has built a site of a thousand maps holds millions of objects (the files as
read, the site as last built, the rows kept between saves). Each full pass of the cycle
collector walks all of them, and a rebuild that allocates a few hundred thousand more
starts such a pass: at 1000 maps about as much CPU time as the rest of the rebuild. So the
collector is paused from the start of a dirty rebuild until a moment after its end (its
garbage is what one build leaves, no more), when one pass runs, once the browser has had
the page; then the collector is on again. It is not turned on at the build's end: the
first allocation after that would start a pass over everything the build made (0.05 to
0.2 s at 1000 maps) while the browser waits. A whole build leaves the collector as it is."""

from __future__ import annotations

import gc
import threading

AFTER_SECONDS = 1.5  # the browser reloads the page as soon as the build ends


class CollectorPause:
    """Pause the collector for one build, collect once the build is done."""

    def __init__(self) -> None:
        self._paused = False  # the collector is off because of us
        self._building = False
        self._later: threading.Timer | None = None
        self._lock = threading.Lock()

    def pause(self) -> None:
        """At the start of a build that rebuilds what an edit touched. A pass still waiting
        from the build before runs when it was due: saves in quick succession must not put
        it off for ever."""
        with self._lock:
            self._building = True
            if not self._paused and gc.isenabled():
                gc.disable()
                self._paused = True

    def resume(self, collect_later: bool = True) -> None:
        """The build is over (or turned out to be a whole build). After a finished build, the
        collector passes over what it left once the page is served, and is on again from
        then; otherwise it is on again at once."""
        with self._lock:
            self._building = False
            if not self._paused:
                return
            if not collect_later:
                gc.enable()
                self._paused = False
            elif self._later is None or not self._later.is_alive():
                self._later = threading.Timer(AFTER_SECONDS, self._collect)
                self._later.daemon = True
                self._later.start()

    def _collect(self) -> None:
        gc.collect()  # due now, even while the next build runs: quick saves must not put it off
        with self._lock:
            if self._paused and not self._building:
                gc.enable()
                self._paused = False

    def close(self) -> None:
        if self._later is not None:
            self._later.cancel()
            self._later = None
        self.resume(collect_later=False)
