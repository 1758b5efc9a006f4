"""Helpers that write real small sites into a temporary folder."""

from __future__ import annotations

import base64
import json
import textwrap
from pathlib import Path

import pytest
from journeymaps.format.catalog import load_catalog
from journeymaps.format.problems import InvalidSite
from journeymaps.model import Catalog
from journeymaps.siteconfig import load_settings

REPO = Path(__file__).resolve().parent.parent
# The browser tests' fixtures (the served demo site, Chromium, a tab), shared by their modules;
# a PostgreSQL server for the tests of `journeymaps metrics pull`.
pytest_plugins = ["browser", "postgres"]

PERSONA = """\
---
name: Zhang Li
role: Marketing manager
---
Background.
"""

MAP = """\
---
title: First purchase
state: current
persona: zhang-li
sources:
  - id: interviews
    title: Interviews
stages:
  - name: Awareness
    steps:
      - name: Sees a post
        touchpoint: Social post
        channel: social
        emotion: 1
        pain_points:
          - id: slow-pay
            text: Payment is slow
        opportunities:
          - text: One-tap payment
            addresses: [slow-pay]
---
Notes.
"""

CONFIG = """\
site_name: Test site
use_directory_urls: true
theme:
  name: material
  language: {language}
  font: false
  features: [content.action.edit, navigation.instant]
plugins:
  - search
  - journeymaps{options}
"""


def write_site(root: Path, files: dict[str, str | bytes], options: str = "", language: str = "en") -> Path:
    """A site with mkdocs.yml, docs/index.md, one persona, and the given files (dedented)."""
    all_files: dict[str, str | bytes] = {
        "mkdocs.yml": CONFIG.format(options=options, language=language),
        "docs/index.md": "# Home\n",
        "personas/zhang-li.md": PERSONA,
    }
    all_files.update(files)
    for name, content in all_files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    """Every problem the validator reports for a site, as 'path:line: message'."""
    try:
        load_catalog(root, load_settings(root))
    except InvalidSite as err:
        return [str(p) for p in err.problems]
    return []


def catalog_of(root: Path) -> Catalog:
    return load_catalog(root, load_settings(root))


@pytest.fixture
def site(tmp_path: Path):
    def make(files: dict[str, str | bytes], options: str = "", language: str = "en") -> Path:
        return write_site(tmp_path, files, options, language)

    return make


class Html:
    """What a test needs of a built page: elements with their attributes, ids, and text."""

    def __init__(self, source: str):
        from html.parser import HTMLParser

        self.source = source
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        outer = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                outer.elements.append((tag, {k: v or "" for k, v in attrs}))

            def handle_data(self, data):
                outer.texts.append(data)

        Parser(convert_charrefs=True).feed(source)

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if "id" in a}

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in wanted.items())]

    def hrefs(self) -> list[str]:
        return [a["href"] for t, a in self.elements if t == "a" and "href" in a]


def build_site(root: Path, serve: bool = False, strict: bool = False) -> Path:
    """Build the site in this process (much faster than a subprocess) and return site/;
    strict: as `mkdocs build --strict`, any warning stops the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), strict=strict)
    config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/" if serve else None)
    return root / "site"


def chart_of(figure: dict[str, str] | str) -> dict:
    """The Plotly spec a chart figure carries (its data-jm-chart attribute, or the
    attribute's value): base64 of the JSON, which HTML minifiers leave alone."""
    value = figure if isinstance(figure, str) else figure["data-jm-chart"]
    return json.loads(base64.b64decode(value).decode("utf-8"))


def read_page(site_dir: Path, path: str) -> Html:
    return Html((site_dir / path).read_text(encoding="utf-8"))


def pytest_terminal_summary(terminalreporter) -> None:
    """Figures that benchmark and speed tests measured (``record_property("figures", text)``),
    printed at the end of the run, also under xdist: timings are reported, never asserted."""
    for report in terminalreporter.stats.get("passed", []):
        for name, text in getattr(report, "user_properties", []):
            if name == "figures":
                terminalreporter.write_sep("-", f"figures: {report.nodeid}")
                terminalreporter.write_line(text)
