"""The fonts images are drawn with. Many maps are written in Chinese: a font with Chinese
characters comes first (the site's own choice, then one found on the machine); without one,
Chinese text would be drawn as boxes, which the build says once."""

from __future__ import annotations

import shutil
import subprocess
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import ImageFont

# Where Debian, Ubuntu, Fedora and Arch put Noto CJK; Regular and Bold of one family.
CJK_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-{weight}.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-{weight}.ttc",
)
LATIN_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans{dejavu}.ttf",)


# Font sizes open at once: as many as a curve or an index card uses. FreeType maps the
# font's file once for each size it opens, and each mapping counts the pages of the file it
# read (2 to 3 MB of a CJK font): the ten sizes of all the cards held at once cost a worker
# 25 MB. Opening a size again costs half a millisecond, and the images of one kind are
# drawn one after the other (drawing.py); a persona's card uses five sizes, so it opens
# them again each time (2.5 ms more on a card of 15 ms, for a site's few personas).
OPEN_AT_ONCE = 4


@dataclass(frozen=True)
class Fonts:
    regular: str | None
    bold: str | None
    chinese: bool  # whether the fonts have Chinese characters
    _sizes: OrderedDict = field(default_factory=OrderedDict, compare=False, repr=False)

    def get(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        key = (size, bold)
        found = self._sizes.get(key)
        if found is None:
            path = self.bold if bold else self.regular
            found = self._sizes[key] = ImageFont.truetype(path, size) if path else ImageFont.load_default(size)
            if len(self._sizes) > OPEN_AT_ONCE:
                self._sizes.popitem(last=False)  # the size used longest ago is closed
        else:
            self._sizes.move_to_end(key)
        return found


def _first(patterns: tuple[str, ...], bold: bool) -> str | None:
    for pattern in patterns:
        path = pattern.format(weight="Bold" if bold else "Regular", dejavu="-Bold" if bold else "")
        if Path(path).is_file():
            return path
    return None


def _fontconfig_chinese() -> str | None:
    """A font fontconfig says covers Chinese, on machines whose fonts sit elsewhere."""
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    return files[0] if files else None


@cache
def find_fonts(chosen: str | None = None) -> Fonts:
    """``chosen`` is the site's font file (plugin option ``font``), trusted to have Chinese."""
    if chosen:
        return Fonts(chosen, chosen, True)
    regular = _first(CJK_CANDIDATES, False)
    if regular:
        return Fonts(regular, _first(CJK_CANDIDATES, True) or regular, True)
    found = _fontconfig_chinese()
    if found:
        return Fonts(found, found, True)
    return Fonts(_first(LATIN_CANDIDATES, False), _first(LATIN_CANDIDATES, True), False)


def has_chinese(texts: list[str]) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for text in texts for ch in text)
