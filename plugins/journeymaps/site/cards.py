"""What a link to each page unfurls into in chat apps and wikis (Slack, Teams, Feishu/Lark,
WeCom, Confluence, Notion): a title, a line, and an image drawn for the page. One card per
generated page; the images are drawn after the build (preview.py)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from babel.core import Locale, UnknownLocaleError, get_global

from journeymaps.settings import Settings
from journeymaps.site import urls
from journeymaps.site.chart import build_chart
from journeymaps.site.fonts import Fonts
from journeymaps.site.plan import PlannedPage, SitePlan
from journeymaps.site.preview import HEIGHT, WIDTH, PreviewText, curve_data, curve_of, curve_png, persona_png, title_png
from journeymaps.text import Text


@dataclass(frozen=True)
class Card:
    title: str
    description: str
    image: str  # site path of the PNG
    image_alt: str


@dataclass(frozen=True)
class Drawing:
    """One preview image to write: where, what it shows (the cache key), how to draw it
    (a function of this package and the plain data it draws, as another process is handed it)."""

    path: str
    what: list
    draw: Callable[[Fonts], bytes]
    words: tuple[str, ...]  # the text drawn: does it need a font with Chinese?


def og_locale(text: Text) -> str:
    """en → en_US, zh → zh_CN, en-GB → en_GB, zh-Hant → zh_TW: the form Open Graph wants."""
    try:
        locale = Locale.parse(text.locale)
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse(text.language)
    if locale.territory is None:
        likely = Locale.parse(get_global("likely_subtags").get(str(locale), str(locale)))
        return f"{locale.language}_{likely.territory}" if likely.territory else locale.language
    return f"{locale.language}_{locale.territory}"


class Cards:
    def __init__(self, plan: SitePlan, settings: Settings, text: Text, site_name: str, use_directory_urls: bool):
        self.plan, self.settings, self.t = plan, settings, text
        self.site_name, self.use_directory_urls = site_name, use_directory_urls
        self.cards: dict[str, Card] = {}
        self.drawings: dict[str, Drawing] = {}
        self._pages: dict[str, PlannedPage] = {}

    def caption(self, page: PlannedPage) -> str:
        return f"{self.site_name} · {urls.page_url(page.src_uri, self.use_directory_urls)}"

    def legend(self) -> str:
        return f"▼ {self.t['pain_points']}   ★ {self.t['moment_of_truth']}"

    def build(self, root: Path, only: set[str] | None = None) -> Cards:
        """The card and image of every page, or of the pages ``only`` names (a dirty build's)."""
        self._pages = {page.src_uri: page for page in self.plan.pages}
        for page in self.plan.pages:
            if only is None or page.src_uri in only:
                self._card(page.src_uri, root)
        return self

    def _card(self, src_uri: str, root: Path) -> Card | None:
        """The card of the page at ``src_uri``, made when first asked for."""
        page = self._pages.get(src_uri)
        if src_uri not in self.cards and page is not None:
            make = getattr(self, f"_{page.kind.replace('-', '_')}", None)
            card = make(page, root) if make else self._index(page, root)
            if card is not None:
                self.cards[src_uri] = card
        return self.cards.get(src_uri)

    def _curve(self, path: str, maps: list, text: PreviewText) -> None:
        series = [(m.state, self.t[f"state.{m.state}"], m) for m in maps]
        chart = build_chart(series, self.settings.emotion_scale, self.settings.neutral)
        curve = curve_of(chart)
        words = (text.title, text.subtitle, text.caption, text.legend, *chart.stage_names)
        what = ["curve", text.title, text.subtitle, text.caption, text.legend, curve_data(curve)]
        self.drawings[path] = Drawing(path, what, partial(curve_png, curve, text), words)

    def _people(self, m) -> list[str]:
        personas = self.plan.catalog.personas
        return [personas[p].name for p in m.persona if p in personas]

    def _map(self, page: PlannedPage, root: Path) -> Card:
        m = page.map
        state, kind = self.t[f"state.{m.state}"], self.t[f"type.{m.type}"]
        subtitle = " · ".join([state, kind, *self._people(m)])
        path = urls.map_file(m.journey, m.state, "emotion.png")
        self._curve(path, [m], PreviewText(m.title, subtitle, self.caption(page), self.legend()))
        alt = self.t("card.curve_alt", title=m.title, state=state)
        return Card(f"{m.title} · {state}", m.description or subtitle, path, alt)

    def _embed(self, page: PlannedPage, root: Path) -> Card | None:
        """The embed view's address pasted into a chat unfurls as its map does (the map page
        comes first in the plan, so its card is made)."""
        return self.cards.get(urls.map_src(page.map.journey, page.map.state))

    def _journey(self, page: PlannedPage, root: Path) -> Card:
        journey = page.journey
        states = journey.ordered_states()
        first = states[0]
        names = " · ".join(self.t[f"state.{m.state}"] for m in states)
        subtitle = " · ".join([names, *self._people(first)])
        path = urls.journey_file(journey.id, "emotion.png")
        self._curve(path, states, PreviewText(journey.title, subtitle, self.caption(page), self.legend()))
        alt = self.t("card.curve_alt", title=journey.title, state=names)
        return Card(journey.title, first.description or self.t["compare_states"], path, alt)

    def _summary(self, page: PlannedPage, root: Path) -> Card:
        """A journey's one-page summary unfurls with the journey's image: the same curves."""
        journey = self._card(urls.journey_src(page.journey.id), root)
        assert journey is not None  # the plan has a journey page for each summary
        title = self.t("summary_title", name=page.title)
        return Card(f"{title} · {self.site_name}", journey.description, journey.image, journey.image_alt)

    def _research_source(self, page: PlannedPage, root: Path) -> Card:
        """A source's page shares the research index's image: a site cites thousands of
        sources, and an image each would be most of what a build draws."""
        research = self._card(urls.RESEARCH_INDEX, root)
        if research is None:  # the author's own research page stands in for ours
            return self._index(page, root)
        return Card(f"{page.title} · {self.site_name}", self._portfolio(), research.image, research.image_alt)

    def _persona(self, page: PlannedPage, root: Path) -> Card:
        from journeymaps.site.render import initials

        p = page.persona
        maps = self.plan.maps_of(p.id)
        subtitle = " · ".join(x for x in (p.role, p.segment) if x)
        text = PreviewText(p.name, subtitle, f"{self.caption(page)} · {self.t('card.appears_in', count=len(maps))}")
        photo = root / p.photo if p.photo else None  # read by the process that draws it
        path = urls.persona_file(p.id, "card.png")
        what = ["persona", text.title, text.subtitle, text.caption, p.quote, photo and photo.stat().st_size, p.photo]
        draw = partial(persona_png, text, initials(p.name), photo, p.quote or "")
        self.drawings[path] = Drawing(path, what, draw, (p.name, subtitle, p.quote or "", text.caption))
        return Card(p.name, p.role or p.quote or self.t["persona"], path, self.t("card.persona_alt", name=p.name))

    def _index(self, page: PlannedPage, root: Path) -> Card:
        kind = page.policy
        title = self.t(kind.label, name=page.title) if kind.label else page.title
        catalog = self.plan.catalog
        summary = self._portfolio()
        lines = (
            [j.title for j in catalog.journeys.values()]
            if page.kind != "personas"
            else [p.name for p in catalog.personas.values()]
        )
        return self._listing(page, title, summary, lines)

    def _portfolio(self) -> str:
        catalog = self.plan.catalog
        return self.t("card.portfolio", journeys=len(catalog.journeys), personas=len(catalog.personas))

    def _tag(self, page: PlannedPage, root: Path) -> Card:
        maps = page.tag.maps
        summary = self.t["maps_one"] if len(maps) == 1 else self.t("maps_many", count=len(maps))
        return self._listing(page, self.t("tag_title", name=page.title), summary, [m.title for m in maps])

    def _listing(self, page: PlannedPage, title: str, summary: str, lines: list[str]) -> Card:
        """A card of a page that lists things: its title, a summary, the first few names."""
        text = PreviewText(title, summary, self.caption(page))
        path = urls.page_card(page.src_uri)
        shown = lines[:5]  # not a thousand journeys' names to the process that draws it
        what = ["index", title, summary, text.caption, shown]
        self.drawings[path] = Drawing(path, what, partial(title_png, text, lines=shown), (title, *shown))
        return Card(f"{title} · {self.site_name}", summary, path, f"{title}: {summary}")


def meta_tags(card: Card, page_url: str | None, image_url: str | None, site_name: str, locale: str) -> str:
    """Open Graph properties and Twitter/X names, each read by the unfurlers that look for it.
    Without the site's address there is no absolute URL: those tags are left out."""
    properties = {
        "og:type": "article",
        "og:site_name": site_name,
        "og:title": card.title,
        "og:description": card.description,
        "og:locale": locale,
        "og:url": page_url or "",
        "og:image": image_url or "",
        "og:image:type": "image/png" if image_url else "",
        "og:image:width": str(WIDTH) if image_url else "",
        "og:image:height": str(HEIGHT) if image_url else "",
        "og:image:alt": card.image_alt if image_url else "",
    }
    names = {
        "twitter:card": "summary_large_image" if image_url else "summary",
        "twitter:title": card.title,
        "twitter:description": card.description,
        "twitter:image": image_url or "",
        "twitter:image:alt": card.image_alt if image_url else "",
    }
    tags = [f'<meta property="{k}" content="{html.escape(v)}">' for k, v in properties.items() if v]
    tags += [f'<meta name="{k}" content="{html.escape(v)}">' for k, v in names.items() if v]
    return "".join(tags)
