"""Pages that send an old journey id (listed in ``aliases``) on to the journey's pages."""

from __future__ import annotations

from jinja2 import Template

from journeymaps.site import urls
from journeymaps.site.plan import SitePlan

_PAGE = Template(
    """<!doctype html>
<html lang="{{ language }}">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<link rel="canonical" href="{{ target }}">
<meta http-equiv="refresh" content="0; url={{ target }}">
<meta name="robots" content="noindex">
<script>location.replace({{ target|tojson }} + location.search + location.hash)</script>
</head>
<body><p><a href="{{ target }}">{{ title }}</a></p></body>
</html>
""",
    autoescape=True,
)


def redirect_files(plan: SitePlan, use_directory_urls: bool, language: str) -> dict[str, str]:
    """Site path of each redirect page, and its HTML."""
    out: dict[str, str] = {}
    for journey in plan.catalog.journeys.values():
        for alias in journey.aliases:
            # (the page now, the same page under the old id)
            pages = [(urls.journey_src(journey.id), urls.journey_src(alias))]
            for m in journey.ordered_states():
                pages.append((urls.map_src(journey.id, m.state), urls.map_src(alias, m.state)))
                pages.append((urls.embed_src(journey.id, m.state), urls.embed_src(alias, m.state)))
            for target_src, old_src in pages:
                old_url = urls.page_url(old_src, use_directory_urls)
                path = urls.page_path(old_src, use_directory_urls)
                target = urls.relative_url(urls.page_url(target_src, use_directory_urls), old_url)
                out[path] = _PAGE.render(language=language, title=journey.title, target=target)
    return out
