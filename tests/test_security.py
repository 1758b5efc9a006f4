"""Hostile pull requests (issue 21, docs/security.md): each attack a contributor could make
with the files of a pull request, reproduced, and the defence checked: the exact message,
no printed line that a CI runner takes for a command, nothing read or written outside the
project, no code run from a template, nothing built half-way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAP, PERSONA, REPO, catalog_of, problems_of, write_site
from journeymaps.cli import main
from journeymaps.format.files import read_bytes, write_atomically
from journeymaps.format.problems import Problems
from journeymaps.format.reader import read_document

P = "maps/first-purchase/current.md"
INJECTION = "x\n::error file=README.md,line=1::INJECTED"
ESC = "\x1b[2J\x1b]0;owned\x07"


def cli(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--site", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def commands_in(output: str) -> list[str]:
    """Lines a GitHub runner would execute as workflow commands."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


@pytest.fixture
def hostile(site):
    """A site whose map holds a workflow command and terminal escapes in a value, and whose
    persona file's name holds a line break and another workflow command."""
    state = json.dumps(INJECTION)
    return site(
        {
            P: MAP.replace("state: current", f"state: {state}").replace("Social post", json.dumps(ESC)),
            "personas/x\n::warning title=owned::boo.md": PERSONA,
        }
    )


HOSTILE_PROBLEMS = [
    f"{P}:3: 'state' must be 'current' or 'future', not 'x\\n::error file=README.md,line=1::INJ...'",
    "personas/x\\n::warning title=owned::boo.md:1: the file name 'x\\n::warning title=owned::boo.md' is not a "
    "persona id (lowercase letters, digits and '-'); rename it to 'x-warning-titleownedboo.md'",
]


# -- 1 and 5: workflow commands and terminal escapes, in every output ---------------------------


def test_plain_validate_prints_no_command_and_no_escape(hostile, capsys):
    code, out, err = cli(capsys, hostile, "validate")
    assert code == 1
    assert out.splitlines()[:2] == HOSTILE_PROBLEMS
    assert commands_in(out + err) == []
    assert "\x1b" not in out + err


def test_json_carries_the_messages_escaped(hostile, capsys):
    code, out, err = cli(capsys, hostile, "validate", "--format", "json")
    errors = json.loads(out)["errors"]
    assert [f"{e['file']}:{e['line']}: {e['message']}" for e in errors] == HOSTILE_PROBLEMS
    assert commands_in(out + err) == [] and "\x1b" not in out


def test_github_annotations_are_one_command_each(hostile, capsys):
    code, out, err = cli(capsys, hostile, "validate", "--format", "github")
    lines = out.splitlines()
    assert len(lines) == 3  # two errors, the review warning: no line of a file's own
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::error", "::warning"]
    assert lines[0].endswith("::'state' must be 'current' or 'future', not 'x\\n::error file=README.md,line=1::INJ...'")


def test_the_strict_builds_log_carries_no_command(hostile):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=hostile, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    log = done.stdout + done.stderr
    assert HOSTILE_PROBLEMS[1] in log
    assert commands_in(log) == [] and "\x1b[2J" not in log
    assert not (hostile / "site").exists()


def test_a_valid_hostile_site_builds_with_a_clean_log(site):
    """The values are text: they reach the pages escaped, and the log never."""
    name = json.dumps(f"Pay{INJECTION}{ESC}")
    root = site({P: MAP.replace("name: Sees a post", f"name: {name}").replace("Social post", name)})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("site_url: https://journeys.example.com/\n")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert commands_in(log) == [] and "\x1b" not in log


def test_mkdocs_own_messages_about_a_map_are_escaped_too(site):
    """MkDocs reports a broken link in a map's body with the link as written."""
    body = "See [the notes](notes\x1b[2J.md).\n"
    root = site({P: MAP.replace("Notes.\n", body)})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300
    )
    log = done.stdout + done.stderr
    assert "contains a link 'notes\\x1b[2J.md'" in log and "\x1b[2J" not in log


def test_diff_prints_no_command(tmp_path, capsys):
    root = write_site(tmp_path / "repo", {P: MAP})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    name = json.dumps(f"Pay{INJECTION}{ESC}")
    (root / P).write_text(MAP.replace("name: Sees a post", f"name: {name}\n        id: sees-a-post"), encoding="utf-8")
    (root / "maps/broken.md").write_text(f"---\ntitle: {json.dumps(INJECTION)}\n", encoding="utf-8")
    code, out, err = cli(capsys, root, "diff", "main")
    assert "step Payx ::error file=README.md,line=1::INJECTED\\\\x1b\\[2J" in out
    assert commands_in(out + err) == [] and "\x1b" not in out + err


# -- 2: templates are data ------------------------------------------------------------------------

EVIL_TEMPLATE = "---\ntitle: {{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}\n---\n"


def test_a_site_template_runs_no_code(site, capsys, monkeypatch):
    root = site({"map-templates/evil.md": EVIL_TEMPLATE})
    monkeypatch.chdir(root)
    code, out, err = cli(capsys, root, "new", "map", "x", "--persona", "zhang-li", "--template", "evil")
    assert code == 1
    assert err == (
        "map-templates/evil.md: the template reaches for Python's internals (access to attribute '__init__' of "
        "'type' object is unsafe.); templates may only fill in values like {{ title }}\n"
    )
    assert not (root / "PWNED").exists() and not (root / "maps/x").exists()


def test_a_site_template_that_replaces_a_built_in_one_says_so(site, capsys):
    root = site({"map-templates/banking.md": "---\ntitle: {{ title|yaml }}\nstate: current\n---\n"})
    code, out, err = cli(capsys, root, "new", "--list")
    assert "  banking " in out and "(this site's own, in place of the built-in one)" in out
    cli(capsys, root, "new", "map", "x", "--persona", "zhang-li", "--template", "banking")
    code, out, err = cli(capsys, root, "new", "map", "y", "--persona", "zhang-li", "--template", "banking")
    assert err == "the site's own template map-templates/banking.md is used in place of the built-in 'banking'\n"


def test_a_template_whose_name_holds_a_command_is_listed_escaped(site, capsys):
    root = site({"map-templates/x\n::error::owned.md": "{# template: a \x1b[2J description #}\n---\n---\n"})
    code, out, err = cli(capsys, root, "new", "--list")
    assert "  x\\n::error::owned   a \\x1b[2J description  (this site's own)" in out.splitlines()
    assert commands_in(out + err) == [] and "\x1b" not in out


def test_a_template_linked_from_outside_is_not_read(site, outside, capsys):
    secret = outside / "secret.md"
    secret.write_text("---\ntitle: SECRET\n---\n", encoding="utf-8")
    root = site({})
    (root / "map-templates").mkdir()
    (root / "map-templates/leak.md").symlink_to(secret)
    code, out, err = cli(capsys, root, "new", "map", "x", "--persona", "zhang-li", "--template", "leak")
    assert code == 1
    assert (
        err == "map-templates/leak.md is a link leading outside the project; templates are read only from inside it\n"
    )
    assert "SECRET" not in out + err and not (root / "maps/x").exists()


# -- 3: nothing read from outside the project --------------------------------------------------

LINK_OUTSIDE = "the link leads outside the project; maps and personas are read only from inside it"
NOT_A_FILE = "this is not an ordinary file (a device, a pipe, or a link to nothing); maps and personas must be files"


@pytest.fixture
def outside(tmp_path_factory) -> Path:
    """A folder beside the project holding what a contributor would like to read."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "journey").mkdir(parents=True)
    secret = MAP.replace("First purchase", "SECRET-VALUE")
    (folder / "credentials").write_text(secret, encoding="utf-8")
    (folder / "journey" / "current.md").write_text(secret, encoding="utf-8")
    return folder


def test_a_map_linked_to_a_file_outside_is_not_read(site, outside):
    root = site({})
    (root / "maps").mkdir()
    (root / "maps/evil.md").symlink_to(outside / "credentials")
    (root / "personas/evil.md").symlink_to(outside / "credentials")
    assert problems_of(root) == [f"maps/evil.md:1: {LINK_OUTSIDE}", f"personas/evil.md:1: {LINK_OUTSIDE}"]


def test_a_folder_linked_outside_is_reported_not_skipped(site, outside):
    root = site({})
    (root / "maps").mkdir()
    (root / "maps/stolen").symlink_to(outside / "journey")
    assert problems_of(root) == [f"maps/stolen:1: {LINK_OUTSIDE}"]


def test_links_inside_the_project_are_followed(site):
    root = site({"shared/first-purchase.md": MAP, "shared/people/sam-lee.md": PERSONA})
    (root / "maps").mkdir()
    (root / "maps/first-purchase.md").symlink_to(root / "shared/first-purchase.md")
    (root / "personas/sam-lee.md").symlink_to(root / "shared/people/sam-lee.md")
    (root / "maps/more").symlink_to(root / "maps", target_is_directory=True)  # a loop: read once
    catalog = catalog_of(root)
    assert list(catalog.journeys) == ["first-purchase"] and "sam-lee" in catalog.personas


def test_a_pipe_does_not_hang_validation(site):
    root = site({P: MAP})
    os.mkfifo(root / "maps/pipe.md")
    os.mkfifo(root / "personas/pipe.md")
    assert problems_of(root) == [f"maps/pipe.md:1: {NOT_A_FILE}", f"personas/pipe.md:1: {NOT_A_FILE}"]


def test_a_device_is_not_read():
    problems = Problems()
    assert read_document(Path("/dev/zero"), "maps/zero.md", problems).data is None
    assert [str(p) for p in problems.items] == [f"maps/zero.md:1: {NOT_A_FILE}"]
    with pytest.raises(OSError):
        read_bytes(Path("/dev/zero"), 10)


def test_a_link_to_a_device_is_a_link_outside(site):
    root = site({})
    (root / "maps").mkdir()
    (root / "maps/zero.md").symlink_to("/dev/zero")
    (root / "maps/nothing.md").symlink_to(root / "maps/gone.md")
    assert problems_of(root) == [f"maps/nothing.md:1: {NOT_A_FILE}", f"maps/zero.md:1: {LINK_OUTSIDE}"]


# -- 4: nothing written outside the project ----------------------------------------------------


def test_new_map_does_not_write_through_a_linked_folder(site, outside, capsys):
    root = site({})
    (root / "maps").mkdir()
    (root / "maps/x").symlink_to(outside, target_is_directory=True)
    code, out, err = cli(capsys, root, "new", "map", "x", "--persona", "zhang-li")
    assert code == 1
    assert err == "maps/x/current.md leads outside the project through a link; nothing is written there\n"
    assert sorted(p.name for p in outside.iterdir()) == ["credentials", "journey"]


def test_new_persona_over_a_dangling_link(site, outside, capsys):
    root = site({})
    (root / "personas/inside.md").symlink_to(root / "personas/nowhere.md")
    (root / "personas/away.md").symlink_to(outside / "planted.md")
    code, out, err = cli(capsys, root, "new", "persona", "inside")
    assert (code, err) == (1, "personas/inside.md already exists; journeymaps new never overwrites a file\n")
    code, out, err = cli(capsys, root, "new", "persona", "away")
    assert (code, err) == (1, "personas/away.md leads outside the project through a link; nothing is written there\n")
    assert not (outside / "planted.md").exists() and not (root / "personas/nowhere.md").exists()


MERMAID = "journey\n  title First purchase\n  section Awareness\n    Sees a post: 4: Zhang Li\n"


def test_import_force_does_not_overwrite_a_linked_maps_target(site, outside, capsys):
    root = site({"journey.mmd": MERMAID})
    (root / "maps/first-purchase").mkdir(parents=True)
    (root / "maps/first-purchase/current.md").symlink_to(outside / "credentials")
    code, out, err = cli(capsys, root, "import", "mermaid", str(root / "journey.mmd"), "--force")
    assert code == 1
    assert "maps/first-purchase/current.md leads outside the project through a link; nothing is written there" in err
    assert "SECRET-VALUE" in (outside / "credentials").read_text(encoding="utf-8")


def test_import_force_replaces_a_link_inside_rather_than_writing_through_it(site, capsys):
    root = site({"journey.mmd": MERMAID, "shared/kept.md": MAP})
    (root / "maps").mkdir()
    (root / "maps/first-purchase.md").symlink_to(root / "shared/kept.md")
    code, out, err = cli(capsys, root, "import", "mermaid", str(root / "journey.mmd"), "--force")
    assert code == 0, err
    assert not (root / "maps/first-purchase.md").is_symlink()
    assert (root / "shared/kept.md").read_text(encoding="utf-8") == MAP


def test_export_into_a_folder_is_refused(site, capsys):
    root = site({P: MAP})
    (root / "out").mkdir()
    code, out, err = cli(capsys, root, "export", "mermaid", "first-purchase", "-o", str(root / "out"))
    assert code == 1 and err.endswith("/out is a folder; give a file name, like " + err.split(" ")[0] + "/map.mmd\n")


# -- 6: no quadratic blow-ups -------------------------------------------------------------------


def steps_map(count: int) -> str:
    steps = "".join(f"      - name: Step {i}\n        emotion: 1\n" for i in range(count))
    return f"---\ntitle: Long\nstate: current\npersona: zhang-li\nstages:\n  - name: All\n    steps:\n{steps}---\n"


def test_a_map_with_too_many_steps_is_refused(site):
    root = site({"maps/long/current.md": steps_map(30_000)})
    assert problems_of(root) == [
        "maps/long/current.md:5: the map has 30,000 steps; a map may have at most 1,000 "
        "(split a long journey into smaller ones with 'part_of')"
    ]


def test_a_map_at_the_limit_is_accepted(site):
    root = site({"maps/long/current.md": steps_map(1000)})
    assert len(catalog_of(root).journeys["long"].states["current"].steps) == 1000


def test_a_huge_mermaid_file_is_not_read(site, capsys):
    root = site({"big.mmd": MERMAID + "    Pays: 3: Zhang Li\n" * 100_000})
    code, out, err = cli(capsys, root, "import", "mermaid", str(root / "big.mmd"))
    assert code == 1
    assert err.splitlines()[0].endswith(
        "big.mmd:1: the file is larger than 2 MB, far larger than any journey diagram; split it into smaller files"
    )


# -- 7: names that become paths -----------------------------------------------------------------


def test_a_long_tag_is_refused_before_anything_is_written(site):
    tag = "t" * 1000
    root = site({P: MAP.replace("state: current", f"state: current\ntags: [{tag}]")})
    assert problems_of(root) == [
        f"{P}:4: the tag '{'t' * 36}...' is 1000 characters long; it becomes a page's address, which allows at most 80"
    ]
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, timeout=300)
    assert done.returncode == 1 and not (root / "site").exists()


def test_a_long_chinese_journey_id_is_refused(site):
    journey = "旅" * 92
    root = site({P: MAP.replace("state: current", f"state: current\njourney: {journey}")})
    assert problems_of(root) == [
        f"{P}:4: the journey id '{'旅' * 36}...' is 92 characters long; it becomes a page's address, "
        "which allows at most 80"
    ]


def test_long_aliases_and_persona_ids_are_refused(site):
    alias, persona = "a" * 81, "p" * 81
    root = site(
        {P: MAP.replace("state: current", f"state: current\naliases: [{alias}]"), f"personas/{persona}.md": PERSONA}
    )
    assert problems_of(root) == [
        f"{P}:4: the alias '{'a' * 36}...' is 81 characters long; it becomes a page's address, which allows at most 80",
        f"personas/{persona}.md:1: the persona id '{'p' * 36}...' is 81 characters long; it becomes a page's "
        "address, which allows at most 80",
    ]


# -- 8: tags that would share a page ------------------------------------------------------------


def test_tags_that_would_share_a_page_are_reported(site):
    root = site(
        {
            P: MAP.replace("state: current", "state: current\ntags: [C, Mobile]"),
            "maps/other.md": MAP.replace("state: current", "state: current\ntags: [C++, 'C#', mobile, 'mobile!']"),
        }
    )
    shared = "; write it the same way, or choose a name that differs in its letters or digits"
    assert problems_of(root) == [
        f"maps/other.md:4: the tag 'C#' would share its page (tags/c/) with the tag 'C' ({P}:4){shared}",
        f"maps/other.md:4: the tag 'C++' would share its page (tags/c/) with the tag 'C' ({P}:4){shared}",
        f"maps/other.md:4: the tag 'mobile!' would share its page (tags/mobile/) with the tag 'Mobile' ({P}:4){shared}",
    ]


# -- 9: a channel's id on the touchpoints page ----------------------------------------------------


@pytest.mark.slow
def test_a_channel_with_quotes_gets_a_slug_for_an_id(site):
    from conftest import build_site, read_page

    root = site({P: MAP.replace("channel: social", """channel: 'chat "live" [beta]'""")})
    html = read_page(build_site(root), "touchpoints/index.html").source
    assert 'id="channel-chat-live-beta"' in html and 'aria-labelledby="channel-chat-live-beta"' in html


@pytest.mark.slow
def test_the_touchpoints_page_script_survives_a_channel_with_quotes(site, tab):
    from browser import SiteServer
    from conftest import build_site

    root = site({P: MAP.replace("channel: social", """channel: 'chat "live" [beta]'""")})
    server = SiteServer(build_site(root))
    try:
        tab.open(server.url + "touchpoints/#channel-chat-live-beta")
        tab.page.wait_for_load_state("networkidle")
        tab.page.mouse.wheel(0, 5000)  # the theme's table of contents follows the headings by their ids
        tab.page.wait_for_timeout(500)
        assert tab.page.evaluate("document.getElementById('channel-chat-live-beta').getBoundingClientRect().top") < 900
        assert tab.errors == []
    finally:
        server.close()


# -- 10: the smaller holes ----------------------------------------------------------------------


def test_github_format_on_a_chinese_site_speaks_chinese(site, capsys, monkeypatch):
    root = site({P: MAP.replace("emotion: 1", "emotion: 9")}, language="zh")
    monkeypatch.chdir(root)
    assert main(["validate", "--format", "github"]) == 1  # 'github' is the option's value, not the site folder
    assert capsys.readouterr().out.splitlines()[0] == (
        f"::error file={P},line=14,title=journeymaps::'emotion' 必须是 -2 到 2 之间的数字（本站的情绪刻度），而不是 9"
    )


def test_an_empty_persona_list_is_refused(site):
    root = site({P: MAP.replace("persona: zhang-li", "persona: []")})
    assert problems_of(root) == [f"{P}:4: 'persona' of the map is empty; it needs at least one item"]


def test_an_id_written_as_a_number_is_kept_as_written(site):
    written = MAP.replace("  - name: Awareness\n", "  - name: Awareness\n    id: 0x1f\n")
    root = site({P: written.replace("id: slow-pay", "id: 010").replace("[slow-pay]", "['010']")})
    m = catalog_of(root).journeys["first-purchase"].states["current"]
    assert m.stages[0].id == "0x1f" and m.pain_points[0].id == "010"


def test_a_loop_through_many_maps_is_reported_briefly(site):
    count = 1200
    files = {
        f"maps/j{i:04}.md": MAP.replace("state: current", f"state: current\npart_of: j{(i + 1) % count:04}")
        for i in range(count)
    }
    root = site(files)
    problems = problems_of(root)
    loops = [p for p in problems if "part of itself" in p]
    assert len(loops) == count and sum(len(p) for p in problems) < 1_000_000
    assert loops[0] == (
        "maps/j0000.md:4: 'part_of' makes journey 'j0000' part of itself (j0000 → j0001 → j0002 → j0003 → j0004 → "
        "j0005 → … 1193 more … → j1199 → j0000); a journey cannot contain itself"
    )


# A font that does not exist: tests/test_chinese.py, test_a_font_option_that_names_no_file_stops_the_build.


# -- 11: whole files or none --------------------------------------------------------------------


def test_atomic_write_replaces_a_link_and_leaves_nothing_half_written(tmp_path, monkeypatch):
    target, elsewhere = tmp_path / "cache" / "a.png", tmp_path / "elsewhere.png"
    elsewhere.write_bytes(b"kept")
    target.parent.mkdir()
    target.symlink_to(elsewhere)
    write_atomically(target, b"new")
    assert (target.read_bytes(), elsewhere.read_bytes(), target.is_symlink()) == (b"new", b"kept", False)

    def interrupted(*args):  # Ctrl-C, or a CI timeout, just before the new file takes the old one's place
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"half")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.png"]


def git_site(root: Path) -> list[str]:
    """A git repository of the site, committed; the git command to commit more."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    return git


def test_diff_says_what_the_base_could_not_read(tmp_path, capsys):
    root = write_site(tmp_path / "repo", {P: MAP.replace("emotion: 1", "emotion: [1")})
    git_site(root)
    (root / P).write_text(MAP, encoding="utf-8")
    code, out, err = cli(capsys, root, "diff", "main")
    assert err == (
        f"at main: {P}:14: invalid YAML: did not find expected ',' or ']', while parsing a flow sequence "
        "(compared as if it were not there)\n"
    )


def test_diff_does_not_call_a_persona_edited_for_her_maps_change(tmp_path, capsys):
    """Her photo is larger than the copy of the base revision reads whole: it is still there."""
    import random

    from PIL import Image

    noise = random.Random(21).randbytes(700 * 700 * 3)
    photo = Image.frombytes("RGB", (700, 700), noise)
    root = write_site(
        tmp_path / "repo", {P: MAP, "personas/zhang-li.md": PERSONA.replace("---\nB", "photo: z.png\n---\nB")}
    )
    photo.save(root / "personas/z.png")
    assert (root / "personas/z.png").stat().st_size > 1024 * 1024
    git_site(root)
    (root / P).write_text(MAP.replace("emotion: 1", "emotion: -1"), encoding="utf-8")
    code, out, err = cli(capsys, root, "diff", "main")
    assert (code, err) == (0, "")
    assert "Compared with `main`: 1 map changed." in out and "Zhang Li" not in out


# -- the security page shows the messages as they are ------------------------------------------


def test_the_security_page_quotes_real_messages():
    page = (REPO / "docs/security.md").read_text(encoding="utf-8")
    assert f"maps/evil.md:1: {LINK_OUTSIDE}" in page and f"maps/pipe.md:1: {NOT_A_FILE}" in page
    assert "maps/x/current.md leads outside the project through a link; nothing is written there" in page
    assert (
        "maps/long/current.md:5: the map has 30,000 steps; a map may have at most 1,000 "
        "(split a long journey into smaller ones with 'part_of')"
    ) in page
    assert HOSTILE_PROBLEMS[0].replace(P, "maps/open-account/current.md") in page
    assert "- Security: security.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_chinese_site_is_told_in_chinese(site, outside, capsys):
    root = site({}, language="zh")
    (root / "maps").mkdir()
    (root / "maps/evil.md").symlink_to(outside / "credentials")
    code, out, err = cli(capsys, root, "validate")
    assert out.splitlines()[0] == "maps/evil.md:1: 该链接指向项目之外；只读取项目之内的旅程图和用户画像"
