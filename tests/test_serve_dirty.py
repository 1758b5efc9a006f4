"""`mkdocs serve --dirty`, for real: a save rebuilds exactly the pages that show what
changed (site/changes.py), and every one of them shows the change. Run as an author does,
in a real `mkdocs serve --dirty` process, with each save timed by MkDocs' live reload."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import MAP, PERSONA

pytestmark = pytest.mark.slow

FUTURE = (
    MAP.replace("state: current", "state: future")
    .replace("emotion: 1", "emotion: 2")
    .replace("title: First purchase", "title: Buying, redesigned")
)
OTHER_PERSONA = PERSONA.replace("Zhang Li", "Maria Santos").replace("Marketing manager", "Teacher")
OTHER_MAP = (
    MAP.replace("First purchase", "Renew a card")
    .replace("zhang-li", "maria-santos")
    .replace("slow-pay", "long-wait")
    .replace("Payment is slow", "The wait is long")
)
PAGES = {  # what the site's pages are, by address
    "map": "journeys/first-purchase/current/",
    "future": "journeys/first-purchase/future/",
    "embed": "journeys/first-purchase/current/embed/",
    "journey": "journeys/first-purchase/",
    "journeys": "journeys/",
    "persona": "personas/zhang-li/",
    "personas": "personas/",
    "pain points": "pain-points/",
    "opportunities": "opportunities/",
    "touchpoints": "touchpoints/",
    "other map": "journeys/renew-card/current/",
    "other persona": "personas/maria-santos/",
}
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
LIVE_RELOAD = re.compile(r"livereload\(\d+, \d+\)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


class Serving:
    """`mkdocs serve --dirty` on a site; ``save`` writes a file and waits for the rebuild."""

    def __init__(self, root: Path):
        self.root = root
        self.url = f"http://127.0.0.1:{_free_port()}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", self.url[7:-1]],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                self.html = _get(self.url)
                break
            except OSError:
                assert self.process.poll() is None, self.process.stdout.read().decode()
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.3)
        self.saves = 0

    def page(self, name: str) -> str:
        """What the page shows of its own: the article (Material's navigation, which a dirty
        build leaves as it was on pages it does not rebuild, is not the page's content)."""
        html = LIVE_RELOAD.sub("", _get(self.url + PAGES[name]))  # the server's, on every page it serves
        found = ARTICLE.search(html)
        return found.group(0) if found else html

    def save(self, path: str, text: str) -> float:
        """Seconds from the save until MkDocs says the rebuild has finished."""
        epoch = int(re.search(r"livereload\((\d+),", self.html)[1])
        start = time.perf_counter()
        # As editors save: whole, in one step (a file truncated first would be rebuilt empty).
        temporary = self.root / (path + ".saving")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(self.root / path)
        while True:
            newer = int(_get(f"{self.url}livereload/{epoch}/{self.saves}"))
            if newer > epoch:
                break
        self.saves += 1
        self.html = _get(self.url)
        return time.perf_counter() - start

    def close(self) -> None:
        self.process.send_signal(2)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def serving(site):
    root = site(
        {
            "maps/first-purchase/current.md": MAP.replace("persona: zhang-li", "persona: zhang-li\ntags: [retail]"),
            "maps/first-purchase/future.md": FUTURE,
            "maps/renew-card/current.md": OTHER_MAP,
            "personas/maria-santos.md": OTHER_PERSONA,
        }
    )
    running = Serving(root)
    yield running
    running.close()


def _files_of(site_dir: Path) -> dict[str, int]:
    return {str(p.relative_to(site_dir)): p.stat().st_mtime_ns for p in site_dir.rglob("*.html")}


def test_a_maps_title_and_emotion_and_a_personas_name_reach_every_page_that_shows_them(serving):
    shown = {name: serving.page(name) for name in PAGES}
    with_title = [name for name, html in shown.items() if "First purchase" in html]
    assert set(with_title) >= {"map", "embed", "journey", "journeys", "persona", "pain points"}
    with_persona = [name for name, html in shown.items() if "Zhang Li" in html]
    assert set(with_persona) >= {"map", "journey", "journeys", "persona", "personas"}
    sparkline = re.compile(r'<svg class="jm-sparkline".*?</svg>', re.S)
    curves = {name: sparkline.findall(shown[name]) for name in ("journeys", "persona")}
    emotion = json.loads(_get(serving.url + "journeys/first-purchase/current/map.json"))

    # The title and an emotion, in one save; then the persona's name.
    edited = MAP.replace("persona: zhang-li", "persona: zhang-li\ntags: [retail]")
    edited = edited.replace("title: First purchase", "title: First order").replace("emotion: 1", "emotion: -2")
    serving.save("maps/first-purchase/current.md", edited)
    serving.save("personas/zhang-li.md", PERSONA.replace("Zhang Li", "Zhang Wei"))

    after = {name: serving.page(name) for name in PAGES}
    for name in with_title:
        assert "First order" in after[name] and "First purchase" not in after[name], name
    for name in with_persona:
        assert "Zhang Wei" in after[name] and "Zhang Li" not in after[name], name
    for name, before in curves.items():
        assert sparkline.findall(after[name]) != before, f"the sparkline on {name}"
    data = json.loads(_get(serving.url + "journeys/first-purchase/current/map.json"))
    assert data != emotion and '"emotion": -2' in json.dumps(data)
    # Pages of another journey and persona show none of it.
    assert after["other map"] == shown["other map"] and after["other persona"] == shown["other persona"]


def test_a_save_rebuilds_only_the_pages_it_touches(serving):
    before = {name: serving.page(name) for name in PAGES}
    assert "Renew a card" in _get(serving.url + PAGES["map"])  # in the site's navigation
    serving.save("maps/renew-card/current.md", OTHER_MAP.replace("Renew a card", "Renew a bank card"))
    after = {name: serving.page(name) for name in PAGES}
    assert "Renew a bank card" in after["other map"] and "Renew a bank card" in after["other persona"]
    assert "Renew a bank card" in after["journeys"]
    for name in ("map", "future", "embed", "journey", "persona"):
        assert after[name] == before[name], name
    # Not rebuilt: its navigation still names the journey as it was (what --dirty means).
    assert "Renew a card" in _get(serving.url + PAGES["map"])
