"""The form editor at admin/ (Decap CMS): its config.yml comes from the format's declaration
with the site's scale, channels and language; the site has admin/ only with the option on;
the backend comes from repo_url; and the editor's own reader and writer of files (run in
Node, as the browser runs it) keeps a file as it was but for what the author changed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from browser import require
from conftest import MAP, build_site, catalog_of, problems_of, write_site
from journeymaps.format.spec import MAP as MAP_SHAPE
from journeymaps.format.spec import PERSONA, Choice, Items, Key, Kind, Shape, Text, nested_shapes
from journeymaps.model import CHANNELS, LEVELS
from journeymaps.settings import EditorSetting, settings_from_options
from journeymaps.site.editor_config import (
    Context,
    NoWidget,
    editor_config,
    field_for,
    repository,
    shapes_for_script,
)
from journeymaps.site.editor_page import ASSETS
from journeymaps.text import CATALOGUE
from journeymaps.text import Text as Words

REPO = Path(__file__).resolve().parent.parent
GITHUB = "https://github.com/cx/journeys"


def config_for(options: dict | None = None, language: str = "en", site_url: str | None = None) -> dict:
    settings, errors = settings_from_options({"editor": True, **(options or {})}, language=language)
    assert errors == []
    repo, errors = repository(settings.editor, GITHUB, None)
    assert errors == []
    return editor_config(settings, Words(language), repo, site_url)


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def declared(shape: Shape) -> list[tuple[str, ...]]:
    """Every key of a shape and of the shapes in its lists, as paths, in order."""
    out = []
    for key in shape.keys:
        out.append((key.name,))
        if isinstance(key.kind, Items):
            out += [(key.name, *inner) for inner in declared(key.kind.shape)]
    return out


def named(fields: list[dict]) -> list[tuple[str, ...]]:
    out = []
    for f in fields:
        if f["name"] == "body":
            continue
        out.append((f["name"],))
        if "fields" in f:
            out += [(f["name"], *inner) for inner in named(f["fields"])]
    return out


def fields_at(fields: list[dict], *path: str) -> dict:
    for name in path[:-1]:
        fields = next(f for f in fields if f["name"] == name)["fields"]
    return next(f for f in fields if f["name"] == path[-1])


def test_the_config_names_every_key_of_the_declaration_in_its_order():
    config = config_for()
    assert named(collection(config, "maps")["fields"]) == declared(MAP_SHAPE)
    assert named(collection(config, "personas")["fields"]) == declared(PERSONA)
    every = [f for c in config["collections"] for f in _all_fields(c["fields"])]
    assert all(f.get("widget") for f in every)
    assert all(f["label"] and f["name"] != "body" and f.get("hint") for f in every if f["name"] != "body")


def _all_fields(fields: list[dict]) -> list[dict]:
    return [x for f in fields for x in (f, *_all_fields(f.get("fields", [])))]


def test_the_maps_fields_are_in_the_order_of_the_format_reference():
    """docs/format.md's map example, key by key: a file the editor writes reads like it."""
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if b.startswith("---\ntitle:"))
    data = yaml.safe_load(example.split("---")[1])
    maps = collection(config_for(), "maps")["fields"]
    order = [f["name"] for f in maps if f["name"] in data]
    assert order == list(data)
    step = data["stages"][0]["steps"][0]
    steps = fields_at(maps, "stages", "steps")["fields"]
    assert [f["name"] for f in steps if f["name"] in step] == list(step)


def test_a_new_key_gets_a_widget_by_its_kind_and_a_kind_without_one_stops_the_build():
    ctx = Context(settings_from_options({"editor": True})[0], Words("en"))
    shape = Shape("opportunity", "what.opportunity", (Key("impact", Choice(LEVELS)), Key("shipped", Text())))
    impact = field_for(shape, shape.keys[0], ctx)
    assert impact["widget"] == "select"
    assert impact["options"] == [{"label": "Low", "value": "low"}, {"label": "Medium", "value": "medium"},
                                 {"label": "High", "value": "high"}]  # fmt: skip
    assert field_for(shape, shape.keys[1], ctx)["widget"] == "string"

    class Shapeless(Kind):
        def schema(self, settings):
            return {"type": "object"}

    with pytest.raises(NoWidget, match="opportunity.odd: no editor widget for Shapeless"):
        field_for(shape, Key("odd", Shapeless()), ctx)


def test_every_key_has_a_label_in_every_language():
    """A key added to the declaration needs its label in text/editor.py (EN and ZH), so a
    Chinese site's editor has no English in it."""
    names = {k.name for s in (MAP_SHAPE, PERSONA, *nested_shapes(MAP_SHAPE)) for k in s.keys}
    for language in ("en", "zh"):
        missing = sorted(n for n in names if f"editor.key.{n}" not in CATALOGUE[language])
        assert missing == [], f"add editor.key.<name> to text/editor.py ({language.upper()}) for {missing}"


def test_the_site_scale_and_channels_are_the_forms():
    config = config_for({"emotion_scale": [1, 5], "channels": {"sms": {"label": "SMS"}, "web": "Our site"}})
    maps = collection(config, "maps")["fields"]
    emotion = fields_at(maps, "stages", "steps", "emotion")
    assert (emotion["widget"], emotion["value_type"], emotion["min"], emotion["max"]) == ("number", "float", 1, 5)
    channel = fields_at(maps, "stages", "steps", "channel")
    options = {o["value"]: o["label"] for o in channel["options"]}
    assert list(options) == [*CHANNELS, "sms"]
    assert (options["sms"], options["web"], options["app"]) == ("SMS", "Our site", "App")
    assert fields_at(maps, "stages", "steps", "pain_points", "severity")["options"][2] == {
        "label": "High",
        "value": "high",
    }
    assert [o["value"] for o in fields_at(maps, "sources", "kind")["options"]][:2] == ["interview", "survey"]
    persona = fields_at(maps, "persona")
    assert (persona["widget"], persona["collection"], persona["value_field"]) == ("relation", "personas", "{{slug}}")
    reviewed = fields_at(maps, "reviewed")
    assert (reviewed["widget"], reviewed["format"], reviewed["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    stages = fields_at(maps, "stages")
    assert (stages["widget"], stages["summary"], stages["min"]) == ("list", "{{fields.name}}", 1)
    assert fields_at(maps, "title")["required"] is True and fields_at(maps, "goal")["required"] is False


def test_a_chinese_site_gets_a_chinese_editor():
    config = config_for(language="zh")
    assert config["locale"] == "zh_Hans"
    maps = collection(config, "maps")
    assert maps["label"] == "旅程地图"
    assert fields_at(maps["fields"], "stages", "steps", "emotion")["label"] == "情绪"
    assert fields_at(maps["fields"], "state")["options"][0] == {"label": "现状", "value": "current"}
    assert fields_at(maps["fields"], "title")["hint"] == Words("zh")["schema.map.title"]


def test_collections_read_both_layouts_and_write_a_journeys_folder():
    config = config_for({"maps_dir": "journeys-src"})
    maps, personas = collection(config, "maps"), collection(config, "personas")
    # Two folders deep: maps/<journey>/<state>.md, and maps/<journey>.md with them.
    assert (maps["folder"], maps["path"], maps["format"]) == ("journeys-src", "{{slug}}/{{state}}", "journeymaps-map")
    assert (personas["folder"], personas["format"], personas["identifier_field"]) == (
        "personas",
        "journeymaps-persona",
        "name",
    )
    assert config["publish_mode"] == "editorial_workflow" and config["local_backend"] is True


@dataclass
class Host:
    repo_url: str
    edit_uri: str | None
    setting: dict


@pytest.mark.parametrize(
    "host, backend",
    [
        (Host(GITHUB, "edit/main/docs/", {}), {"name": "github", "repo": "cx/journeys", "branch": "main"}),
        (Host("https://github.com/cx/journeys.git", "blob/dev/docs/", {}), {"name": "github", "repo": "cx/journeys", "branch": "dev"}),
        (Host("https://gitlab.com/cx/maps/journeys", None, {"backend": {"app_id": "abc"}}),
         {"name": "gitlab", "repo": "cx/maps/journeys", "branch": "main", "auth_type": "pkce", "app_id": "abc"}),
        (Host("https://gitlab.internal.example/cx/journeys", "-/edit/trunk/docs/", {}),
         {"name": "gitlab", "repo": "cx/journeys", "branch": "trunk", "api_root": "https://gitlab.internal.example/api/v4",
          "base_url": "https://gitlab.internal.example"}),
        (Host("https://git.example.com/cx/journeys", "src/branch/main/docs/", {"backend": "gitea", "branch": "live"}),
         {"name": "gitea", "repo": "cx/journeys", "branch": "live", "api_root": "https://git.example.com/api/v1",
          "base_url": "https://git.example.com"}),
    ],
)  # fmt: skip
def test_the_backend_comes_from_repo_url(host, backend):
    settings, errors = settings_from_options({"editor": host.setting or True})
    assert errors == []
    repo, errors = repository(settings.editor, host.repo_url, host.edit_uri)
    assert errors == [] and repo.backend == backend


def test_a_host_that_does_not_say_what_it_is_is_asked_about():
    _, errors = repository(EditorSetting(), "https://git.example.com/cx/journeys", None)
    assert [Words("en").render(e) for e in errors] == [
        "editor: which kind of Git host is https://git.example.com/cx/journeys? Set editor.backend to one of github, gitlab, gitea"
    ]
    _, errors = repository(EditorSetting(), None, None)
    assert [Words("en").render(e) for e in errors] == [
        "editor: the editor saves to the site's repository: set repo_url (now None) to it"
    ]


def test_wrong_editor_settings_are_reported():
    _, errors = settings_from_options({"editor": {"publish_mode": "now", "backend": "svn", "colour": 1}})
    assert [Words("en").render(e) for e in errors] == [
        "editor: unknown key 'colour'; the keys are backend, branch, publish_mode, local_backend",
        "editor.backend: there is no backend 'svn'; the backends are github, gitlab, gitea",
        "editor.publish_mode must be one of editorial_workflow, simple, not 'now'",
    ]
    _, errors = settings_from_options({"editor": "yes"})
    assert [Words("en").render(e) for e in errors] == [
        "editor must be true, false or a mapping of its settings, not 'yes'"
    ]


def _with_repo(root: Path, repo_url: str = GITHUB) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(f"repo_url: {repo_url}\nedit_uri: edit/main/docs/\n{text}", encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_site_with_the_editor_has_admin_and_one_without_has_none(tmp_path):
    on = _with_repo(
        write_site(tmp_path / "on", {"maps/first-purchase/current.md": MAP}, options=":\n      editor: true")
    )
    site = build_site(on)
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'rel="cms-config-url"' in page and 'src="decap/decap-cms.js"' in page
    assert "https://" not in page  # nothing from another site
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config == config_for()
    assert (site / "admin" / "decap" / "decap-cms.js").stat().st_size > 1_000_000
    assert (site / "admin" / "journeymaps-format.js").is_file() and (site / "admin" / "yaml" / "index.js").is_file()
    off = _with_repo(write_site(tmp_path / "off", {"maps/first-purchase/current.md": MAP}))
    assert not (build_site(off) / "admin").exists()


def test_decap_cms_ships_with_its_notice():
    notice = (ASSETS / "THIRD-PARTY.md").read_text(encoding="utf-8")
    version = re.search(r"decap-cms (\d+\.\d+\.\d+)", notice).group(1)
    assert f"decap-cms@{version}" in (ASSETS / "decap" / "decap-cms.js").read_text(encoding="utf-8")
    assert (ASSETS / "decap" / "decap-cms.js.LICENSE.txt").is_file() and (ASSETS / "yaml" / "LICENSE").is_file()
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["devDependencies"]["decap-server"])


# --- The editor's reader and writer of files, run in Node as the browser runs it --------

NODE = shutil.which("node") or "/usr/bin/node"
RUN = """
import { formats } from %s;
const [shapes, kind, source, change] = JSON.parse(await new Promise(r => { let s = ""; process.stdin.on("data", d => s += d); process.stdin.on("end", () => r(s)); }));
const format = formats(shapes)[kind];
const data = source === null ? {} : format.fromFile(source);
const edit = new Function("data", change);
edit(data);
process.stdout.write(JSON.stringify({read: source === null ? null : format.fromFile(source), written: format.toFile(data)}));
"""


def run_format(source: str | None, change: str, kind: str = "map") -> tuple[dict | None, str]:
    require(NODE, "Node.js")
    script = RUN % json.dumps((ASSETS / "journeymaps-format.js").as_uri())
    shapes = shapes_for_script(settings_from_options({})[0])
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        input=json.dumps([shapes, kind, source, change]),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    out = json.loads(done.stdout)
    return out["read"], out["written"]


COMMENTED = """\
---
title: First purchase     # what the team calls it
state: current
persona: zhang-li
tags: [ecommerce, mobile]
stages:
  # The first stage.
  - name: Awareness
    steps:
      - name: Sees a post
        actions: Scrolls the feed
        emotion: 1                # 9 interviews
        pain_points: [Payment is slow]
        opportunities:
          - {text: One-tap payment, status: idea}
---
Notes.
"""


def test_changing_one_emotion_changes_that_line_alone():
    _, written = run_format(COMMENTED, "data.stages[0].steps[0].emotion = -1.5;")
    changed = [(a, b) for a, b in zip(COMMENTED.splitlines(), written.splitlines(), strict=True) if a != b]
    assert changed == [
        ("        emotion: 1                # 9 interviews", "        emotion: -1.5                # 9 interviews")
    ]


def test_nothing_changed_writes_the_file_as_it_was():
    _, written = run_format(COMMENTED, "")
    assert written == COMMENTED


def test_one_text_is_read_as_a_list_and_a_plain_pain_point_as_its_text():
    read, _ = run_format(COMMENTED, "")
    step = read["stages"][0]["steps"][0]
    assert step["actions"] == ["Scrolls the feed"]
    assert step["pain_points"] == [{"text": "Payment is slow"}]
    assert read["persona"] == ["zhang-li"] and read["body"] == "Notes.\n"


def test_an_added_pain_point_keeps_the_comments_and_the_other_items_as_written(tmp_path):
    change = "data.stages[0].steps[0].pain_points.push({text: 'yes', severity: 'high'}); data.stages[0].steps[0].feeling = 'curious';"
    _, written = run_format(COMMENTED, change)
    assert "title: First purchase # what the team calls it" in written
    assert "  # The first stage.\n" in written
    assert 'pain_points: [Payment is slow, {text: "yes", severity: high}]' in written  # 'yes' stays a text
    assert (
        "emotion: 1 # 9 interviews\n        feeling: curious\n        pain_points:" in written
    )  # where format.md puts it
    root = write_site(tmp_path, {"maps/first-purchase/current.md": written})
    assert problems_of(root) == []


def test_a_new_map_is_written_in_the_order_of_the_format_without_empty_fields(tmp_path):
    change = """Object.assign(data, {stages: [{name: 'Awareness', description: '', steps: [{emotion: 1, name: 'Sees a post',
        moment_of_truth: false, actions: ['Scrolls'], pain_points: [{text: 'Slow', severity: ''}]}]}],
        persona: ['zhang-li'], state: 'current', title: 'First purchase', tags: [], body: 'Notes.'});"""
    _, written = run_format(None, change)
    assert written == (
        "---\ntitle: First purchase\nstate: current\npersona: zhang-li\nstages:\n  - name: Awareness\n    steps:\n"
        "      - name: Sees a post\n        actions: Scrolls\n        emotion: 1\n        pain_points:\n"
        "          - text: Slow\n---\n\nNotes."
    )
    root = write_site(tmp_path, {"maps/first-purchase/current.md": written})
    assert problems_of(root) == []


def test_the_editor_page_holds_the_sites_words_as_text():
    from journeymaps.site.editor_page import admin_page

    settings = settings_from_options({"editor": True, "channels": {"sms": "</script><!--<b>SMS"}})[0]
    page = admin_page(settings, Words("en"))
    data = page.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert json.loads(data)["channels"]["sms"] == "</script><!--<b>SMS"


def test_a_text_of_several_lines_is_written_where_it_belongs(tmp_path):
    _, written = run_format(COMMENTED, "data.stages[0].steps[0].name = 'Sees a post\\nand likes it';")
    root = write_site(tmp_path, {"maps/first-purchase/current.md": written})
    assert problems_of(root) == []
    assert (
        catalog_of(root).journeys["first-purchase"].states["current"].stages[0].steps[0].name
        == "Sees a post\nand likes it"
    )
