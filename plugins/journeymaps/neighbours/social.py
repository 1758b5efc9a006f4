"""Material's social plugin. A page has one preview card: ours on the pages we draw one
for (maps, journeys, personas, the index pages), the social plugin's everywhere else.
Two sets of og:/twitter: tags with different values leave chat apps to pick one."""

from __future__ import annotations

from typing import Any


def leave_to_us(meta: dict[str, Any]) -> None:
    """Tell the social plugin (through the page's metadata, which it reads) to draw no card
    and write no tags for a page that has ours."""
    meta["social"] = {**(meta.get("social") or {}), "cards": False}
