"""The Mermaid we write, read by Mermaid itself: the npm package pinned in package.json,
loaded from node_modules into headless Chromium (no network), parses and draws every
exported demo map, and shows each name as the map has it, reserved characters included."""

from __future__ import annotations

import shutil

import pytest
from browser import NODE_MODULES, REPO, require
from conftest import catalog_of
from journeymaps.authoring.mermaid import map_as_mermaid
from journeymaps.cli import main
from journeymaps.model import Map, Stage, Step
from journeymaps.settings import Settings
from journeymaps.siteconfig import load_settings
from journeymaps.text import Text
from test_mermaid import DATA, HOSTILE

pytestmark = pytest.mark.slow

MERMAID_JS = NODE_MODULES / "mermaid" / "dist" / "mermaid.min.js"

# Parse, then draw; what a reader sees: every text of the drawing, and the accessible
# title and description.
DRAW = """async ([source, id]) => {
  try { await mermaid.parse(source); } catch (error) { return {error: String(error.message || error)}; }
  const {svg} = await mermaid.render(id, source);
  const box = document.createElement('div');
  box.innerHTML = svg;
  const drawing = box.querySelector('svg');
  return {
    kind: drawing.getAttribute('aria-roledescription'),
    texts: [...drawing.querySelectorAll('text, foreignObject')].map(t => t.textContent),
    title: drawing.querySelector(':scope > title')?.textContent ?? null,
    desc: drawing.querySelector(':scope > desc')?.textContent ?? null,
  };
}"""


@pytest.fixture(scope="module")
def mermaid_page(browser):
    require(MERMAID_JS, "mermaid (npm)")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!doctype html><html lang='en'><head><meta charset='utf-8'></head><body></body></html>")
    page.add_script_tag(path=str(MERMAID_JS))
    page.evaluate("mermaid.initialize({startOnLoad: false})")
    counter = iter(range(10**6))

    def draw(source: str) -> dict:
        return page.evaluate(DRAW, [source, f"d{next(counter)}"])

    yield draw
    page.close()
    assert errors == []


def _squeezed(text: str) -> str:
    return "".join(text.split())  # long names wrap over several lines of the drawing


def assert_shows(drawn: dict, m: Map, names: dict[str, str]) -> None:
    assert "error" not in drawn, drawn.get("error")
    assert drawn["kind"] == "journey"
    texts = [_squeezed(t) for t in drawn["texts"]]
    for wanted in [m.title, *(s.name for s in m.stages), *(s.name for s in m.steps), *names.values()]:
        assert _squeezed(wanted) in texts, wanted
    for step in m.steps:
        for actor in step.actors:
            assert _squeezed(actor) in texts, actor


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_demo_map_is_parsed_and_drawn_by_mermaid(mermaid_page, language):
    catalog = catalog_of(REPO)
    scale = load_settings(REPO).emotion_scale
    for m in catalog.maps():
        drawn = mermaid_page(map_as_mermaid(m, catalog.personas, scale, Text(language)))
        names = {p: catalog.personas[p].name for p in m.persona[:1]}
        assert_shows(drawn, m, names)
        assert drawn["title"] == Text(language)(
            "mermaid.acc_title", title=m.title, state=Text(language)[f"state_word.{m.state}"]
        )
        assert drawn["desc"] == m.description


def test_names_with_what_mermaid_reserves_are_shown_as_written(mermaid_page):
    stages = [
        Stage(f"s{i}", name, steps=[Step(f"t{i}", name, emotion=i % 5 - 2, actors=[name])])
        for i, name in enumerate(HOSTILE)
    ]
    m = Map("x", "current", "Title: with #, ; and 100%%", ["p"], stages, description="Desc; #1, 50%% done")
    drawn = mermaid_page(map_as_mermaid(m, {}, Settings().emotion_scale, Text("en")))
    assert_shows(drawn, m, {"p": "p"})
    assert drawn["desc"] == m.description


def test_mermaid_refuses_a_colon_in_a_section_name_which_we_read_and_write_safely(
    mermaid_page, tmp_path, monkeypatch, capsys
):
    """Mermaid's lexer ends a section name at ':', so the corpus's founder-onboarding.md does
    not draw in Mermaid; imported and exported again, it does."""
    source = (DATA / "founder-onboarding.md").read_text(encoding="utf-8")
    block = source.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "Parse error" in mermaid_page(block)["error"]
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["import", "mermaid", str(DATA / "founder-onboarding.md")]) == 0
    capsys.readouterr()
    assert main(["export", "mermaid", "founder-onboarding-journey"]) == 0
    exported = capsys.readouterr().out
    catalog = catalog_of(tmp_path)
    m = catalog.journeys["founder-onboarding-journey"].states["current"]
    assert_shows(mermaid_page(exported), m, {"founder": "Founder"})


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.mmd")))
def test_the_corpus_diagrams_draw_in_mermaid(mermaid_page, name):
    """The .mmd files as their authors wrote them are Mermaid (scores above 5 included)."""
    drawn = mermaid_page((DATA / name).read_text(encoding="utf-8"))
    assert "error" not in drawn and drawn["kind"] == "journey"
