"""journeymaps new: starting files from every template and language, that validate, at the
paths of the format, never over a file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAP, catalog_of, problems_of
from journeymaps.authoring.new import BUILT_IN

TEMPLATES = sorted({p.name.split(".")[0] for p in (BUILT_IN / "maps").glob("*.md")})


def new(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeymaps", "new", *args], cwd=root, capture_output=True, text=True, timeout=60
    )


def test_the_industries_are_there():
    assert TEMPLATES == ["b2b", "banking", "day-in-the-life", "ecommerce", "healthcare", "saas", "service-blueprint"]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_gives_a_valid_map(site, template, language):
    root = site({}, language=language)
    result = new(root, "map", "my-journey", "--persona", "zhang-li", "--template", template, "--title", 'A: "b" #c')
    assert result.returncode == 0, result.stderr
    assert problems_of(root) == []
    m = catalog_of(root).journeys["my-journey"].states["current"]
    assert m.title == 'A: "b" #c'
    assert len(m.stages) >= 4 and all(s.steps for s in m.stages)
    assert m.pain_points and all(step.touchpoint and step.channel for step in m.steps)
    if template == "service-blueprint":
        assert all(step.frontstage or step.backstage or step.support for step in m.steps)
    assert "#" in (root / "maps/my-journey/current.md").read_text(encoding="utf-8"), "a commented starting file"


def test_new_map_says_what_it_wrote_and_what_next(site):
    root = site({})
    result = new(root, "map", "open-account", "--persona", "zhang-li", "--template", "banking")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "wrote maps/open-account/current.md (from the 'banking' template)",
        "Next: edit the file, replacing the examples with what you learned from customers, then run "
        "journeymaps validate",
    ]
    assert catalog_of(root).journeys["open-account"].states["current"].title == "Open account"


def test_new_map_in_chinese_from_the_sites_language(site):
    root = site({}, language="zh")
    result = new(root, "map", "开户", "--persona", "zhang-li", "--template", "banking")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "已写入 maps/开户/current.md（来自 'banking' 模板）"
    assert catalog_of(root).journeys["开户"].states["current"].title == "开户"


def test_never_overwrites(site):
    root = site({"maps/first-purchase/current.md": MAP})
    before = (root / "maps/first-purchase/current.md").read_text()
    result = new(root, "map", "first-purchase", "--persona", "zhang-li")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "journey 'first-purchase' already has a current state: maps/first-purchase/current.md; edit that file instead"
    )
    assert (root / "maps/first-purchase/current.md").read_text() == before
    again = new(root, "persona", "zhang-li")
    assert again.returncode == 1
    assert again.stderr.strip() == "personas/zhang-li.md already exists; journeymaps new never overwrites a file"


def test_a_journey_in_one_file_is_found_too(site):
    root = site({"maps/first-purchase.md": MAP})
    result = new(root, "map", "first-purchase", "--persona", "zhang-li")
    assert result.returncode == 1
    assert "maps/first-purchase.md" in result.stderr


def test_future_state_starts_from_the_current_one(site):
    root = site({"maps/first-purchase/current.md": MAP})
    result = new(root, "map", "first-purchase", "--persona", "zhang-li", "--state", "future")
    assert result.returncode == 0, result.stderr
    assert "stages and steps from the current state, maps/first-purchase/current.md" in result.stdout
    assert problems_of(root) == []
    journey = catalog_of(root).journeys["first-purchase"]
    future, current = journey.states["future"], journey.states["current"]
    assert [(s.id, [t.id for t in s.steps]) for s in future.stages] == [
        (s.id, [t.id for t in s.steps]) for s in current.stages
    ]
    assert [t.emotion for t in future.steps] == [None], "emotions are the author's to set"
    text = (root / "maps/first-purchase/future.md").read_text(encoding="utf-8")
    assert "# resolves: [slow-pay]" in text and "today: 1" in text


def test_future_state_without_a_current_one_uses_a_template(site):
    root = site({})
    result = new(root, "map", "checkout", "--persona", "zhang-li", "--state", "future", "--template", "saas")
    assert result.returncode == 0, result.stderr
    assert catalog_of(root).journeys["checkout"].states["future"].state == "future"


def test_unknown_template(site):
    root = site({})
    result = new(root, "map", "x", "--persona", "zhang-li", "--template", "bankin")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "unknown template 'bankin'; did you mean 'banking'?; the templates are b2b, banking, day-in-the-life, "
        "ecommerce, healthcare, saas, service-blueprint"
    )
    assert not (root / "maps/x").exists()


def test_an_unknown_persona_is_created_from_the_template(site):
    root = site({})
    result = new(root, "map", "onboarding", "--persona", "priya-raman", "--template", "saas")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "created personas/priya-raman.md from the persona template, as persona 'priya-raman' did not exist yet: "
        "fill in who they are"
    )
    assert problems_of(root) == []
    assert catalog_of(root).personas["priya-raman"].name == "Priya raman"


def test_an_unknown_persona_that_looks_like_a_typo_is_refused(site):
    root = site({})
    result = new(root, "map", "onboarding", "--persona", "zhang-lee")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "unknown persona 'zhang-lee'; did you mean 'zhang-li'?; nothing was written (a new persona id starts a "
        "persona file, but this one looks like a typo); known personas: zhang-li"
    )
    assert not (root / "personas/zhang-lee.md").exists() and not (root / "maps").exists()


def test_ids_that_are_not_ids(site):
    root = site({})
    result = new(root, "map", "Open Account", "--persona", "zhang-li")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "'Open Account' is not a journey id (lowercase letters, digits and '-'); try 'open-account'"
    )


def test_new_persona_validates(site):
    root = site({})
    result = new(root, "persona", "sam-lee", "--name", "Sam Lee")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "wrote personas/sam-lee.md from the persona template"
    assert problems_of(root) == []
    assert catalog_of(root).personas["sam-lee"].name == "Sam Lee"


def test_list_names_every_template_and_the_sites_own(site):
    root = site({"map-templates/retail-store.md": "{# template: Our own store visit #}\n---\ntitle: x\n---\n"})
    result = new(root, "--list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Map templates (journeymaps new map <journey> --persona <id> --template <name>):"
    names = [line.split()[0] for line in lines[1:-1]]
    assert names == [*TEMPLATES, "retail-store"]
    assert "  retail-store       Our own store visit  (this site's own)" in lines
    assert all(len(line.split(None, 1)) == 2 for line in lines[1:-1]), "each with a description"


def test_a_sites_own_template(site):
    own = (
        "{# template: Our own #}\n---\ntitle: {{ title|yaml }}\nstate: {{ state }}\npersona: {{ persona|yaml }}\n"
        "stages:\n  - name: Visit\n    steps:\n      - name: Walks in\n---\n"
    )
    root = site({"journey-starters/store.md": own}, options=":\n      templates_dir: journey-starters")
    result = new(root, "map", "store-visit", "--persona", "zhang-li", "--template", "store")
    assert result.returncode == 0, result.stderr
    assert problems_of(root) == []


def test_without_mkdocs_yml(tmp_path):
    result = new(tmp_path, "map", "x", "--persona", "y")
    assert result.returncode == 2
    assert "no mkdocs.yml here" in result.stderr


def test_templates_follow_the_sites_scale(site):
    root = site({}, options=":\n      emotion_scale: [1, 5]")
    result = new(root, "map", "shop", "--persona", "zhang-li", "--template", "ecommerce")
    assert result.returncode == 0, result.stderr
    assert problems_of(root) == []
    emotions = [s.emotion for s in catalog_of(root).journeys["shop"].states["current"].steps if s.emotion is not None]
    assert emotions and all(1 <= e <= 5 for e in emotions) and len(set(emotions)) > 2


def test_a_closed_pipe_is_no_error(site):
    root = site({})
    result = subprocess.run(
        f"{sys.executable} -m journeymaps new --list | head -1", shell=True, cwd=root, capture_output=True, text=True
    )
    assert "Traceback" not in result.stderr and result.stdout.startswith("Map templates")


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_shows_a_measured_kpi_that_works_once_uncommented(site, template, language):
    import re

    root = site({}, language=language)
    assert new(root, "map", "my-journey", "--persona", "zhang-li", "--template", template).returncode == 0
    path = root / "maps/my-journey/current.md"
    text = path.read_text(encoding="utf-8")
    measured = re.search(r"^      # - name: .*\n(?:      #   .*\n)+", text, re.M)
    assert measured, "a commented measured KPI"
    [metric] = re.findall(r"#   metric: ([\w-]+)", measured.group(0))
    uncommented = re.sub(r"(?m)^      # ", "      ", measured.group(0))
    path.write_text(text.replace(measured.group(0), uncommented), encoding="utf-8")
    (root / "metrics").mkdir()
    (root / f"metrics/{metric}.csv").write_text("date,value\n2020-01-01,1\n2030-01-01,2\n", encoding="utf-8")
    assert problems_of(root) == []
    [kpi] = [k for s in catalog_of(root).journeys["my-journey"].states["current"].stages for k in s.kpis if k.metric]
    assert (kpi.metric, kpi.baseline is not None) == (metric, True)
