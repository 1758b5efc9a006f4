"""Turn planned pages into HTML with autoescaped Jinja templates, compiled once per build."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from journeymaps.analysis.heatmap import tone_ranges
from journeymaps.analysis.portfolio import (
    facets,
    group_key,
    opportunity_choices,
    opportunity_rows,
    pain_rows,
)
from journeymaps.model import Map, Persona
from journeymaps.settings import Settings
from journeymaps.site import urls
from journeymaps.site.canvas import journey_columns, lanes_of
from journeymaps.site.channels import Channels
from journeymaps.site.chart import build_chart, mood
from journeymaps.site.curves import Sparkline, lane_curve, sparkline
from journeymaps.site.evidence_view import evidence_globals
from journeymaps.site.history_section import HistorySections, KeptSections
from journeymaps.site.icons import Icons
from journeymaps.site.interactive import plotly_spec
from journeymaps.site.plan import KINDS, PlannedPage, SitePlan
from journeymaps.site.rows import passed_through
from journeymaps.site.shown import MadeOf
from journeymaps.site.snippets import Snippets
from journeymaps.text import Names, Text


def safe_href(url: str | None) -> str | None:
    """Only http(s) and relative URLs become links; anything else (javascript:, data:) stays text."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return url.strip()
    if not parts.scheme and not parts.netloc and not url.strip().startswith("//"):
        return url.strip()
    return None


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w]
    if not words:
        return "?"
    if len(words) == 1 or not words[0].isascii():
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def day_element(text: Text):
    def day(value: dt.date) -> Markup:
        """A date in the reader's language, with the ISO date for machines."""
        return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), text.day(value))

    return day


def chart_json(spec: dict) -> str:
    """The chart's spec for its data attribute, as base64 of the JSON's UTF-8: no quote, no
    ampersand, nothing an HTML minifier rewrites (mkdocs-minify-plugin turned entities of
    text with a " into ones the JSON no longer parsed from), and it stays in the page, so
    instant navigation keeps it and a site opened from file:// (offline) draws it, which a
    fetched file would not."""
    data = json.dumps(spec, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return base64.b64encode(data.encode()).decode("ascii")


def iframe_html(src: str, title: str) -> str:
    """The HTML that shows the embed view in a wiki page: text for readers to copy, so its
    attributes are escaped here, and the whole escaped again where the page shows it."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" height="600" '
        'style="border: 0" loading="lazy"></iframe>'
    )


class _CompiledOnce(BytecodeCache):
    """Templates compiled once per process, not once per renderer: `mkdocs serve` makes a
    renderer for every rebuild. Jinja keys each template by its source, so an edited
    template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledOnce()


class Renderer:
    def __init__(
        self,
        plan: SitePlan,
        settings: Settings,
        icons: Icons,
        use_directory_urls: bool,
        *,
        site_name: str = "",
        site_url: str | None = None,
        favicon: str | None = None,
    ):
        self.plan = plan
        self.settings = settings
        self.labels = Text(settings.language)
        self.channels = Channels(settings, self.labels)
        self.icons = icons
        self.use_directory_urls = use_directory_urls
        # Where a page finally is, as the site generator has it (plugins after ours move
        # pages); None: worked out from use_directory_urls.
        self.locate: Callable[[str], str | None] = lambda src_uri: None
        # Where a file of ours finally is (a minifier renames journeymaps.js journeymaps.min.js).
        self.asset: Callable[[str], str] = lambda site_path: site_path
        self.site_name = site_name
        self.site_url = site_url
        self.favicon = favicon  # site path of the theme's icon, for pages outside the theme
        self.history: Any = None  # each map's history across reviews, when the site has one
        self._curves: dict[tuple[str, str], dict] = {}  # see map_curve
        # The map pages' history sections as kept (a `mkdocs serve` keeps them across rebuilds).
        self.history_kept = KeptSections(None)
        self.env = Environment(
            loader=PackageLoader("journeymaps.site", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            bytecode_cache=_COMPILED,
            # Our templates ship with the package: no need to look at their files again at
            # every import (a map page imports four modules, twice).
            auto_reload=False,
        )
        self.env.globals.update(
            t=self.labels,
            icon=self.icons.svg,
            channel=self.channels,
            initials=initials,
            safe_href=safe_href,
            settings=settings,
            today=plan.today,
            chart_json=chart_json,
            day=day_element(self.labels),
            anchor=urls.anchor,
            iframe_html=iframe_html,
            site_name=site_name,
            lang=self.labels.locale.replace("_", "-"),  # as the theme writes it: en, zh, zh-TW
            mood=self.mood,
            snippets=Snippets(self.labels, self.channels, self.icons.svg, self.mood),
            portfolio=plan.portfolio,
            facets=facets,
            group_key=group_key,
            opportunity_choices=opportunity_choices,
            kept_rows=passed_through,  # rows kept between builds: a dirty server's (site/rows.py)
            made_of=MadeOf(plan),  # what each row shows (site/shown.py)
        )
        self.env.globals.update(evidence_globals(self.labels))
        self.templates = {name: self.env.get_template(kind.template) for name, kind in KINDS.items()}

    def mood(self, value: float) -> str:
        return mood(value, self.settings.emotion_scale, self.settings.neutral)

    @cached_property
    def tag_pages(self) -> frozenset[str]:
        """The tag pages the site has, asked once pages are settled (Material's tags plugin
        takes their place)."""
        return frozenset(p.src_uri for p in self.plan.pages if p.kind == "tag")

    def url_of(self, src_uri: str) -> str:
        found = self.locate(src_uri)
        return found if found is not None else urls.page_url(src_uri, self.use_directory_urls)

    def render(self, page: PlannedPage, body_html: str) -> tuple[str, list[str]]:
        """The page's HTML with markers where parts stand that search should not read (charts,
        lists that repeat the stage table), and those parts, to put back with ``fill_in``."""
        here = self.url_of(page.src_uri)
        deferred: list[str] = []

        def defer(caller) -> Markup:
            deferred.append(str(caller()))
            return Markup(f"<!--{DEFER_MARK}{len(deferred) - 1}-->")

        linked: dict[str, str] = {}  # an index page links each map once per step it lists

        def link(target_src: str, anchor: str = "") -> str:
            found = linked.get(target_src)
            if found is None:
                found = linked[target_src] = urls.relative_url(self.url_of(target_src), here)
            return found + (f"#{anchor}" if anchor else "")

        def tag_link(tag: str) -> str | None:
            """A tag's page, when the site has ours (not with Material's tags plugin)."""
            src = urls.tag_src(group_key(tag))
            return link(src) if src in self.tag_pages else None

        def file_link(site_path: str) -> str:
            return urls.relative_url(self.asset(site_path), here)

        def absolute(target_src: str) -> str | None:
            """A page's address with the site's own (site_url), for text copied elsewhere."""
            return urls.absolute_url(self.site_url, self.url_of(target_src))

        context = {
            "page": page,
            "plan": self.plan,
            "body": Markup(body_html),
            "link": link,
            "file_link": file_link,
            "tag_link": tag_link,
            "absolute": absolute,
            "urls": urls,
            "personas_of": self.personas_of,
            "sparkline": self.sparkline,
            "chart_for": self.chart_for,
            "plotly_src": file_link(urls.PLOTLY_JS),
            "favicon": file_link(self.favicon) if self.favicon else None,
            "defer": defer,
        }
        if page.kind in ("map", "embed") and page.map is not None:
            context["curve"] = self.map_curve(page.map)
            context["lanes"] = lanes_of(page.map, self.settings.lanes)
            context["pain_rows"] = pain_rows(page.map)
            context["opportunity_rows"] = opportunity_rows(page.map)
            context["caption"] = self.caption(page.map)
            context["full_page"] = link(urls.map_src(page.map.journey, page.map.state))
            context["history_section"] = self.history_of(page.map) if page.kind == "map" else None
        elif page.kind == "journey" and page.journey is not None:
            states = page.journey.ordered_states()
            context["comparison"] = self.plan.comparison(page.journey)
            context["curve"] = self.chart_for(states, f"{page.journey.id}-emotion")
            context["columns"] = journey_columns(context["curve"]["chart"])
            context["caption"] = self.caption(states[0])
        elif page.kind == "touchpoints":
            context["touchpoints_by_channel"] = self.plan.touchpoints
        elif page.kind == "summary" and page.journey is not None:
            states = page.journey.ordered_states()
            context["summary"] = self.plan.summary(page.journey)
            context["curve"] = self.chart_for(states, f"{page.journey.id}-summary")
            context["caption"] = self.caption(states[0])
        elif page.kind == "matrix":
            context["matrix"] = self.plan.matrix
        elif page.kind == "opportunities":
            context["all_opportunities"] = self.plan.all_opportunities
        elif page.kind == "pain-points":
            context["tone_ranges"] = tone_ranges(self.settings.emotion_scale)
        return self.templates[page.kind].render(context), deferred

    def history_of(self, m: Map) -> Markup | None:
        """The map's history section, or None without a history. ``self.history`` is set by
        the caller from git (authoring/history.py)."""
        found = self.history.of(m) if self.history is not None else None
        if found is None or found.empty:
            return None
        return self.history_sections.html(found, m)

    @cached_property
    def history_sections(self) -> HistorySections:
        scale, neutral = self.settings.emotion_scale, self.settings.neutral
        return HistorySections(self.env, self.labels, scale, neutral, self.history_kept)

    def personas_of(self, m: Map) -> list[Persona]:
        return [self.plan.catalog.personas[p] for p in m.persona if p in self.plan.catalog.personas]

    def sparkline(self, m: Map) -> Sparkline:
        return sparkline(m, self.settings.emotion_scale, self.settings.neutral)

    def chart_for(self, maps: list[Map], filename: str) -> dict:
        """One chart of the given states: the Plotly spec, and each state's curve as a lane."""
        series = [(m.state, self.labels[f"state.{m.state}"], m) for m in maps]
        chart = build_chart(series, self.settings.emotion_scale, self.settings.neutral)
        return {
            "chart": chart,
            "spec": plotly_spec(chart, self.labels, self.labels.language, filename),
            "curves": [lane_curve(chart, s) for s in chart.series],
        }

    def map_curve(self, m: Map) -> dict:
        """A map's chart, for its page and its embed view: the one rendered first keeps it for
        the other, which lets it go."""
        key = (m.journey, m.state)
        found = self._curves.pop(key, None)
        if found is None:
            found = self._curves[key] = self.chart_for([m], f"{m.journey}-{m.state}-emotion")
        return found

    def caption(self, m: Map) -> dict[str, str]:
        """Whose emotion the curve is: the map's first persona's, when it has several."""
        names = [p.name for p in self.personas_of(m)]
        low, high = (f"{v:g}" for v in self.settings.emotion_scale)
        whose = names[0] if names else m.title
        text = self.labels("emotion_curve_desc", persona=whose, low=low, high=high)
        if len(names) > 1:
            text += " " + self.labels("emotion_curve_whose", persona=whose, others=Names(names[1:]))
        return {"whose": whose, "text": text}


_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def section_headings(html: str) -> list[tuple[str, str]]:
    """(id, title) of each second-level heading: what the table of contents lists. The
    titles stay HTML-escaped, as MkDocs keeps them."""
    return [(ident, " ".join(_TAG.sub("", title).split())) for ident, title in _H2.findall(html)]


DEFER_MARK = "jm-deferred:"
_DEFERRED = re.compile(r"<!--" + DEFER_MARK + r"(\d+)-->")


def fill_in(output: str, deferred: Sequence[str | bytes], full: str | bytes | None = None) -> str:
    """Put the deferred parts back into a finished page: first the full page in place of the
    words given to search (``full``, see ``for_search``), then the parts inside it. Parts
    held as UTF-8 bytes are decoded here."""
    if full is not None:
        whole = full.decode() if isinstance(full, bytes) else full
        output = _SEARCH_ONLY.sub(lambda _: whole, output, count=1)

    def part(match: re.Match) -> str:
        value = deferred[int(match.group(1))]
        return value.decode() if isinstance(value, bytes) else value

    return _DEFERRED.sub(part, output)


SEARCH_MARK = "jm-search-only"
_SEARCH_ONLY = re.compile(rf"<!--{SEARCH_MARK}-->.*?<!--/{SEARCH_MARK}-->", re.S)
_HEADING = re.compile(r"(<h[1-6]\b[^>]*>)(.*?)(</h[1-6]>)", re.S)
_DROPPED = re.compile(r"<!--.*?-->|<(script|style|object)\b.*?</\1>|<a class=\"headerlink\"[^>]*>.*?</a>", re.S)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
_EXCLUDED = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\sdata-search-exclude[\s>=]")


def _without_excluded(html: str) -> str:
    """The HTML without the elements marked ``data-search-exclude`` (which search skips)."""
    out, pos = [], 0
    while match := _EXCLUDED.search(html, pos):
        name = match.group(1)
        tags = re.compile(rf"<(/?){name}\b[^>]*>")
        depth, end = 0, len(html)
        for tag in tags.finditer(html, match.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        out.append(html[pos : match.start()])
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _words(html: str) -> str:
    # Code blocks stay as they are: search keeps their markup and their line breaks.
    return " ".join(
        part if part.startswith("<pre") else " ".join(_TAG.sub(" ", part).split()) for part in _PRE.split(html) if part
    ).strip()


def for_search(content: str, words: bool = True) -> str:
    """What search reads of a generated page in place of its markup: the same headings (with
    their ids, which make search's sections) and, under each, the same words as plain text.
    Material's search parses every tag of a page in Python; a map's canvas is mostly tags,
    so this costs a fraction of what the page would. ``fill_in`` puts the page back.
    Without ``words`` (a page search leaves out), only the headings: the theme looks for
    the page's h1 in what it is given, and writes one of its own when there is none."""
    if not words:
        return f"<!--{SEARCH_MARK}-->{''.join(m.group(0) for m in _HEADING.finditer(content))}<!--/{SEARCH_MARK}-->"
    content = _without_excluded(_DROPPED.sub(" ", content))
    parts, pos = [], 0
    for heading in _HEADING.finditer(content):
        if text := _words(content[pos : heading.start()]):
            parts.append(f"<p>{text}</p>")
        parts.append(f"{heading.group(1)}{_words(heading.group(2))}{heading.group(3)}")
        pos = heading.end()
    if text := _words(content[pos:]):
        parts.append(f"<p>{text}</p>")
    return f"<!--{SEARCH_MARK}-->{''.join(parts)}<!--/{SEARCH_MARK}-->"
