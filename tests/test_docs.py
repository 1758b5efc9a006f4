"""The docs are the contract: every YAML example in them is accepted by the validator and
the JSON Schema, and every key a fragment uses exists, so they cannot drift from the code."""

from __future__ import annotations

import io
import re
import textwrap

import pytest
import yaml
from conftest import REPO, problems_of, write_site
from journeymaps.format.fields import slugify
from journeymaps.format.spec import SHAPES
from journeymaps.settings import EDITOR_OPTIONS, OPTIONS, settings_from_options
from test_schema import EditorLoader, as_json, errors

DOCS = REPO / "docs"
_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
FORMAT_KEYS = {key.name for shape in SHAPES for key in shape.keys}


def blocks() -> list[tuple[str, str]]:
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        for index, block in enumerate(_BLOCK.findall(path.read_text(encoding="utf-8"))):
            found.append((f"{path.relative_to(REPO)}#{index + 1}", block))
    return found


WHOLE = [(name, text) for name, text in blocks() if text.startswith("---\n")]
FRAGMENTS = [(name, text) for name, text in blocks() if not text.startswith("---\n")]


def test_the_docs_have_examples():
    names = {name.split("#")[0] for name, _ in WHOLE}
    assert {"docs/format.md", "docs/authoring.md"} <= names
    assert len(FRAGMENTS) > 5


def tiny_image(name: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "#88a").save(out, format="JPEG" if name.endswith((".jpg", ".jpeg")) else "PNG")
    return out.getvalue()


def _front(text: str):
    return yaml.safe_load(text.split("---\n")[1])


def _stubs(data: dict) -> dict[str, str]:
    """What a single example refers to outside itself: personas, photos, the current state
    its 'resolves' names, the larger journey of 'part_of'."""
    files: dict[str, str | bytes] = {}
    personas = data.get("persona") or []
    for persona in [personas] if isinstance(personas, str) else personas:
        files[f"personas/{persona}.md"] = f"---\nname: {persona}\n---\n"
    steps = [step for stage in data.get("stages") or [] for step in stage.get("steps") or []]
    resolves = [
        pain
        for step in steps
        for pain in ([step["resolves"]] if isinstance(step.get("resolves"), str) else step.get("resolves") or [])
    ]
    journey = data.get("journey") or slugify(str(data.get("title", "x")))
    kpis = [kpi for stage in data.get("stages") or [] for kpi in stage.get("kpis") or []]
    for metric in {item["metric"] for item in [*kpis, *steps] if item.get("metric")}:
        files[f"metrics/{metric}.csv"] = "date,value\n2000-01-01,1\n2100-01-01,2\n"  # spans any baseline
    if resolves:
        pains = "".join(f"          - {{id: {p}, text: {p}}}\n" for p in resolves)
        files[f"maps/{journey}/current.md"] = (
            f"---\ntitle: T\nstate: current\npersona: stub\nstages:\n  - name: S\n    steps:\n"
            f"      - name: P\n        pain_points:\n{pains}---\n"
        )
        files["personas/stub.md"] = "---\nname: Stub\n---\n"
    if data.get("part_of"):
        larger, _, stage = str(data["part_of"]).partition("#")
        files[f"maps/{larger}.md"] = (
            f"---\ntitle: L\nstate: current\npersona: stub\nstages:\n  - name: {stage or 's'}\n    id: {stage or 's'}\n"
            "    steps: [{name: x}]\n---\n"
        )
        files["personas/stub.md"] = "---\nname: Stub\n---\n"
    return files


@pytest.mark.parametrize("name, text", WHOLE, ids=[n for n, _ in WHOLE])
def test_each_whole_example_is_valid(tmp_path, name, text):
    data = _front(text)
    is_map = "stages" in data or "state" in data
    assert errors("map" if is_map else "persona", as_json(yaml.load(text.split("---\n")[1], Loader=EditorLoader))) == []
    if is_map:
        journey = data.get("journey") or slugify(str(data["title"]))
        files = {**_stubs(data), f"maps/{journey}/{data['state']}.md": text}
    else:
        files = {f"personas/{slugify(str(data['name']))}.md": text}
        if data.get("photo"):
            files[f"personas/{data['photo']}"] = tiny_image(data["photo"])
    root = write_site(tmp_path, files)
    assert problems_of(root) == []


def _keys(value, skip: bool = False) -> set[str]:
    """Every mapping key in a YAML value, except inside mappings whose keys are the author's
    own (demographics, the channels a site adds)."""
    if isinstance(value, dict):
        found = set()
        for key, item in value.items():
            if not skip:
                found.add(str(key))
            found |= _keys(item, skip=key in ("demographics", "channels"))
        return found
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


CONFIG_KEYS = {"plugins", "journeymaps", "search", "theme", "language", "name", "label", "icon"}
# The form editor (docs/editor.md): its settings, where it saves, and what Decap CMS's backend takes.
CONFIG_KEYS |= {*EDITOR_OPTIONS, "repo_url", "edit_uri", "app_id", "api_root", "base_url"}


@pytest.mark.parametrize("name, text", FRAGMENTS, ids=[n for n, _ in FRAGMENTS])
def test_each_fragment_uses_keys_that_exist(name, text):
    data = yaml.safe_load(textwrap.dedent(text))
    unknown = _keys(data) - FORMAT_KEYS - set(OPTIONS) - CONFIG_KEYS
    assert unknown == set()
    if isinstance(data, dict) and "plugins" in data:
        for plugin in data["plugins"]:
            if isinstance(plugin, dict) and "journeymaps" in plugin:
                assert settings_from_options(plugin["journeymaps"] or {})[1] == []


def test_the_contract_is_in_the_repository():
    """Code and tests point at the format reference that ships with the project, not at a
    file outside it."""
    outside = "FORMAT" + ".md"
    sources = [*REPO.joinpath("plugins").rglob("*.py"), *REPO.joinpath("tests").rglob("*.py")]
    texts = {path: path.read_text(encoding="utf-8") for path in sources}
    assert [str(path) for path, text in texts.items() if outside in text] == []
    assert any("docs/format.md" in text for text in texts.values()) and (DOCS / "format.md").is_file()
