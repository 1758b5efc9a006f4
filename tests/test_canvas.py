"""The canvas of map and journey pages: lanes and their order, the curve's geometry, the
caption, the chart's toolbar, as data and as built HTML."""

from __future__ import annotations

import json
import re

import pytest
from conftest import build_site, chart_of, read_page, write_site
from journeymaps.model import Map, Stage, Step
from journeymaps.settings import LANES, settings_from_options
from journeymaps.site.canvas import Lane, lanes_of
from journeymaps.site.chart import build_chart, mood, wrap
from journeymaps.site.curves import lane_curve, sparkline
from journeymaps.site.interactive import plotly_spec
from journeymaps.text import Text

BLUEPRINT = """\
---
title: Clinic visit
state: current
persona: [zhang-li, sam]
type: service-blueprint
stages:
  - name: Book
    kpis: [{name: Wait, value: 18 min}]
    steps:
      - name: Calls
        channel: phone
        touchpoint: Phone line
        emotion: -1
        feeling: stressed
        moment_of_truth: true
        frontstage: Receptionist answers
        backstage: [Checks diaries]
        support: Telephony queue
        pain_points: [Queue at 8 am]
      - name: Waits
  - name: Visit
    steps:
      - name: Sees the doctor
        emotion: 1
---
"""


def steps_map(n: int, **step: object) -> str:
    steps = "".join(
        f"      - name: Step number {i}\n"
        f"        touchpoint: Touchpoint {i}\n        channel: web\n        emotion: {(i % 5) - 2}\n"
        f"        feeling: feeling {i}\n        actions: [Does a first thing, Does a second thing]\n"
        f"        thoughts: A thought about step {i}\n"
        f"        pain_points: [{{text: A pain point at step {i}, severity: high}}]\n"
        f"        opportunities: [{{text: An opportunity at step {i}, status: idea, priority: low}}]\n"
        for i in range(n)
    )
    return f"---\ntitle: Long map\nstate: current\npersona: zhang-li\nstages:\n  - name: All of it\n    steps:\n{steps}---\n"


def a_map(*steps: Step, kpis: bool = False) -> Map:
    from journeymaps.model import Kpi

    return Map("j", "current", "J", ["p"], [Stage("s", "S", kpis=[Kpi("k")] if kpis else [], steps=list(steps))])


def test_lanes_leave_out_the_empty_ones_and_keep_the_usual_order():
    m = a_map(Step("a", "A", touchpoint="Web", emotion=1), Step("b", "B", thoughts=["Hm"]))
    assert [lane.key for lane in lanes_of(m, LANES)] == ["touchpoint", "thoughts", "emotion"]
    assert all(lane.shown for lane in lanes_of(m, LANES))


def test_a_site_sets_the_default_lanes_and_their_order():
    m = a_map(Step("a", "A", touchpoint="Web", emotion=1, actions=["Clicks"], backstage=["Checks"]), kpis=True)
    lanes = lanes_of(m, ("emotion", "touchpoint"))
    assert lanes == [
        Lane("emotion", True),
        Lane("touchpoint", True),
        Lane("actions", False),
        Lane("kpis", False),
        Lane("backstage", False, "line.visibility"),
    ]
    assert lanes[0].label == "lane.emotion"


def test_blueprint_lanes_come_last_with_their_lines():
    m = a_map(Step("a", "A", emotion=1, frontstage=["F"], backstage=["B"], support=["S"]))
    lanes = lanes_of(m, ("support", "emotion"))
    assert [(lane.key, lane.shown, lane.line) for lane in lanes] == [
        ("emotion", True, None),
        ("frontstage", False, "line.interaction"),
        ("backstage", False, "line.visibility"),
        ("support", True, "line.internal"),
    ]


@pytest.mark.parametrize(
    "options, lanes, errors",
    [
        ({}, LANES, []),
        ({"lanes": ["emotion", "pain-points"]}, ("emotion", "pain-points"), []),
        ({"lanes": "emotion"}, ("emotion",), []),
        ({"lanes": ["emotion", "emotions"]}, ("emotion",), ["lanes: there is no lane 'emotions'; the lanes are "]),
        ({"lanes": {"emotion": 1}}, LANES, ["lanes must be a list of lanes, like [emotion, pain-points], not "]),
    ],
)
def test_the_lanes_option(options, lanes, errors):
    settings, found = settings_from_options(options)
    assert settings.lanes == lanes
    assert [str(e)[: len(prefix)] for e, prefix in zip(found, errors, strict=True)] == errors


@pytest.mark.parametrize(
    "scale, values",
    [
        ((-2, 2), {-2: "neg", -0.5: "neg", -0.4: "neu", 0: "neu", 0.4: "neu", 0.5: "pos", 2: "pos"}),
        ((1, 5), {1: "neg", 2.5: "neg", 3: "neu", 3.4: "neu", 3.5: "pos", 5: "pos"}),
        # neutral is 0, not the middle of the scale: 0.5 is not yet good, -0.5 is already bad
        ((-1, 3), {-1: "neg", -0.25: "neg", 0: "neu", 0.5: "neu", 0.75: "pos", 3: "pos"}),
    ],
)
def test_mood_reads_from_the_neutral_point_of_the_scale(scale, values):
    neutral = 0.0 if scale[0] <= 0 <= scale[1] else (scale[0] + scale[1]) / 2
    assert {v: mood(v, scale, neutral) for v in values} == values


def test_sparkline_neutral_line_follows_the_scale():
    m = a_map(Step("a", "A", emotion=0), Step("b", "B", emotion=3))
    line = sparkline(m, (-1.0, 3.0), 0.0)
    assert line.neutral_y == 2 + 24 * 3 / 4  # a quarter of the way up, not the middle
    assert line.segments == ["2.0,20.0 118.0,2.0"]


def test_wrap_breaks_between_words_and_chinese_characters_and_never_cuts():
    assert wrap("Photographs her ID card and takes a selfie", 14) == [
        "Photographs",
        "her ID card",
        "and takes a",
        "selfie",
    ]
    assert wrap("Authentication-configuration x", 10) == ["Authentication-configuration", "x"]
    assert wrap("在小程序里确认收货地址", 8) == ["在小程序", "里确认收", "货地址"]
    assert wrap("", 8) == []


def test_lane_curve_puts_each_point_over_its_column_and_breaks_at_gaps():
    m = Map(
        "j", "current", "J", ["p"],
        [Stage("s1", "S1", steps=[Step("a", "A", emotion=-2), Step("b", "B")]),
         Stage("s2", "S2", steps=[Step("c", "C", emotion=1), Step("d", "D", emotion=2)])],
    )  # fmt: skip
    chart = build_chart([("current", "Current", m)], (-2.0, 2.0), 0.0)
    curve = lane_curve(chart, chart.series[0], height=112, pad=22)
    assert [(p.step.id, p.x, p.y) for p in curve.points] == [("a", 12.5, 90.0), ("c", 62.5, 39.0), ("d", 87.5, 22.0)]
    assert curve.paths == ["M2.5 39.0 C3 39.0 3 22.0 3.5 22.0"]  # a alone: a dot, no line into the gap
    assert curve.neutral_y == 56.0 and curve.edges == [50.0] and curve.bands == [(50.0, 50.0)]
    assert curve.ticks == [(22.0, "+2"), (56.0, "0"), (90.0, "-2")]


def test_each_state_joins_its_own_steps_across_steps_only_the_other_state_has():
    current = Map(
        "j",
        "current",
        "J",
        ["p"],
        [Stage("s", "S", steps=[Step("a", "A", emotion=-1), Step("b", "B", emotion=-2), Step("c", "C", emotion=1)])],
    )
    future = Map(
        "j", "future", "J", ["p"], [Stage("s", "S", steps=[Step("a", "A", emotion=1), Step("c", "C", emotion=2)])]
    )
    chart = build_chart([("current", "Now", current), ("future", "Then", future)], (-2.0, 2.0), 0.0)
    line = lane_curve(chart, chart.series[1], height=112, pad=22)
    assert line.paths == ["M0.5 39.0 C1.5 39.0 1.5 22.0 2.5 22.0"]  # a to c, over b
    spec = plotly_spec(chart, Text("en"))
    assert (spec["data"][1]["x"], spec["data"][1]["y"]) == ([0, 2], [1, 2])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("canvas")
    write_site(
        root,
        {
            "maps/clinic.md": BLUEPRINT,
            "maps/long.md": steps_map(15),
            "personas/sam.md": "---\nname: Sam Lee\n---\n",
        },
        options=":\n      lanes: [emotion, touchpoint, pain-points, frontstage, backstage, support, kpis]",
    )
    return build_site(root)


def test_the_map_page_is_a_canvas(built):
    page = read_page(built, "journeys/clinic/current/index.html")
    assert page.find("table", class_="jm-canvas jm-canvas--blueprint", id="jm-canvas")
    assert page.find("th", id="stage-book", scope="colgroup", colspan="2")
    assert {"step-calls", "step-waits", "step-sees-the-doctor"} <= page.ids
    lanes = [(a["data-lane"], "hidden" in a) for t, a in page.elements if t == "tbody" and "data-lane" in a]
    assert lanes == [
        ("emotion", False),
        ("touchpoint", False),
        ("pain-points", False),
        ("kpis", False),
        ("frontstage", False),
        ("backstage", False),
        ("support", False),
    ]
    assert [a["value"] for a in page.find("input", name="lanes")] == [lane for lane, _ in lanes]
    points = page.find("circle", class_="jm-curve__point jm-mood--neg", data_step="calls")
    assert points and points[0]["cx"] == "16.667%"
    assert page.find("circle", data_step="sees-the-doctor")[0]["cx"] == "83.333%"
    assert not page.find("circle", data_step="waits")  # a gap where a step has no emotion
    assert "★" in page.text and "▼" in page.text  # the moment of truth and the pain point on the curve


def test_a_hidden_lane_is_hidden_until_a_reader_shows_it(built):
    page = read_page(built, "journeys/long/current/index.html")
    hidden = [a["data-lane"] for t, a in page.elements if t == "tbody" and "hidden" in a and "data-lane" in a]
    assert hidden == ["actions", "thoughts", "opportunities"]
    assert not page.find("input", name="lanes", value="actions")[0].get("checked")


def test_service_blueprints_draw_the_three_lines(built):
    page = read_page(built, "journeys/clinic/current/index.html")
    assert "Line of interaction Frontstage" in page.text
    assert "Line of visibility Backstage" in page.text
    assert "Line of internal interaction Support processes" in page.text


def test_the_caption_says_whose_emotion_the_curve_is(built):
    page = read_page(built, "journeys/clinic/current/index.html")
    assert (
        "How Zhang Li feels at each step, from -2 (very negative) to 2 (very positive). With several personas on "
        "the map, the curve is the first one's: Zhang Li. Also on this map: Sam Lee." in page.text
    )
    assert "Zhang Li, Sam Lee feels" not in page.text


def test_the_chart_has_no_cloud_button_and_labels_are_wrapped_not_cut(built):
    page = read_page(built, "journeys/long/current/index.html")
    spec = chart_of(page.find("figure")[0])
    config = spec["config"]
    assert config["modeBarButtons"] == [["toImage", "resetScale2d"]]
    assert config["showSendToCloud"] is False and config["plotlyServerURL"] == "" and config["displaylogo"] is False
    assert config["locales"]["en"]["dictionary"]["Download plot as a PNG"] == "Download as PNG"
    assert config["toImageButtonOptions"]["filename"] == "long-current-emotion"
    assert spec["layout"]["xaxis"]["ticktext"][0] == "Step<br>number 0"
    labels = spec["layout"]["xaxis"]["ticktext"] + [a["text"] for a in spec["layout"]["annotations"]]
    assert not [label for label in labels if "…" in label]


def test_a_fifteen_step_map_page_stays_light(built):
    size = (built / "journeys/long/current/index.html").stat().st_size
    assert size < 120_000, size


def test_search_reads_the_canvas_words_not_its_drawing(built):
    index = json.loads((built / "search/search_index.json").read_text())
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("journeys/clinic/current/"))
    assert "Phone line" in text and "Receptionist answers" in text and "Queue at 8 am" in text
    assert not re.search(r"M\d+\.5 ", text) and "★" not in text and "%" not in text
    assert text.count("Queue at 8 am") == 1  # from the canvas; the table and phone cards that repeat it are left out


def test_the_journey_page_shows_both_curves_and_the_change(tmp_path):
    future = BLUEPRINT.replace("state: current", "state: future").replace("emotion: -1\n", "emotion: 1\n")
    future = future.replace("      - name: Waits\n", "      - name: Books online\n        emotion: 2\n")
    root = write_site(tmp_path, {"maps/clinic/current.md": BLUEPRINT, "maps/clinic/future.md": future})
    (root / "personas/sam.md").write_text("---\nname: Sam Lee\n---\n")
    page = read_page(build_site(root), "journeys/clinic/index.html")
    assert page.find("svg", class_="jm-curve jm-curve--current", role="img")
    assert page.find("svg", class_="jm-curve jm-curve--future", role="img")
    assert page.find("circle", data_step="calls") and len(page.find("circle", data_step="calls")) == 2
    assert {"step-calls", "step-waits", "step-books-online"} <= page.ids
    assert "Not in the future state" in page.text and "New in the future state" in page.text
    assert "+2" in page.text  # Calls: from -1 to 1


def test_chinese_site_caption_and_chart_toolbar(tmp_path):
    root = write_site(tmp_path, {"maps/clinic.md": BLUEPRINT}, language="zh")
    (root / "personas/sam.md").write_text("---\nname: Sam Lee\n---\n")
    page = read_page(build_site(root), "journeys/clinic/current/index.html")
    assert "地图中有多个用户画像时，曲线表示第一个画像的情绪：Zhang Li。此地图中还有：Sam Lee。" in page.text
    for words in ("互动线", "可视线", "内部互动线", "泳道", "打印或另存为 PDF"):
        assert words in page.text
    config = chart_of(page.find("figure")[0])["config"]
    assert config["locale"] == "zh"
    assert config["locales"]["zh"]["dictionary"]["Download plot as a PNG"] == "下载为 PNG 图片"
