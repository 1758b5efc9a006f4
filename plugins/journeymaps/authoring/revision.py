"""A site folder as it stood at a git revision, written into a temporary folder: the
working tree is never touched, and the core reads the copy like any other site."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journeymaps.text import Msg

_TIMEOUT = 120  # seconds: a local git command that takes longer is stuck
# Reading a site needs its text files, and its photos (a persona's photo is checked to be a
# readable image): an empty stand-in for either would read as a change. Any other large file
# (a video in docs/, say) only needs to exist. Photos past the first limit are copied one at
# a time, up to the largest file a GitHub repository holds.
_CONTENT_LIMIT = 1024 * 1024
_PHOTO_LIMIT = 100 * 1024 * 1024
_PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


class RevisionError(Exception):
    """Git cannot give us the revision: carries the message to show."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(str(msg))


@dataclass(frozen=True)
class Repository:
    top: Path  # the repository's root folder
    prefix: str  # the site folder inside it, "" or "docs-site/"


def run_git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """git's output for ``args`` in ``cwd``; every failure a RevisionError with a message.
    The one runner of git: `journeymaps diff` and the history across reviews share it."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=_TIMEOUT, check=False)
    except FileNotFoundError:
        raise RevisionError(Msg("diff.no_git")) from None
    except subprocess.TimeoutExpired:
        raise RevisionError(Msg("diff.git_failed", command=" ".join(args[:2]), detail="timeout")) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(Msg("diff.git_failed", command=" ".join(args[:2]), detail=detail[-1] if detail else ""))
    return done.stdout


def repository_of(site_root: Path) -> Repository:
    """The git repository holding the site folder, and where the site sits in it."""
    try:
        out = run_git(["rev-parse", "--show-toplevel", "--show-prefix"], site_root).decode("utf-8")
    except RevisionError as err:
        if err.msg.key == "diff.no_git":
            raise
        raise RevisionError(Msg("diff.not_a_repository", folder=str(site_root))) from None
    top, _, prefix = out.partition("\n")
    return Repository(Path(top.strip()), prefix.strip())


def resolve(repo: Repository, revision: str) -> str:
    """The commit a revision names ("origin/main", a tag, a hash)."""
    if revision.startswith("-"):  # never let a revision pass as an option to git
        raise RevisionError(Msg("diff.unknown_revision", revision=revision))
    try:
        return run_git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repo.top).decode().strip()
    except RevisionError:
        raise RevisionError(Msg("diff.unknown_revision", revision=revision)) from None


@dataclass(frozen=True)
class _File:
    blob: str
    size: int
    path: PurePosixPath  # inside the site folder


def _files(repo: Repository, commit: str) -> list[_File]:
    """Every regular file of the site folder at a commit. Symbolic links and submodules
    are left out: a link could point outside the copy."""
    spec = repo.prefix.rstrip("/") or "."
    out = run_git(["ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", spec], repo.top)
    files = []
    for entry in out.split(b"\0"):
        info, _, raw = entry.partition(b"\t")
        fields = info.decode().split()
        if len(fields) != 4 or fields[1] != "blob" or fields[0] not in ("100644", "100755"):
            continue
        path = PurePosixPath(raw.decode("utf-8", "surrogateescape")[len(repo.prefix) :])
        if not path.is_absolute() and ".." not in path.parts:
            files.append(_File(fields[2], int(fields[3]), path))
    return files


def _write(repo: Repository, files: list[_File], dest: Path) -> None:
    """Every wanted blob from one `git cat-file --batch` call: thousands of maps cost one
    process. Files past the size limit are written empty."""
    wanted = [f for f in files if f.size <= _CONTENT_LIMIT]
    out = run_git(["cat-file", "--batch"], repo.top, "".join(f"{f.blob}\n" for f in wanted).encode()) if wanted else b""
    contents: dict[PurePosixPath, bytes] = {}
    at = 0
    for f in wanted:
        start = out.index(b"\n", at) + 1
        contents[f.path] = out[start : start + f.size]
        at = start + f.size + 1  # each blob is followed by a newline
    for f in files:
        target = dest.joinpath(*f.path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if f.path not in contents and f.size <= _PHOTO_LIMIT and f.path.suffix.lower() in _PHOTO_SUFFIXES:
            target.write_bytes(run_git(["cat-file", "blob", f.blob], repo.top))
        else:
            target.write_bytes(contents.get(f.path, b""))


@contextlib.contextmanager
def site_at(repo: Repository, commit: str) -> Iterator[Path | None]:
    """The site folder as it was at ``commit``, in a temporary folder removed afterwards;
    None when the site folder did not exist then (every map is new)."""
    files = _files(repo, commit)
    if not files:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="journeymaps-diff-") as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        _write(repo, files, root)
        yield root
