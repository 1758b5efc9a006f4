"""The past versions of the map files, from git: the edge between a map's history across
reviews (authoring/history.py) and the repository. git runs through authoring/revision.py's
one runner; two or three processes read the history of every map at once, never one per map.
Optional at run time: without git, outside a repository, or in a shallow clone (CI's
default) there is no history to read, and ``Unavailable`` says which."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from journeymaps.authoring.revision import RevisionError, run_git

# Commits whose diff adds or removes a top-level 'reviewed:' line in a file: the reviews.
_REVIEW_LINES = "^reviewed:"
_COMMIT = "\x01"
_BATCH = 500  # blobs per `git cat-file --batch`: about 5 MB of map files


class Unavailable(Exception):
    """No history to read: ``reason`` is 'no_git', 'outside' or 'shallow'."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Head:
    top: Path  # the repository's root folder
    prefix: str  # the site folder inside it, "" or "docs-site/"
    commit: str


@dataclass(frozen=True)
class Version:
    commit: str
    committed: str  # the commit's date, ISO 8601
    path: str  # relative to the site folder
    blob: str  # the file's content, by its git object id: what the versions' cache keys on


def head_of(site_root: Path) -> Head:
    """The repository and its current commit, in one git process (what a warm build pays)."""
    try:
        out = run_git(
            ["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--verify", "HEAD"], site_root
        )
    except RevisionError as err:
        raise Unavailable("no_git" if err.msg.key == "diff.no_git" else "outside") from None
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 4:
        raise Unavailable("outside")
    top, prefix, shallow, commit = (line.strip() for line in lines[:4])
    if shallow == "true":
        raise Unavailable("shallow")
    return Head(Path(top), prefix, commit)


def review_versions(head: Head, maps_dir: str) -> list[Version]:
    """Every version of every map file at which a 'reviewed:' line changed, oldest first."""
    folder = (head.prefix + maps_dir.strip("/")).rstrip("/") or "."
    log = run_git(
        ["-c", "core.quotePath=off", "log", "--reverse", "--no-renames", f"--format={_COMMIT}%H %cI"]
        + ["--raw", "--no-abbrev", "-G", _REVIEW_LINES, head.commit, "--", folder],
        head.top,
    ).decode("utf-8", "surrogateescape")
    found: list[Version] = []
    for entry in log.split(_COMMIT)[1:]:
        first, *changes = entry.split("\n")
        commit, _, committed = first.partition(" ")
        for change in changes:
            # ":100644 100644 <old blob> <new blob> M\t<path>"; a deleted file has no new blob
            info, _, path = change.partition("\t")
            fields = info.split()
            if len(fields) == 5 and fields[3].strip("0") and path.endswith(".md") and not path.startswith('"'):
                found.append(Version(commit, committed, path[len(head.prefix) :], fields[3]))
    return found


def contents(head: Head, blobs: list[str]) -> Iterator[tuple[str, bytes | None]]:
    """Each blob with its bytes (None: not a blob), in the order asked, from a `git cat-file
    --batch` per few hundred blobs: git's answer is held whole, so a few megabytes at a time
    rather than every version at once (about 100 MB at 1000 maps × 8 reviews). Raises
    RevisionError while it is iterated."""
    for start in range(0, len(blobs), _BATCH):
        batch = blobs[start : start + _BATCH]
        out = run_git(["cat-file", "--batch"], head.top, "".join(f"{b}\n" for b in batch).encode())
        yield from _each_blob(out, batch)


def _each_blob(out: bytes, blobs: list[str]) -> Iterator[tuple[str, bytes | None]]:
    at = 0
    for blob in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3 or header[1] != b"blob":
            at = end + 1
            yield blob, None
            continue
        size = int(header[2])
        yield blob, out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # each blob is followed by a newline
