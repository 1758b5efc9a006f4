"""A map's history across reviews: a small site inside a git repository the test makes, with
three commits that review a map twice (emotions change, a pain point is resolved), read back
from the map page's HTML; the same site without .git, and as a shallow clone, builds with one
INFO line; a warm build reads the cache instead of git's history."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Html, build_site, write_site

P = "maps/first-purchase/current.md"


def version(reviewed: str | None, pay: int, pains: bool, extra_step: bool = False) -> str:
    lines = ["---", "title: First purchase", "state: current", "persona: zhang-li"]
    if reviewed:
        lines.append(f"reviewed: {reviewed}")
    lines += [
        "stages:",
        "  - name: Discover",
        "    steps:",
        "      - name: Sees a post",
        "        emotion: 1",
        "  - name: Pay",
        "    steps:",
        "      - name: Pays",
        f"        emotion: {pay}",
    ]
    if pains:
        lines += ["        pain_points:", "          - id: slow-pay", "            text: Payment is slow", "            severity: high"]  # fmt: skip
    if extra_step:
        lines += ["      - name: Gets a receipt", "        emotion: 1"]
    return "\n".join([*lines, "---", ""])


def git(root: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_DATE": "2026-01-01T10:00:00", "GIT_COMMITTER_DATE": "2026-01-01T10:00:00"}
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return done.stdout


def commit(root: Path, text: str, message: str) -> None:
    (root / P).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def reviewed_twice(tmp_path: Path) -> Path:
    """First the map without a review; then reviewed (Pays at -2, a pain point); then reviewed
    again (Pays at 1, the pain point gone, a step added)."""
    root = write_site(tmp_path / "repo", {P: version(None, -1, True)})
    (root / ".gitignore").write_text("site/\n.cache/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "A first draft")
    commit(root, version("2026-03-01", -2, True), "Reviewed in March")
    commit(root, version("2026-06-01", 1, False, extra_step=True), "Reviewed in June: payment fixed")
    return root


def reviews_of(page: Html) -> list[dict[str, str]]:
    return [a for t, a in page.elements if t == "li" and "data-reviewed" in a]


def section(page: Html, start: str, end: str) -> str:
    text = page.text
    return text[text.index(start) : text.index(end, text.index(start))]


def test_the_map_page_shows_each_review_and_what_changed(reviewed_twice, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.journeymaps"):
        out = build_site(reviewed_twice)
    assert not [r for r in caplog.records if "history" in r.getMessage()]
    page = Html((out / "journeys/first-purchase/current/index.html").read_text(encoding="utf-8"))
    assert "history" in page.ids
    assert [a["data-reviewed"] for a in reviews_of(page)] == ["2026-06-01", "2026-03-01"]
    assert "2 reviews in the repository's history, from Mar 1, 2026 to Jun 1, 2026" in page.text
    june = section(page, "Review of Jun 1, 2026", "Review of Mar 1, 2026")
    assert "Steps added Gets a receipt" in june
    assert "Pain points resolved (no longer on the map) Payment is slow High" in june
    assert "Emotion by stage Pay: -2 → +1" in june
    assert "Pain points opened" not in june and "Steps removed" not in june
    march = page.text[page.text.index("Review of Mar 1, 2026") :]
    assert "The first review in the history." in march
    # Two past curves under today's, the older fainter, and a table of the numbers.
    lines = [a for t, a in page.elements if t == "g" and "jm-history-line" in a.get("class", "")]
    assert [a["style"] for a in lines] == ["opacity: 0.25", "opacity: 0.7", "opacity: 1.0"]
    table = section(page, "The curves at each review as a table", "Review of Jun 1")
    assert "Pay Pays -2 +1 +1" in table
    assert "Pay Gets a receipt — +1 +1" in table
    data = json.loads((out / "journeys/first-purchase/current/history.json").read_text(encoding="utf-8"))
    assert [r["reviewed"] for r in data["reviews"]] == ["2026-03-01", "2026-06-01"]
    assert data["reviews"][0]["curve"][1] == {"stage": "Pay", "step": "pays", "name": "Pays", "emotion": -2}
    assert data["reviews"][1]["changes"]["pains_resolved"] == [{"text": "Payment is slow", "severity": "high"}]


def test_a_chinese_site_says_it_in_chinese(reviewed_twice):
    config = reviewed_twice / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: zh"))
    git(reviewed_twice, "commit", "-q", "-am", "Chinese")
    page = Html((build_site(reviewed_twice) / "journeys/first-purchase/current/index.html").read_text("utf-8"))
    assert "2026年6月1日 的评审" in page.text
    assert "已解决的痛点（不再出现在地图上） Payment is slow 高" in page.text


def _history_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "history across reviews" in r.getMessage()]


def test_without_git_the_site_builds_and_says_history_is_not_available(reviewed_twice, tmp_path, caplog):
    copy = tmp_path / "copy"
    shutil.copytree(reviewed_twice, copy, ignore=shutil.ignore_patterns(".git"))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.journeymaps"):
        out = build_site(copy)
    assert _history_lines(caplog) == [
        "journeymaps: history across reviews is not available: the site is not in a git repository with "
        "commits. In CI, fetch the whole history (actions/checkout with fetch-depth: 0)"
    ]
    page = Html((out / "journeys/first-purchase/current/index.html").read_text(encoding="utf-8"))
    assert "history" not in page.ids and "emotion-curve" in page.ids


def test_a_shallow_clone_builds_and_says_so(reviewed_twice, tmp_path, caplog):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{reviewed_twice}", str(clone))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.journeymaps"):
        build_site(clone)
    assert len(_history_lines(caplog)) == 1
    assert "not available: the repository is a shallow clone." in _history_lines(caplog)[0]


def test_a_warm_build_reads_the_cache_not_the_history(reviewed_twice, monkeypatch):
    from journeymaps.authoring import history

    build_site(reviewed_twice)
    assert len(list((reviewed_twice / ".cache/journeymaps/history").glob("head-*.json"))) == 1
    history._MEMORY.clear()  # a new process: only the file remains

    def no_log(*args, **kwargs):
        raise AssertionError("the history was read again")

    monkeypatch.setattr(history, "review_versions", no_log)
    page = Html((build_site(reviewed_twice) / "journeys/first-purchase/current/index.html").read_text("utf-8"))
    assert len(reviews_of(page)) == 2


def test_a_warm_build_reads_the_history_section_from_the_cache(reviewed_twice, monkeypatch):
    from journeymaps.site.history_section import HistorySections

    first = (build_site(reviewed_twice) / "journeys/first-purchase/current/index.html").read_text("utf-8")
    kept = reviewed_twice / ".cache/journeymaps/history/sections/kept.json"
    assert len(json.loads(kept.read_text(encoding="utf-8"))) == 1

    def no_render(*args, **kwargs):
        raise AssertionError("the history section was rendered again")

    monkeypatch.setattr(HistorySections, "render", no_render)
    again = (build_site(reviewed_twice) / "journeys/first-purchase/current/index.html").read_text("utf-8")
    assert again == first
    page = Html(again)
    # Today's map is the June review's: its curve is drawn dashed over it, and the legend says so.
    now = [a for t, a in page.elements if t == "g" and "jm-history-line--now" in a.get("class", "")]
    assert "jm-history-line--unchanged" in now[0]["class"]
    assert "Today (dashed: unchanged since the last review)" in page.text
