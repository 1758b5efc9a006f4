"""Each rule of the format (docs/format.md): a broken file, and the exact path:line: message it gets."""

from __future__ import annotations

import pytest
from conftest import MAP, problems_of

P = "maps/first-purchase/current.md"


def edit(old: str, new: str, text: str = MAP) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


FUTURE = """\
---
title: First purchase
state: future
persona: zhang-li
stages:
  - name: Awareness
    steps:
      - name: Sees a post
        emotion: 2
        resolves: [slow-pay, slow-pai]
---
"""

CASES = {
    "unknown key, with the nearest valid key": (
        {P: edit("emotion: 1", "emotions: 1")},
        [f"{P}:14: unknown key 'emotions' in a step; did you mean 'emotion'?"],
    ),
    "unknown key, far from any valid key": (
        {P: edit("title: First purchase\n", "title: First purchase\nxyzzy: 1\n")},
        [
            f"{P}:3: unknown key 'xyzzy' in the map; allowed keys: title, state, persona, journey, type, "
            "description, goal, scope, owner, tags, reviewed, review_every, draft, aliases, part_of, sources, stages"
        ],
    ),
    "duplicate key": (
        {P: edit("state: current\n", "state: current\ntitle: Again\n")},
        [f"{P}:4: duplicate key 'title' (first set on line 2); each key may appear once"],
    ),
    "duplicate key in a step": (
        {P: edit("emotion: 1\n", "emotion: 1\n        emotion: 2\n")},
        [f"{P}:15: duplicate key 'emotion' (first set on line 14); each key may appear once"],
    ),
    "missing title": (
        {P: edit("title: First purchase\n", "")},
        [f"{P}:2: the map has no 'title'; it is required"],
    ),
    "empty required value": (
        {P: edit("title: First purchase", "title:")},
        [f"{P}:2: 'title' of the map is empty; it is required"],
    ),
    "missing stages": (
        {P: "---\ntitle: T\nstate: current\npersona: zhang-li\n---\n"},
        [f"{P}:2: the map has no 'stages'; it is required"],
    ),
    "a string where a list of stages is expected": (
        {P: "---\ntitle: T\nstate: current\npersona: zhang-li\nstages: Awareness\n---\n"},
        [f"{P}:5: 'stages' must be a list of mappings, each starting with '- ', not 'Awareness'"],
    ),
    "empty list of stages": (
        {P: "---\ntitle: T\nstate: current\npersona: zhang-li\nstages: []\n---\n"},
        [f"{P}:5: 'stages' of the map is empty; it needs at least one item"],
    ),
    "a step that is not a mapping": (
        {P: "---\ntitle: T\nstate: current\npersona: zhang-li\nstages:\n  - name: A\n    steps:\n      - Pays\n---\n"},
        [f"{P}:8: each item of 'steps' must be a mapping of keys like 'name:', not 'Pays'"],
    ),
    "a stage without steps": (
        {P: "---\ntitle: T\nstate: current\npersona: zhang-li\nstages:\n  - name: A\n---\n"},
        [f"{P}:6: stage 'A' has no 'steps'; it is required"],
    ),
    "a step without a name": (
        {P: edit("      - name: Sees a post\n        touchpoint", "      - touchpoint")},
        [f"{P}:11: a step has no 'name'; it is required"],
    ),
    "emotion above the scale": (
        {P: edit("emotion: 1", "emotion: 3")},
        [f"{P}:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 3"],
    ),
    "emotion that is not a number": (
        {P: edit("emotion: 1", "emotion: happy")},
        [f"{P}:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 'happy'"],
    ),
    "emotion too large for a number with a fraction": (
        {P: edit("emotion: 1", "emotion: " + "9" * 400)},
        [f"{P}:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not {'9' * 400}"],
    ),
    "emotion that is a yes/no value": (
        {P: edit("emotion: 1", "emotion: yes")},
        [f"{P}:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not True"],
    ),
    "unknown persona": (
        {P: edit("persona: zhang-li", "persona: zhang-lee")},
        [f"{P}:4: unknown persona 'zhang-lee'; did you mean 'zhang-li'?"],
    ),
    "unknown persona in a list": (
        {P: edit("persona: zhang-li", "persona:\n  - zhang-li\n  - nobody")},
        [f"{P}:6: unknown persona 'nobody'; known personas: zhang-li"],
    ),
    "unknown source in step evidence": (
        {P: edit("emotion: 1\n", "emotion: 1\n        evidence: [interview]\n")},
        [f"{P}:15: unknown source 'interview'; did you mean 'interviews'?"],
    ),
    "unknown source in pain point evidence": (
        {P: edit("text: Payment is slow\n", "text: Payment is slow\n            evidence: survey\n")},
        [f"{P}:18: unknown source 'survey'; known sources: interviews"],
    ),
    "unknown pain point in addresses": (
        {P: edit("addresses: [slow-pay]", "addresses: [slow-pai]")},
        [f"{P}:20: unknown pain point 'slow-pai' in this map; did you mean 'slow-pay'?"],
    ),
    "resolves in a current state": (
        {P: edit("emotion: 1\n", "emotion: 1\n        resolves: slow-pay\n")},
        [f"{P}:15: 'resolves' belongs in a future-state map; it names pain points of the current state"],
    ),
    "resolves naming an unknown pain point of the current state": (
        {"maps/first-purchase/future.md": FUTURE, P: MAP},
        [
            "maps/first-purchase/future.md:10: unknown pain point 'slow-pai' of the current state; "
            "did you mean 'slow-pay'?"
        ],
    ),
    "resolves in a future state read before its current state": (
        # maps/ is read in order of names: this file comes first, and waits for the current state.
        {"maps/a-future.md": FUTURE.replace("state: future\n", "state: future\njourney: first-purchase\n"), P: MAP},
        ["maps/a-future.md:11: unknown pain point 'slow-pai' of the current state; did you mean 'slow-pay'?"],
    ),
    "resolves without a current state": (
        {"maps/first-purchase/future.md": FUTURE},
        [
            "maps/first-purchase/future.md:10: 'resolves' names pain point 'slow-pay', "
            "but this journey has no current-state map",
            "maps/first-purchase/future.md:10: 'resolves' names pain point 'slow-pai', "
            "but this journey has no current-state map",
        ],
    ),
    "repeated stage id": (
        {P: edit("stages:\n", "stages:\n  - name: Awareness\n    steps: [{name: Other}]\n")},
        [f"{P}:11: stage id 'awareness' is used twice in this map (first on line 9); set a different 'id:'"],
    ),
    "repeated step id": (
        {
            P: edit(
                "      - name: Sees a post\n",
                "      - name: Sees a post\n        id: x\n      - name: Y\n        id: x\n",
            )
        },
        [f"{P}:14: step id 'x' is used twice in this map (first on line 12); set a different 'id:'"],
    ),
    "repeated pain point id": (
        {
            P: edit("pain_points:\n", "pain_points:\n          - Payment is slow\n")
            .replace("id: slow-pay\n            ", "")
            .replace("[slow-pay]", "[payment-is-slow]")
        },
        [
            f"{P}:17: pain point id 'payment-is-slow' is used twice in this map (first on line 16); set a different 'id:'"
        ],
    ),
    "repeated opportunity id": (
        {P: edit("opportunities:\n", "opportunities:\n          - One-tap payment\n")},
        [
            f"{P}:20: opportunity id 'one-tap-payment' is used twice in this map (first on line 19); set a different 'id:'"
        ],
    ),
    "repeated source id": (
        {P: edit("sources:\n", "sources:\n  - id: interviews\n    title: Other\n")},
        [f"{P}:8: source id 'interviews' is used twice in this map (first on line 6); set a different 'id:'"],
    ),
    "an id that is not a slug": (
        {P: edit("      - name: Sees a post\n", "      - name: Sees a post\n        id: Sees A Post\n")},
        [f"{P}:12: 'id' must be a lowercase id of letters, digits and '-', not 'Sees A Post'; try 'sees-a-post'"],
    ),
    "a name that makes no id": (
        {P: edit("name: Sees a post", "name: '!!!'")},
        [f"{P}:11: cannot make an id from '!!!'; set 'id:' for a step"],
    ),
    "two files claiming the same journey and state": (
        {P: MAP, "maps/first-purchase.md": MAP},
        [
            "maps/first-purchase.md:3: maps/first-purchase/current.md is already the current state of journey 'first-purchase'"
        ],
    ),
    "two files claiming the same journey through journey:": (
        {P: MAP, "maps/other.md": edit("state: current\n", "state: current\njourney: first-purchase\n")},
        ["maps/other.md:4: maps/first-purchase/current.md is already the current state of journey 'first-purchase'"],
    ),
    "state that disagrees with the file name": (
        {P: edit("state: current", "state: future")},
        [f"{P}:3: this file is current.md but says 'state: future'; make them agree"],
    ),
    "state that is not allowed": (
        {"maps/first-purchase.md": edit("state: current", "state: today")},
        ["maps/first-purchase.md:3: 'state' must be 'current' or 'future', not 'today'"],
    ),
    "a file in a journey folder that is not a state": (
        {"maps/first-purchase/notes.md": MAP},
        [
            "maps/first-purchase/notes.md:1: a map file is maps/<journey>/current.md, maps/<journey>/future.md "
            "or maps/<journey>.md"
        ],
    ),
    "a folder name that is not a journey id": (
        {"maps/First Purchase/current.md": MAP},
        [
            "maps/First Purchase/current.md:1: the folder name 'First Purchase' is not a journey id "
            "(lowercase letters, digits and '-'); rename it or set 'journey:'"
        ],
    ),
    "a map type that is not allowed": (
        {P: edit("state: current\n", "state: current\ntype: blueprint\n")},
        [
            f"{P}:4: 'type' must be 'customer-journey', 'purchase-journey', 'day-in-the-life', "
            "'service-blueprint' or 'onboarding', not 'blueprint'; did you mean 'service-blueprint'?"
        ],
    ),
    "severity, priority and status": (
        {
            P: edit("text: Payment is slow\n", "text: Payment is slow\n            severity: critical\n").replace(
                "addresses: [slow-pay]",
                "addresses: [slow-pay]\n            priority: urgent\n            status: doing",
            )
        },
        [
            f"{P}:18: 'severity' must be 'low', 'medium' or 'high', not 'critical'",
            f"{P}:22: 'priority' must be 'low', 'medium' or 'high', not 'urgent'",
            f"{P}:23: 'status' must be 'idea', 'planned', 'in-progress' or 'done', not 'doing'; did you mean 'done'?",
        ],
    ),
    "values of the wrong type": (
        {
            P: edit(
                "state: current\n",
                "state: current\ndraft: maybe\nreviewed: last week\nreview_every: -5\ntags: {a: 1}\nowner: [a, b]\n",
            )
        },
        [
            f"{P}:4: 'draft' must be true or false, not 'maybe'",
            f"{P}:5: 'reviewed' must be a date like 2026-10-01, not 'last week'",
            f"{P}:6: 'review_every' must be a whole number of days above 0, not -5",
            f"{P}:7: 'tags' must be text or a list of texts, not a mapping",
            f"{P}:8: 'owner' must be text, not a list",
        ],
    ),
    "a date that does not exist": (
        {P: edit("state: current\n", "state: current\nreviewed: 2026-02-30\n")},
        [f"{P}:4: invalid value '2026-02-30': day is out of range for month"],
    ),
    "an alias that is another journey's id": (
        {P: edit("state: current\n", "state: current\naliases:\n  - old-name\n  - other\n"), "maps/other.md": MAP},
        [f"{P}:6: alias 'other' is the id of journey 'other'; an alias must be an id no journey has now"],
    ),
    "unknown persona key": (
        {"personas/zhang-li.md": "---\nname: Zhang Li\nrol: Manager\n---\n"},
        ["personas/zhang-li.md:3: unknown key 'rol' in the persona; did you mean 'role'?"],
    ),
    "persona without a name": (
        {"personas/zhang-li.md": "---\nrole: Manager\n---\n"},
        ["personas/zhang-li.md:2: the persona has no 'name'; it is required"],
    ),
    "persona photo missing": (
        {"personas/zhang-li.md": "---\nname: Zhang Li\nphoto: zhang.jpg\n---\n"},
        ["personas/zhang-li.md:3: the photo 'zhang.jpg' does not exist (looked for personas/zhang.jpg)"],
    ),
    "persona photo outside the project": (
        {"personas/zhang-li.md": "---\nname: Zhang Li\nphoto: ../../secret.jpg\n---\n"},
        [
            "personas/zhang-li.md:3: the photo '../../secret.jpg' is outside the project; keep photos beside the persona files"
        ],
    ),
    "persona photo that is a URL": (
        {"personas/zhang-li.md": "---\nname: Zhang Li\nphoto: https://x.test/a.jpg\n---\n"},
        [
            "personas/zhang-li.md:3: 'photo' must be a file path relative to this file, like 'zhang-li.jpg', "
            "not 'https://x.test/a.jpg'"
        ],
    ),
    "persona photo with a NUL in its name": (
        {"personas/zhang-li.md": '---\nname: Zhang Li\nphoto: "a\\0.jpg"\n---\n'},
        [
            "personas/zhang-li.md:3: 'photo' must be a file path relative to this file, like 'zhang-li.jpg', not 'a\\x00.jpg'"  # shown escaped
        ],
    ),
    "persona file name that is not an id": (
        {"personas/Zhang Li.md": "---\nname: Zhang Li\n---\n"},
        [
            "personas/Zhang Li.md:1: the file name 'Zhang Li.md' is not a persona id "
            "(lowercase letters, digits and '-'); rename it to 'zhang-li.md'"
        ],
    ),
    "demographics that are not a mapping": (
        {"personas/zhang-li.md": "---\nname: Zhang Li\ndemographics: [32, Shanghai]\n---\n"},
        ["personas/zhang-li.md:3: 'demographics' must be a mapping like {age: 32, city: Shanghai}"],
    ),
}


@pytest.mark.parametrize("files, expected", list(CASES.values()), ids=list(CASES))
def test_rule(site, files, expected):
    assert problems_of(site(files)) == sorted(expected)


def test_emotion_scale_from_the_site_settings(site):
    root = site({P: edit("emotion: 1", "emotion: 0")}, options=":\n      emotion_scale: [1, 5]")
    assert problems_of(root) == [f"{P}:14: 'emotion' must be a number from 1 to 5 (the site's emotion scale), not 0"]


def test_every_problem_of_the_site_at_once(site):
    root = site(
        {
            P: edit("emotion: 1", "emotion: 9"),
            "maps/other.md": edit("persona: zhang-li", "persona: ghost"),
            "personas/bad.md": "---\nname: [x]\n---\n",
        }
    )
    assert problems_of(root) == [
        f"{P}:14: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 9",
        "maps/other.md:4: unknown persona 'ghost'; known personas: bad, zhang-li",
        "personas/bad.md:2: 'name' must be text, not a list",
    ]


def test_a_valid_map_is_read_with_defaults_filled_in(site):
    from conftest import catalog_of

    catalog = catalog_of(site({P: MAP}))
    m = catalog.journeys["first-purchase"].states["current"]
    step = m.stages[0].steps[0]
    assert (m.persona, m.type, m.review_every, m.stages[0].id, step.id) == (
        ["zhang-li"],
        "customer-journey",
        90,
        "awareness",
        "sees-a-post",
    )
    assert step.opportunities[0].id == "one-tap-payment"
    assert step.opportunities[0].addresses == ["slow-pay"]
    assert m.body.strip() == "Notes."


def test_chinese_names_make_chinese_ids(site):
    from conftest import catalog_of

    text = edit("name: Awareness", "name: 认知").replace("name: Sees a post", "name: 看到 朋友的推荐")
    catalog = catalog_of(site({P: text}))
    stage = catalog.journeys["first-purchase"].states["current"].stages[0]
    assert (stage.id, stage.steps[0].id) == ("认知", "看到-朋友的推荐")
