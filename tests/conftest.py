"""Helpers that write real small sites into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from journeymaps.catalog import load_catalog
from journeymaps.model import Catalog
from journeymaps.problems import InvalidSite
from journeymaps.siteconfig import load_settings

REPO = Path(__file__).resolve().parent.parent

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
