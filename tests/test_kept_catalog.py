"""The catalog kept in .cache/journeymaps/ between `mkdocs build`s: used only while every
file the read depends on is the same, never for a site with errors, and read as data."""

from __future__ import annotations

import dataclasses
import filecmp
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import MAP, build_site, catalog_of, write_site
from journeymaps.format import kept_catalog
from journeymaps.format.kept_catalog import FILE, inputs_key, read_catalog
from journeymaps.format.problems import InvalidSite
from journeymaps.siteconfig import load_settings
from PIL import Image

P = "maps/first-purchase/current.md"


def _read(root: Path):
    return read_catalog(root, load_settings(root), root / ".cache" / "journeymaps")


def _title(catalog) -> str:
    return catalog.journeys["first-purchase"].states["current"].title


def _keep_with_title(root: Path, title: str) -> None:
    """Keep, under the files' own key, a catalog whose map has another title: what a read that
    used the kept catalog would then show."""
    catalog = catalog_of(root)
    journey = catalog.journeys["first-purchase"]
    journey.states["current"] = dataclasses.replace(journey.states["current"], title=title)
    key = inputs_key(root, load_settings(root))
    assert key is not None
    kept_catalog._store(root / ".cache" / "journeymaps" / FILE, key, catalog, root)


def test_a_second_read_of_the_same_files_is_the_kept_catalog(tmp_path):
    root = write_site(tmp_path, {P: MAP})
    first = _read(root)
    assert (root / ".cache/journeymaps" / FILE).is_file()
    assert _read(root) == first == catalog_of(root)
    _keep_with_title(root, "Kept title")
    assert _title(_read(root)) == "Kept title"


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / P).write_text(MAP.replace("First purchase", "First order"), encoding="utf-8"),
        lambda root: (root / "personas/zhang-li.md").write_text("---\nname: Li Zhang\n---\n", encoding="utf-8"),
        lambda root: (root / "maps/open-account.md").write_text(MAP.replace("First purchase", "Open"), "utf-8"),
        lambda root: (
            (root / "metrics").mkdir() or (root / "metrics/nps.csv").write_text("date,value\n2026-01-05,40\n", "utf-8")
        ),
        lambda root: (root / "mkdocs.yml").write_text(
            (root / "mkdocs.yml").read_text(encoding="utf-8") + "      emotion_scale: [-3, 3]\n", encoding="utf-8"
        ),
    ],
    ids=["map edited", "persona edited", "map added", "metric added", "settings changed"],
)
def test_any_change_to_what_the_read_depends_on_reads_the_files_again(tmp_path, change):
    root = write_site(tmp_path, {P: MAP}, options=":\n      review_every: 90")
    _read(root)
    _keep_with_title(root, "Kept title")
    change(root)
    catalog = _read(root)
    assert _title(catalog) != "Kept title"
    assert catalog == catalog_of(root)


def test_a_photo_replaced_by_a_broken_one_is_checked_again(tmp_path):
    root = write_site(tmp_path, {P: MAP, "personas/zhang-li.md": "---\nname: Zhang Li\nphoto: zhang.png\n---\n"})
    Image.new("RGB", (8, 8), "#88a").save(root / "personas/zhang.png")
    assert _read(root).personas["zhang-li"].photo == "personas/zhang.png"
    (root / "personas/zhang.png").write_bytes(b"not an image at all")
    with pytest.raises(InvalidSite) as raised:
        _read(root)
    assert [p.msg.key for p in raised.value.problems] == ["persona.photo_unreadable"]


def test_a_site_with_errors_is_never_kept(tmp_path):
    root = write_site(tmp_path, {P: MAP.replace("emotion: 1", "emotion: 9")})
    for _ in range(2):
        with pytest.raises(InvalidSite):
            _read(root)
    assert not (root / ".cache/journeymaps" / FILE).exists()


class _Runs:
    """Would write a file when unpickled."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (Path.write_text, (Path(self.path), "ran"))


def test_the_kept_file_is_data_it_runs_no_code(tmp_path):
    """A file placed in the cache (a pull request can commit one) with the files' very key."""
    root = write_site(tmp_path, {P: MAP})
    key = inputs_key(root, load_settings(root))
    assert key is not None
    marker = tmp_path / "ran.txt"
    kept = root / ".cache/journeymaps" / FILE
    kept.parent.mkdir(parents=True)
    kept.write_bytes(key + pickle.dumps(([], _Runs(str(marker)))))
    assert _title(_read(root)) == "First purchase"
    assert not marker.exists()


def test_a_damaged_kept_file_is_read_from_the_maps(tmp_path):
    root = write_site(tmp_path, {P: MAP})
    _read(root)
    kept = root / ".cache/journeymaps" / FILE
    kept.write_bytes(kept.read_bytes()[:-100])
    assert _read(root) == catalog_of(root)


def test_a_build_from_the_kept_catalog_writes_the_same_site(tmp_path):
    root = write_site(tmp_path, {P: MAP, "maps/open-account.md": MAP.replace("First purchase", "Open account")})
    first = build_site(root)
    assert (root / ".cache/journeymaps" / FILE).is_file()
    shutil.copytree(first, tmp_path / "first")
    second = build_site(root)
    compared = filecmp.dircmp(tmp_path / "first", second)
    differ = []

    def walk(c: filecmp.dircmp) -> None:
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        differ.extend(mismatch + errors + c.left_only + c.right_only)
        for sub in c.subdirs.values():
            walk(sub)

    walk(compared)
    assert differ == []
    # An edit is shown by the next build.
    (root / P).write_text(MAP.replace("First purchase", "First order"), encoding="utf-8")
    assert "First order" in (build_site(root) / "journeys/first-purchase/current/index.html").read_text("utf-8")
