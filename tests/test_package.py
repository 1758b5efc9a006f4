"""The package people install from an index: built as a release builds it, checked by twine,
installed into a clean virtual environment, and building the demo site from there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900, env=env or os.environ.copy()
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", out, REPO, cwd=REPO)
    return out


def test_twine_accepts_the_built_files(dist):
    files = sorted(dist.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"]
    said = run(sys.executable, "-m", "twine", "check", "--strict", *files, cwd=dist)
    assert said.count("PASSED") == 2


def test_the_wheel_carries_the_licences_and_everything_a_build_reads(dist):
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as wheel:
        names = set(wheel.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = wheel.read(metadata_name).decode()
    info = metadata_name.split("/")[0]
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/THIRD_PARTY_NOTICES.md"} <= names
    assert {"journeymaps/site/assets/journeymaps.js", "journeymaps/site/templates/map.html"} <= names
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Framework :: MkDocs" in metadata
    assert "Project-URL: Source, " in metadata
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        assert any(n.endswith("/CHANGELOG.md") for n in sdist.getnames())


def test_the_wheel_installs_into_a_clean_environment_and_builds_the_demo(dist, tmp_path):
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", next(dist.glob("*.whl")), cwd=tmp_path)
    site = tmp_path / "site-source"
    for name in ("docs", "maps", "personas", "metrics"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    # Nothing of the repository's own checkout on the path: only what the wheel installed.
    env = {"PATH": f"{env_dir / 'bin'}{os.pathsep}/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"}
    run(env_dir / "bin" / "mkdocs", "build", "--strict", cwd=site, env=env)
    page = (site / "site" / "journeys" / "index.html").read_text(encoding="utf-8")
    assert "jm-" in page
    assert (site / "site" / "assets" / "journeymaps" / "journeymaps.js").is_file()
    where = run(python, "-c", "import journeymaps; print(journeymaps.__file__)", cwd=tmp_path, env=env)
    assert str(env_dir) in where


def test_dev_build_on_a_machine_without_chinese_fonts(tmp_path):
    """The README's `./dev build` as a new user runs it where no font with Chinese characters
    is installed and none can be: the fonts hidden (a mount namespace over /usr/share/fonts)
    and apt-get out of reach. The site is built, and the user told what to install."""
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("needs unshare with user and mount namespaces to hide the fonts")
    tools = tmp_path / "bin"  # every command of the machine but apt-get and dpkg
    tools.mkdir()
    for folder in ("/usr/local/bin", "/usr/bin", "/bin"):
        for command in Path(folder).iterdir():
            if not command.name.startswith(("apt", "dpkg")) and not (tools / command.name).exists():
                (tools / command.name).symlink_to(command)
    site = tmp_path / "site"
    script = f"mount -t tmpfs none /usr/share/fonts && PATH={tools} ./dev build --site-dir {site}"
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "no font with Chinese characters here, and none could be installed" in done.stderr
    assert "journeymaps: no font with Chinese characters was found" in done.stderr  # the build's own warning
    assert (site / "journeys/index.html").is_file()
    assert (site / "personas/zhang-li/card.png").is_file()
