"""Journeys that nest (docs/format.md, Journeys that nest): each rule with a broken site and the
exact path:line: message, then the pages and files that show how journeys fit together."""

from __future__ import annotations

import json
import logging

import pytest
from conftest import Html, build_site, catalog_of, problems_of, write_site
from journeymaps.format.catalog import read_site
from journeymaps.siteconfig import load_settings


def journey_map(title: str, stages: list[str], part_of: str | None = None, state: str = "current") -> str:
    """A small valid map; ``part_of`` is always on line 5 when given."""
    lines = ["---", f"title: {title}", f"state: {state}", "persona: zhang-li"]
    if part_of is not None:
        lines.append(f"part_of: {part_of}")
    lines.append("stages:")
    for stage in stages:
        lines += [f"  - name: {stage}", "    steps:", f"      - name: {stage} step", "        emotion: 0"]
    return "\n".join([*lines, "---", ""])


LIFECYCLE = journey_map("Banking with us", ["Join", "Use", "Get help"])
L = "maps/lifecycle/current.md"
A = "maps/open-account/current.md"
B = "maps/card-dispute/current.md"
C = "maps/loan/current.md"

CASES = {
    "a journey this site does not have, with the nearest id": (
        {L: LIFECYCLE, A: journey_map("Opening an account", ["Apply"], "lifecyle#join")},
        [f"{A}:5: 'part_of' names journey 'lifecyle', which this site does not have; did you mean 'lifecycle'?"],
    ),
    "a journey far from any id": (
        {L: LIFECYCLE, A: journey_map("Opening an account", ["Apply"], "xyzzy")},
        [f"{A}:5: 'part_of' names journey 'xyzzy', which this site does not have"],
    ),
    "a stage the journey does not have, with the nearest id": (
        {L: LIFECYCLE, A: journey_map("Opening an account", ["Apply"], "lifecycle#jion")},
        [f"{A}:5: 'part_of' names stage 'jion' of journey 'lifecycle', which has no such stage; did you mean 'join'?"],
    ),
    "a stage far from any id: the stages are listed": (
        {L: LIFECYCLE, A: journey_map("Opening an account", ["Apply"], "lifecycle#borrow")},
        [
            f"{A}:5: 'part_of' names stage 'borrow' of journey 'lifecycle', which has no such stage; "
            "known stages: get-help, join, use"
        ],
    ),
    "a stage named, not its id": (
        {L: LIFECYCLE, A: journey_map("Opening an account", ["Apply"], "lifecycle#Get help")},
        [
            f"{A}:5: 'part_of' must be a journey id, or a journey id and a stage id like "
            "'customer-lifecycle#purchase', not 'lifecycle#Get help'; try 'lifecycle#get-help'"
        ],
    ),
    "a journey part of itself": (
        {L: journey_map("Banking with us", ["Join", "Use"], "lifecycle#use")},
        [
            f"{L}:5: 'part_of' makes journey 'lifecycle' part of itself (lifecycle → lifecycle); a journey cannot "
            "contain itself"
        ],
    ),  # fmt: skip
    "a cycle of two journeys: each is reported at its own line": (
        {
            A: journey_map("Opening an account", ["Apply"], "card-dispute#dispute"),
            B: journey_map("Disputing a card payment", ["Dispute"], "open-account#apply"),
        },
        [
            f"{B}:5: 'part_of' makes journey 'card-dispute' part of itself (card-dispute → open-account → "
            "card-dispute); a journey cannot contain itself",
            f"{A}:5: 'part_of' makes journey 'open-account' part of itself (open-account → card-dispute → "
            "open-account); a journey cannot contain itself",
        ],
    ),
    "a cycle of three journeys": (
        {
            A: journey_map("Opening an account", ["Apply"], "loan"),
            B: journey_map("Disputing a card payment", ["Dispute"], "open-account#apply"),
            C: journey_map("Taking a loan", ["Borrow"], "card-dispute#dispute"),
        },
        [
            f"{B}:5: 'part_of' makes journey 'card-dispute' part of itself (card-dispute → open-account → loan → "
            "card-dispute); a journey cannot contain itself",
            f"{C}:5: 'part_of' makes journey 'loan' part of itself (loan → card-dispute → open-account → loan); "
            "a journey cannot contain itself",
            f"{A}:5: 'part_of' makes journey 'open-account' part of itself (open-account → loan → card-dispute → "
            "open-account); a journey cannot contain itself",
        ],
    ),
    "a journey that leads into a cycle is not itself reported": (
        {
            A: journey_map("Opening an account", ["Apply"], "card-dispute#dispute"),
            B: journey_map("Disputing a card payment", ["Dispute"], "open-account#apply"),
            C: journey_map("Taking a loan", ["Borrow"], "card-dispute#dispute"),
        },
        [
            f"{B}:5: 'part_of' makes journey 'card-dispute' part of itself (card-dispute → open-account → "
            "card-dispute); a journey cannot contain itself",
            f"{A}:5: 'part_of' makes journey 'open-account' part of itself (open-account → card-dispute → "
            "open-account); a journey cannot contain itself",
        ],
    ),
}


@pytest.mark.parametrize("files, expected", list(CASES.values()), ids=list(CASES))
def test_rule(site, files, expected):
    assert problems_of(site(files)) == sorted(expected)


def test_a_stage_of_the_future_state_only_is_a_stage_of_the_journey(site):
    future = journey_map("Banking with us", ["Join", "Borrow"], state="future")
    root = site(
        {L: LIFECYCLE, "maps/lifecycle/future.md": future, A: journey_map("Loan", ["Apply"], "lifecycle#borrow")}
    )
    assert problems_of(root) == []


def test_states_that_differ_are_a_warning_and_the_current_state_wins(site):
    root = site(
        {
            L: LIFECYCLE,
            A: journey_map("Opening an account", ["Apply"], "lifecycle#join"),
            "maps/open-account/future.md": journey_map("Opening an account", ["Apply"], "lifecycle#use", "future"),
            "maps/loan/future.md": journey_map("Taking a loan", ["Borrow"], "lifecycle#use", "future"),
        }
    )
    catalog, problems = read_site(root, load_settings(root))
    assert [str(p) for p in problems.errors] == []
    assert [str(p) for p in problems.warnings if "part_of" in str(p)] == [
        "maps/open-account/future.md:5: the current state says 'part_of: lifecycle#join'; the current state's is "
        "used, so make both states agree"
    ]
    assert str(catalog.journeys["open-account"].part_of) == "lifecycle#join"
    # A journey with only a future state: that state's part_of is the journey's.
    assert str(catalog.journeys["loan"].part_of) == "lifecycle#use"


def test_a_current_state_without_part_of_wins_too(site):
    root = site(
        {
            L: LIFECYCLE,
            A: journey_map("Opening an account", ["Apply"]),
            "maps/open-account/future.md": journey_map("Opening an account", ["Apply"], "lifecycle#join", "future"),
        }
    )
    catalog, problems = read_site(root, load_settings(root))
    assert [str(p) for p in problems.warnings if "part_of" in str(p)] == [
        "maps/open-account/future.md:5: the current state says 'part_of: —'; the current state's is used, so "
        "make both states agree"
    ]
    assert catalog.journeys["open-account"].part_of is None


def test_part_of_is_read_into_the_model(site):
    root = site({L: LIFECYCLE, A: journey_map("Opening an account", ["Apply"], "lifecycle#join"), B: journey_map(
        "Disputing a card payment", ["Dispute"], "lifecycle")})  # fmt: skip
    catalog = catalog_of(root)
    a, b = catalog.journeys["open-account"].part_of, catalog.journeys["card-dispute"].part_of
    assert (a.journey, a.stage, b.journey, b.stage) == ("lifecycle", "join", "lifecycle", None)


# ---------------------------------------------------------------------------------------
# A built site: the tree on the journeys index, "part of" on maps, the journeys detailing
# each stage, and part_of in the JSON files.


def test_a_build_stops_at_a_cycle_and_a_missing_stage_each_at_its_line(site, caplog):
    from mkdocs.exceptions import Abort

    root = site(
        {
            L: LIFECYCLE,
            A: journey_map("Opening an account", ["Apply"], "card-dispute#dispute"),
            B: journey_map("Disputing a card payment", ["Dispute"], "open-account#apply"),
            C: journey_map("Taking a loan", ["Borrow"], "lifecycle#borow"),
        }
    )
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root)
    reported = "\n".join(r.getMessage() for r in caplog.records)
    assert reported.splitlines() == [
        f"{B}:5: 'part_of' makes journey 'card-dispute' part of itself (card-dispute → open-account → card-dispute); "
        "a journey cannot contain itself",
        f"{C}:5: 'part_of' names stage 'borow' of journey 'lifecycle', which has no such stage; known stages: "
        "get-help, join, use",
        f"{A}:5: 'part_of' makes journey 'open-account' part of itself (open-account → card-dispute → open-account); "
        "a journey cannot contain itself",
        "3 problems in journey maps; nothing was built",
    ]
    assert not (root / "site").exists()


NESTED = {
    "maps/alpha.md": journey_map("Alpha", ["One"]),
    L: LIFECYCLE,
    "maps/lifecycle/future.md": journey_map("Banking with us", ["Join", "Use", "Get help", "Borrow"], state="future"),
    "maps/whole.md": journey_map("Being a customer, in short", ["All"], "lifecycle"),
    A: journey_map("Opening an account", ["Apply", "Wait"], "lifecycle#join"),
    "maps/kyc.md": journey_map("Proving who you are", ["Photo"], "open-account#apply"),
    B: journey_map("Disputing a card payment", ["Dispute"], "lifecycle#get-help"),
    "maps/loan/future.md": journey_map("Taking a loan", ["Ask"], "lifecycle#borrow", "future"),
    "maps/secret.md": journey_map("Secret", ["Hidden"]).replace("persona:", "draft: true\npersona:"),
    "maps/orphan.md": journey_map("Orphan", ["Lost"], "secret#hidden"),
}


@pytest.fixture(scope="module")
def nested(tmp_path_factory):
    return build_site(write_site(tmp_path_factory.mktemp("nested"), NESTED))


def content(site_dir, path: str) -> Html:
    """What the plugin wrote on a page, without the theme's nav around it."""
    source = (site_dir / path).read_text(encoding="utf-8")
    return Html(source[source.index('<div class="jm-page') : source.index("</article>")])


def test_the_journeys_index_is_the_tree(nested):
    page = content(nested, "journeys/index.html")
    rows = [i for i, (t, a) in enumerate(page.elements) if t == "tr" and "jm-tree__row" in a.get("class", "")]
    # The first link of each row is its journey's.
    journeys = [next(a["href"] for t, a in page.elements[i:] if t == "a") for i in rows]
    depths = [page.elements[i][1]["class"].split("--depth-")[1] for i in rows]
    assert journeys == [
        "alpha/", "lifecycle/", "whole/", "open-account/", "kyc/", "card-dispute/", "loan/", "orphan/",
    ]  # fmt: skip
    assert depths == ["0", "0", "1", "1", "2", "1", "1", "0"]
    # Each detailed journey says where it sits, in words and links, not by indentation alone.
    assert "Part of Banking with us › Join" in page.text
    assert "Part of Opening an account › Apply" in page.text
    assert "Part of Banking with us › Borrow" in page.text
    assert {
        "lifecycle/current/#stage-join",
        "open-account/current/#stage-apply",
        "lifecycle/future/#stage-borrow",
    } <= set(page.hrefs())
    # A journey inside a draft (not published) stands at the top, and says nothing of it.
    assert "secret" not in page.source


def test_a_detailed_map_says_where_it_sits(nested):
    page = content(nested, "journeys/open-account/current/index.html")
    assert "Part of Banking with us › Join" in page.text
    assert {"../../lifecycle/", "../../lifecycle/current/#stage-join"} <= set(page.hrefs())
    journey = content(nested, "journeys/open-account/index.html")
    assert "Part of Banking with us › Join" in journey.text
    whole = content(nested, "journeys/whole/current/index.html")
    assert "Part of Banking with us Current against future" in whole.text  # the journey as a whole: no stage


def test_each_stage_links_to_the_journeys_that_detail_it(nested):
    current = content(nested, "journeys/lifecycle/current/index.html")
    assert "Join In detail: Opening an account" in current.text
    assert "Get help In detail: Disputing a card payment" in current.text
    assert "Journeys within it: Being a customer, in short" in current.text
    assert {"../../open-account/current/", "../../card-dispute/current/", "../../whole/current/"} <= set(
        current.hrefs()
    )
    # The stage only the future state has is detailed on the future map.
    future = content(nested, "journeys/lifecycle/future/index.html")
    assert "Borrow In detail: Taking a loan" in future.text
    assert "../../loan/future/" in future.hrefs()
    assert "Taking a loan" not in current.text and "../../loan/future/" not in current.hrefs()


def test_part_of_in_the_json_files(nested):
    index = json.loads((nested / "journeymaps.json").read_text(encoding="utf-8"))
    part_of = {j["id"]: j["part_of"] for j in index["journeys"]}
    assert part_of == {
        "alpha": None,
        "card-dispute": {"journey": "lifecycle", "stage": "get-help"},
        "kyc": {"journey": "open-account", "stage": "apply"},
        "lifecycle": None,
        "loan": {"journey": "lifecycle", "stage": "borrow"},
        "open-account": {"journey": "lifecycle", "stage": "join"},
        "orphan": {"journey": "secret", "stage": "hidden"},
        "whole": {"journey": "lifecycle", "stage": None},
    }
    data = json.loads((nested / "journeys/open-account/current/map.json").read_text(encoding="utf-8"))
    assert data["part_of"] == {"journey": "lifecycle", "stage": "join"}
    assert json.loads((nested / "journeys/alpha/current/map.json").read_text(encoding="utf-8"))["part_of"] is None
