"""Screenshots of every page kind, for a review by eye: the demo site and a Chinese copy of
it, at a laptop's and a phone's width, in the light and the dark palette.

    python tests/screenshots.py OUTDIR            # every page kind: 2 languages x 2 widths x 2 palettes
    python tests/screenshots.py OUTDIR --kind map --kind journey --lang zh

Files are named <language>-<width>-<palette>-<page>.png. The slow browser tests use
``shoot`` on a few pages so that this script keeps working."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import CHROMIUM, CHROMIUM_ARGS, REPO, SiteServer, Tab, generated_pages, wait_for_charts  # noqa: E402

WIDTHS = (1440, 390)
SCHEMES = ("light", "dark")
LANGUAGES = ("en", "zh")
# Beyond the first page of each kind: the pages a review should not miss.
EXTRA = {
    "journey-both": "journeys/open-account/",
    "journey-zh": "journeys/first-purchase/",
    "map-blueprint": "journeys/clinic-visit/current/",
    "map-zh": "journeys/first-purchase/current/",
    "map-measured": "journeys/open-account/current/",
    "persona-zh": "personas/zhang-li/",
}


def pages() -> dict[str, str]:
    """A name and a URL for the first page of every kind the site plan makes, and EXTRA."""
    found = {kind: urls[0] for kind, urls in generated_pages().items()}
    for name, url in EXTRA.items():
        if url not in found.values():
            found[name] = url
    return found


def copy_demo(target: Path, language: str) -> Path:
    """The demo site's sources in ``target``, with the theme's language set."""
    for name in ("maps", "personas", "docs", "metrics"):
        shutil.copytree(REPO / name, target / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^(  language:) \w+", rf"\1 {language}", config)
    if count != 1:
        raise SystemExit("mkdocs.yml: no theme language to set")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def build(source: Path, site: Path, site_url: str) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=source, check=True, env=env)
    return site


def shoot(browser, url: str, path: Path, width: int, scheme: str) -> list[str]:
    """A full-page screenshot of ``url``, after its charts are drawn; returns console errors."""
    tab = Tab(browser, width=width, scheme=scheme)
    try:
        tab.open(url)
        tab.page.wait_for_load_state("networkidle")
        if tab.page.locator("figure.jm-chart").count():
            wait_for_charts(tab.page)
        tab.page.wait_for_timeout(1000)  # Plotly's and Material's transitions (the tabs fade in)
        tab.page.screenshot(path=str(path), full_page=True)
        return tab.errors
    finally:
        tab.close()


def sites(work: Path, languages: Iterable[str]) -> Iterator[tuple[str, SiteServer]]:
    for language in languages:
        server = SiteServer(work / language / "site")
        source = REPO if language == "en" else copy_demo(work / f"{language}-source", language)
        build(source, work / language / "site", server.url)
        try:
            yield language, server
        finally:
            server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--kind", action="append", help="only these pages (names as in the file names)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES)
    parser.add_argument("--width", action="append", type=int)
    parser.add_argument("--scheme", action="append", choices=SCHEMES)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    wanted = {name: url for name, url in pages().items() if not args.kind or name in args.kind}
    from playwright.sync_api import sync_playwright

    problems = 0
    with tempfile.TemporaryDirectory() as work, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, server in sites(Path(work), args.lang or LANGUAGES):
            for width in args.width or WIDTHS:
                for scheme in args.scheme or SCHEMES:
                    for name, url in wanted.items():
                        path = args.outdir / f"{language}-{width}-{scheme}-{name}.png"
                        errors = shoot(browser, server.url + url, path, width, scheme)
                        print(path, *(f"\n  console: {e}" for e in errors))
                        problems += len(errors)
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
