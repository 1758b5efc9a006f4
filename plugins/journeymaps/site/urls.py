"""The one place that knows where each generated page and file lives (docs/format.md, Published addresses)."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

JOURNEYS_INDEX = "journeys/index.md"
PERSONAS_INDEX = "personas/index.md"
TOUCHPOINTS_INDEX = "touchpoints/index.md"
OPPORTUNITIES_INDEX = "opportunities/index.md"
OPPORTUNITIES_CSV = "opportunities.csv"
# The opportunity matrix: impact against effort across journeys (analysis/matrix.py).
OPPORTUNITY_MATRIX = "opportunities/matrix.md"
PAIN_POINTS_INDEX = "pain-points/index.md"
OWNERS_INDEX = "owners/index.md"
TAGS_INDEX = "tags/index.md"
RESEARCH_INDEX = "research/index.md"
INDEX_JSON = "journeymaps.json"
ASSETS = "assets/journeymaps"
PLOTLY_JS = f"{ASSETS}/plotly.min.js"
SCRIPT = f"{ASSETS}/journeymaps.js"
STYLE = f"{ASSETS}/journeymaps.css"
# Written at each build: the site's icons and the colours of emotion (site/colours.py).
GENERATED_STYLE = f"{ASSETS}/site.css"


# The anchors of things on a map page (#stage-apply, #step-identity): stage and step
# anchors are promised in docs/format.md; links from wikis rely on them.
ANCHOR_PREFIXES = {
    "stage": "stage-",
    "step": "step-",
    "pain_point": "pain-",
    "opportunity": "opportunity-",
    "source": "source-",
}


def anchor(kind: str, ident: str) -> str:
    """The id of a stage, step, pain point, opportunity or source on its map page."""
    return ANCHOR_PREFIXES[kind] + ident


def journey_src(journey: str) -> str:
    return f"journeys/{journey}/index.md"


def summary_src(journey: str) -> str:
    """The journey on one page, for leadership: ``journeys/<journey>/summary/``."""
    return f"journeys/{journey}/summary.md"


def map_src(journey: str, state: str) -> str:
    return f"journeys/{journey}/{state}.md"


def persona_src(persona: str) -> str:
    return f"personas/{persona}.md"


def embed_src(journey: str, state: str) -> str:
    """The map alone, for an iframe in a wiki: ``journeys/<journey>/<state>/embed/``. Not a
    Markdown page: a whole HTML document of its own (templates/embed.html), written at
    ``page_path`` of this name, so that it has the address a page of that name would have."""
    return f"journeys/{journey}/{state}/embed.md"


def research_src(source: str) -> str:
    """A source's research page: what it is and every map, step and pain point citing it."""
    return f"research/{source}/index.md"


def tag_src(key: str) -> str:
    """A tag's page; ``key`` is the tag as a slug (analysis.portfolio.group_key). A folder of
    its own, so that a tag called 'index' cannot take the place of the tags index."""
    return f"tags/{key}/index.md"


def channel_anchor(key: str | None) -> str:
    """A channel's section on the touchpoints page, by the channel's slug: a channel is free
    text, and quotes or brackets in an id break scripts that look the id up. None: the steps
    with no channel."""
    return f"channel-{key}" if key else "channel-none"


def owner_anchor(key: str | None) -> str:
    """An owner's section on the owners page; None: the maps nobody owns."""
    return f"owner-{key}" if key else "no-owner"


def map_file(journey: str, state: str, name: str) -> str:
    """Files that belong to one map: map.json, emotion.png, journey.mmd."""
    return f"journeys/{journey}/{state}/{name}"


def map_mermaid(journey: str, state: str) -> str:
    """The map as a Mermaid journey diagram, to paste into wikis."""
    return map_file(journey, state, "journey.mmd")


def journey_file(journey: str, name: str) -> str:
    return f"journeys/{journey}/{name}"


def persona_file(persona: str, name: str) -> str:
    """Files that belong to one persona: card.png."""
    return f"personas/{persona}/{name}"


def page_card(src_uri: str) -> str:
    """The link-preview image of an index page (journeys/index.md → cards/journeys.png;
    a page that is not a folder's index, its own: opportunities/matrix.md →
    cards/opportunities/matrix.png, not the opportunities page's)."""
    folder, name = posixpath.split(src_uri)
    stem = folder if name == "index.md" else posixpath.splitext(src_uri)[0]
    return f"{ASSETS}/cards/{stem or 'home'}.png"


def persona_photo(persona: str, size: int) -> str:
    """The persona's photo, resized to ``size`` pixels square (site/photos.py)."""
    return f"{ASSETS}/personas/{persona}-{size}.webp"


@lru_cache(maxsize=1 << 16)  # asked for every link of every page, of a few thousand pages
def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives a Markdown page (unquoted)."""
    parent, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem == "index":
        path = posixpath.join(parent, "index.html")
        return (parent + "/") if use_directory_urls and parent else ("" if use_directory_urls else path)
    if use_directory_urls:
        return posixpath.join(parent, stem) + "/"
    return posixpath.join(parent, stem + ".html")


def page_path(src_uri: str, use_directory_urls: bool) -> str:
    """The file in the built site that answers at a page's URL."""
    url = page_url(src_uri, use_directory_urls)
    return url + "index.html" if url.endswith("/") or url == "" else url


def absolute_url(site_url: str | None, url: str) -> str | None:
    """A site-relative URL made absolute with the site's address; None without ``site_url``."""
    return site_url.rstrip("/") + "/" + quote(url) if site_url else None


def relative_url(target: str, page: str) -> str:
    """``target`` (site-relative) as a link from ``page`` (site-relative URL), quoted."""
    # posixpath.relpath, for the site's own addresses (no "." or ".." in them): a map page
    # has hundreds of links, and relpath normalises both paths every time.
    folders = page.split("/")[:-1]
    parts = target.rstrip("/").split("/") if target.strip("/") else []
    same = 0
    while same < min(len(folders), len(parts)) and folders[same] == parts[same]:
        same += 1
    rel = "/".join([".."] * (len(folders) - same) + parts[same:]) or "."
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
        if rel == "./":
            rel = "./"
    return quote(rel, safe="/#.-_~")
