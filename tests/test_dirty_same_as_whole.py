"""Under `mkdocs serve --dirty`, what an edit leaves as it was (rows, analyses across the
site, files made from every map) must not go stale: after each save, the site the dirty
server wrote shows what a whole build of the same files shows. Built in this process as
`mkdocs serve --dirty` builds (one plugin across builds), beside a whole build made afresh
after each save; every page's own part (its article) and every data file are compared."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import MAP, PERSONA
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_history import P, reviewed_twice, version  # noqa: F401 - the fixture: a map reviewed twice in git

SERVE_URL = "http://127.0.0.1:8000/"
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)  # not the navigation, which --dirty leaves
FUTURE = (
    MAP.replace("state: current", "state: future")
    .replace("emotion: 1", "emotion: 2")
    .replace("title: First purchase", "title: Buying, redesigned")
)
TAGGED = MAP.replace("persona: zhang-li", "persona: zhang-li\nowner: web-team\ntags: [retail]").replace(
    "          - text: One-tap payment\n",
    "          - text: One-tap payment\n            impact: high\n            effort: low\n",
)
OTHER = (
    MAP.replace("First purchase", "Renew a card")
    .replace("zhang-li", "maria-santos")
    .replace("slow-pay", "long-wait")
    .replace("Payment is slow", "The wait is long")
)
WITHIN = OTHER.replace("persona: maria-santos", "persona: maria-santos\npart_of: first-purchase")


def _config(root: Path, site_dir: Path):
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    return config


def _shown(site_dir: Path) -> dict[str, str]:
    """Every page's article, and every data file whole."""
    shown = {}
    for path in sorted(site_dir.rglob("*")):
        name = str(path.relative_to(site_dir))
        if path.suffix == ".html":
            found = ARTICLE.search(path.read_text(encoding="utf-8"))
            shown[name] = found.group(0) if found else ""
        elif path.suffix in (".json", ".csv", ".mmd") and "search" not in name:
            shown[name] = path.read_text(encoding="utf-8")
    return shown


class Twins:
    """A dirty server's builds, and a whole build of the same files after each save."""

    def __init__(self, root: Path, folder: Path):
        self.root, self.folder = root, folder
        self.server = config = _config(root, folder / "served")
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url=SERVE_URL, dirty=True)
        self.saves = 0

    def stop(self) -> None:
        self.server.plugins.on_shutdown()

    def save(self, files: dict[str, str | None]) -> None:
        for path, text in files.items():
            target = self.root / path
            if text is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            stat = target.stat()
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000 * (self.saves + 1)))
        self.saves += 1
        build(_config(self.root, self.folder / "served"), serve_url=SERVE_URL, dirty=True)

    def differences(self) -> list[str]:
        """The pages and files where the served site and a whole build of it differ. The files
        of a page gone stay where they are until a whole build, as with MkDocs' own pages."""
        whole_dir = self.folder / f"whole-{self.saves}"
        config = _config(self.root, whole_dir)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=SERVE_URL)
        served, whole = _shown(self.folder / "served"), _shown(whole_dir)
        return sorted(name for name in whole if served.get(name) != whole[name])


@pytest.fixture(params=["en", "zh"])
def twins(site, tmp_path, request):
    files = {
        "maps/first-purchase/current.md": TAGGED,
        "maps/first-purchase/future.md": FUTURE,
        "maps/renew-card/current.md": OTHER,
        "personas/maria-santos.md": PERSONA.replace("Zhang Li", "Maria Santos"),
    }
    return Twins(site(files, language=request.param), tmp_path)


MAP_PATH = "maps/first-purchase/current.md"


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([{MAP_PATH: TAGGED.replace("title: First purchase", "title: First order")}], id="title"),
        pytest.param([{MAP_PATH: TAGGED.replace("emotion: 1", "emotion: -2")}], id="emotion"),
        pytest.param([{"personas/zhang-li.md": PERSONA.replace("Zhang Li", "Zhang Wei")}], id="persona-name"),
        pytest.param(
            [{MAP_PATH: TAGGED.replace("impact: high", "impact: low").replace("Payment is slow", "Paying hurts")}],
            id="opportunity-and-pain-point",
        ),
        # An opportunity's own words: the matrix, the opportunities page and the CSV keep a
        # map's opportunities, its rows and their pieces by the map they come from.
        pytest.param([{MAP_PATH: TAGGED.replace("One-tap payment", "Pay in one tap")}], id="opportunity-text"),
        # The review queue's rows: a date, and days overdue.
        pytest.param(
            [{MAP_PATH: TAGGED.replace("owner: web-team", "owner: web-team\nreviewed: 2020-01-01")}], id="reviewed"
        ),
        # The touchpoints page is made of each map's steps at a touchpoint, kept by map: a
        # touchpoint spelt anew (one touchpoint with the other map's) or in another channel.
        pytest.param([{MAP_PATH: TAGGED.replace("Social post", "SOCIAL  Post")}], id="touchpoint-spelling"),
        pytest.param([{MAP_PATH: TAGGED.replace("channel: social", "channel: email")}], id="touchpoint-channel"),
        # The heat map is made of each map's part, kept by map: a stage renamed (its column,
        # and which maps share a band) and a pain point made high (the cell's count).
        pytest.param([{MAP_PATH: TAGGED.replace("- name: Awareness", "- name: Discovery")}], id="stage-renamed"),
        pytest.param(
            [{MAP_PATH: TAGGED.replace("Payment is slow\n", "Payment is slow\n            severity: high\n")}],
            id="pain-point-high",
        ),
        # The research pages are made of each map's citations, kept by map: a step and a
        # pain point now citing the map's source.
        pytest.param(
            [
                {
                    MAP_PATH: TAGGED.replace(
                        "channel: social\n", "channel: social\n        evidence: [interviews]\n"
                    ).replace("Payment is slow\n", "Payment is slow\n            evidence: [interviews]\n")
                }
            ],
            id="citations",
        ),
        pytest.param([{"maps/renew-card/current.md": WITHIN}], id="moved-into-another-journey"),
        pytest.param([{"maps/first-purchase/future.md": None}], id="deleted-map"),
        pytest.param([{"personas/ana.md": PERSONA.replace("Zhang Li", "Ana")}], id="new-persona"),
        pytest.param(
            [
                {MAP_PATH: TAGGED.replace("title: First purchase", "title: First order")},
                {MAP_PATH: TAGGED.replace("emotion: 1", "emotion: -1")},
                {"personas/zhang-li.md": PERSONA.replace("Zhang Li", "Zhang Wei")},
                {MAP_PATH: TAGGED},
            ],
            id="edits-in-turn-and-undone",
        ),
    ],
)
def test_after_each_save_the_served_site_shows_what_a_whole_build_shows(twins, edits):
    assert twins.differences() == []
    for files in edits:
        twins.save(files)
        assert twins.differences() == [], files


def test_the_history_sections_kept_across_saves_show_the_edit_and_are_written_when_the_server_stops(
    reviewed_twice,  # noqa: F811
    tmp_path,
):
    """A dirty server reads the kept history sections once and writes them when it stops,
    not at every save (10 MB at 1000 maps)."""
    twins = Twins(reviewed_twice, tmp_path / "out")
    kept = reviewed_twice / ".cache/journeymaps/history/sections/kept.json"
    written = kept.read_bytes()
    assert len(json.loads(written)) == 1
    twins.save({P: version("2026-06-01", -1, False, extra_step=True)})  # today's curve moved, not committed
    assert kept.read_bytes() == written
    twins.stop()
    assert len(json.loads(kept.read_text(encoding="utf-8"))) == 2  # the section before the edit, and after
    assert twins.differences() == []
