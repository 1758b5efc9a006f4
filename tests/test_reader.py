"""Reading files: encodings, front matter, YAML syntax errors and hostile YAML."""

from __future__ import annotations

import time

from conftest import MAP, catalog_of, problems_of

P = "maps/first-purchase/current.md"


def test_bom_and_crlf_are_accepted(site):
    raw = ("\ufeff" + MAP).replace("\n", "\r\n").encode("utf-8")
    m = catalog_of(site({P: raw})).journeys["first-purchase"].states["current"]
    assert m.title == "First purchase"


def test_crlf_keeps_line_numbers(site):
    raw = ("\ufeff" + MAP.replace("emotion: 1", "emotion: 7")).replace("\n", "\r\n").encode()
    assert problems_of(site({P: raw})) == [
        f"{P}:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 7"
    ]


def test_not_utf8_names_the_line(site):
    raw = MAP.replace("Social post", "Soci\xe9l post").encode("latin-1")
    assert problems_of(site({P: raw})) == [f"{P}:12: the file is not UTF-8 text; save it as UTF-8"]


def test_no_front_matter(site):
    assert problems_of(site({P: "# Just Markdown\n"})) == [
        f"{P}:1: the file has no front matter; start it with a '---' line, the YAML, and '---'"
    ]


def test_front_matter_never_closed(site):
    assert problems_of(site({P: "---\ntitle: x\n"})) == [
        f"{P}:1: front matter opened on line 1 is never closed with a '---' line"
    ]


def test_front_matter_that_is_not_a_mapping(site):
    assert problems_of(site({P: "---\n- a\n- b\n---\n"})) == [
        f"{P}:2: the front matter must be a mapping of keys to values, like 'title: ...'"
    ]


def test_unclosed_quote_points_where_it_opens(site):
    text = MAP.replace("touchpoint: Social post", 'touchpoint: "Social post')
    assert problems_of(site({P: text})) == [
        f"{P}:12: invalid YAML: found unexpected end of stream, while scanning a quoted scalar"
    ]


def test_tab_indentation_gets_a_hint(site):
    text = MAP.replace("        channel: social", "\tchannel: social")
    [problem] = problems_of(site({P: text}))
    assert problem.startswith(f"{P}:13: invalid YAML:")
    assert problem.endswith("; indent with spaces, not tabs")


def test_python_tags_are_refused_not_run(site, tmp_path):
    marker = tmp_path / "ran"
    text = MAP.replace("title: First purchase", f"title: !!python/object/apply:os.system ['touch {marker}']")
    assert problems_of(site({P: text})) == [
        f"{P}:2: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; write plain values"
    ]
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(site):
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        prev, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    text = "\n".join(lines) + "\n---\n"
    start = time.monotonic()
    problems = problems_of(site({P: text}))
    assert time.monotonic() - start < 5
    assert problems == [
        f"{P}:7: the front matter expands to more than 200,000 values (through YAML aliases?); a map needs far fewer"
    ]


def test_deep_nesting_is_refused_without_crashing(site):
    depth = 100_000
    text = "---\ntitle: " + "[" * depth + "]" * depth + "\n---\n"
    [problem] = problems_of(site({P: text}))
    assert problem.startswith(f"{P}:2: ")
    assert "nests deeper than" in problem


def test_moderate_nesting_within_the_fast_path(site):
    text = "---\ntitle: " + "[" * 80 + "]" * 80 + "\n---\n"
    assert problems_of(site({P: text})) == [f"{P}:2: the front matter nests deeper than 64 levels"]


def test_huge_file_is_refused(site):
    text = MAP + ("x" * 100 + "\n") * 25_000
    assert problems_of(site({P: text})) == [f"{P}:1: the file is 2.5 MB; a map or persona file may be at most 2 MB"]


def test_anchors_and_merge_keys_work(site):
    text = MAP.replace("title: First purchase", "title: &t First purchase").replace(
        "  - name: Awareness\n", "  - name: Awareness\n    description: *t\n"
    )
    text = text.replace("        touchpoint: Social post\n", "        <<: {touchpoint: Social post, feeling: calm}\n")
    m = catalog_of(site({P: text})).journeys["first-purchase"].states["current"]
    assert m.stages[0].description == "First purchase"
    assert (m.stages[0].steps[0].touchpoint, m.stages[0].steps[0].feeling) == ("Social post", "calm")
