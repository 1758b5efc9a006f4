"""Persona photos at the sizes pages show them. Authors drop in what their camera or HR
system gives (a 3000-pixel, 1.5 MB JPEG, turned by its EXIF tag); readers get a square
WebP of a few kilobytes, upright, with no metadata, and a twice-as-large one for sharp
screens. Never the original: it may carry GPS positions and camera serials."""

from __future__ import annotations

import contextlib
import hashlib
import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageOps

from journeymaps.format.files import write_atomically

SIZES = (160, 320)  # CSS pixels of the largest avatar, and twice that for srcset
QUALITY = 82


@cache
def _code_version() -> str:
    """Changes whenever this file's drawing code does, so the cache never serves old work."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def resize(source: bytes, size: int) -> bytes:
    with Image.open(io.BytesIO(source)) as image:
        image.draft("RGB", (size * 2, size * 2))  # a JPEG decodes at a fraction of its size: much faster
        mode = "RGBA" if image.has_transparency_data else "RGB"
        upright = ImageOps.exif_transpose(image).convert(mode)
        # Faces sit above the middle of most portraits: crop a little towards the top.
        square = ImageOps.fit(upright, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    out = io.BytesIO()
    square.save(out, format="WEBP", quality=QUALITY, method=4)  # no exif=, no icc_profile=: none kept
    return out.getvalue()


def web_photos(source: Path, cache_dir: Path) -> dict[int, bytes]:
    """The photo at each of SIZES, from the cache when this photo was resized before."""
    raw = source.read_bytes()
    key = hashlib.sha256(raw).hexdigest()[:24]
    out: dict[int, bytes] = {}
    for size in SIZES:
        cached = cache_dir / f"{key}-{_code_version()}-{size}.webp"
        try:
            out[size] = cached.read_bytes()
            continue
        except OSError:
            pass
        out[size] = resize(raw, size)
        with contextlib.suppress(OSError):  # a read-only checkout still builds; it only resizes every time
            write_atomically(cached, out[size])
    return out
