"""The JSON Schema, derived from the format's one declaration: it accepts every valid file
of the repository and the docs, and rejects the broken files of the rule tests wherever a
schema can judge them (rules across values and files are the validator's alone)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
import yaml
from conftest import REPO
from journeymaps.format.reader import split_front_matter
from journeymaps.format.schema import json_schema
from journeymaps.settings import Settings
from journeymaps.text import Text
from jsonschema import Draft202012Validator
from test_rules import CASES

SETTINGS = Settings()


def validator(document: str, settings: Settings = SETTINGS) -> Draft202012Validator:
    schema = json_schema(document, settings, Text("en"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


class EditorLoader(yaml.SafeLoader):
    """YAML as editors' tooling reads it (YAML 1.2's core schema): dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_json(value):
    """What an editor's YAML tooling hands a schema: dates are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def front_matter(text: str):
    parts = split_front_matter(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    assert parts is not None
    return as_json(yaml.load(parts[0], Loader=EditorLoader) or {})


def errors(document: str, data, settings: Settings = SETTINGS) -> list[str]:
    return sorted(e.message for e in validator(document, settings).iter_errors(data))


@pytest.mark.parametrize(
    "path",
    sorted(str(p.relative_to(REPO)) for p in [*(REPO / "maps").rglob("*.md"), *(REPO / "personas").glob("*.md")]),
)
def test_every_file_of_the_repository_is_valid(path):
    document = "persona" if path.startswith("personas/") else "map"
    assert errors(document, front_matter((REPO / path).read_text(encoding="utf-8"))) == []


# Broken files of the rule tests that a schema cannot judge: references, ids that repeat,
# places in the site, and things YAML has already settled before a schema sees them.
NOT_FOR_A_SCHEMA = {
    "duplicate key",
    "duplicate key in a step",
    "unknown persona",
    "unknown persona in a list",
    "unknown source in step evidence",
    "unknown source in pain point evidence",
    "unknown pain point in addresses",
    "resolves in a current state",
    "resolves naming an unknown pain point of the current state",
    "resolves in a future state read before its current state",
    "resolves without a current state",
    "repeated stage id",
    "repeated step id",
    "repeated pain point id",
    "repeated opportunity id",
    "repeated source id",
    "a name that makes no id",
    "two files claiming the same journey and state",
    "two files claiming the same journey through journey:",
    "state that disagrees with the file name",
    "a file in a journey folder that is not a state",
    "a folder name that is not a journey id",
    "an alias that is another journey's id",
    "persona photo missing",
    "persona photo outside the project",
    "persona photo that is a URL",
    "persona photo with a NUL in its name",
    "persona file name that is not an id",
}


def _broken_file(files: dict[str, str], expected: list[str]) -> tuple[str, str]:
    """The file a rule case is about: the one its first problem names."""
    path = expected[0].split(":", 1)[0]
    return path, files[path]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_schema_rejects_the_broken_files_it_can_judge(case):
    files, expected = CASES[case]
    path, text = _broken_file(files, expected)
    document = "persona" if path.startswith("personas/") else "map"
    found = errors(document, front_matter(text))
    if case in NOT_FOR_A_SCHEMA:
        assert found == [], "the schema judges what only the validator can: move the case out of NOT_FOR_A_SCHEMA"
    else:
        assert found != []


def test_the_schema_has_the_sites_scale_and_channels():
    settings = Settings(emotion_scale=(1.0, 5.0), channels={"sms": None})  # type: ignore[dict-item]
    step = json_schema("map", settings, Text("en"))["$defs"]["step"]["properties"]
    assert (step["emotion"]["minimum"], step["emotion"]["maximum"]) == (1.0, 5.0)
    assert "sms" in step["channel"]["anyOf"][0]["enum"] and "web" in step["channel"]["anyOf"][0]["enum"]
    data = front_matter((REPO / "maps/open-account/current.md").read_text(encoding="utf-8"))
    assert any("is less than the minimum of 1" in e for e in errors("map", data, settings))


def test_choices_forgive_capitals_and_spaces_as_the_validator_does():
    data = {"title": "T", "state": " Current", "persona": "p", "stages": [{"name": "A", "steps": [{"name": "S"}]}]}
    assert errors("map", data) == []
    assert errors("map", {**data, "state": "today"}) != []


def test_every_key_is_described_in_both_languages():
    for language in ("en", "zh"):
        schema = json_schema("map", SETTINGS, Text(language))
        shapes = [schema, *schema["$defs"].values()]
        assert all(p["description"] for s in shapes for p in s["properties"].values())


def test_the_command_prints_the_schema_of_the_site(site):
    root = site({}, options=":\n      emotion_scale: [1, 5]")
    result = subprocess.run(
        [sys.executable, "-m", "journeymaps", "schema", "map"], cwd=root, capture_output=True, text=True, check=True
    )
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$defs"]["step"]["properties"]["emotion"]["maximum"] == 5
    out = root / "schemas" / "persona.json"
    subprocess.run(
        [sys.executable, "-m", "journeymaps", "schema", "persona", "-o", str(out), "--lang", "zh"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    assert json.loads(out.read_text(encoding="utf-8"))["properties"]["name"]["description"] == "必填。用户画像的名字。"


def test_without_mkdocs_yml_the_command_says_where_it_looked(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "journeymaps", "schema", "map"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{tmp_path}: no mkdocs.yml here; pass the folder that holds the site's mkdocs.yml with --site"
    )
