"""Shared pieces of the browser tests: the built demo site, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("JOURNEYMAPS_CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    # The machine has no network beyond package registries: keep Chromium from calling home.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(path: Path | str, what: str) -> None:
    """Skip locally when a tool is missing; in CI a missing tool is a failure."""
    if Path(path).exists():
        return
    message = f"{what} is missing ({path}); ./dev test installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def build_demo(target: Path, site_url: str | None = None) -> Path:
    """The demo site; Material's instant navigation only follows links inside site_url,
    so a site served for the tests is built for the address it is served at."""
    site = target / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=REPO, check=True, env=env
    )
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class SiteServer:
    def __init__(self, root: Path):
        root.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def generated_pages() -> dict[str, list[str]]:
    """Every generated page of the demo site by kind, from the same site plan the plugin
    uses. A new kind of page is covered by the tests as soon as the plan has it."""
    from journeymaps.format.catalog import load_catalog
    from journeymaps.site.plan import plan_site
    from journeymaps.site.urls import page_url
    from journeymaps.siteconfig import load_settings

    plan = plan_site(load_catalog(REPO, load_settings(REPO)))
    pages: dict[str, list[str]] = {}
    for page in plan.pages:
        pages.setdefault(page.kind, []).append(page_url(page.src_uri, use_directory_urls=True))
    return pages


CHART_KINDS = ("journey", "map")


def copy_site(site: Path, target: Path) -> Path:
    shutil.copytree(site, target)
    return target


# Fixtures of the browser tests (conftest.py loads this module as a plugin).


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    running = SiteServer(folder / "site")
    build_demo(folder, site_url=running.url)
    yield folder / "site", running
    running.close()


@pytest.fixture(scope="session")
def server(served) -> SiteServer:
    return served[1]


SUB_PATH = "cx/maps/"


@pytest.fixture(scope="session")
def sub_path_server(tmp_path_factory):
    """The demo site published under a sub-path (an intranet's /cx/maps/), the server's root
    above it: relative links that climb too far or absolute ones to / find nothing here."""
    root = tmp_path_factory.mktemp("sub-path")
    running = SiteServer(root)
    build_demo(root / SUB_PATH.split("/")[0], site_url=running.url + SUB_PATH)
    (root / "cx" / "site").rename(root / SUB_PATH)
    yield running
    running.close()


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A page with its console errors collected."""

    def __init__(self, browser, width: int = 1280, scheme: str = "light", javascript: bool = True):
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=javascript
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str) -> Tab:
        self.page.goto(url, wait_until="load")
        return self

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser):
    opened = Tab(browser)
    yield opened
    opened.close()


def wait_for_charts(page, timeout: float = 15_000) -> int:
    """Every emotion chart on the page drawn by Plotly; returns how many."""
    # After instant navigation the address changes before the new content is in place.
    page.wait_for_selector("figure.jm-chart", state="attached", timeout=timeout)
    count = page.locator("figure.jm-chart").count()
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.jm-chart')].every("
        "f => f.classList.contains('jm-chart--drawn') && f.querySelector('.js-plotly-plot .main-svg'))",
        timeout=timeout,
    )
    return count
