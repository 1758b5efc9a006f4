"""Text from authors' files, made safe to print on one line of a terminal or a CI log.

A pull request's files are hostile: a value with a line break can start a printed line with
``::``, which a GitHub runner reads as a workflow command, and an ESC byte drives the
reader's terminal. Every message that carries a file's text goes through ``printable``."""

from __future__ import annotations

import logging
import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides
# and isolates that make a line read differently from what it holds ("Trojan source").
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(_escaped, text)


def log_line(text: str) -> str:
    """One printed line that a CI runner cannot take for a workflow command."""
    line = printable(text)
    return " " + line if line.startswith("::") else line


def _guarded(text: str) -> str:
    """A multi-line log message (MkDocs writes some on purpose) with each line safe."""
    return "\n".join(log_line(line) for line in text.split("\n"))


class SafeLog(logging.Filter):
    """On a log handler: every record it writes, whoever logged it (MkDocs reports a map's
    broken link with the link as written), has its control characters escaped and no line
    that starts with ``::``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        safe = _guarded(message)
        if safe != message:
            record.msg, record.args = safe, ()
        return True


def guard_log(logger: logging.Logger) -> None:
    """Put SafeLog on each of the logger's handlers, once."""
    for handler in logger.handlers:
        if not any(isinstance(f, SafeLog) for f in handler.filters):
            handler.addFilter(SafeLog())
