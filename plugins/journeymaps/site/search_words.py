"""Words for Chinese search. Material's search cuts Chinese text into words with jieba; names
our authors coin (a persona called 张丽, a touchpoint called 刷脸) are words jieba does not
know and would cut into single characters, which nobody searches for. Those are given to
jieba whole. Names made of words jieba knows (线下门店 = 线下 + 门店) are phrases: they are
left to jieba, so that each of their words finds them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from journeymaps.model import Catalog

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LONGEST = 6  # longer runs of characters are sentences, not names


def site_names(catalog: Catalog, channel_labels: Iterable[str]) -> list[str]:
    """Every name an author gave: journeys, stages, steps, touchpoints, personas, channels."""
    names: list[str] = [*channel_labels]
    for persona in catalog.personas.values():
        names.append(persona.name)
    for m in catalog.maps():
        names.append(m.title)
        for stage in m.stages:
            names.append(stage.name)
            for step in stage.steps:
                names += [step.name, step.touchpoint or "", step.channel or ""]
    return names


def coined_words(names: Iterable[str], cut: Callable[[str], Iterable[str]]) -> list[str]:
    """The runs of Chinese characters in ``names`` that ``cut`` (jieba's) would break into
    single characters only: words of the site's own."""
    found: dict[str, None] = {}
    for name in names:
        for run in _HAN.findall(name):
            if 2 <= len(run) <= LONGEST and run not in found and all(len(piece) == 1 for piece in cut(run)):
                found[run] = None
    return list(found)
