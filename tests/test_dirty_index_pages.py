"""Under `mkdocs serve --dirty`, an index page an edit may have changed is rebuilt only when
what it shows did change (site/unchanged.py), and then shows the change. Built in this
process as `mkdocs serve --dirty` builds (one plugin across builds, MkDocs' own dirty
build), into a site folder the test reads: a page left as written keeps its file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import MAP, PERSONA
from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"
INDEXES = {
    "journeys": "journeys/index.html",
    "pain points": "pain-points/index.html",
    "touchpoints": "touchpoints/index.html",
    "opportunities": "opportunities/index.html",
    "matrix": "opportunities/matrix/index.html",
    "owners": "owners/index.html",
    "tags": "tags/index.html",
    "tag": "tags/retail/index.html",
    "personas": "personas/index.html",
    "research": "research/index.html",
    "source": "research/interviews/index.html",
}
OTHER = (
    MAP.replace("First purchase", "Renew a card")
    .replace("zhang-li", "maria-santos")
    .replace("slow-pay", "long-wait")
    .replace("Payment is slow", "The wait is long")
)
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)  # the page's own part, not the site's navigation
TAGGED = MAP.replace("persona: zhang-li", "persona: zhang-li\nowner: web-team\ntags: [retail]")


class DirtyServer:
    """The builds of `mkdocs serve --dirty`, without the server: the first one whole."""

    def __init__(self, root: Path, site_dir: Path):
        self.root, self.site_dir = root, site_dir
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url=SERVE_URL, dirty=True)

    def _config(self):
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def save(self, path: str, text: str) -> dict[str, int]:
        """Save the file, rebuild, and say which pages were written (by their files' times)."""
        before = self.stamps()
        target = self.root / path
        target.write_text(text, encoding="utf-8")
        stat = target.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later save
        build(self._config(), serve_url=SERVE_URL, dirty=True)
        after = self.stamps()
        return {name for name, stamp in after.items() if stamp != before[name]}

    def stamps(self) -> dict[str, int]:
        return {name: (self.site_dir / path).stat().st_mtime_ns for name, path in INDEXES.items()}

    def page(self, name: str) -> str:
        return ARTICLE.search((self.site_dir / INDEXES[name]).read_text(encoding="utf-8")).group(0)


@pytest.fixture(params=["en", "zh"])
def server(site, tmp_path, request):
    files = {
        "maps/first-purchase/current.md": TAGGED,
        "maps/renew-card/current.md": OTHER,
        "personas/maria-santos.md": PERSONA.replace("Zhang Li", "Maria Santos"),
    }
    root = site(files, language=request.param)
    return DirtyServer(root, tmp_path / "served")


def test_an_emotion_edit_rebuilds_the_index_pages_that_show_emotions_and_no_others(server):
    written = server.save("maps/first-purchase/current.md", TAGGED.replace("emotion: 1", "emotion: -2"))
    assert written == {"journeys", "pain points", "touchpoints"}
    # Both maps use the touchpoint: its mean today was +1 and is now (-2 + 1) / 2.
    assert "-0.5" in server.page("touchpoints") and "+1.0" not in server.page("touchpoints")


def test_a_title_edit_rebuilds_the_pages_that_list_the_map_and_an_undo_rebuilds_them_again(server):
    before = {name: server.page(name) for name in INDEXES}
    retitled = TAGGED.replace("title: First purchase", "title: First order")
    written = server.save("maps/first-purchase/current.md", retitled)
    listing = {name for name, html in before.items() if "First purchase" in html}
    assert listing >= {"journeys", "pain points", "touchpoints", "opportunities", "owners", "tag", "source"}
    assert written == listing
    for name in listing:
        assert "First order" in server.page(name) and "First purchase" not in server.page(name), name
    # Back as it was: the pages show the old title again, not what the build before last kept.
    assert server.save("maps/first-purchase/current.md", TAGGED) == listing
    assert {name: server.page(name) for name in listing} == {name: before[name] for name in listing}


def test_a_personas_name_rebuilds_the_pages_that_name_the_persona(server):
    written = server.save("personas/maria-santos.md", PERSONA.replace("Zhang Li", "Maria Sánchez"))
    # The journeys and pain points pages name personas in their filters, the owners page in its tables.
    assert written == {"journeys", "pain points", "owners", "personas"}
    for name in written:
        assert "Maria Sánchez" in server.page(name) and "Maria Santos" not in server.page(name), name


def test_a_larger_journeys_title_reaches_the_rows_of_the_journeys_within_it(site, tmp_path):
    # The row of "Renew a card" shows the journey it is part of: a row kept by its own maps
    # alone would still name the old title.
    within = OTHER.replace("persona: maria-santos", "persona: maria-santos\npart_of: first-purchase")
    files = {"maps/first-purchase/current.md": TAGGED, "maps/renew-card/current.md": within}
    server = DirtyServer(site({**files, "personas/maria-santos.md": PERSONA}), tmp_path / "served")
    assert server.page("journeys").count("First purchase") >= 2  # its own row, and the row within it
    server.save("maps/first-purchase/current.md", TAGGED.replace("title: First purchase", "title: First order"))
    journeys = server.page("journeys")
    assert journeys.count("First order") >= 2 and "First purchase" not in journeys
