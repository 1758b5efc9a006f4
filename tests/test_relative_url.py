"""Links between the site's own pages (site/urls.py) are worked out without posixpath.relpath,
for speed: they must be what relpath gives, for every pair of the site's addresses."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st
from journeymaps.site.urls import relative_url

SEGMENT = st.sampled_from(["journeys", "a", "b", "x y", "中文", "index.html", "map.json", "current"])
ADDRESS = st.builds(
    lambda parts, slash: "/".join(parts) + ("/" if slash and parts else ""),
    st.lists(SEGMENT, max_size=4),
    st.booleans(),
)


def by_relpath(target: str, page: str) -> str:
    base = page[: page.rfind("/") + 1]
    rel = posixpath.relpath("/" + target, "/" + base.rstrip("/") if base else "/")
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
    return quote(rel, safe="/#.-_~")


@given(ADDRESS, ADDRESS)
def test_a_link_is_what_relpath_gives(target, page):
    assert relative_url(target, page) == by_relpath(target, page)


def test_examples():
    assert relative_url("journeys/a/current/", "journeys/a/") == "current/"
    assert relative_url("", "journeys/a/current/") == "../../../"
    assert relative_url("journeys/a/", "journeys/a/") == "./"
    assert relative_url("assets/x y.js", "personas/p/") == "../../assets/x%20y.js"
