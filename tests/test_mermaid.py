"""Mermaid journey diagrams both ways: the corpus of real diagrams (tests/data/mermaid, from
public repositories) into maps that validate, every piece of Mermaid's journey syntax, files
never overwritten, and every demo map out to Mermaid and back."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import MAP, REPO, build_site, catalog_of, problems_of
from journeymaps.authoring.frontmatter import map_document, persona_document
from journeymaps.authoring.mermaid import (
    NO_EMOTION,
    Diagram,
    Section,
    Task,
    emotion_to_score,
    markdown_blocks,
    parse_block,
    write_diagram,
)
from journeymaps.cli import main
from journeymaps.format.problems import Problems
from journeymaps.model import Catalog
from journeymaps.site.export import map_data
from journeymaps.siteconfig import load_settings
from journeymaps.text import Text

DATA = Path(__file__).parent / "data" / "mermaid"


def run(root: Path, monkeypatch, capsys, *args: str) -> tuple[int, list[str], list[str]]:
    """journeymaps in this process, from the site folder: exit code, stdout and stderr lines."""
    monkeypatch.chdir(root)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), [line for line in err.splitlines() if line]


def diagram(text: str) -> tuple[list[Diagram], Problems]:
    problems = Problems()
    lines = list(enumerate(textwrap.dedent(text).strip("\n").split("\n"), start=1))
    return parse_block(lines, "d.mmd", problems)[0], problems


def steps(catalog: Catalog, journey: str, state: str = "current") -> list[tuple]:
    m = catalog.journeys[journey].states[state]
    return [(stage.name, step.name, step.emotion, step.actors) for stage in m.stages for step in stage.steps]


# --- the corpus -------------------------------------------------------------------------

# file: journey id, personas, stages, steps, steps with an emotion
CORPUS = {
    "checkout-experience.mmd": ("checkout-experience", ["shopper"], 2, 5, 5),
    "dr-finance.mmd": ("rotina-diária-do-dr-finance", ["ct-101", "ct-106", "ct-102"], 3, 12, 12),
    "enrollment.mmd": ("prospective-enrollment-journey-ep001-and-hep001", ["pharmacist", "patient"], 4, 8, 8),
    "founder-onboarding.md": ("founder-onboarding-journey", ["founder", "ai", "system"], 4, 17, 17),
    "shopping.mmd": ("user-shopping-experience", ["user"], 2, 4, 4),
    "terrarium.mmd": ("your-javascript-dom-journey", ["student"], 3, 9, 9),
    "tizumark-day.mmd": ("用户使用-tizumark-的一天", ["用户"], 2, 6, 6),
    "working-day.mmd": ("my-working-day", ["me"], 2, 5, 5),
}


def test_the_corpus_is_all_here():
    assert sorted(p.name for p in DATA.iterdir()) == sorted([*CORPUS, "snowball-growth.mmd"])


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_corpus_file_imports_into_a_valid_map(site, monkeypatch, capsys, name):
    root = site({})
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", str(DATA / name))
    assert code == 0, err
    assert err == []
    assert problems_of(root) == []
    journey, personas, stages, count, emotions = CORPUS[name]
    m = catalog_of(root).journeys[journey].states["current"]
    assert m.persona == personas
    assert (len(m.stages), len(m.steps), sum(s.emotion is not None for s in m.steps)) == (stages, count, emotions)
    assert out[0].startswith(f"wrote maps/{journey}/current.md (")
    assert [line.split(":")[0] for line in out[1:]] == [f"wrote personas/{p}.md" for p in personas]


def test_corpus_values(site, monkeypatch, capsys):
    root = site({})
    names = ("working-day.mmd", "enrollment.mmd", "tizumark-day.mmd", "founder-onboarding.md")
    code, _, err = run(root, monkeypatch, capsys, "import", "mermaid", *(str(DATA / name) for name in names))
    assert code == 0, err
    catalog = catalog_of(root)
    assert steps(catalog, "my-working-day") == [
        ("Go to work", "Make tea", 2, []),
        ("Go to work", "Go upstairs", 0, []),
        ("Go to work", "Do work", -2, ["Cat"]),
        ("Go home", "Go downstairs", 2, []),
        ("Go home", "Sit down", 0, []),
    ]
    assert catalog.journeys["my-working-day"].states["current"].title == "My working day"
    assert catalog.personas["me"].name == "Me"
    # a task whose first actor is another persona keeps it among its actors
    enrollment = steps(catalog, "prospective-enrollment-journey-ep001-and-hep001")
    assert enrollment[:2] == [
        ("Screening", "Eligibility check", 1, []),
        ("Screening", "Informed consent", 0, ["Patient"]),
    ]
    assert steps(catalog, "用户使用-tizumark-的一天")[-2:] == [
        ("下午", "导出 HTML", 2, []),
        ("下午", "分享给同事", 2, ["同事"]),
    ]
    founder = catalog.journeys["founder-onboarding-journey"].states["current"]
    assert [s.name for s in founder.stages] == [
        "Step 1: Context",
        "Step 2: Analysis",
        "Step 3: Interview",
        "Step 4: Review",
    ]
    assert [s.id for s in founder.stages] == ["step-1-context", "step-2-analysis", "step-3-interview", "step-4-review"]
    assert steps(catalog, "founder-onboarding-journey")[2] == ("Step 1: Context", "Click Smart Autofill", 2, ["AI"])


def test_scores_above_five_are_refused_with_their_lines(site, monkeypatch, capsys):
    root = site({})
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", str(DATA / "snowball-growth.mmd"))
    assert code == 1
    assert out == []
    shown = str(DATA / "snowball-growth.mmd")
    assert err[0] == (
        f"{shown}:8: the score 6 of task '雪球开始变大' is outside Mermaid's 1 to 5; pass --rescale to read this "
        "diagram's scores on a scale of 1 to 10"
    )
    assert [line.split(": ")[0] for line in err[:-1]] == [f"{shown}:{n}" for n in (8, 10, 11, 13, 14)]
    assert err[-1] == "5 problems; nothing was written"
    assert not (root / "maps").exists() and sorted(p.name for p in (root / "personas").iterdir()) == ["zhang-li.md"]


def test_rescale_reads_the_diagrams_own_range_and_says_so(site, monkeypatch, capsys):
    root = site({})
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "--rescale", str(DATA / "snowball-growth.mmd"))
    assert code == 0, err
    assert out[0] == (
        f"{DATA / 'snowball-growth.mmd'}:1: scores run outside 1 to 5: read on a scale of 1 to 10 and mapped onto "
        "the emotion scale, -2 to 2"
    )
    assert out[1] == "wrote maps/用户的雪球成长之旅/current.md ('用户的雪球成长之旅'): 4 stages, 8 steps, from " + (
        f"{DATA / 'snowball-growth.mmd'}:1"
    )
    emotions = [e for _, _, e, _ in steps(catalog_of(root), "用户的雪球成长之旅")]
    assert emotions == [-0.22, -0.67, -0.22, 0.22, 0.67, 1.11, 1.56, 2]
    assert problems_of(root) == []


def test_scores_map_onto_the_sites_scale(site, monkeypatch, capsys):
    root = site({}, options=":\n      emotion_scale: [0, 10]")
    code, _, err = run(root, monkeypatch, capsys, "import", "mermaid", str(DATA / "working-day.mmd"))
    assert code == 0, err
    assert [e for _, _, e, _ in steps(catalog_of(root), "my-working-day")] == [10, 5, 0, 10, 5]


# --- the syntax -------------------------------------------------------------------------


def test_everything_mermaid_allows_around_the_tasks():
    found, problems = diagram(
        """
        ---
        title: From front matter
        config:
          theme: forest
        ---
        %%{init: {"journey": {"diagramMarginX": 20}}}%%
        %%{
          init: {"theme": "dark"}
        }%%
        JOURNEY
        %% a comment
        \tTitle My working day
          accTitle: Accessible title
          accDescr {
            How a day goes,
            from tea to sofa.
          }
        # a comment too
        \tSECTION Go to work: morning
        \t\tMake tea : 5 : Me , Cat   %% trailing comment
        \t\tGo upstairs:3:Me # trailing comment
          Section Go home
              Sit down: 2.5
        """
    )
    assert problems.items == []
    (d,) = found
    assert (d.title, d.acc_title, d.description) == (
        "My working day",
        "Accessible title",
        "How a day goes, from tea to sofa.",
    )
    assert d.line == 10
    assert [(s.name, s.line) for s in d.sections] == [("Go to work: morning", 19), ("Go home", 22)]
    assert [(t.name, t.score, t.actors, t.line) for t in d.tasks] == [
        ("Make tea", 5, ["Me", "Cat"], 20),
        ("Go upstairs", 3, ["Me"], 21),
        ("Sit down", 2.5, [], 23),
    ]


def test_front_matter_title_when_the_diagram_has_none():
    (d,), _ = diagram("---\ntitle: Onboarding\n---\njourney\nsection A\nT: 1: Me")
    assert d.title == "Onboarding"
    (d,), _ = diagram("journey\naccDescr: One line; with # kept\nsection A\nT: 1: Me")
    assert d.title is None and d.description == "One line; with # kept"


def test_entity_codes_are_the_characters_they_stand_for():
    (d,), problems = diagram(
        "journey\ntitle A#59; B\nsection Step 1#58; Context\nMake#58; tea #35;1: 5: Me#44; myself, #quot;Cat#quot;"
    )
    assert problems.items == []
    assert d.title == "A; B"
    assert d.sections[0].name == "Step 1: Context"
    assert d.tasks[0].name == "Make: tea #1"
    assert d.tasks[0].actors == ["Me, myself", '"Cat"']


def test_tasks_before_any_section_and_gaps():
    (d,), _ = diagram(f"journey\nFirst: 4: Me\nsection Later\nEmpty score: : Me\n{NO_EMOTION}\nMarked: 3: Me")
    assert [(s.name, [(t.name, t.score) for t in s.tasks]) for s in d.sections] == [
        (None, [("First", 4)]),
        ("Later", [("Empty score", None), ("Marked", None)]),
    ]


def test_a_second_journey_line_starts_a_second_diagram():
    found, problems = diagram("journey\ntitle A\nsection S\nT: 1: Me\n\njourney\ntitle B\nsection S\nT: 5: Me")
    assert problems.items == []
    assert [(d.title, d.line, [t.score for t in d.tasks]) for d in found] == [("A", 1, [1]), ("B", 6, [5])]


def test_mistakes_name_their_line():
    _, problems = diagram(
        """
        journey
        section Go
          Make tea
          Go: lots: Me
          : 3: Me
          Sit: 3: Me: Cat
        section
          Title again then
        title A
        title B
        """
    )
    assert [str(p) for p in problems.items] == [
        "d.mmd:3: task 'Make tea' has no score: write a task as 'name: score: actors', such as 'Make tea: 5: Me'",
        "d.mmd:4: the score 'lots' of task 'Go' is not a number; Mermaid scores run from 1 to 5",
        "d.mmd:5: a task needs a name before its ':', as in 'Make tea: 5: Me'",
        "d.mmd:6: 'Cat' after the actors of task 'Sit' is left out, as Mermaid leaves it out; separate actors with ','",
        "d.mmd:7: 'section' needs a name, such as 'section Go to work'",
        # Mermaid reads a line that starts with 'title ' as the title, wherever it is
        "d.mmd:9: a second title, 'A', replaces 'again then', as in Mermaid",
        "d.mmd:10: a second title, 'B', replaces 'A', as in Mermaid",
    ]
    assert [p.level for p in problems.items] == ["error", "error", "error", "warning", "error", "warning", "warning"]


def test_unclosed_pieces(site, monkeypatch, capsys):
    _, problems = diagram("journey\n%%{init: {}\nsection A\nT: 1: Me")
    assert [str(p) for p in problems.items] == ["d.mmd:2: '%%{' opens a directive that is never closed with '}%%'"]
    _, problems = diagram("journey\naccDescr {\n  no end\nsection A\nT: 1: Me")
    assert [str(p) for p in problems.items] == ["d.mmd:2: 'accDescr {' is never closed with '}'"]
    _, problems = diagram("---\ntitle: x\njourney\nsection A\nT: 1: Me")
    assert [str(p) for p in problems.items] == [
        "d.mmd:1: the diagram's front matter opened here is never closed with '---'"
    ]


def test_markdown_blocks_of_every_kind():
    text = textwrap.dedent(
        """\
        # Journeys
        ```mermaid
        journey
          title One
        ```
        ~~~ mermaid
        journey
          title Two
        ~~~
        ::: mermaid
        journey
          title Three
        :::
        - In a list:

          ```Mermaid
          journey
            title Four
          ```
        ````markdown
        ```mermaid
        journey
          title Not a diagram, an example in a code block
        ```
        ````
        ```python
        journey = "no"
        ```
        """
    )
    blocks = markdown_blocks(text)
    assert [[line for _, line in block] for block in blocks] == [
        ["journey", "  title One"],
        ["journey", "  title Two"],
        ["journey", "  title Three"],
        ["journey", "  title Four"],
    ]
    assert [block[0][0] for block in blocks] == [3, 7, 11, 17]


def test_several_diagrams_in_one_file_and_other_kinds_left_alone(site, monkeypatch, capsys):
    root = site({})
    notes = root / "notes.md"
    notes.write_text(
        textwrap.dedent(
            """\
            # Our journeys

            ```mermaid
            flowchart LR
              A --> B
            ```

            ```mermaid
            journey
              section Sign up
                Fills the form: 2: Zhang Li
            ```

            ```mermaid
            journey
              section Pay
                Pays: 4: zhang-li
            ```

            ```mermaid
            journey
              title Delivery
              section Wait
                Waits: 2: 张丽
            ```
            """
        ),
        encoding="utf-8",
    )
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "notes.md")
    assert code == 0, err
    assert out == [
        "wrote maps/notes/current.md ('Notes'): 1 stages, 1 steps, from notes.md:9",
        "wrote maps/notes-2/current.md ('Notes 2'): 1 stages, 1 steps, from notes.md:15",
        "wrote maps/delivery/current.md ('Delivery'): 1 stages, 1 steps, from notes.md:21",
        "wrote personas/张丽.md: a new persona, '张丽'; add who they are",
    ]
    catalog = catalog_of(root)
    # matched by name, then by id; the persona's name is 'Zhang Li' in this site
    assert [catalog.journeys[j].states["current"].persona for j in ("notes", "notes-2", "delivery")] == [
        ["zhang-li"],
        ["zhang-li"],
        ["张丽"],
    ]
    assert problems_of(root) == []


def test_what_is_not_a_journey_is_said(site, monkeypatch, capsys):
    root = site({"flow.mmd": "%% a flowchart\nflowchart LR\n  A --> B\n", "readme.md": "# Nothing here\n"})
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "flow.mmd", "readme.md", "missing.mmd")
    assert code == 1 and out == []
    assert err == [
        "flow.mmd:2: this is a Mermaid 'flowchart' diagram; only journey diagrams become maps",
        "missing.mmd:1: cannot read the file: No such file or directory",
        "readme.md:1: no ```mermaid block here holds a journey diagram (one that starts with 'journey')",
        "3 problems; nothing was written",
    ]


def test_a_diagram_without_actors_needs_a_persona(site, monkeypatch, capsys):
    root = site({"plain.mmd": "journey\n  section Go\n    Walk: 4\n    Run: 2\n"})
    code, _, err = run(root, monkeypatch, capsys, "import", "mermaid", "plain.mmd")
    assert code == 1
    assert err[0] == (
        "plain.mmd:1: no task names an actor, and a map needs a persona: add one after a score ('Make tea: 5: Me') "
        "or pass --persona"
    )
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "plain.mmd", "--persona", "Zhang Li")
    assert code == 0, err
    assert out == ["wrote maps/plain/current.md ('Plain'): 1 stages, 2 steps, from plain.mmd:1"]
    assert catalog_of(root).journeys["plain"].states["current"].persona == ["zhang-li"]


def test_empty_sections_are_left_out_with_a_warning(site, monkeypatch, capsys):
    root = site({"s.mmd": "journey\ntitle S\nsection Empty\nsection Full\nGo: 3: Me\n"})
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "s.mmd")
    assert code == 0
    assert err == ["s.mmd:3: warning: section 'Empty' has no tasks and is left out: a stage needs at least one step"]
    assert [s.name for s in catalog_of(root).journeys["s"].states["current"].stages] == ["Full"]


def test_names_that_repeat_or_have_no_slug_get_ids_that_validate(site, monkeypatch, capsys):
    root = site({"r.mmd": "journey\ntitle !!!\nsection A\nGo: 3: Me\nGo: 4: Me\nsection A\n🙂: 5: Me\n"})
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "r.mmd")
    assert code == 0, err
    m = catalog_of(root).journeys["r"].states["current"]
    assert [s.id for s in m.stages] == ["a", "a-2"]
    assert [s.id for s in m.steps] == ["go", "go-2", "step"]
    assert m.title == "!!!"
    assert problems_of(root) == []


# --- files: never overwritten -----------------------------------------------------------


def test_never_overwrites_a_map_unless_forced(site, monkeypatch, capsys):
    root = site({"maps/first-purchase.md": MAP, "d.mmd": "journey\ntitle First purchase\nsection A\nGo: 1: Zhang Li\n"})
    before = (root / "maps/first-purchase.md").read_text(encoding="utf-8")
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "d.mmd")
    assert code == 1
    assert err == [
        "d.mmd:1: maps/first-purchase.md already holds the current state of journey 'first-purchase': pass --force "
        "to replace it, or --journey to import under another id",
        "1 problem; nothing was written",
    ]
    assert (root / "maps/first-purchase.md").read_text(encoding="utf-8") == before
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "d.mmd", "--journey", "other")
    assert code == 0 and out == ["wrote maps/other/current.md ('First purchase'): 1 stages, 1 steps, from d.mmd:1"]
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", "d.mmd", "--force")
    assert code == 0, err
    assert out == ["replaced maps/first-purchase.md ('First purchase'): 1 stages, 1 steps, from d.mmd:1"]
    assert steps(catalog_of(root), "first-purchase") == [("A", "Go", -2, [])]
    assert problems_of(root) == []


def test_a_future_state_beside_the_current_one(site, monkeypatch, capsys):
    root = site(
        {"maps/first-purchase/current.md": MAP, "f.mmd": "journey\nsection Awareness\nSees a post: 5: Zhang Li\n"}
    )
    code, out, err = run(
        root, monkeypatch, capsys, "import", "mermaid", "f.mmd", "--journey", "first-purchase", "--state", "future"
    )
    assert code == 0, err
    assert out == ["wrote maps/first-purchase/future.md ('F'): 1 stages, 1 steps, from f.mmd:1"]
    assert catalog_of(root).journeys["first-purchase"].states["future"].steps[0].id == "sees-a-post"


def test_option_mistakes(site, monkeypatch, capsys):
    root = site(
        {"d.md": "```mermaid\njourney\nsection A\nGo: 1: Me\n```\n```mermaid\njourney\nsection B\nGo: 1: Me\n```\n"}
    )
    code, _, err = run(root, monkeypatch, capsys, "import", "mermaid", "d.md", "--journey", "x")
    assert code == 1
    assert err[0] == "d.md:7: --journey names one journey, but 2 diagrams were found; import them one at a time"
    code, _, err = run(root, monkeypatch, capsys, "import", "mermaid", "d.md", "--journey", "Not An Id")
    assert err[0].startswith("d.md:")
    root2 = root / "one.mmd"
    root2.write_text("journey\nsection A\nGo: 1: Me\n", encoding="utf-8")
    code, _, err = run(root, monkeypatch, capsys, "import", "mermaid", "one.mmd", "--journey", "Not An Id")
    assert err[0] == "one.mmd:1: 'Not An Id' is not a journey id (lowercase letters, digits and '-'); try 'not-an-id'"


def test_messages_in_chinese(site, monkeypatch, capsys):
    root = site({}, language="zh")
    code, out, err = run(root, monkeypatch, capsys, "import", "mermaid", str(DATA / "tizumark-day.mmd"))
    assert code == 0, err
    assert (
        out[0]
        == f"已写入 maps/用户使用-tizumark-的一天/current.md（'用户使用 TizuMark 的一天'）：2 个阶段、6 个步骤，来自 {DATA / 'tizumark-day.mmd'}:1"
    )
    body = (root / "personas/用户.md").read_text(encoding="utf-8")
    assert body == "---\nname: 用户\n---\n根据 Mermaid 旅程图中的参与者 '用户' 创建：请补充其角色、目标和痛点。\n"


# --- writing Mermaid ------------------------------------------------------------------


HOSTILE = [
    "Step 1: Context",
    "Fix bug #12; now",
    "100%% sure %%{init}%%",
    "%percent first",
    "Title deed",
    "journey planner",
    "Section chief",
    "accTitle",
    "accDescr {x}",
    "a, b and c",
    "#58; literally",
    "<b>bold</b> & 'quotes' \"double\"",
    "张丽：支付",
]


def test_the_writer_escapes_whatever_mermaid_reserves():
    sections = [Section(name, 1, [Task(name, 3, [name, "Me"], 1)]) for name in HOSTILE]
    text = write_diagram(
        Diagram("x", 1, title="A: title; #1", acc_title="Acc; #2", description="Desc %% 3", sections=sections)
    )
    (d,), problems = diagram(text)
    assert problems.items == []
    assert (d.title, d.acc_title, d.description) == ("A: title; #1", "Acc; #2", "Desc %% 3")
    assert [s.name for s in d.sections] == HOSTILE
    assert [t.name for t in d.tasks] == HOSTILE
    assert [t.actors for t in d.tasks] == [[name, "Me"] for name in HOSTILE]
    assert "      Step 1#58; Context: 3: Step 1#58; Context, Me" in text.splitlines()
    assert "      #84;itle deed: 3: Title deed, Me" in text.splitlines()


def test_emotions_back_to_one_to_five():
    scale = (-2.0, 2.0)
    assert [emotion_to_score(e, scale) for e in (-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2)] == [1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [emotion_to_score(e, (1.0, 5.0)) for e in (1, 2.5, 3.49, 5)] == [1, 3, 3, 5]


def test_export_a_demo_map(monkeypatch, capsys):
    code, out, err = run(REPO, monkeypatch, capsys, "export", "mermaid", "workspace-onboarding")
    assert code == 0, err
    assert out == [
        "journey",
        "    title Workspace onboarding for IT admins",
        "    accTitle: Workspace onboarding for IT admins (current state), a customer journey map",
        "    accDescr: From signed contract to every depot using the workspace.",
        "    section Set up",
        "      Receives the welcome email: 4: Priya Raman",
        "      Configures single sign-on: 2: Priya Raman",
        "    section Roll out",
        "      Imports users in bulk: 3: Priya Raman",
        "      %% journeymaps: no emotion (drawn as neutral 3)",
        "      Asks support a question: 3: Priya Raman",
        "    section Adopt",
        "      Reviews the adoption report: 5: Priya Raman",
    ]


def test_export_mistakes(monkeypatch, capsys):
    assert run(REPO, monkeypatch, capsys, "export", "mermaid", "first-purchas")[2] == [
        "there is no journey 'first-purchas' in this site; did you mean 'first-purchase'?"
    ]
    assert run(REPO, monkeypatch, capsys, "export", "mermaid", "clinic-visit/future")[2] == [
        "journey 'clinic-visit' has no future state (it has: current)"
    ]
    assert run(REPO, monkeypatch, capsys, "export", "mermaid", "clinic-visit/later")[2] == [
        "'later' is not a state; write JOURNEY/current or JOURNEY/future"
    ]
    # an alias leads to its journey
    code, out, _ = run(REPO, monkeypatch, capsys, "export", "mermaid", "account-opening/future")
    assert code == 0 and out[1] == "    title Opening a current account"


def test_export_refuses_a_broken_map(site, monkeypatch, capsys):
    root = site({"maps/x.md": MAP.replace("emotion: 1", "emotion: 9")})
    code, out, err = run(root, monkeypatch, capsys, "export", "mermaid", "x")
    assert code == 1 and out == []
    assert err == [
        "maps/x.md:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 9",
        "maps/x.md has 1 problems: fix them first (journeymaps validate)",
    ]


# --- round trip -------------------------------------------------------------------------


def demo_maps() -> list[str]:
    catalog = catalog_of(REPO)
    return [f"{m.journey}/{m.state}" for m in catalog.maps()]


@pytest.fixture
def demo(tmp_path):
    for folder in ("maps", "personas", "metrics"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    return tmp_path


@pytest.mark.parametrize("name", demo_maps())
def test_every_demo_map_round_trips(demo, monkeypatch, capsys, name):
    journey, state = name.split("/")
    code, _, err = run(demo, monkeypatch, capsys, "export", "mermaid", name, "-o", "out.mmd")
    assert code == 0 and err == ["wrote out.mmd"]
    code, out, err = run(
        demo, monkeypatch, capsys, "import", "mermaid", "out.mmd", "--journey", "back", "--state", state
    )
    assert code == 0, err
    assert len(out) == 1, "no new persona: the map's personas are matched by name"
    assert problems_of(demo) == []
    catalog = catalog_of(demo)
    before, after = catalog.journeys[journey].states[state], catalog.journeys["back"].states[state]
    assert (after.title, after.description, after.persona[0]) == (before.title, before.description, before.persona[0])
    assert [s.name for s in after.stages] == [s.name for s in before.stages]
    assert [(s.name, s.actors) for s in after.steps] == [(s.name, s.actors) for s in before.steps]
    half_step = (2 - -2) / 8  # Mermaid's scores are whole numbers: a quarter of the scale each
    for old, new in zip(before.steps, after.steps, strict=True):
        assert (old.emotion is None) == (new.emotion is None)
        if old.emotion is not None:
            assert abs(old.emotion - new.emotion) <= half_step


def test_the_site_has_journey_mmd_beside_map_json(site, monkeypatch, capsys):
    root = site({"maps/first-purchase/current.md": MAP})
    built = build_site(root)
    folder = built / "journeys/first-purchase/current"
    assert (folder / "map.json").is_file()
    _, out, _ = run(root, monkeypatch, capsys, "export", "mermaid", "first-purchase")
    assert (folder / "journey.mmd").read_text(encoding="utf-8").splitlines() == out
    assert out[-1] == "      Sees a post: 4: Zhang Li"


# --- the front-matter writer ------------------------------------------------------------


def test_every_demo_file_written_back_reads_the_same(tmp_path):
    catalog = catalog_of(REPO)
    for folder in ("maps", "personas", "metrics"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    for m in catalog.maps():
        shape = f"maps/{m.journey}"
        (tmp_path / m.path).write_text(
            map_document(m, m.path not in (f"{shape}/{m.state}.md", f"{shape}.md")), encoding="utf-8"
        )
    for persona in catalog.personas.values():
        (tmp_path / persona.path).write_text(persona_document(persona), encoding="utf-8")
    again = catalog_of(tmp_path)
    assert [map_data(m) for m in again.maps()] == [map_data(m) for m in catalog.maps()]
    assert [m.body for m in again.maps()] == [m.body for m in catalog.maps()]
    assert [(p.name, p.photo, p.demographics, p.goals) for p in again.personas.values()] == [
        (p.name, p.photo, p.demographics, p.goals) for p in catalog.personas.values()
    ]


def test_written_maps_leave_out_what_the_validator_fills_in(site):
    root = site({"maps/first-purchase/current.md": MAP})
    m = catalog_of(root).journeys["first-purchase"].states["current"]
    # the author's file, less the source id the validator would make from its title anyway
    assert map_document(m) == MAP.replace("  - id: interviews\n    title:", "  - title:")


def test_text_that_yaml_would_misread_is_quoted(site):
    root = site({"maps/first-purchase/current.md": MAP})
    m = catalog_of(root).journeys["first-purchase"].states["current"]
    tricky = ["yes", "2026-01-01", "- dash", "a: b", "#hash", "'quoted'", "[list]", "{map}", "null", "12", "@at", "%pc"]
    m.title = "no"
    m.tags = tricky
    m.stages[0].steps[0].actors = tricky
    (root / m.path).write_text(map_document(m), encoding="utf-8")
    again = catalog_of(root).journeys["first-purchase"].states["current"]
    assert (again.title, again.tags, again.steps[0].actors) == ("no", tricky, tricky)


def test_export_in_the_sites_language():
    settings = load_settings(REPO)
    catalog = catalog_of(REPO)
    from journeymaps.authoring.mermaid import map_as_mermaid

    m = catalog.journeys["first-purchase"].states["current"]
    lines = map_as_mermaid(m, catalog.personas, settings.emotion_scale, Text("zh")).splitlines()
    assert lines[2] == "    accTitle: 首次下单（现状），客户旅程地图"
    assert lines[5] == "      看到朋友的推荐: 4: 张丽, 朋友"
