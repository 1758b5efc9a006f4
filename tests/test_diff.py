"""journeymaps diff: a real git repository with a committed site, changed in each way a
reviewer cares about, and the exact summary (Markdown and JSON) it gets."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write_site
from journeymaps.authoring.diff_report import MARKER, md, number, signed, sparkline
from journeymaps.cli import main
from journeymaps.model import Map, Stage, Step
from journeymaps.text import diff as diff_words

CURRENT = "maps/open-account/current.md"
FUTURE = "maps/open-account/future.md"

CURRENT_MAP = """\
---
title: Open an account
state: current
persona: zhang-li
description: How a freelancer opens an account.
reviewed: 2026-01-10
sources:
  - id: interviews
    title: Interviews
stages:
  - name: Compare
    id: compare
    steps:
      - name: Reads reviews
        id: reviews
        emotion: 1
      - name: Checks fees
        id: fees
        emotion: -1
        pain_points:
          - id: hidden-fees
            text: Fees are hidden in a PDF
            severity: medium
  - name: Apply
    id: apply
    steps:
      - name: Uploads her ID
        id: upload-id
        emotion: -2
        pain_points:
          - id: id-rejected
            text: The ID photo is rejected
            severity: high
        opportunities:
          - id: live-capture
            text: Live camera capture
            priority: high
            owner: identity-team
            status: planned
            addresses: [id-rejected]
      - name: Signs the contract
        id: sign
        emotion: 0
---
Notes.
"""

FUTURE_MAP = """\
---
title: Open an account
state: future
persona: zhang-li
stages:
  - name: Compare
    id: compare
    steps:
      - name: Reads reviews
        id: reviews
        emotion: 1
      - name: Uses a fee calculator
        id: fees
        emotion: 1
  - name: Apply
    id: apply
    steps:
      - name: Uploads her ID
        id: upload-id
        emotion: 0
---
"""

OTHER_MAP = """\
---
title: Clinic visit
state: current
persona: zhang-li
stages:
  - name: Book
    steps:
      - name: Calls the clinic
        emotion: -1
---
"""

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, env=GIT_ENV, capture_output=True, text=True, check=True)
    return done.stdout


def commit(root: Path, message: str = "change") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a site with one journey in two states, committed on main."""
    root = tmp_path / "repo"
    write_site(root, {CURRENT: CURRENT_MAP, FUTURE: FUTURE_MAP, "maps/clinic-visit.md": OTHER_MAP})
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    return root


def run(capsys, site: Path, *args: str) -> tuple[int, str, str]:
    code = main(["diff", "--site", str(site), *args])
    out, err = capsys.readouterr()
    return code, out, err


# -- each kind of change, as a reviewer reads it ------------------------------------------------

HEAD = "<!-- journeymaps-diff -->\n## Journey map changes\n\n"


def summary(body: str) -> str:
    return HEAD + body


def test_emotion_change(repo, capsys):
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -1")
    code, out, err = run(capsys, repo, "main")
    assert (code, err) == (0, "")
    assert out == summary("""\
Compared with `main`: 1 map changed.

### Open an account · Current state

```text
Before  ▆▃▁▅  mean −0.5
After   ▆▃▃▅  mean −0.25
```

| Step | Before | After | Change |
|:--|--:|--:|--:|
| **Apply · stage mean** | −1 | −0.5 | +0.5 |
| Uploads her ID | −2 | −1 | +1 |
""")


def move_fees_to_apply(root: Path) -> None:
    fees = """\
      - name: Checks fees
        id: fees
        emotion: -1
        pain_points:
          - id: hidden-fees
            text: Fees are hidden in a PDF
            severity: medium
"""
    edit(root, CURRENT, fees, "")
    edit(
        root,
        CURRENT,
        "    steps:\n      - name: Uploads her ID",
        "    steps:\n" + fees + "      - name: Uploads her ID",
    )


def test_steps_added_removed_and_moved(repo, capsys):
    edit(repo, CURRENT, "      - name: Signs the contract\n        id: sign\n        emotion: 0\n",
         "      - name: Takes a selfie\n        id: selfie\n        emotion: -0.5\n")  # fmt: skip
    move_fees_to_apply(repo)
    code, out, _ = run(capsys, repo, "main")
    assert code == 0
    assert out == summary("""\
Compared with `main`: 1 map changed.

### Open an account · Current state

```text
Before  ▆▃▁▅   mean −0.5
After   ▆▃▁ ▄  mean −0.62
```

| Step | Before | After | Change |
|:--|--:|--:|--:|
| **Compare · stage mean** | 0 | 1 | +1 |
| **Apply · stage mean** | −1 | −1.17 | −0.17 |

**Steps added**

- Takes a selfie · Apply · emotion −0.5

**Steps removed**

- Signs the contract · Apply · emotion 0

**Steps moved to another stage**

- Checks fees: Compare → Apply
""")


def change_pains_and_opportunities(root: Path) -> None:
    edit(
        root,
        CURRENT,
        "        id: sign\n        emotion: 0\n",
        """\
        id: sign
        emotion: 0
        pain_points:
          - id: wet-signature
            text: The contract needs a wet signature
            severity: high
""",
    )
    edit(root, CURRENT, "status: planned", "status: in-progress")
    edit(root, CURRENT, "owner: identity-team", "owner: onboarding-squad")
    edit(
        root,
        FUTURE,
        "        id: fees\n        emotion: 1\n",
        "        id: fees\n        emotion: 1\n        resolves: [hidden-fees]\n",
    )
    edit(root, CURRENT, "reviewed: 2026-01-10", "reviewed: 2026-03-01")
    edit(
        root,
        CURRENT,
        "    title: Interviews\n",
        "    title: Interviews\n  - id: survey\n    kind: survey\n    title: Exit survey\n",
    )
    edit(root, CURRENT, "opens an account.", "opens her account.")


def test_pain_points_opportunities_sources_and_review(repo, capsys):
    change_pains_and_opportunities(repo)
    code, out, _ = run(capsys, repo, "main")
    assert code == 0
    assert out == summary("""\
Compared with `main`: 2 maps changed.

### Open an account · Current state

**Pain points added**

- The contract needs a wet signature · High · Signs the contract

**Opportunities changed**

- Live camera capture: status Planned → In progress, owner identity-team → onboarding-squad

**Sources added**

- Exit survey · Survey

**Reviewed:** 2026-01-10 → 2026-03-01

**Also edited:** `description`

### Open an account · Future state

**Newly resolved in the future design**

- Fees are hidden in a PDF · Medium · Checks fees · resolved by Uses a fee calculator
""")


def change_maps(root: Path) -> None:
    """A map removed, a map added, and a journey renamed with an alias."""
    (root / "maps/clinic-visit.md").unlink()
    (root / "maps/open-account").rename(root / "maps/account")
    edit(root, "maps/account/current.md", "reviewed:", "aliases: [open-account]\nreviewed:")
    (root / "maps/first-purchase.md").write_text(OTHER_MAP.replace("Clinic visit", "First purchase"), encoding="utf-8")


def test_maps_added_removed_and_renamed(repo, capsys):
    change_maps(repo)
    code, out, _ = run(capsys, repo, "main")
    assert code == 0
    assert out == summary("""\
Compared with `main`: 1 map added, 1 map removed, 1 journey renamed.

**Maps added**

- First purchase · Current state · `first-purchase` · 1 stage, 1 step

**Maps removed**

- Clinic visit · Current state · `clinic-visit`

**Journeys renamed**

- `open-account` → `account` (the old links redirect)
""")


def test_renamed_journey_is_compared_under_its_new_id(repo, capsys):
    (repo / "maps/open-account").rename(repo / "maps/account")
    edit(repo, "maps/account/current.md", "reviewed:", "aliases: [open-account]\nreviewed:")
    edit(
        repo, "maps/account/current.md", "        id: sign\n        emotion: 0", "        id: sign\n        emotion: 1"
    )
    _, out, _ = run(capsys, repo, "main")
    assert out == summary("""\
Compared with `main`: 1 map changed, 1 journey renamed.

**Journeys renamed**

- `open-account` → `account` (the old links redirect)

### Open an account · Current state

Renamed from `open-account`.

```text
Before  ▆▃▁▅  mean −0.5
After   ▆▃▁▆  mean −0.25
```

| Step | Before | After | Change |
|:--|--:|--:|--:|
| **Apply · stage mean** | −1 | −0.5 | +0.5 |
| Signs the contract | 0 | 1 | +1 |
""")


def test_removed_journey_whose_links_another_now_answers(repo, capsys):
    (repo / "maps/clinic-visit.md").unlink()
    edit(repo, CURRENT, "reviewed:", "aliases: [clinic-visit]\nreviewed:")
    _, out, _ = run(capsys, repo, "main")
    assert "- Clinic visit · Current state · `clinic-visit` · its links now redirect to `open-account`\n" in out
    assert "**Also edited:** `aliases`\n" in out


def test_broken_head_gets_its_problems_first_and_exit_1(repo, capsys):
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -3")
    edit(repo, CURRENT, "        id: sign\n        emotion: 0", "        id: sign\n        emotion: 1")
    code, out, _ = run(capsys, repo, "main")
    assert code == 1
    assert out == summary("""\
Compared with `main`: 1 map changed.

**This change does not validate (1 problem in journey maps): fix these before merging.**

```text
maps/open-account/current.md:29: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not -3
```

### Open an account · Current state

```text
Before  ▆▃▁▅  mean −0.5
After   ▆▃·▆  mean 0.33
```

| Step | Before | After | Change |
|:--|--:|--:|--:|
| **Apply · stage mean** | −1 | 1 | +2 |
| Uploads her ID | −2 | — | — |
| Signs the contract | 0 | 1 | +1 |
""")


def test_broken_base_is_compared_where_it_can_be_read(repo, capsys):
    # The base has a map that no longer validates (an emotion off the scale, an unknown key).
    edit(
        repo,
        CURRENT,
        "        id: upload-id\n        emotion: -2",
        "        id: upload-id\n        emotion: -9\n        mood: low",
    )
    commit(repo, "broken")
    edit(
        repo,
        CURRENT,
        "        id: upload-id\n        emotion: -9\n        mood: low",
        "        id: upload-id\n        emotion: -1",
    )
    code, out, _ = run(capsys, repo, "HEAD")
    assert code == 0
    assert "| Uploads her ID | — | −1 | — |\n" in out
    assert "**This change does not validate" not in out


def test_nothing_changed(repo, capsys):
    assert run(capsys, repo, "main") == (
        0,
        HEAD + "Compared with `main`: no change to any journey map or persona.\n",
        "",
    )


def test_json_for_tools(repo, capsys):
    change_pains_and_opportunities(repo)
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -1")
    edit(repo, FUTURE, "      - name: Reads reviews\n        id: reviews\n        emotion: 1\n", "")
    change_maps(repo)
    code, out, _ = run(capsys, repo, "main", "--format", "json")
    assert code == 0
    empty = {"added": [], "removed": []}
    step_lists = {"added": [], "removed": [], "moved": [], "emotion": []}
    assert json.loads(out) == {
        "base": "main",
        "head": None,
        "valid": True,
        "problems": [],
        "maps": {
            "added": [{"journey": "first-purchase", "state": "current", "title": "First purchase", "url": None}],
            "removed": [
                {"journey": "clinic-visit", "state": "current", "title": "Clinic visit", "url": None, "redirect": None}
            ],
            "renamed": [{"from": "open-account", "to": "account"}],
            "changed": [
                {
                    "journey": "account",
                    "state": "current",
                    "title": "Open an account",
                    "url": None,
                    "renamed_from": "open-account",
                    "emotion": {
                        "before": [1, -1, -2, 0],
                        "after": [1, -1, -1, 0],
                        "sparkline": {"before": "▆▃▁▅", "after": "▆▃▃▅"},
                        "mean": {"before": -0.5, "after": -0.25},
                    },
                    "stages": [{"id": "apply", "name": "Apply", "before": -1, "after": -0.5, "change": 0.5}],
                    "steps": step_lists
                    | {
                        "emotion": [
                            {
                                "id": "upload-id",
                                "name": "Uploads her ID",
                                "stage": "apply",
                                "before": -2,
                                "after": -1,
                                "change": 1,
                                "url": None,
                            }
                        ]
                    },  # fmt: skip
                    "pain_points": {
                        "added": [
                            {
                                "id": "wet-signature",
                                "text": "The contract needs a wet signature",
                                "severity": "high",
                                "step": "sign",
                            }
                        ],
                        "removed": [],
                        "resolved": [],
                        "unresolved": [],
                    },  # fmt: skip
                    "opportunities": {
                        "added": [],
                        "removed": [],
                        "changed": [
                            {
                                "id": "live-capture",
                                "text": "Live camera capture",
                                "step": "upload-id",
                                "changes": {
                                    "status": {"before": "planned", "after": "in-progress"},
                                    "owner": {"before": "identity-team", "after": "onboarding-squad"},
                                },
                            }
                        ],
                    },  # fmt: skip
                    "sources": {
                        "added": [{"id": "survey", "title": "Exit survey", "kind": "survey", "url": None}],
                        "removed": [],
                    },
                    "reviewed": {"before": "2026-01-10", "after": "2026-03-01"},
                    "kpis": [],
                    "edited": [{"kind": "map", "id": "account", "name": "Open an account", "fields": ["description"]}],
                },
                {
                    "journey": "account",
                    "state": "future",
                    "title": "Open an account",
                    "url": None,
                    "renamed_from": "open-account",
                    "emotion": {
                        "before": [1, 1, 0],
                        "after": [1, 0],
                        "sparkline": {"before": "▆▆▅", "after": "▆▅"},
                        "mean": {"before": 0.667, "after": 0.5},
                    },
                    "stages": [],
                    "steps": step_lists
                    | {
                        "removed": [
                            {"id": "reviews", "name": "Reads reviews", "stage": "compare", "emotion": 1, "url": None}
                        ]
                    },  # fmt: skip
                    "pain_points": {
                        "added": [],
                        "removed": [],
                        "unresolved": [],
                        "resolved": [
                            {
                                "id": "hidden-fees",
                                "text": "Fees are hidden in a PDF",
                                "severity": "medium",
                                "step": "fees",
                                "resolved_by": ["fees"],
                            }
                        ],
                    },  # fmt: skip
                    "opportunities": {"added": [], "removed": [], "changed": []},
                    "sources": empty,
                    "reviewed": None,
                    "kpis": [],
                    "edited": [],
                },
            ],
        },
        "personas": {"added": [], "removed": [], "edited": []},
        "metrics": empty,
        "metric_values": [],
    }


def test_json_of_a_broken_head(repo, capsys):
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -3")
    code, out, _ = run(capsys, repo, "main", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert (data["valid"], data["problems"]) == (
        False,
        [
            {
                "file": CURRENT,
                "line": 29,
                "message": "'emotion' must be a number from -2 to 2 (the site's emotion scale), not -3",
                "level": "error",
                "code": "field.emotion",
            }
        ],
    )


def test_links_to_the_published_pages(repo, capsys):
    edit(repo, "mkdocs.yml", "site_name: Test site\n", "site_name: Test site\nsite_url: https://maps.example.com/cx/\n")
    change_pains_and_opportunities(repo)
    edit(repo, CURRENT, "      - name: Signs the contract\n        id: sign\n",
         "      - name: Takes a selfie\n        id: selfie\n        emotion: -0.5\n      - name: Signs the contract\n        id: sign\n")  # fmt: skip
    (repo / "maps/clinic-visit.md").unlink()
    _, out, _ = run(capsys, repo, "main")
    page = "https://maps.example.com/cx/journeys/open-account"
    assert "- [Clinic visit](https://maps.example.com/cx/journeys/clinic-visit/current/) · Current state" in out
    assert f"### [Open an account]({page}/current/) · Current state\n" in out
    assert f"### [Open an account]({page}/future/) · Future state\n" in out
    assert f"- [Takes a selfie]({page}/current/#step-selfie) · Apply · emotion −0.5\n" in out
    assert f"- The contract needs a wet signature · High · [Signs the contract]({page}/current/#step-sign)\n" in out
    assert (
        f"- Fees are hidden in a PDF · Medium · [Checks fees]({page}/current/#step-fees) · "
        f"resolved by [Uses a fee calculator]({page}/future/#step-fees)\n"
    ) in out


def test_links_without_directory_urls_and_to_ids_in_any_script(repo, capsys):
    edit(
        repo, "mkdocs.yml", "use_directory_urls: true", "use_directory_urls: false\nsite_url: https://maps.example.com"
    )
    edit(repo, CURRENT, "        id: sign\n        emotion: 0", "        id: 签约\n        emotion: 1")
    _, out, _ = run(capsys, repo, "main")
    url = "https://maps.example.com/journeys/open-account/current.html#step-%E7%AD%BE%E7%BA%A6"
    assert f"- [Signs the contract]({url}) · Apply · emotion 1\n" in out


def test_drafts_are_not_linked(repo, capsys):
    edit(repo, "mkdocs.yml", "site_name: Test site\n", "site_name: Test site\nsite_url: https://maps.example.com/\n")
    edit(repo, CURRENT, "reviewed:", "draft: true\nreviewed:")
    _, out, _ = run(capsys, repo, "main")
    assert "### Open an account · Current state\n\n**Also edited:** `draft`\n" in out


def test_future_state_added_says_what_it_resolves(repo, capsys):
    (repo / FUTURE).unlink()
    commit(repo, "only the current state")
    (repo / FUTURE).write_text(
        FUTURE_MAP.replace("        emotion: 0\n", "        emotion: 0\n        resolves: [id-rejected]\n")
    )
    _, out, _ = run(capsys, repo, "HEAD")
    assert out == summary("""\
Compared with `HEAD`: 1 map added.

**Maps added**

- Open an account · Future state · `open-account` · 2 stages, 3 steps · resolves 1 of 2 pain points of the current state
""")


def test_pain_point_no_longer_resolved(repo, capsys):
    edit(
        repo,
        FUTURE,
        "        id: fees\n        emotion: 1\n",
        "        id: fees\n        emotion: 1\n        resolves: [hidden-fees]\n",
    )
    commit(repo, "resolved")
    edit(repo, FUTURE, "        resolves: [hidden-fees]\n", "")
    _, out, _ = run(capsys, repo, "HEAD")
    assert out.endswith("""\
### Open an account · Future state

**No longer resolved in the future design**

- Fees are hidden in a PDF · Medium · Checks fees · resolved by Uses a fee calculator
""")


def test_pain_points_and_opportunities_removed_and_added(repo, capsys):
    edit(
        repo,
        CURRENT,
        """\
        opportunities:
          - id: live-capture
            text: Live camera capture
            priority: high
            owner: identity-team
            status: planned
            addresses: [id-rejected]
""",
        """\
        opportunities:
          - text: Accept a passport
            status: idea
""",
    )
    edit(
        repo,
        CURRENT,
        """\
        pain_points:
          - id: hidden-fees
            text: Fees are hidden in a PDF
            severity: medium
""",
        "",
    )
    _, out, _ = run(capsys, repo, "main")
    assert (
        """\
**Pain points removed**

- Fees are hidden in a PDF · Medium · Checks fees

**Opportunities added**

- Accept a passport · Idea · Uploads her ID

**Opportunities removed**

- Live camera capture · High · Planned · owner identity-team · Uploads her ID
"""
        in out
    )


def test_wording_changes_are_one_line(repo, capsys):
    edit(
        repo,
        CURRENT,
        "      - name: Checks fees\n",
        "      - name: Checks the fees\n        touchpoint: Pricing page\n",
    )
    edit(repo, CURRENT, "            text: Fees are hidden in a PDF\n            severity: medium",
         "            text: Fees are only in a PDF\n            severity: high")  # fmt: skip
    edit(repo, CURRENT, "  - name: Apply\n", "  - name: Application\n    description: She applies.\n")
    edit(repo, CURRENT, "    title: Interviews\n", "    title: Twelve interviews\n")
    edit(repo, CURRENT, "Notes.", "Notes, rewritten at length.")
    _, out, _ = run(capsys, repo, "main")
    assert out == summary("""\
Compared with `main`: 1 map changed.

### Open an account · Current state

**Also edited:** the text below the map; step Checks the fees: `name`, `touchpoint`; stage Application: `name`, \
`description`; pain point Fees are only in a PDF: `text`, `severity`; source Twelve interviews: `title`
""")


def test_personas(repo, capsys):
    (repo / "personas/sam-lee.md").write_text("---\nname: Sam Lee\n---\n", encoding="utf-8")
    edit(repo, "personas/zhang-li.md", "role: Marketing manager", "role: Head of marketing")
    _, out, _ = run(capsys, repo, "main")
    assert out == summary("""\
Compared with `main`: 2 personas changed.

**Personas:** added Sam Lee; edited Zhang Li
""")


def test_authors_text_cannot_break_the_comment(repo, capsys):
    edit(
        repo,
        CURRENT,
        "      - name: Signs the contract\n",
        '      - name: "Signs <b>the</b> | *contract* [x](y) @team"\n',
    )
    edit(repo, CURRENT, "        id: sign\n        emotion: 0", "        id: sign\n        emotion: 1")
    _, out, _ = run(capsys, repo, "main")
    assert r"| Signs \<b\>the\</b\> \| \*contract\* \[x\](y) \@team | 0 | 1 | +1 |" in out


def test_a_comment_stays_within_githubs_limit(repo, capsys, monkeypatch):
    from journeymaps.authoring import diff_report

    change_pains_and_opportunities(repo)
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: 7")
    edit(repo, CURRENT, "        id: sign\n        emotion: 0", "        id: sign\n        emotion: 9")
    monkeypatch.setattr(diff_report, "COMMENT_LIMIT", 700)
    monkeypatch.setattr(diff_report, "PROBLEMS_SHOWN", 1)
    code, out, _ = run(capsys, repo, "main")
    assert code == 1
    assert out == summary("""\
Compared with `main`: 2 maps changed.

**This change does not validate (2 problems in journey maps): fix these before merging.**

```text
maps/open-account/current.md:32: 'emotion' must be a number from -2 to 2 (the site's emotion scale), not 7
... and 1 more: journeymaps validate lists them all
```

2 more changed maps are left out to keep this comment within GitHub's limit; `journeymaps diff main` shows them all.
""")


def test_chinese_site(tmp_path, capsys):
    root = tmp_path / "repo"
    write_site(root, {CURRENT: CURRENT_MAP, FUTURE: FUTURE_MAP}, language="zh")
    git(root, "init", "-q", "-b", "main")
    commit(root)
    change_pains_and_opportunities(root)
    edit(root, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -1")
    edit(
        root,
        CURRENT,
        "        id: sign\n        emotion: 0",
        "        id: sign\n        emotion: 0.5\n        actors: [银行职员]",
    )
    _, out, _ = run(capsys, root, "main")
    assert (
        out
        == """\
<!-- journeymaps-diff -->
## 旅程地图变更

与 `main` 相比：2 张地图有改动。

### Open an account · 现状

```text
改动前  ▆▃▁▅  平均 −0.5
改动后  ▆▃▃▅  平均 −0.12
```

| 步骤 | 改动前 | 改动后 | 变化 |
|:--|--:|--:|--:|
| **Apply · 阶段平均** | −1 | −0.25 | +0.75 |
| Uploads her ID | −2 | −1 | +1 |
| Signs the contract | 0 | 0.5 | +0.5 |

**新增的痛点**

- The contract needs a wet signature · 高 · Signs the contract

**有变化的机会点**

- Live camera capture：状态 已计划 → 进行中、负责人 identity-team → onboarding-squad

**新增的研究来源**

- Exit survey · 问卷

**评审日期：** 2026-01-10 → 2026-03-01

**其他修改：** `description`；步骤 Signs the contract：`actors`

### Open an account · 未来状态

**未来设计中新解决的痛点**

- Fees are hidden in a PDF · 中 · Checks fees · 由 Uses a fee calculator 解决
"""
    )


# -- revisions ------------------------------------------------------------------------------


def test_two_revisions_leave_the_working_tree_alone(repo, capsys):
    git(repo, "switch", "-q", "-c", "change")
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -1")
    commit(repo)
    edit(repo, CURRENT, "        id: sign\n        emotion: 0", "        id: sign\n        emotion: 2")  # not committed
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    status = git(repo, "status", "--porcelain")
    code, out, _ = run(capsys, repo, "main", "change")
    assert code == 0
    assert out.startswith(HEAD + "Compared with `main` → `change`") is False  # the words, not an arrow
    assert "From `main` to `change`: 1 map changed." in out
    assert "| Uploads her ID | −2 | −1 | +1 |" in out
    assert "Signs the contract" not in out  # the working tree's edit is not part of 'change'
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts} == before
    assert git(repo, "status", "--porcelain") == status
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("journeymaps-diff-*"))


def test_site_in_a_subfolder_of_the_repository(tmp_path, capsys):
    top = tmp_path / "repo"
    site = top / "cx-site"
    write_site(site, {CURRENT: CURRENT_MAP})
    (top / "README.md").write_text("Other things.\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    commit(top)
    edit(site, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: 5")
    code, out, _ = run(capsys, site, "main")
    assert code == 1
    assert "cx-site/maps/open-account/current.md:29: 'emotion' must be a number from -2 to 2" in out


def test_site_that_did_not_exist_in_the_base(tmp_path, capsys):
    top = tmp_path / "repo"
    (top / "README.md").parent.mkdir(parents=True)
    (top / "README.md").write_text("Before the maps.\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    commit(top)
    write_site(top / "site-src", {CURRENT: CURRENT_MAP})
    _, out, _ = run(capsys, top / "site-src", "main")
    assert "Compared with `main`: 1 map added, 1 persona changed." in out


def test_base_with_other_settings_is_read_with_its_own(repo, capsys):
    """A change that moves the emotion scale moves the maps with it: the base is read on its own scale."""
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(config.replace("  - journeymaps", "  - journeymaps:\n      emotion_scale: [1, 5]"))
    for path in (CURRENT, FUTURE, "maps/clinic-visit.md"):
        text = (repo / path).read_text(encoding="utf-8")
        (repo / path).write_text(re.sub(r"emotion: (-?\d+)", lambda m: f"emotion: {int(m[1]) + 3}", text))
    code, out, _ = run(capsys, repo, "main")
    assert code == 0
    assert "Open an account · Current state" in out
    assert "Uploads her ID | −2 | 1 | +3 |" in out  # read on each side's scale, not refused


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "unknown revision 'nope'; name a branch, tag or commit that this clone has"),
        (["--", "-x"], "unknown revision '-x'"),
        (["main", "nope"], "unknown revision 'nope'"),
    ],
)
def test_unknown_revision(repo, capsys, args, message):
    code, out, err = run(capsys, repo, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_not_a_git_repository(tmp_path, capsys):
    write_site(tmp_path, {CURRENT: CURRENT_MAP})
    code, out, err = run(capsys, tmp_path, "main")
    assert (code, out) == (2, "")
    assert err == f"{tmp_path}: not inside a git repository; journeymaps diff compares git revisions\n"


def test_head_revision_with_a_broken_mkdocs_yml(repo, capsys):
    git(repo, "switch", "-q", "-c", "broken-config")
    edit(repo, "mkdocs.yml", "  - journeymaps", "  - journeymaps:\n      emotion_scale: 3")
    commit(repo)
    git(repo, "switch", "-q", "main")
    code, out, err = run(capsys, repo, "main", "broken-config")
    assert (code, out) == (2, "")
    assert err.startswith("broken-config: mkdocs.yml: ")


# -- pieces ---------------------------------------------------------------------------------


def test_sparkline_and_numbers():
    steps = [Step(id=str(i), name=str(i), emotion=e) for i, e in enumerate([-2, -1, 0, None, 1, 2, 7])]
    m = Map(journey="j", state="current", title="J", persona=[], stages=[Stage(id="s", name="S", steps=steps)])
    assert sparkline(m, (-2, 2)) == "▁▃▅·▆██"
    assert sparkline(m, (1, 5)) == "▁▁▁·▁▃█"
    assert [number(v) for v in (None, -0.0, -1.5, 0.333, 2)] == ["—", "0", "−1.5", "0.33", "2"]
    assert [signed(v) for v in (None, 0.001, 1, -0.25)] == ["—", "±0", "+1", "−0.25"]
    assert md("a *b* | <c> & d\n e") == r"a \*b\* \| \<c\> &amp; d e"


def test_every_word_in_both_languages():
    assert diff_words.EN.keys() == diff_words.ZH.keys()
    for key, english in diff_words.EN.items():
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", diff_words.ZH[key])), key


# -- the demo change shown in docs/workflow.md -----------------------------------------------

DEMO_CURRENT = "maps/open-account/current.md"
DEMO_FUTURE = "maps/open-account/future.md"
# The ID check got easier, an opportunity is done, the card letter disappoints, and the
# future state resolves that with a new step.
DEMO_CHANGE = [
    (
        DEMO_CURRENT,
        "from comparison site to first card payment.",
        "from the comparison site to her first card payment.",
    ),
    (DEMO_CURRENT, "reviewed: 2026-06-15", "reviewed: 2026-12-01"),
    (
        DEMO_CURRENT,
        '    title: Complaints tagged "account opening", H1 2026\n',
        '    title: Complaints tagged "account opening", H1 2026\n'
        "  - id: nps-q3\n    kind: survey\n    title: NPS verbatims of new customers, Q3 2026\n",
    ),
    (
        DEMO_CURRENT,
        '"Why does it keep saying the photo is blurry?"\n        emotion: -1',
        '"Why does it keep saying the photo is blurry?"\n        emotion: 0',
    ),
    (DEMO_CURRENT, "            status: in-progress\n", "            status: done\n"),
    (
        DEMO_CURRENT,
        "        channel: mail\n        emotion: 1\n        feeling: relieved\n",
        "        channel: mail\n        emotion: 0.5\n        feeling: relieved\n        pain_points:\n"
        "          - id: card-pin-letter\n            text: The PIN arrives in a separate letter a week after the card\n"
        "            severity: high\n            evidence: [complaints]\n",
    ),
    (
        DEMO_FUTURE,
        "        emotion: 2\n        feeling: delighted\n",
        "        emotion: 2\n        feeling: delighted\n      - name: Sets her PIN in the app\n        id: pin-in-app\n"
        "        touchpoint: In-app PIN setup\n        channel: app\n        emotion: 1.5\n        resolves: [card-pin-letter]\n",
    ),
]


def demo_repository(root: Path) -> Path:
    """The demo site (mkdocs.yml, maps, personas) committed in a repository of its own, on
    a branch named like the one CI compares with."""
    root.mkdir()
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    (root / "docs").mkdir()
    (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    for folder in ("maps", "personas", "metrics"):
        for file in (REPO / folder).rglob("*"):
            if file.is_file():
                (root / file.relative_to(REPO)).parent.mkdir(parents=True, exist_ok=True)
                (root / file.relative_to(REPO)).write_bytes(file.read_bytes())
    git(root, "init", "-q", "-b", "main")
    commit(root)
    git(root, "branch", "origin/main")
    return root


def test_the_demo_change_in_the_docs_is_what_the_command_prints(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    root = demo_repository(tmp_path / "demo")
    for path, old, new in DEMO_CHANGE:
        edit(root, path, old, new)
    code, out, _ = run(capsys, root, "origin/main")
    assert code == 0
    page = (REPO / "docs/workflow.md").read_text(encoding="utf-8")
    shown = re.search(r"````markdown\n(.*?)````\n", page, re.S)
    assert shown, "docs/workflow.md shows the demo change in a ````markdown block"
    assert shown[1] == out, "docs/workflow.md: paste this test's output into the example"


# -- the GitHub Actions workflow in docs/examples ---------------------------------------------

WORKFLOW = REPO / "docs/examples/journeymaps.yml"


def workflow_steps(workflow: Path = WORKFLOW) -> list[dict]:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    (job,) = data["jobs"].values()
    return job["steps"]


def test_workflow_is_valid_yaml_with_every_step():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare 'on' as true
    assert set(triggers) == {"pull_request", "push"}
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = {step.get("name") or step["uses"]: step for step in workflow_steps()}
    assert steps["actions/checkout@v4"]["with"]["fetch-depth"] == 0  # the base branch is in the clone
    assert steps["Check maps and personas"]["run"] == "journeymaps validate --format github"
    assert steps["Build the site"]["run"] == "mkdocs build --strict"
    assert steps["Keep the built site"]["uses"] == "actions/upload-artifact@v4"
    assert steps["Keep the built site"]["with"]["path"] == "site/"
    # The comment is found again by the summary's first line.
    assert f'startswith("{MARKER}")' in steps["Post the summary on the pull request"]["run"]


def test_workflow_shell_is_valid():
    for step in workflow_steps():
        if "run" in step:
            subprocess.run(["bash", "-n"], input=step["run"], text=True, check=True)


def journeymaps_commands(workflow: Path = WORKFLOW) -> list[list[str]]:
    """Each journeymaps command the workflow runs, as words, without redirections."""
    commands = []
    for step in workflow_steps(workflow):
        for line in step.get("run", "").splitlines():
            if line.strip().startswith("journeymaps "):
                words = shlex.split(line, comments=True)
                cut = next((i for i, w in enumerate(words) if w in (">", ">>", "||", "|", "&&")), len(words))
                commands.append([os.path.expandvars(w) for w in words[1:cut]])
    return commands


def test_workflow_runs_commands_of_our_command_line(repo, capsys, monkeypatch):
    """Each command, run as the workflow runs it: in a clone of the pull request, where the
    base branch is origin/<base>."""
    clone = repo.parent / "clone"
    git(repo.parent, "clone", "-q", str(repo), str(clone))
    edit(clone, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -1")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    monkeypatch.chdir(clone)  # the workflow runs them in the site folder
    commands = journeymaps_commands()
    assert [c[0] for c in commands] == ["validate", "diff"]
    for command in commands:
        assert main(command) == 0, command
    out = capsys.readouterr().out
    assert (
        "::warning file=maps/open-account/future.md,line=2,title=journeymaps::this map has never been reviewed" in out
    )
    assert "Compared with `origin/main`: 1 map changed." in out


@pytest.mark.slow
def test_workflow_build_step_makes_the_artifact(repo):
    (step,) = [s for s in workflow_steps() if s.get("name") == "Build the site"]
    # a published site has its address (link previews need it; --strict holds the build to it)
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://maps.example.com/\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", *shlex.split(step["run"])], cwd=repo, env=env, check=True, capture_output=True
    )
    assert (repo / "site/journeys/open-account/current/index.html").is_file()


def test_workflow_page_shows_the_workflow_file():
    page = (REPO / "docs/workflow.md").read_text(encoding="utf-8")
    # 'yml': the docs' yaml blocks are journey-map examples, which test_docs reads as such.
    assert f"```yml\n{WORKFLOW.read_text(encoding='utf-8')}```\n" in page
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["nav"]
    assert {"Workflow": "workflow.md"} in nav[1]["Guide"]


def test_the_vs_code_task_reads_validates_lines(repo, capsys):
    page = (REPO / "docs/workflow.md").read_text(encoding="utf-8")
    (tasks,) = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", page, re.S) if '"tasks"' in b]
    matcher = tasks["tasks"][0]["problemMatcher"]
    assert tasks["tasks"][0]["command"] == "journeymaps validate"
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -3")
    assert main(["validate", "--site", str(repo)]) == 1
    found = [re.match(matcher["pattern"]["regexp"], line) for line in capsys.readouterr().out.splitlines()]
    read = {(m[1], m[2], m[3]) for m in found if m}
    assert {(CURRENT, "29", None), (FUTURE, "2", "warning"), ("maps/clinic-visit.md", "2", "warning")} <= read
    assert all(m for m in found)  # every line is a problem the task lists (the summary goes to stderr)


def test_lang_and_site_go_before_the_command_too(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "journeymaps", "--lang", "zh", "--site", str(tmp_path), "validate"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "这里没有 mkdocs.yml" in result.stderr
