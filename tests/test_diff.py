"""journeymaps diff: a real git repository with a committed site, changed in each way a
reviewer cares about, and the exact summary (Markdown and JSON) it gets."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write_site
from journeymaps.authoring.diff_report import md, number, signed, sparkline
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
    code = main(["diff", *args, "--site", str(site)])
    out, err = capsys.readouterr()
    return code, out, err


def lines(text: str) -> str:
    return text


# -- each kind of change, as a reviewer reads it ------------------------------------------------

HEAD = "<!-- journeymaps-diff -->\n## Journey map changes\n\n"


def test_emotion_change(repo, capsys):
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -1")
    code, out, err = run(capsys, repo, "main")
    assert (code, err) == (0, "")
    assert out == HEAD + """\
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
"""


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
    edit(root, CURRENT, "    steps:\n      - name: Uploads her ID", "    steps:\n" + fees + "      - name: Uploads her ID")


def test_steps_added_removed_and_moved(repo, capsys):
    edit(repo, CURRENT, "      - name: Signs the contract\n        id: sign\n        emotion: 0\n",
         "      - name: Takes a selfie\n        id: selfie\n        emotion: -0.5\n")  # fmt: skip
    move_fees_to_apply(repo)
    code, out, _ = run(capsys, repo, "main")
    assert code == 0
    assert out == HEAD + """\
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
"""


def change_pains_and_opportunities(root: Path) -> None:
    edit(root, CURRENT, "        id: sign\n        emotion: 0\n", """\
        id: sign
        emotion: 0
        pain_points:
          - id: wet-signature
            text: The contract needs a wet signature
            severity: high
""")
    edit(root, CURRENT, "status: planned", "status: in-progress")
    edit(root, CURRENT, "owner: identity-team", "owner: onboarding-squad")
    edit(root, FUTURE, "        id: fees\n        emotion: 1\n", "        id: fees\n        emotion: 1\n        resolves: [hidden-fees]\n")
    edit(root, CURRENT, "reviewed: 2026-01-10", "reviewed: 2026-03-01")
    edit(root, CURRENT, "    title: Interviews\n", "    title: Interviews\n  - id: survey\n    kind: survey\n    title: Exit survey\n")
    edit(root, CURRENT, "opens an account.", "opens her account.")


def test_pain_points_opportunities_sources_and_review(repo, capsys):
    change_pains_and_opportunities(repo)
    code, out, _ = run(capsys, repo, "main")
    assert code == 0
    assert out == HEAD + """\
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

**Newly resolved by the future state**

- Fees are hidden in a PDF · Medium · Checks fees · resolved by Uses a fee calculator
"""


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
    assert out == HEAD + """\
Compared with `main`: 1 map added, 1 map removed, 1 journey renamed.

**Maps added**

- First purchase · Current state · `first-purchase` · 1 stage, 1 step

**Maps removed**

- Clinic visit · Current state · `clinic-visit`

**Journeys renamed**

- `open-account` → `account` (the old links redirect)
"""


def test_renamed_journey_is_compared_under_its_new_id(repo, capsys):
    (repo / "maps/open-account").rename(repo / "maps/account")
    edit(repo, "maps/account/current.md", "reviewed:", "aliases: [open-account]\nreviewed:")
    edit(repo, "maps/account/current.md", "        id: sign\n        emotion: 0", "        id: sign\n        emotion: 1")
    _, out, _ = run(capsys, repo, "main")
    assert out == HEAD + """\
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
"""


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
    assert out == HEAD + """\
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
"""


def test_broken_base_is_compared_where_it_can_be_read(repo, capsys):
    # The base has a map that no longer validates (an emotion off the scale, an unknown key).
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -9\n        mood: low")
    commit(repo, "broken")
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -9\n        mood: low", "        id: upload-id\n        emotion: -1")
    code, out, _ = run(capsys, repo, "HEAD")
    assert code == 0
    assert "| Uploads her ID | — | −1 | — |\n" in out
    assert "**This change does not validate" not in out


def test_nothing_changed(repo, capsys):
    assert run(capsys, repo, "main") == (0, HEAD + "Compared with `main`: no change to any journey map or persona.\n", "")


def test_scratch_json(repo, capsys):
    change_pains_and_opportunities(repo)
    edit(repo, CURRENT, "        id: upload-id\n        emotion: -2", "        id: upload-id\n        emotion: -1")
    edit(repo, CURRENT, "      - name: Signs the contract\n        id: sign\n", "      - name: Takes a selfie\n        id: selfie\n        emotion: -0.5\n      - name: Signs the contract\n        id: sign\n")
    edit(repo, FUTURE, "      - name: Reads reviews\n        id: reviews\n        emotion: 1\n", "")
    change_maps(repo)
    edit(repo, "mkdocs.yml", "site_name: Test site\n", "site_name: Test site\nsite_url: https://maps.example.com/cx/\n")
    print(run(capsys, repo, "main", "--format", "json")[1])
    print(run(capsys, repo, "main")[1])
