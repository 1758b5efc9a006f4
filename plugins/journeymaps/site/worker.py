"""A process beside the build that runs the functions the build hands it, one after the
other, and answers each (drawing.py hands it the preview images to draw).

A plain child process spoken to with pickles over its standard input and output, not a
multiprocessing pool: a spawned pool starts a resource tracker, a process of its own (about
12 MB), and its workers import multiprocessing's machinery and the build's main module
again. The worker runs in a session of its own, so the Ctrl-C of a terminal reaches only
the build, which stops its workers itself; and it stops when its input ends: when the build
closes it, or when the build is gone."""

from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

_LENGTH = struct.Struct(">Q")  # each message: its length, then the pickle
# The build's import path (a test's module, a checkout run in place), then the loop.
_BOOT = "import sys; sys.path[:] = sys.argv[1:]; from journeymaps.site.worker import serve; serve()"


class WorkerStopped(Exception):
    """The worker ended (killed, out of memory) before it answered."""


class Worker:
    """The build's side of one worker process."""

    def __init__(self) -> None:
        apart: dict[str, Any] = {"start_new_session": True}  # no Ctrl-C from the terminal
        if os.name == "nt":
            apart = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _BOOT, *sys.path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, **apart
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, function: Callable[..., Any], args: tuple) -> None:
        """Hand the worker ``function(*args)`` (a function it can import, plain data)."""
        assert self.process.stdin is not None
        _write(self.process.stdin, pickle.dumps((function, args)))

    def receive(self) -> tuple[bool, Any]:
        """The answer to the oldest call not yet answered: (True, what it returned), or
        (False, why it failed)."""
        assert self.process.stdout is not None
        try:
            return pickle.loads(_read(self.process.stdout))
        except EOFError:
            code = self.process.wait()
            raise WorkerStopped(f"the worker ended with exit code {code}") from None

    def close(self) -> None:
        """Let the worker end once it has answered what it was handed, and wait for it."""
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass  # it is gone already
        self.process.wait()


def _write(stream: IO[bytes], data: bytes) -> None:
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes]) -> bytes:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    if len(data) < length:
        raise EOFError
    return data


# -- in the worker -----------------------------------------------------------------------------


def serve() -> None:
    """Run each function handed in, in order, until the input ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build stops its workers itself
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # what a function prints cannot spoil an answer
    calls: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    # Read as they come: the build never waits to hand a call over while this one answers.
    threading.Thread(target=_read_all, args=(sys.stdin.buffer, calls), daemon=True).start()
    while (call := calls.get()) is not None:
        try:
            function, args = pickle.loads(call)
            answer = pickle.dumps((True, function(*args)))
        except Exception as err:  # noqa: BLE001 - told to the build, which says it as path: message
            answer = pickle.dumps((False, f"{type(err).__name__}: {err}".strip().rstrip(":")))
        try:
            _write(answers, answer)
        except OSError:
            return  # the build is gone


def _read_all(stream: IO[bytes], calls: queue.SimpleQueue[bytes | None]) -> None:
    try:
        while True:
            calls.put(_read(stream))
    except (EOFError, OSError):
        calls.put(None)
