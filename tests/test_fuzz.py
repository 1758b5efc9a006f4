"""Property-based: whatever the front matter, the reader and validator only ever report
problems (in every language), and whatever they accept is planned, rendered and exported."""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

from conftest import MAP, PERSONA, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journeymaps.format.catalog import load_catalog
from journeymaps.format.problems import InvalidSite
from journeymaps.settings import Settings
from journeymaps.site.export import dumps, index_data, journey_data, map_data
from journeymaps.site.icons import Icons
from journeymaps.site.plan import plan_site
from journeymaps.site.render import Renderer, fill_in
from journeymaps.text import Text

KEYS = [
    "title", "state", "persona", "stages", "steps", "name", "id", "emotion", "pain_points",
    "opportunities", "resolves", "addresses", "evidence", "sources", "photo", "journey", "aliases",
    "reviewed", "draft", "severity", "kpis", "demographics", "tags",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["current", "future", "zhang-li", "slow-pay", "2026-10-01", "../x.png", "", "认知", "<b>"]),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), children, max_size=5),
    ),
    max_leaves=20,
)


CHINESE = Text("zh")


def check(root: Path) -> None:
    try:
        catalog = load_catalog(root, Settings())
    except InvalidSite as err:
        for problem in err.problems:
            assert problem.line >= 1 and problem.path and str(problem) and problem.words(CHINESE)
        return
    plan = plan_site(catalog, include_drafts=True)
    renderer = Renderer(plan, Settings(), Icons(None), use_directory_urls=True)
    for page in plan.pages:
        html, deferred = renderer.render(page, "<p>body</p>")
        assert "<h1" in fill_in(html, deferred)
    dumps(index_data(plan, True))
    for journey in plan.catalog.journeys.values():
        dumps(journey_data(journey, plan.comparison(journey)))
        for m in journey.ordered_states():
            dumps(map_data(m))


FAST = settings(max_examples=700, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(front=st.dictionaries(st.sampled_from(KEYS), values, max_size=8))
def test_generated_front_matter(tmp_path_factory, front):
    import yaml

    root = tmp_path_factory.mktemp("gen")
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\nbody\n"
    write_site(root, {"maps/j/current.md": text, "maps/k.md": text, "personas/p.md": text})
    check(root)


@FAST
@given(
    position=st.integers(0, len(MAP)),
    cut=st.integers(0, 12),
    insert=st.text(alphabet=string.printable + "：\ufeff\u3000-[]{}:&*!|>'\"", max_size=12),
)
def test_mutated_files(tmp_path_factory, position, cut, insert):
    root = tmp_path_factory.mktemp("mut")
    text = MAP[:position] + insert + MAP[position + cut :]
    persona = PERSONA[: position % len(PERSONA)] + insert + PERSONA[position % len(PERSONA) :]
    write_site(root, {"maps/first-purchase/current.md": text, "personas/zhang-li.md": persona})
    check(root)


@FAST
@given(raw=st.binary(max_size=200))
def test_random_bytes(tmp_path_factory, raw):
    root = tmp_path_factory.mktemp("bin")
    write_site(root, {"maps/j.md": b"---\n" + raw + b"\n---\n", "personas/p.md": raw})
    check(root)


# -- hostile files (issue 21): names, links and control characters --------------------------------

CONTROL = "\n\r\t\x1b\x07\x00\x85\u2028\u202e"
names = st.text(
    alphabet=st.one_of(st.sampled_from([*CONTROL, ":", " ", "-", "旅", "é"]), st.characters(codec="utf-8")),
    min_size=1,
    max_size=16,
).filter(lambda name: "/" not in name and "\x00" not in name and name not in (".", ".."))
KINDS = ["map", "persona", "link-out-file", "link-out-folder", "link-in", "dangling", "pipe", "loop"]
SECRET = "SECRET-VALUE"


def _plant(root: Path, outside: Path, folder: str, name: str, kind: str, text: str) -> None:
    path = root / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        return
    if kind in ("map", "persona"):
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
    elif kind == "link-out-file":
        path.symlink_to(outside / "secret.md")
    elif kind == "link-out-folder":
        path.symlink_to(outside, target_is_directory=True)
    elif kind == "link-in":
        path.symlink_to(root / "personas/zhang-li.md")
    elif kind == "dangling":
        path.symlink_to(root / folder / "gone.md")
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to(root / folder, target_is_directory=True)


def _one_safe_line(words: str) -> bool:
    return not any(char in words for char in CONTROL) and not words.startswith("::")


@settings(FAST, max_examples=250)  # each example writes files, links and pipes
@given(
    files=st.lists(
        st.tuples(st.sampled_from(["maps", "personas"]), names.map(lambda n: n + ".md"), st.sampled_from(KINDS)),
        max_size=4,
    ),
    value=st.text(alphabet=st.sampled_from([*CONTROL, "a", ":", "[", '"']), max_size=10),
)
def test_hostile_file_names_links_and_control_characters(tmp_path_factory, files, value):
    root, outside = tmp_path_factory.mktemp("hostile"), tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text(MAP.replace("First purchase", SECRET), encoding="utf-8")
    (outside / "current.md").write_text(MAP.replace("First purchase", SECRET), encoding="utf-8")
    text = MAP.replace("Sees a post", json.dumps(f"Sees{value}"), 1).replace(
        "state: current", "state: current\ntags: x"
    )
    write_site(root, {})
    for folder, name, kind in files:
        _plant(root, outside, folder, name, kind, text if folder == "maps" else PERSONA)
    try:
        catalog = load_catalog(root, Settings())
    except InvalidSite as err:
        for problem in err.problems:
            for words in (problem.words(), problem.words(CHINESE), problem.message(), problem.place):
                assert _one_safe_line(words) and SECRET not in words, words
        return
    assert all(SECRET not in m.title for m in catalog.maps())
    check(root)
