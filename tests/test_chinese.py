"""A Chinese team's site: every message in Chinese with path:line first, a complete
catalogue, dates as Chinese readers write them, words for search, fonts for images."""

from __future__ import annotations

import logging
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAP, build_site, read_page, write_site
from journeymaps import text as catalogue
from journeymaps.site.fonts import Fonts
from journeymaps.site.search_words import coined_words
from journeymaps.text import CATALOGUE, Text

P = "maps/first-purchase/current.md"
TEMPLATES = Path(catalogue.__file__).parent.parent / "site" / "templates"


def fields(template: str) -> set[str]:
    """The parameters of a message: {name} for ours, %(name)s and %s for argparse's."""
    percent = set(re.findall(r"%\(\w+\)[rsd]|%[rsd]", template))
    if percent:
        return percent
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_message_exists_in_every_language_with_the_same_parameters():
    english, chinese = CATALOGUE["en"], CATALOGUE["zh"]
    assert sorted(english.keys() - chinese.keys()) == [], "missing in Chinese"
    assert sorted(chinese.keys() - english.keys()) == [], "missing in English"
    differ = {
        key: (fields(english[key]), fields(chinese[key]))
        for key in english
        if fields(english[key]) != fields(chinese[key])
    }
    assert differ == {}
    assert all(value.strip() for words in CATALOGUE.values() for value in words.values())


def test_every_label_a_template_asks_for_exists():
    used: set[str] = set()
    for path in TEMPLATES.glob("*.html"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.([a-z_]+)\b", source))
        used |= set(re.findall(r"\bt\[['\"]([\w.-]+)['\"]\]", source))
        used |= set(re.findall(r"\bt\(['\"]([\w.-]+)['\"]", source))
    assert used, "the pattern finds the labels templates use"
    assert sorted(used - CATALOGUE["en"].keys()) == []


def test_a_chinese_sites_problems_are_in_chinese(site):
    broken = MAP.replace("emotion: 1", "emotion: 3").replace("persona: zhang-li", "persona: zhang-lee")
    broken = broken.replace("title: First purchase\n", "title: First purchase\nowner: [a, b]\ntype: blueprint\n")
    root = site({P: broken, "personas/wang.md": "---\nname: 王芳\nrol: 店长\n---\n"}, language="zh")
    result = subprocess.run(
        [sys.executable, "-m", "journeymaps", "validate"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[:5] == [
        "maps/first-purchase/current.md:3: 'owner' 必须是文本，而不是 列表",
        "maps/first-purchase/current.md:4: 'type' 必须是 'customer-journey'、'purchase-journey'、'day-in-the-life'、"
        "'service-blueprint' 或 'onboarding'，而不是 'blueprint'；您是不是要写 'service-blueprint'？",
        "maps/first-purchase/current.md:6: 未知的用户画像 'zhang-lee'；您是不是要写 'zhang-li'？",
        "maps/first-purchase/current.md:16: 'emotion' 必须是 -2 到 2 之间的数字（本站的情绪刻度），而不是 3",
        "personas/wang.md:3: 用户画像中有未知的键 'rol'；您是不是要写 'role'？",
    ]
    assert "旅程地图中有 5 个问题" in result.stderr
    english = subprocess.run(
        [sys.executable, "-m", "journeymaps", "validate", "--lang", "en"], cwd=root, capture_output=True, text=True
    )
    assert english.stdout.splitlines()[0] == "maps/first-purchase/current.md:3: 'owner' must be text, not a list"


def test_a_chinese_sites_build_stops_in_chinese(site):
    root = site({P: MAP.replace("emotion: 1", "emotion: 3")}, language="zh")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert (
        "maps/first-purchase/current.md:14: 'emotion' 必须是 -2 到 2 之间的数字（本站的情绪刻度），而不是 3"
        in result.stderr
    )
    assert "旅程地图中有 1 个问题；没有生成任何页面" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_line_speaks_chinese_on_a_chinese_site(site):
    root = site({P: MAP}, language="zh")
    result = subprocess.run([sys.executable, "-m", "journeymaps", "--help"], cwd=root, capture_output=True, text=True)
    assert "把客户旅程地图发布为网站" in result.stdout and result.stdout.startswith("用法：journeymaps")
    wrong = subprocess.run(
        [sys.executable, "-m", "journeymaps", "new", "map", "x", "--persona", "p", "--state", "bad"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == (
        "journeymaps new map：错误：参数 --state：无效的选项：'bad'（可选：'current', 'future'）"
    )
    ok = subprocess.run([sys.executable, "-m", "journeymaps", "validate"], cwd=root, capture_output=True, text=True)
    assert ok.returncode == 0
    assert ok.stdout.splitlines() == [
        "maps/first-purchase/current.md:2: 警告：这张地图从未与客户一起评审过；请把 'reviewed:' 设为最近一次评审的日期（每 90 天评审一次）"
    ]
    assert "通过：1 个旅程、1 张地图和 1 个用户画像均有效（1 个警告）" in ok.stderr


def test_dates_follow_the_site_language(tmp_path):
    text = MAP.replace("state: current\n", "state: current\nreviewed: 2026-10-01\nreview_every: 3650\n")
    root = write_site(tmp_path, {P: text}, language="zh")
    page = read_page(build_site(root), "journeys/first-purchase/current/index.html")
    assert "2026年10月1日" in page.text
    assert page.find("time", datetime="2026-10-01")
    assert Text("en").day(__import__("datetime").date(2026, 10, 1)) == "Oct 1, 2026"


def test_coined_words_are_the_ones_jieba_would_break_into_characters():
    jieba = pytest.importorskip("jieba")
    names = ["张丽", "线下门店", "微信朋友圈", "刷脸", "Checkout 结账", "在店里等了很久很久才拿到货"]
    # 张丽 and 结账 jieba knows; 线下门店 is a phrase of words it knows, so 门店 finds it;
    # 刷脸 it would cut into 刷 and 脸; the last is a sentence, not a name.
    assert coined_words(names, jieba.cut) == ["刷脸"]


def test_without_jieba_a_chinese_build_says_once_how_to_find_words(tmp_path, monkeypatch, caplog):
    from journeymaps.plugin import JourneyMapsPlugin

    monkeypatch.setitem(sys.modules, "jieba", None)  # import jieba raises ImportError
    monkeypatch.setattr(JourneyMapsPlugin, "_told_about_jieba", False)
    root = write_site(tmp_path, {P: MAP}, language="zh")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.journeymaps"):
        build_site(root)
        build_site(root)
    told = [r.getMessage() for r in caplog.records if "jieba" in r.getMessage()]
    assert told == [
        'journeymaps：本站搜索目前只能匹配整段连续的汉字；运行 pip install "mkdocs-journeymaps[zh]"（会安装 jieba 分词）后，搜索就能按词查找'
    ]


def test_without_a_chinese_font_the_build_warns_once(tmp_path, monkeypatch, caplog):
    import journeymaps.plugin as plugin

    monkeypatch.setattr(plugin, "find_fonts", lambda chosen=None: Fonts(None, None, False))
    monkeypatch.setattr(plugin.JourneyMapsPlugin, "_told_about_fonts", False)
    root = write_site(tmp_path, {"maps/首次购买/current.md": MAP.replace("First purchase", "首次购买")})
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.journeymaps"):
        build_site(root)
        build_site(root)
    assert [r.getMessage() for r in caplog.records if "font" in r.getMessage()] == [
        "journeymaps: no font with Chinese characters was found, so the Chinese text in the preview images "
        "(emotion.png) would be drawn as boxes; install one (Debian and Ubuntu: fonts-noto-cjk) or set the plugin "
        "option font to a font file"
    ]


def test_a_font_option_that_names_no_file_stops_the_build(site):
    root = site({P: MAP}, options=":\n      font: fonts/missing.ttf")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    # named with its file, like every other problem with the settings (issue 21)
    assert (
        "mkdocs.yml: plugins.journeymaps: font: the file 'fonts/missing.ttf' does not exist (looked for fonts/missing.ttf)"
        in result.stderr
    )


def test_every_catalogue_entry_is_used():
    """No dead words: each key is asked for by name, or through a prefix the code fills in
    (f"state.{state}", "level." ~ value, f"diff.count.{key}.one"); the schema's words are
    one per key of the format's declaration."""
    from journeymaps.format.spec import SHAPES
    from journeymaps.site.editor_page import THIRD_PARTY

    package = TEMPLATES.parent.parent
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in package.rglob("*")
        if p.suffix in (".py", ".html", ".js")
        and p.parent.name != "text"
        and not any(p.is_relative_to(folder) for folder in THIRD_PARTY)  # Decap CMS: 6 MB, none of our words
    ) + (package / "text" / "__init__.py").read_text(encoding="utf-8")
    described = {f"schema.{s.name}" for s in SHAPES} | {f"schema.{s.name}.{k.name}" for s in SHAPES for k in s.keys}
    unused = []
    for key in CATALOGUE["en"]:
        if key.startswith("schema."):
            if key not in described:
                unused.append(key)
            continue
        parts = key.split(".")
        prefixes = [".".join(parts[:n]) + "." for n in range(1, len(parts))]
        named = f'"{key}"' in code or f"'{key}'" in code or re.search(rf"\bt\.{re.escape(key)}\b", code)
        filled = any(re.search(rf"""(f["']|["']){re.escape(p)}(["']\s*[~+]|\{{)""", code) for p in prefixes)
        counted = parts[-1] in ("one", "many") and re.search(rf"""["']{re.escape(".".join(parts[:-1]))}["']""", code)
        if not (named or filled or counted):
            unused.append(key)
    assert unused == []
    assert described <= CATALOGUE["en"].keys()
