"""The starting templates of `journeymaps new`: every one, in every language, rendered the
way the command renders it, is a valid and complete example map (or persona) in a real site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, catalog_of, problems_of, write_site
from jinja2 import Environment, FileSystemLoader
from journeymaps.model import CHANNELS

TEMPLATES = REPO / "plugins/journeymaps/authoring/templates"
INDUSTRIES = ["b2b", "banking", "day-in-the-life", "ecommerce", "healthcare", "saas", "service-blueprint"]
LANGUAGES = ["en", "zh"]
TYPES = {"service-blueprint": "service-blueprint", "day-in-the-life": "day-in-the-life"}
TRICKY = 'Checkout: "quotes" and #hash'
DESCRIPTION = re.compile(r"\{# template: (\S.*\S) #\}\n---\n")


def render(path: Path, **values: str) -> str:
    """As the command renders: no autoescape, trimmed blocks, a `yaml` filter that quotes."""
    env = Environment(loader=FileSystemLoader(str(path.parent)), trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    text = env.get_template(path.name).render(**values)
    return text if text.endswith("\n") else text + "\n"


def new_map(tmp_path: Path, template: str, language: str, title: str, state: str = "current") -> Path:
    """A site with the persona made from the persona template and one map made from `template`."""
    persona = render(TEMPLATES / f"personas/persona.{language}.md", name="Chen Jing", id="chen-jing")
    content = render(
        TEMPLATES / f"maps/{template}.{language}.md",
        title=title,
        journey="my-journey",
        state=state,
        persona="chen-jing",
        today="2026-11-27",
    )
    files = {"personas/chen-jing.md": persona, f"maps/my-journey/{state}.md": content}
    return write_site(tmp_path, files, language=language)


def test_the_files_are_all_there():
    maps = sorted(p.name for p in (TEMPLATES / "maps").iterdir())
    assert maps == sorted(f"{name}.{lang}.md" for name in INDUSTRIES for lang in LANGUAGES)
    assert sorted(p.name for p in (TEMPLATES / "personas").iterdir()) == ["persona.en.md", "persona.zh.md"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", INDUSTRIES)
def test_each_template_is_a_complete_valid_map(tmp_path, template, language):
    root = new_map(tmp_path, template, language, TRICKY)
    assert problems_of(root) == []
    m = catalog_of(root).journeys["my-journey"].states["current"]
    assert m.title == TRICKY, "the title kept exactly, YAML syntax and all"
    assert m.persona == ["chen-jing"]
    assert m.type == TYPES.get(template, m.type)
    assert m.description and m.goal and m.scope and m.owner and m.tags
    assert m.sources
    assert len(m.stages) >= 4
    assert all(stage.description and 2 <= len(stage.steps) <= 3 for stage in m.stages)
    for step in m.steps:
        assert step.touchpoint and step.channel, step.id
        assert step.emotion is not None and step.feeling, step.id
    assert {step.channel for step in m.steps} <= set(CHANNELS), "the channels every site knows"
    assert any(step.moment_of_truth for step in m.steps)
    emotions = [step.emotion for step in m.steps]
    assert min(emotions) <= -1 and max(emotions) >= 1, "a curve with peaks and valleys"
    assert len(m.pain_points) >= 3
    assert all(p.severity and p.evidence for p in m.pain_points)
    opportunities = [o for step in m.steps for o in step.opportunities]
    assert opportunities and all(o.priority and o.owner and o.status and o.addresses for o in opportunities)
    lanes = [(step.frontstage, step.backstage, step.support) for step in m.steps]
    if template == "service-blueprint":
        assert all(front and back and support for front, back, support in lanes)
    else:
        assert not any(any(lane) for lane in lanes), "the blueprint lanes belong to the blueprint"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", INDUSTRIES)
def test_stage_and_step_ids_are_set_in_english(tmp_path, template, language):
    source = (TEMPLATES / f"maps/{template}.{language}.md").read_text(encoding="utf-8")
    ids = re.findall(r"^ {4}id: (.*?)(?:\s+#.*)?$|^ {8}id: (.*?)(?:\s+#.*)?$", source, re.MULTILINE)
    root = new_map(tmp_path, template, language, "x")
    m = catalog_of(root).journeys["my-journey"].states["current"]
    written = [stage or step for stage, step in ids]
    assert written == [ident for stage in m.stages for ident in [stage.id, *(s.id for s in stage.steps)]]
    assert all(re.fullmatch(r"[a-z0-9-]+", ident) for ident in written), "links that survive a translation"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", INDUSTRIES)
def test_a_future_state_from_a_template_is_valid(tmp_path, template, language):
    root = new_map(tmp_path, template, language, "Tomorrow", state="future")
    assert problems_of(root) == []
    assert catalog_of(root).journeys["my-journey"].states["future"].state == "future"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", INDUSTRIES)
def test_the_file_is_commented_and_dated(tmp_path, template, language):
    root = new_map(tmp_path, template, language, "x")
    text = (root / "maps/my-journey/current.md").read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert "\n# reviewed: 2026-11-27\n" in front, "a review date to uncomment"
    assert "# resolves:" in front, "where resolves goes, commented out in a current state"
    assert sum(line.lstrip().startswith("#") or " # " in line for line in front.splitlines()) >= 10
    assert "{" + "#" not in text and "{{" not in text, "nothing of Jinja left"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", [*(f"maps/{n}" for n in INDUSTRIES), "personas/persona"])
def test_each_template_describes_itself_on_line_one(path, language):
    source = (TEMPLATES / f"{path}.{language}.md").read_text(encoding="utf-8")
    found = DESCRIPTION.match(source)
    assert found, "line 1: {# template: <one line> #}, then the front matter"
    description = found.group(1)
    assert len(description) <= 70
    assert bool(re.search(r"[\u4e00-\u9fff]", description)) == (language == "zh"), "in the file's language"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_persona_template_fills_every_key(tmp_path, language):
    root = new_map(tmp_path, "ecommerce", language, "x")
    assert problems_of(root) == []
    persona = catalog_of(root).personas["chen-jing"]
    assert persona.name == "Chen Jing"
    for key in (
        "role",
        "segment",
        "quote",
        "demographics",
        "goals",
        "frustrations",
        "needs",
        "motivations",
        "channels",
    ):
        assert getattr(persona, key), key
    assert persona.photo is None
    text = (root / "personas/chen-jing.md").read_text(encoding="utf-8")
    assert re.search(r"^# photo: chen-jing\.(jpg|png|webp)\b", text, re.MULTILINE), "the photo line, commented out"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_persona_name_with_yaml_syntax_is_kept_exactly(tmp_path, language):
    persona = render(TEMPLATES / f"personas/persona.{language}.md", name=TRICKY, id="x")
    root = write_site(tmp_path, {"personas/x.md": persona})
    assert problems_of(root) == []
    assert catalog_of(root).personas["x"].name == TRICKY
