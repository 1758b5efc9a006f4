"""The plugin inside real MkDocs builds, and the command line, as users run them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import MAP

P = "maps/first-purchase/current.md"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_validate_command_clean_site(site):
    root = site({P: MAP})
    result = run("journeymaps", "validate", str(root), cwd=root.parent)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "maps/first-purchase/current.md:2: warning: this map has never been reviewed with customers; "
        "set 'reviewed:' to the date it last was (due every 90 days)"
    ]
    assert "1 journeys, 1 maps and 1 personas are valid; warnings: 1" in result.stderr


def test_validate_command_reports_every_problem(site):
    root = site({P: MAP.replace("emotion: 1", "emotion: 4"), "maps/x.md": "no front matter"})
    result = run("journeymaps", "validate", cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "maps/first-purchase/current.md:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 4",
        "maps/x.md:1: the file has no front matter; start it with a '---' line, the YAML, and '---'",
    ]
    assert "2 problems in journey maps" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_command_without_mkdocs_yml(tmp_path):
    result = run("journeymaps", "validate", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "no mkdocs.yml here" in result.stderr


def test_validate_command_reads_plugin_options(site):
    root = site({P: MAP.replace("emotion: 1", "emotion: 4")}, options=":\n      emotion_scale: [1, 5]")
    assert run("journeymaps", "validate", cwd=root).returncode == 0


def test_bad_plugin_option_is_reported(site):
    root = site({P: MAP}, options=":\n      emotion_scale: [5, 1]")
    result = run("mkdocs", "build", cwd=root)
    assert result.returncode == 1
    assert "emotion_scale must be two numbers, low then high" in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_build_leaves_the_last_good_site_whole(site):
    root = site({P: MAP})
    first = run("mkdocs", "build", cwd=root)
    assert first.returncode == 0, first.stderr
    before = snapshot(root / "site")
    assert "index.html" in before

    (root / P).write_text(MAP.replace("emotion: 1", "emotion: 9"), encoding="utf-8")
    second = run("mkdocs", "build", cwd=root)
    assert second.returncode == 1
    assert (
        "maps/first-purchase/current.md:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 9"
        in second.stderr
    )
    assert "Traceback" not in second.stderr
    assert snapshot(root / "site") == before


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_serve_reports_a_broken_edit_and_keeps_serving(site, tmp_path):
    root = site({P: MAP})
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:

        def up() -> bool:
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200
            except OSError:
                return False

        assert _wait_for(up), log.read_text()
        (root / P).write_text(MAP.replace("emotion: 1", "emotion: 9"), encoding="utf-8")
        message = "maps/first-purchase/current.md:14: 'emotion' must be a number from -2 to 2"
        assert _wait_for(lambda: message in log.read_text()), log.read_text()
        assert server.poll() is None
        assert "Traceback" not in log.read_text()
        (root / P).write_text(MAP, encoding="utf-8")
        assert _wait_for(lambda: log.read_text().count("Documentation built") >= 2), log.read_text()
        assert server.poll() is None and up()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_validate_reads_mkdocs_yml_as_mkdocs_does(site):
    """INHERIT and !ENV are MkDocs' to resolve: the command line sees the build's settings."""
    root = site({P: MAP.replace("emotion: 1", "emotion: 4")})
    base = (
        (root / "mkdocs.yml")
        .read_text()
        .replace("  - journeymaps\n", "  - journeymaps:\n      emotion_scale: [1, 5]\n")
    )
    (root / "base.yml").write_text(base)
    (root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: !ENV [SITE_NAME, Inherited]\nsite_url: https://maps.example.com/\n"
    )
    result = run("journeymaps", "validate", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert run("mkdocs", "build", "--strict", cwd=root).returncode == 0
