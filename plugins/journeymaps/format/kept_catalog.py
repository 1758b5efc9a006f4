"""The catalog a build read, kept in `.cache/journeymaps/` for the next `mkdocs build` of the
same files: reading and validating a thousand maps' YAML takes seconds, loading what they
gave a tenth of one.

It is used only when everything the read depends on is the same: the bytes of every map,
persona and metric file, the plugin's settings, the site's folder, the code that reads them
(each of the package's modules, by its bytes) and the versions of Python,
PyYAML and Pillow; and each persona's photo, by size and modification time, since the read
checks that it is an image. A site with an error is never kept, so its errors are reported
by every build. `mkdocs serve` keeps its reads in memory instead (format/memo.py).

The cache is read as data: only the model's own classes and dates may be named in it, so a
file placed there (a pull request can commit anything) cannot run code; anything else, or a
damaged file, is read again from the maps."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import io
import pickle
import sys
from pathlib import Path

from journeymaps.format.catalog import load_catalog
from journeymaps.format.files import markdown_files, write_atomically
from journeymaps.format.problems import Problems
from journeymaps.model import Catalog
from journeymaps.settings import Settings

FILE = "catalog.pickle"
_PACKAGE = Path(__file__).resolve().parent.parent
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("builtins", "set"), ("builtins", "frozenset")}


def read_catalog(root: Path, settings: Settings, cache: Path) -> Catalog:
    """``load_catalog``'s catalog, from ``cache`` when the files are those it was kept for."""
    key = inputs_key(root, settings)
    if key is not None:
        found = _load(cache / FILE, key, root)
        if found is not None:
            return found
    catalog = load_catalog(root, settings)  # raises InvalidSite: nothing is kept
    if key is not None:
        _store(cache / FILE, key, catalog, root)
    return catalog


def inputs_key(root: Path, settings: Settings) -> bytes | None:
    """A digest of what a read of the site depends on (but the photos), or None when the
    files cannot be listed without a problem (the full read reports it)."""
    digest = hashlib.blake2b(digest_size=20)

    def add(*parts: object) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    add(sys.version, _version("yaml"), _version("PIL"), root, repr(settings))
    for module in sorted(_PACKAGE.rglob("*.py")):
        # By content, not modification time: a fresh install of the same release (in CI) is the same code.
        add(module.relative_to(_PACKAGE).as_posix(), _content(module))
    problems = Problems()
    for folder in (settings.maps_dir, settings.personas_dir):
        add("folder", folder)
        for path in markdown_files(root / folder, root, problems):
            add(path.relative_to(root).as_posix(), _content(path))
    if problems.items:
        return None
    metrics = root / settings.metrics_dir
    add("metrics", settings.metrics_dir)
    if metrics.is_dir():  # the metrics' reader looks at the folder's top level only
        for path in sorted(metrics.iterdir()):
            add(path.name, path.is_symlink() and path.resolve(), path.is_file() and _content(path))
    return digest.digest()


def _version(module: str) -> str:
    found = sys.modules.get(module)
    if found is None:
        try:
            found = __import__(module)
        except ImportError:
            return ""
    return str(getattr(found, "__version__", ""))


def _content(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
    except OSError:
        return b"unreadable"


def _photos(catalog: Catalog, root: Path) -> list[tuple[str, int, int]]:
    """Each persona's photo with its size and modification time: the read checked it."""
    found = []
    for persona in catalog.personas.values():
        if persona.photo:
            try:
                stat = (root / persona.photo).stat()
            except OSError:
                return [("", -1, -1)]  # never the same: read again
            found.append((persona.photo, stat.st_size, stat.st_mtime_ns))
    return found


class _ModelOnly(pickle.Unpickler):
    """Refuses every name but the model's classes and dates: the file is data, not code."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module == "journeymaps.model":
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")


def _load(path: Path, key: bytes, root: Path) -> Catalog | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(key):
        return None
    # Loading makes a million objects, none in a cycle: the collector would walk them all, often.
    was_on = gc.isenabled()
    gc.disable()
    try:
        stream = io.BytesIO(data)
        stream.seek(len(key))
        photos, catalog = _ModelOnly(stream).load()
    except Exception:  # a damaged or foreign file: the maps are read again
        return None
    finally:
        if was_on:
            gc.enable()
    if not isinstance(catalog, Catalog) or photos != _photos(catalog, root):
        return None
    return catalog


def _store(path: Path, key: bytes, catalog: Catalog, root: Path) -> None:
    # Not written: the next build reads the maps, as this one did.
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        write_atomically(path, key + pickle.dumps((_photos(catalog, root), catalog), protocol=5))
