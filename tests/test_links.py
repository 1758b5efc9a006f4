"""No broken internal links or anchors anywhere in the built demo site."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import build_demo
from conftest import Html

pytestmark = pytest.mark.slow


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None, ""
    base = posixpath.dirname(page.relative_to(site).as_posix())
    path = unquote(parts.path)
    if path.startswith("/"):  # 404.html links from the site root, as it is served at any depth
        base, path = "", path.lstrip("/") or "."
    if not path:
        return page, parts.fragment
    resolved = posixpath.normpath(posixpath.join(base, path))
    target = site / resolved
    if href.split("#")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_no_broken_internal_links_or_anchors(tmp_path):
    site = build_demo(tmp_path)
    ids: dict[Path, set[str]] = {}
    broken = []
    pages = sorted(site.rglob("*.html"))
    parsed = {p: Html(p.read_text(encoding="utf-8")) for p in pages}
    for page, html in parsed.items():
        ids[page] = html.ids
    for page, html in parsed.items():
        for tag, attrs in html.elements:
            href = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("img", "script") else None
            if not href or attrs.get("rel") == "canonical":
                continue
            target, fragment = _target(site, page, href)
            if target is None:
                continue
            where = f"{page.relative_to(site)} -> {href}"
            if not target.exists():
                broken.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
                broken.append(f"{where}: no element with id '{fragment}'")
    assert len(pages) > 20
    assert not broken, "\n".join(broken)
