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
