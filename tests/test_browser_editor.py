"""The form editor at admin/, driven as an author would drive it: Decap CMS from the built
demo site, saving through Decap's local backend (decap-server from npm, pinned in
package.json) into a copy of the demo's files on this machine. A new map made through the
form validates and gets its page; one emotion changed in an existing map is the only
change `journeymaps diff` reports, and the preview pane shows it before the save."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import NODE_MODULES, REPO, SiteServer, require
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
SHOTS = os.environ.get("JOURNEYMAPS_EDITOR_SHOTS")  # a folder: keep screenshots for a review by eye


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env).stdout


def demo_with_editor(root: Path, port: int, language: str = "en") -> Path:
    """The demo's sources with the editor on, saving through decap-server at ``port``, in a
    git repository of their own (for `journeymaps diff`)."""
    for name in ("maps", "personas", "docs", "metrics"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    option = f"      editor: {{backend: gitlab, local_backend: 'http://127.0.0.1:{port}/api/v1'}}\n"
    config, count = re.subn(r"(?m)^(  - journeymaps:\n)", rf"\1{option}", config)
    assert count == 1
    config = re.sub(r"(?m)^(  language:) \w+", rf"\1 {language}", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    run_git(root, "init", "-q", "-b", "main")
    run_git(root, "add", "-A")
    run_git(root, "commit", "-qm", "demo")
    return root


def build(root: Path, site_url: str) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root, check=True, env=env
    )
    return root / "site"


class Editor:
    """The demo site with its editor, served on 127.0.0.1, and decap-server beside it."""

    def __init__(self, root: Path, language: str = "en", mode: str = "fs"):
        self.port = _free_port()
        self.root = demo_with_editor(root, self.port, language)
        self.server = SiteServer(root / "site")
        build(self.root, self.server.url)
        # fs: saves go straight into the folder; git: the editorial workflow, in branches.
        env = {**os.environ, "PORT": str(self.port), "BIND_HOST": "127.0.0.1", "MODE": mode}
        env["GIT_REPO_DIRECTORY"] = str(self.root)
        self.log = (root / "decap-server.log").open("w")
        self.decap = subprocess.Popen(
            ["node", str(DECAP_SERVER)], cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.2)
        else:
            self.close()
            pytest.fail("decap-server did not start")

    @property
    def url(self) -> str:
        return self.server.url + "admin/"

    def close(self) -> None:
        self.decap.terminate()
        try:
            self.decap.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.decap.kill()
            self.decap.wait()
        self.log.close()
        self.server.close()


@pytest.fixture
def editor(tmp_path):
    require(DECAP_SERVER, "decap-server (npm)")
    running = Editor(tmp_path)
    yield running
    running.close()


def journeymaps(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "journeymaps", *args], cwd=root, capture_output=True, text=True, timeout=120
    )


def editor_tab(browser):
    """A laptop-sized tab, and the scripts' uncaught errors in it."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def sign_in(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.get_by_role("button", name=re.compile("Login|登录")).click()
    page.wait_for_selector("text=/Journey maps|旅程地图/", timeout=30_000)


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def field(page, key: str):
    """The newest control of a key of the format: Decap names each control <key>-field-<n>."""
    return page.locator(f"[id^='{key}-field-']").last


def choose(page, key: str, typed: str, option: str) -> None:
    """A choice from a select or from the list of a collection (a persona)."""
    field(page, key).click()
    field(page, key).fill(typed)
    page.get_by_text(option, exact=True).last.click()


def add_item(page, what: str) -> None:
    page.get_by_role("button", name=f"Add {what}").last.click()


def preview(page):
    return page.frame_locator("iframe").first


def publish(page, words: tuple[str, str, str] = ("Publish", "Publish now", "Entry saved|CHANGES SAVED")) -> None:
    """Decap's "Publish" menu, then "Publish now" (a local backend without the editorial workflow)."""
    menu, now, saved = words
    page.get_by_role("button", name=menu).first.click()
    page.get_by_text(now).click()
    page.wait_for_selector(f"text=/{saved}/i", timeout=30_000)


def test_a_new_map_made_in_the_form_is_a_valid_map_with_its_page(editor, browser):
    context, page, errors = editor_tab(browser)
    sign_in(page, editor.url)
    page.goto(editor.url + "#/collections/maps/new", wait_until="load")
    field(page, "title").fill("Renew a card")
    choose(page, "state", "Current", "Current state")
    choose(page, "persona", "Maria", "Maria Santos")
    for stage, step, emotion in (("Notice", "Card expires", "-1"), ("Renew", "Orders online", "1.5")):
        add_item(page, "stage")
        field(page, "name").fill(stage)
        add_item(page, "step")
        field(page, "name").fill(step)
        field(page, "emotion").fill(emotion)
    add_item(page, "pain point")
    field(page, "text").fill("No reminder before the card expires")
    shoot(page, "en-new-map")
    publish(page)
    written = editor.root / "maps" / "renew-a-card" / "current.md"
    assert written.is_file(), sorted(str(p) for p in (editor.root / "maps").rglob("*.md"))
    text = written.read_text(encoding="utf-8")
    if SHOTS:
        (Path(SHOTS) / "new-map.md").write_text(text, encoding="utf-8")
    assert "persona:" in text and "maria-santos" in text
    checked = journeymaps(editor.root, "validate", ".")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = build(editor.root, editor.server.url)
    page_html = (site / "journeys" / "renew-a-card" / "current" / "index.html").read_text(encoding="utf-8")
    assert "Renew a card" in page_html and "No reminder before the card expires" in page_html
    assert errors == []
    context.close()


def expand(page, key: str) -> None:
    """Unfold the items of the first list of ``key`` (Decap shows them folded, as summaries)."""
    button = page.locator(f"[id^='{key}-field-']").first.get_by_test_id("expand-button").first
    if button.get_attribute("aria-label") == "Expand":
        button.click()


def test_one_emotion_changed_in_the_form_is_the_only_change(editor, browser):
    context, page, errors = editor_tab(browser)
    path = editor.root / "maps" / "open-account" / "current.md"
    before = path.read_text(encoding="utf-8")
    assert "\n        emotion: 0.5\n" in before  # the first step's
    sign_in(page, editor.url)
    # Both layouts are in the collection: maps/<journey>.md too.
    page.goto(editor.url + "#/collections/maps/entries/workspace-onboarding", wait_until="load")
    expect(page.locator("[id^='title-field-']").first).to_have_value("Workspace onboarding for IT admins")
    page.goto(editor.url + "#/collections/maps/entries/open-account/current", wait_until="load")
    page.reload(wait_until="load")
    first_point = preview(page).locator("circle.jm-curve__point").first
    first_point.wait_for(timeout=30_000)
    assert first_point.get_attribute("data-emotion") == "0.5"
    shoot(page, "en-edit-map")
    expand(page, "stages")
    expand(page, "steps")
    emotion = page.locator("[id^='emotion-field-']").first  # the first step's
    emotion.fill("-1.5")
    # The preview pane redraws the curve as the author types, before anything is saved.
    page.wait_for_function(
        "() => { const c = document.querySelector('iframe').contentDocument.querySelector('circle.jm-curve__point');"
        " return c && c.getAttribute('data-emotion') === '-1.5'; }",
        timeout=10_000,
    )
    assert path.read_text(encoding="utf-8") == before
    shoot(page, "en-edit-preview")
    publish(page)
    after = path.read_text(encoding="utf-8")
    # The file as it was, but for that one line: flow lists, quotes and order kept.
    assert after == before.replace("\n        emotion: 0.5\n", "\n        emotion: -1.5\n", 1)
    diff = journeymaps(editor.root, "diff", "HEAD", "--format", "json")
    assert diff.returncode == 0, diff.stderr
    report = json.loads(diff.stdout)
    assert [len(report["maps"][k]) for k in ("added", "removed", "renamed", "changed")] == [0, 0, 0, 1]
    assert report["personas"] == {"added": [], "removed": [], "edited": []}
    change = report["maps"]["changed"][0]
    assert (change["journey"], change["state"]) == ("open-account", "current")
    assert [(s["id"], s["before"], s["after"]) for s in change["steps"]["emotion"]] == [("comparison", 0.5, -1.5)]
    assert [v for k, v in change["steps"].items() if k != "emotion"] == [[], [], []]
    for part in ("pain_points", "opportunities", "sources"):
        assert all(v == [] for v in change[part].values()), part
    assert change["edited"] == [] and change["reviewed"] is None
    assert errors == []
    context.close()


def test_a_chinese_site_gets_a_chinese_editor_and_preview(tmp_path, browser):
    require(DECAP_SERVER, "decap-server (npm)")
    running = Editor(tmp_path, language="zh")
    context, page, errors = editor_tab(browser)
    try:
        page.goto(running.url, wait_until="load")
        page.get_by_role("button", name="登录").click()  # Decap's own words, in Chinese
        page.goto(running.url + "#/collections/maps/entries/first-purchase/current", wait_until="load")
        pane = preview(page)
        pane.locator("circle.jm-curve__point").first.wait_for(timeout=30_000)
        assert pane.locator("th.jm-lane").first.inner_text() == "阶段"
        assert page.locator("label[for^='title-field-']").first.inner_text() == "标题"
        assert page.get_by_text("必填。地图的标题。").count() == 1
        shoot(page, "zh-edit-map")
        # A new map with a Chinese title: its journey id is the title, as `journeymaps new` makes it.
        page.goto(running.url + "#/collections/maps/new", wait_until="load")
        page.reload(wait_until="load")
        field(page, "title").fill("续办信用卡")
        choose(page, "state", "现", "现状")
        choose(page, "persona", "张", "张丽")
        page.get_by_role("button", name="新增阶段").last.click()
        field(page, "name").fill("提醒")
        page.get_by_role("button", name="新增步骤").last.click()
        field(page, "name").fill("收到短信")
        field(page, "emotion").fill("1")
        preview(page).locator("circle.jm-curve__point").first.wait_for(timeout=10_000)
        shoot(page, "zh-new-map")
        publish(page, ("发布", "立即发布", "已保存"))
        assert (running.root / "maps" / "续办信用卡" / "current.md").is_file()
        checked = journeymaps(running.root, "validate", ".")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        page.goto(running.url + "#/collections/personas/entries/zhang-li", wait_until="load")
        page.reload(wait_until="load")  # a new address, not the same page's new anchor
        pairs = page.locator("textarea[id^='demographics-field-']")
        try:
            pairs.wait_for(timeout=30_000)
        finally:
            shoot(page, "zh-persona")
        assert pairs.input_value() == "年龄: 32\n城市: 上海\n设备: iPhone"
        shoot(page, "zh-persona")
        assert errors == []
    finally:
        context.close()
        running.close()


def test_in_the_editorial_workflow_a_save_is_a_branch_of_its_own(tmp_path, browser):
    """The default publish mode: a save leaves the published branch alone and commits to a
    branch of its own, the pull request's (Decap's local git backend stands in for the host)."""
    require(DECAP_SERVER, "decap-server (npm)")
    running = Editor(tmp_path, mode="git")
    context, page, errors = editor_tab(browser)
    path = running.root / "maps" / "open-account" / "current.md"
    before = path.read_text(encoding="utf-8")
    try:
        sign_in(page, running.url)
        page.goto(running.url + "#/collections/maps/entries/open-account/current", wait_until="load")
        preview(page).locator("circle.jm-curve__point").first.wait_for(timeout=30_000)
        expand(page, "stages")
        expand(page, "steps")
        page.locator("[id^='emotion-field-']").first.fill("-1.5")
        page.get_by_role("button", name="Save").first.click()
        page.wait_for_selector("text=/Entry saved|CHANGES SAVED/i", timeout=30_000)
        branches = run_git(running.root, "branch", "--list", "cms/*").split()
        assert len(branches) == 1 and branches[0].startswith("cms/maps/"), branches
        assert run_git(running.root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
        assert path.read_text(encoding="utf-8") == before
        changed = run_git(running.root, "diff", "--unified=0", "main", branches[0], "--", "maps/")
        assert [line for line in changed.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
            "-        emotion: 0.5",
            "+        emotion: -1.5",
        ]
        assert errors == []
    finally:
        context.close()
        running.close()
