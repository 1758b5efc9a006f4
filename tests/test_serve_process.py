"""What a `mkdocs serve` process keeps across rebuilds: the theme's templates compiled once
(site/compiled.py), and the cycle collector paused for a dirty rebuild (site/pauses.py)."""

from __future__ import annotations

import gc
import time

import pytest
from jinja2 import DictLoader, Environment
from journeymaps.site.compiled import CompiledTemplates
from journeymaps.site.pauses import AFTER_SECONDS, CollectorPause


class Counting(Environment):
    """An environment that counts the templates it compiles."""

    compiled = 0

    def compile(self, *args, **kwargs):
        Counting.compiled += 1
        return super().compile(*args, **kwargs)


def _env(cache: CompiledTemplates, templates: dict[str, str], **options) -> Environment:
    env = Counting(loader=DictLoader(templates), **options)
    env.bytecode_cache = cache
    return env


def test_a_template_is_compiled_once_across_environments_and_again_when_it_changes():
    cache, Counting.compiled = CompiledTemplates(), 0
    assert _env(cache, {"page.html": "<p>{{ x }}</p>"}).get_template("page.html").render(x="<a>") == "<p><a></p>"
    assert _env(cache, {"page.html": "<p>{{ x }}</p>"}).get_template("page.html").render(x="b") == "<p>b</p>"
    assert Counting.compiled == 1
    # Another source under the same name (a theme template edited), another setup (escaping).
    assert _env(cache, {"page.html": "<i>{{ x }}</i>"}).get_template("page.html").render(x="c") == "<i>c</i>"
    escaped = _env(cache, {"page.html": "<i>{{ x }}</i>"}, autoescape=True).get_template("page.html")
    assert escaped.render(x="<a>") == "<i>&lt;a&gt;</i>"
    assert Counting.compiled == 3


def test_an_environment_that_escapes_by_a_function_is_not_cached():
    cache, Counting.compiled = CompiledTemplates(), 0
    for _ in range(2):
        env = _env(cache, {"page.html": "{{ x }}"}, autoescape=lambda name: True)
        assert env.get_template("page.html").render(x="<") == "&lt;"
    assert Counting.compiled == 2


@pytest.fixture
def collector():
    was = gc.isenabled()
    gc.enable()
    pause = CollectorPause()
    yield pause
    pause.close()
    if not was:
        gc.disable()


def test_the_collector_is_paused_for_a_build_and_collects_once_it_is_done(collector):
    collector.pause()
    assert not gc.isenabled()
    collector.pause()  # a second pause in one build changes nothing
    assert not gc.isenabled()
    before = gc.get_stats()[2]["collections"]
    collector.resume()
    # Still off until the pass: turned on at the build's end, the first allocation would pass
    # over everything the build made while the browser waits for the page.
    assert not gc.isenabled()
    deadline = time.monotonic() + AFTER_SECONDS + 30
    while gc.get_stats()[2]["collections"] == before or not gc.isenabled():
        assert time.monotonic() < deadline, "no pass of the collector after the build"
        time.sleep(0.1)


def test_a_pass_due_while_the_next_build_runs_collects_and_leaves_that_build_paused(collector):
    collector.pause()
    collector.resume()
    collector.pause()  # the next save's build, before the pass is due
    before = gc.get_stats()[2]["collections"]
    deadline = time.monotonic() + AFTER_SECONDS + 30
    while gc.get_stats()[2]["collections"] == before:
        assert time.monotonic() < deadline, "the pass due was put off by the next build"
        time.sleep(0.1)
    time.sleep(0.2)
    assert not gc.isenabled()  # that build runs without the collector
    collector.resume(collect_later=False)
    assert gc.isenabled()


def test_a_whole_build_resumes_the_collector_without_a_pass_and_a_paused_collector_is_left_alone(collector):
    collector.pause()
    collector.resume(collect_later=False)
    assert gc.isenabled() and collector._later is None
    gc.disable()  # someone else's choice: not undone
    collector.pause()
    collector.resume()
    assert not gc.isenabled()
    gc.enable()
