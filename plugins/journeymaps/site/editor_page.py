"""The files of the form editor at admin/: its page, its config.yml, Decap CMS itself (shipped
inside the package: internal sites may have no internet) and our script, which draws the map
in the preview pane. A site without the `editor` option gets none of them."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import yaml

from journeymaps.settings import Settings
from journeymaps.site import urls
from journeymaps.site.editor_config import FOLDER, Repository, editor_config, preview_words
from journeymaps.text import Text

ASSETS = Path(__file__).parent / "editor"
DECAP = ASSETS / "decap"
YAML = ASSETS / "yaml"  # the yaml package (eemeli/yaml): edits a file keeping its comments
THIRD_PARTY = (DECAP, YAML)  # shipped as published (THIRD-PARTY.md)
SCRIPT = "journeymaps-editor.js"
FORMAT_SCRIPT = "journeymaps-format.js"  # how files are read and written, imported by SCRIPT


def _relative(uri: str) -> str:
    """An address of the site's, from the editor's page (admin/index.html)."""
    return "../" + uri


def admin_page(settings: Settings, words: Text) -> str:
    """admin/index.html: Decap CMS and our script, with the preview's words and styles."""
    data: dict[str, Any] = preview_words(settings, words)
    data["styles"] = [_relative(urls.STYLE), _relative(urls.GENERATED_STYLE)]
    # In a <script> element no "<" at all: neither "</script" nor "<!--" can end it early.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(words.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(words['editor.title'])}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n"
        f'<script id="journeymaps-editor" type="application/json">{payload}</script>\n'
        # Decap waits for our script, which registers the formats the config names.
        "<script>window.CMS_MANUAL_INIT = true;</script>\n"
        '<script src="decap/decap-cms.js"></script>\n'
        f'<script type="module" src="{SCRIPT}"></script>\n'
        "</body>\n</html>\n"
    )


def config_yml(settings: Settings, words: Text, repo: Repository, site_url: str | None) -> str:
    config = editor_config(settings, words, repo, site_url)
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def editor_files(settings: Settings, words: Text, repo: Repository, site_url: str | None) -> dict[str, str | Path]:
    """Every file of the editor by its address in the built site: text to write, or a file
    of the package to copy."""
    files: dict[str, str | Path] = {
        f"{FOLDER}/index.html": admin_page(settings, words),
        f"{FOLDER}/config.yml": config_yml(settings, words, repo, site_url),
        f"{FOLDER}/{SCRIPT}": ASSETS / SCRIPT,
        f"{FOLDER}/{FORMAT_SCRIPT}": ASSETS / FORMAT_SCRIPT,
    }
    for folder in THIRD_PARTY:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (path.suffix in (".js", ".wasm", ".txt") or path.name == "LICENSE"):
                files[f"{FOLDER}/{path.relative_to(ASSETS).as_posix()}"] = path
    return files
