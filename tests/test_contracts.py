"""Contracts that other people's tools and links rely on, pinned as data: map.json of the
format reference's example, the plugin's options, and the navigation the site builds."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from conftest import MAP, REPO, build_site, write_site
from journeymaps.settings import LANES, ChannelSetting, Settings, settings_from_options
from journeymaps.text import Msg, Names
from test_docs import WHOLE

GOLDEN = Path(__file__).parent / "data" / "golden"


def test_map_json_of_the_reference_example_is_unchanged(tmp_path):
    """Every key and value of map.json, for the reference's whole-map example: a change here
    changes what tools reading map.json see (docs/format.md promises keys are only added)."""
    [example] = [text for name, text in WHOLE if name == "docs/format.md#2"]
    larger = "---\ntitle: Lifecycle\nstate: current\npersona: zhang-li\nstages:\n  - name: Purchase\n    steps: [{name: Buys}]\n---\n"
    root = write_site(tmp_path, {"maps/first-purchase/current.md": example, "maps/customer-lifecycle.md": larger})
    got = json.loads((build_site(root) / "journeys/first-purchase/current/map.json").read_text(encoding="utf-8"))
    golden = json.loads((GOLDEN / "map.json").read_text(encoding="utf-8"))
    assert got == golden


OPTION_CASES = {
    "nothing set": ({}, Settings(), []),
    "every option": (
        {
            "maps_dir": "journeys/",
            "personas_dir": " people ",
            "templates_dir": "starters",
            "emotion_scale": [1, 5],
            "review_every": 30,
            "nav_limit": 0,
            "channels": {"sms": "SMS", "kiosk": {"label": "Kiosk", "icon": "material/monitor"}},
            "font": "fonts/cjk.otf",
        },
        Settings(
            maps_dir="journeys",
            personas_dir="people",
            templates_dir="starters",
            emotion_scale=(1.0, 5.0),
            review_every=30,
            nav_limit=0,
            channels={"sms": ChannelSetting("SMS"), "kiosk": ChannelSetting("Kiosk", "material/monitor")},
            font="fonts/cjk.otf",
        ),
        [],
    ),
    "a scale the wrong way round": (
        {"emotion_scale": [2, -2]},
        Settings(),
        [Msg("config.emotion_scale", value="[2, -2]")],
    ),
    "a scale of one number": ({"emotion_scale": [5]}, Settings(), [Msg("config.emotion_scale", value="[5]")]),
    "review_every of zero": ({"review_every": 0}, Settings(), [Msg("config.review_every", value="0")]),
    "review_every yes": ({"review_every": True}, Settings(), [Msg("config.review_every", value="True")]),
    "nav_limit below zero": ({"nav_limit": -1}, Settings(), [Msg("config.nav_limit", value="-1")]),
    "an empty folder name": ({"maps_dir": " "}, Settings(), [Msg("config.folder", key="maps_dir", value="' '")]),
    "channels as a list": ({"channels": ["sms"]}, Settings(), [Msg("config.channels")]),
    "a channel with an unknown key": (
        {"channels": {"sms": {"label": "SMS", "colour": "red"}}},
        Settings(channels={"sms": ChannelSetting("SMS")}),
        [Msg("config.channel_key", name="sms", key="colour")],
    ),
    "a channel that is a number": ({"channels": {"sms": 3}}, Settings(), [Msg("config.channel", name="sms")]),
    "lanes chosen and ordered": (
        {"lanes": ["emotion", "pain-points", "emotion"]},
        Settings(lanes=("emotion", "pain-points")),
        [],
    ),
    "a lane that does not exist": (
        {"lanes": ["emotion", "feelings"]},
        Settings(lanes=("emotion",)),
        [Msg("config.lane", lane="feelings", lanes=Names(LANES))],
    ),
    "a font that is not a path": ({"font": 12}, Settings(), [Msg("config.font", value="12")]),
    "an unknown option": (
        {"scale": [1, 5]},
        Settings(),
        [
            Msg(
                "config.unknown_option",
                key="scale",
                options=Names(
                    sorted(
                        [
                            "maps_dir",
                            "personas_dir",
                            "templates_dir",
                            "metrics_dir",
                            "metrics_stale_after",
                            "emotion_scale",
                            "review_every",
                            "nav_limit",
                            "channels",
                            "font",
                            "lanes",
                            "enabled",
                            "editor",
                        ]
                    )
                ),
            )
        ],
    ),
}


@pytest.mark.parametrize("options, settings, errors", OPTION_CASES.values(), ids=list(OPTION_CASES))
def test_plugin_options(options, settings, errors):
    got, problems = settings_from_options(options)
    assert (got, problems) == (settings, errors)


def test_option_messages_read_well():
    _, problems = settings_from_options({"emotion_scale": [2, -2], "scale": 1})
    assert sorted(str(p) for p in problems) == [
        "emotion_scale must be two numbers, low then high, like [-2, 2], not [2, -2]",
        "unknown option 'scale'; the options are channels, editor, emotion_scale, enabled, font, lanes, maps_dir, "
        "metrics_dir, metrics_stale_after, nav_limit, personas_dir, review_every, templates_dir",
    ]


def test_anchors_come_from_urls_only():
    """#stage-…, #step-… (promised to wikis) and the other anchors are written by urls.anchor,
    never spelled out in a template or a module."""
    from journeymaps.site.urls import ANCHOR_PREFIXES

    package = REPO / "plugins" / "journeymaps"
    spelled = []
    for path in [*package.rglob("*.html"), *package.rglob("*.py"), *package.rglob("*.js")]:
        if path.name == "urls.py" or "authoring/templates" in path.as_posix() or path.parent.name == "text":
            continue
        if path.name == "plotly-basic.min.js" or any(
            part in ("decap", "yaml") for part in path.parts
        ):  # shipped, not ours
            continue
        text = path.read_text(encoding="utf-8")
        for prefix in ANCHOR_PREFIXES.values():
            # an id or a link built from a prefix and a value: "step-{{ x }}", 'step-' ~ x, "#step-" + x
            if re.search(rf"""["'#]{prefix}(\{{\{{|["']\s*[~+])""", text) or f'f"#{prefix}{{' in text:
                spelled.append(f"{path.relative_to(package)}: {prefix}")
    assert spelled == []


def _nav(root: Path, **settings_changes):
    from journeymaps.format.catalog import load_catalog
    from journeymaps.site.navigation import NavPage, portfolio_nav
    from journeymaps.site.plan import plan_site
    from journeymaps.siteconfig import load_site
    from journeymaps.text import Text

    site = load_site(root)
    settings = dataclasses.replace(site.settings, **settings_changes)
    plan = plan_site(load_catalog(root, settings))

    def data(entry):
        return entry.src if isinstance(entry, NavPage) else {entry.title: [data(c) for c in entry.children]}

    return plan, [data(section) for section in portfolio_nav(plan, settings, Text(settings.language))]


NAV_SITE = {
    "maps/first-purchase/current.md": MAP,
    "maps/first-purchase/future.md": MAP.replace("state: current", "state: future"),
    "maps/clinic.md": MAP.replace("title: First purchase", "title: Clinic visit"),
    "personas/sam-lee.md": "---\nname: Sam Lee\n---\n",
}
INDEXES = [
    "journeys/index.md",
    "pain-points/index.md",
    "touchpoints/index.md",
    "opportunities/index.md",
    "opportunities/matrix.md",
    "owners/index.md",
    "tags/index.md",
    "research/index.md",
]


def test_the_navigation_as_data(site):
    _, nav = _nav(site(NAV_SITE, options=":\n      channels: {sms: SMS}"))
    assert nav == [
        {
            "Journeys": [
                *INDEXES,
                {"Clinic visit": ["journeys/clinic/index.md", "journeys/clinic/current.md"]},
                {
                    "First purchase": [
                        "journeys/first-purchase/index.md",
                        "journeys/first-purchase/current.md",
                        "journeys/first-purchase/future.md",
                    ]
                },
            ]
        },
        {"Personas": ["personas/index.md", "personas/sam-lee.md", "personas/zhang-li.md"]},
    ]


def test_the_navigation_past_nav_limit_keeps_the_indexes(site):
    _, nav = _nav(site(NAV_SITE), nav_limit=1)
    assert nav == [{"Journeys": INDEXES}, {"Personas": ["personas/index.md"]}]


def test_the_navigation_in_chinese_and_without_a_page_an_author_wrote(site):
    plan, _ = _nav(site(NAV_SITE, language="zh"))
    from journeymaps.settings import Settings
    from journeymaps.site.navigation import portfolio_nav
    from journeymaps.text import Text

    plan.without("journeys/index.md")
    sections = portfolio_nav(plan, Settings(language="zh"), Text("zh"))
    assert [s.title for s in sections] == ["旅程", "用户画像"]
    assert "journeys/index.md" not in [getattr(c, "src", None) for c in sections[0].children]
    assert sections[0].children[0].title == "痛点"
