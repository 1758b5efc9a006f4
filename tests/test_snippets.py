"""The badges a map page repeats for every step, made in Python once per value
(site/snippets.py), and the map page that carries each step's words once."""

from __future__ import annotations

from conftest import build_site, read_page, write_site
from journeymaps.settings import settings_from_options
from journeymaps.site.channels import Channels
from journeymaps.site.chart import mood
from journeymaps.site.icons import Icons
from journeymaps.site.snippets import Snippets
from journeymaps.text import Text


def snippets(language: str = "en") -> tuple[Snippets, Icons]:
    settings, errors = settings_from_options({}, language=language)
    assert errors == []
    labels, icons = Text(language), Icons(None)
    made = Snippets(labels, Channels(settings, labels), icons.svg, lambda v: mood(v, settings.emotion_scale, 0))
    return made, icons


def test_badges_say_their_value_in_the_sites_language():
    en, _ = snippets()
    zh, _ = snippets("zh")
    assert en.level("high") == '<span class="jm-level jm-level--high">High</span>'
    assert zh.status("done") == '<span class="jm-status jm-status--done">已完成</span>'
    assert en.level(None) == en.status("") == en.channel_badge(None) == ""
    assert en.emotion_value(0) == "0" and en.emotion_value(1.5) == "+1.5" and en.emotion_value(-2, "%+.1f") == "-2.0"
    assert en.emotion_value(None) == '<span class="jm-muted">no data</span>'


def test_a_channel_badge_escapes_a_channel_it_does_not_know_and_registers_its_icon():
    made, icons = snippets()
    badge = made.channel_badge('<img src=x onerror="alert(1)">')
    assert "<img" not in badge and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in badge
    assert 'class="jm-channel jm-channel--other"' in badge
    assert made.channel_badge("web").startswith(
        '<span class="jm-channel" title="web"><span class="jm-i jm-i--material-web"'
    )
    assert icons.used == {"material/message-outline", "material/web"}  # site.css defines what pages use


def test_each_badge_is_made_once_per_value():
    made, _ = snippets()
    assert made.emotion_face(-2) is made.emotion_face(-2)
    assert made.emotion_face(-2) is not made.emotion_face(-2, "%+.1f")
    assert "jm-emotion--neg" in made.emotion_face(-2) and "jm-emotion--pos" in made.emotion_face(2)


def test_a_heading_links_to_its_anchor_here_or_on_the_full_map():
    assert Snippets.heading("Pay & go", "step-pay") == '<a class="jm-anchor" href="#step-pay">Pay &amp; go</a>'
    on_embed = Snippets.heading("Pay", "step-pay", "../")
    assert on_embed == '<a class="jm-anchor" href="../#step-pay" target="_blank" rel="noopener">Pay</a>'


def test_a_list_lanes_cell_is_its_one_item_as_text_or_a_list_escaped():
    assert Snippets.list_or_text([]) == ""
    assert Snippets.list_or_text(["Calls <at> 8 & waits"]) == "Calls &lt;at&gt; 8 &amp; waits"
    assert Snippets.list_or_text(["Diary", '"Queue"']) == "<ul><li>Diary</li><li>&#34;Queue&#34;</li></ul>"


MAP = """\
---
title: Kettle shop
state: current
persona: zhang-li
stages:
  - name: Look around
    steps:
      - name: Finds the blue kettle
        channel: web
        touchpoint: Product page of the shop
        emotion: 1
        pain_points: [Photos too small to judge]
        opportunities: [Zoomable photos of the kettle]
---
"""


def test_the_map_page_carries_each_steps_words_once_and_leaves_the_phone_cards_to_its_script(tmp_path):
    """The phone's stage cards are laid out by journeymaps.js from the canvas's cells
    (tests/test_browser_canvas.py checks them in Chromium); the page holds only their place."""
    root = write_site(tmp_path, {"maps/kettle.md": MAP})
    page = read_page(build_site(root), "journeys/kettle/current/index.html")
    assert '<div class="jm-cards" data-jm-cards="jm-canvas" data-search-exclude></div>' in page.source
    assert "data-step-card" not in page.source
    canvas = page.source[
        page.source.index('id="jm-canvas"') : page.source.index("</table>", page.source.index('id="jm-canvas"'))
    ]
    for words in ("Product page of the shop", "Photos too small to judge", "Zoomable photos of the kettle"):
        assert canvas.count(words) == 1, words
