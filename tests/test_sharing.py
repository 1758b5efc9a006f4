"""Links that travel: the preview-card tags of every page kind, the images behind them, and
persona photos resized for the web."""

from __future__ import annotations

import io
import logging

import pytest
from conftest import MAP, build_site, problems_of, read_page, write_site
from PIL import Image

P = "maps/first-purchase/current.md"
SITE_URL = "https://maps.example.com/cx/"


def tags(page) -> dict[str, str]:
    found = {a["property"]: a["content"] for a in page.find("meta") if a.get("property", "").startswith("og:")}
    found |= {a["name"]: a["content"] for a in page.find("meta") if a.get("name", "").startswith("twitter:")}
    return found


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    root = tmp_path_factory.mktemp("shared")
    persona = "---\nname: Zhang Li\nrole: Marketing manager\nquote: Leads get lost.\n---\n"
    write_site(
        root,
        {
            P: MAP,
            "maps/first-purchase/future.md": MAP.replace("state: current", "state: future").replace(
                "emotion: 1", "emotion: -1"
            ),
            "personas/zhang-li.md": persona,
        },
    )
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + f"site_url: {SITE_URL}\n")
    return build_site(root)


def test_a_maps_card(shared):
    assert tags(read_page(shared, "journeys/first-purchase/current/index.html")) == {
        "og:type": "article",
        "og:site_name": "Test site",
        "og:title": "First purchase · Current state",
        "og:description": "Current state · Customer journey · Zhang Li",
        "og:locale": "en_US",
        "og:url": SITE_URL + "journeys/first-purchase/current/",
        "og:image": SITE_URL + "journeys/first-purchase/current/emotion.png",
        "og:image:type": "image/png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": "Emotion curve of First purchase (Current state), step by step, with pain points and "
        "moments of truth",
        "twitter:card": "summary_large_image",
        "twitter:title": "First purchase · Current state",
        "twitter:description": "Current state · Customer journey · Zhang Li",
        "twitter:image": SITE_URL + "journeys/first-purchase/current/emotion.png",
        "twitter:image:alt": "Emotion curve of First purchase (Current state), step by step, with pain points and "
        "moments of truth",
    }


def test_a_journeys_card_shows_both_curves(shared):
    found = tags(read_page(shared, "journeys/first-purchase/index.html"))
    assert found["og:image"] == SITE_URL + "journeys/first-purchase/emotion.png"
    assert found["og:title"] == found["twitter:title"] == "First purchase"
    assert found["og:url"] == SITE_URL + "journeys/first-purchase/"
    with Image.open(shared / "journeys/first-purchase/emotion.png") as image:
        assert image.size == (1200, 630)
        # both series are drawn: the current state's and the future state's colours
        colours = {c for _, c in image.convert("RGB").getcolors(1_000_000)}
    assert (0x5C, 0x6B, 0xC0) in colours and (0x2E, 0x7D, 0x32) in colours


def test_a_personas_card(shared):
    found = tags(read_page(shared, "personas/zhang-li/index.html"))
    assert (found["og:title"], found["og:description"]) == ("Zhang Li", "Marketing manager")
    assert found["og:image"] == SITE_URL + "personas/zhang-li/card.png"
    assert found["og:image:alt"] == "Persona card of Zhang Li"
    with Image.open(shared / "personas/zhang-li/card.png") as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize(
    "page, image",
    [
        ("journeys/", "journeys"),
        ("personas/", "personas"),
        ("touchpoints/", "touchpoints"),
        ("opportunities/", "opportunities"),
    ],
)
def test_index_cards(shared, page, image):
    found = tags(read_page(shared, page + "index.html"))
    assert found["og:image"] == f"{SITE_URL}assets/journeymaps/cards/{image}.png"
    assert found["og:description"] == "1 journeys · 1 personas"
    assert (shared / f"assets/journeymaps/cards/{image}.png").is_file()


def test_the_matrix_has_a_card_of_its_own(shared):
    """The opportunity matrix lives in the opportunities folder; its image is not the
    opportunities page's (the one file used to be written for both)."""
    matrix = tags(read_page(shared, "opportunities/matrix/index.html"))
    listing = tags(read_page(shared, "opportunities/index.html"))
    assert matrix["og:image"] == f"{SITE_URL}assets/journeymaps/cards/opportunities/matrix.png"
    assert matrix["og:image"] != listing["og:image"] and matrix["og:title"] != listing["og:title"]
    assert (shared / "assets/journeymaps/cards/opportunities/matrix.png").is_file()


def test_every_page_with_a_card_of_its_own_has_its_own_image(shared):
    """No two pages' cards with different titles share one image file, but for the research
    sources, which share the research index's by design (site/cards.py)."""
    by_image: dict[str, set[str]] = {}
    for html in shared.rglob("index.html"):
        found = tags(read_page(shared, str(html.relative_to(shared))))
        if "og:image" in found and "/cards/" in found["og:image"]:
            by_image.setdefault(found["og:image"], set()).add(found["og:title"])
    research = by_image.pop(f"{SITE_URL}assets/journeymaps/cards/research.png")
    assert len(research) > 1  # the index and its sources
    shared_by_several = {image: titles for image, titles in by_image.items() if len(titles) > 1}
    assert by_image and shared_by_several == {}


def test_a_summary_shows_its_journeys_curves(shared):
    """The one-page summary is the journey: a link to it unfurls with the journey's image."""
    found = tags(read_page(shared, "journeys/first-purchase/summary/index.html"))
    assert found["og:image"] == SITE_URL + "journeys/first-purchase/emotion.png"
    assert found["og:title"] == "First purchase: one-page summary · Test site"
    assert found["og:image:alt"] == tags(read_page(shared, "journeys/first-purchase/index.html"))["og:image:alt"]
    assert not (shared / "assets/journeymaps/cards/journeys").exists()


def test_a_sources_card_shows_the_research_image(shared):
    """A site cites thousands of sources: their pages share the research index's image."""
    found = tags(read_page(shared, "research/interviews/index.html"))
    assert found["og:title"] == "Interviews · Test site"
    assert found["og:image"] == SITE_URL + "assets/journeymaps/cards/research.png"
    assert found["og:image"] == tags(read_page(shared, "research/index.html"))["og:image"]
    assert not (shared / "assets/journeymaps/cards/research").exists()


def test_text_is_text_in_the_tags(tmp_path):
    hostile = '"><script>alert(1)</script>'
    root = write_site(tmp_path, {P: MAP.replace("title: First purchase", f"title: '{hostile}'")})
    page = read_page(build_site(root), "journeys/first-purchase/current/index.html")
    assert tags(page)["og:title"] == f"{hostile} · Current state"
    assert "<script>alert(1)" not in page.source.split("</head>")[0]


def test_without_site_url_the_build_says_once_and_leaves_out_what_needs_it(tmp_path, caplog, monkeypatch):
    """An INFO line, not a warning: a strict build without site_url (TechDocs) passes."""
    from journeymaps.plugin import JourneyMapsPlugin

    monkeypatch.setattr(JourneyMapsPlugin, "_told_about_site_url", False)
    root = write_site(tmp_path, {P: MAP})
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.journeymaps"):
        site = build_site(root, strict=True)
    told = [r.getMessage() for r in caplog.records if "site_url" in r.getMessage() and r.levelno == logging.INFO]
    assert told == [
        "journeymaps: site_url is not set in mkdocs.yml, so links to this site show no preview image: set it to "
        "the address the site is published at"
    ]
    found = tags(read_page(site, "journeys/first-purchase/current/index.html"))
    assert "og:image" not in found and "og:url" not in found and found["twitter:card"] == "summary"
    assert found["og:title"] == "First purchase · Current state"


def test_chinese_site_card_locale(tmp_path):
    root = write_site(tmp_path, {P: MAP}, language="zh")
    found = tags(read_page(build_site(root), "journeys/first-purchase/current/index.html"))
    assert found["og:locale"] == "zh_CN"
    assert found["og:title"] == "First purchase · 现状"


# Persona photos


def photo(width: int, height: int, orientation: int | None = None, fmt: str = "JPEG") -> bytes:
    """Top half red, bottom half blue, with EXIF (orientation, a GPS block, a camera)."""
    image = Image.new("RGB", (width, height), (220, 30, 30))
    image.paste((30, 30, 220), (0, height // 2, width, height))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0)}  # GPS
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format=fmt, quality=95, exif=exif.tobytes())
    return out.getvalue()


def test_photos_are_resized_upright_and_stripped(tmp_path):
    big = photo(3000, 2000, orientation=6)  # 6: the camera was turned; viewers rotate 90° clockwise
    assert len(big) > 50_000
    persona = "---\nname: Zhang Li\nphoto: zhang.jpg\n---\n"
    root = write_site(tmp_path, {P: MAP, "personas/zhang-li.md": persona, "personas/zhang.jpg": big})
    site = build_site(root)
    sizes = {}
    for size in (160, 320):
        data = (site / f"assets/journeymaps/personas/zhang-li-{size}.webp").read_bytes()
        sizes[size] = len(data)
        with Image.open(io.BytesIO(data)) as image:
            assert (image.format, image.size) == ("WEBP", (size, size))
            assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
            # upright: the red top half of the landscape photo is on the right after turning it
            left, right = (
                image.convert("RGB").getpixel((2, size // 2)),
                image.convert("RGB").getpixel((size - 3, size // 2)),
            )
            assert left[2] > 150 and right[0] > 150, (left, right)
    assert sizes[160] < 8_000 and sizes[320] < 25_000
    assert not list(site.rglob("zhang.jpg")), "the original is never published"
    page = read_page(site, "personas/zhang-li/index.html")
    [img] = [a for a in page.find("img") if "jm-avatar" in a.get("class", "")][:1]
    assert img["src"].endswith("assets/journeymaps/personas/zhang-li-160.webp")
    assert img["srcset"].endswith("zhang-li-320.webp 2x")


def test_a_persona_without_a_photo_keeps_its_initials(tmp_path):
    site = build_site(write_site(tmp_path, {P: MAP}))
    page = read_page(site, "personas/zhang-li/index.html")
    assert "jm-avatar--initials" in page.source and "ZL" in page.text
    assert not (site / "assets/journeymaps/personas").exists()


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"This is a note, saved as .jpg by mistake.", "its contents are not a JPEG, PNG or WebP image"),
        (photo(400, 300)[:2000], "the file is cut short or damaged; export it again"),
    ],
)
def test_a_photo_that_cannot_be_read(site, content, reason):
    root = site({"personas/zhang-li.md": "---\nname: Zhang Li\nphoto: zhang.jpg\n---\n", "personas/zhang.jpg": content})
    assert problems_of(root) == [
        f"personas/zhang-li.md:3: the photo 'zhang.jpg' is not an image that can be read: {reason}"
    ]


@pytest.mark.parametrize("side, pixels", [(9000, "81"), (14000, "196")])
def test_a_photo_too_large_to_decode(site, side, pixels):
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")  # a few kilobytes that decode to gigabytes
    root = site(
        {"personas/zhang-li.md": "---\nname: Zhang Li\nphoto: zhang.png\n---\n", "personas/zhang.png": out.getvalue()}
    )
    assert problems_of(root) == [
        f"personas/zhang-li.md:3: the photo 'zhang.png' is {pixels} million pixels; a photo may have at most 40 "
        "million (scale it down)"
    ]
