"""Mermaid ``journey`` diagrams, read and written as Mermaid's own grammar reads them
(packages/mermaid/src/diagrams/user-journey/parser/journey.jison, and the preprocessing
every diagram gets first):

- ``journey``, then statements in any order: ``title``, ``accTitle:``, ``accDescr:`` or
  ``accDescr { ... }``, ``section`` and tasks ``name: score: actor, actor``; keywords in any
  case, lines indented with spaces or tabs;
- front matter (``---`` YAML whose ``title`` names the diagram), ``%%{init}%%`` directives
  and ``%%`` comments; ``#`` starts a comment where a statement or a task's data could;
- entity codes (``#58;`` for ':', ``#quot;``), which Mermaid shows as the character.

Where Mermaid refuses a diagram whose meaning is plain, the reader takes the meaning: a
section name with a colon ("section Step 1: Context", which Mermaid's lexer splits at the
colon), a ';' inside a name, a second diagram in one file. The writer writes only what
Mermaid parses: every character the grammar reserves at that place (':' in section and task
names, ',' in actors, '#', ';', '%%') becomes its entity code, which Mermaid renders as the
character itself and the reader turns back."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from journeymaps.format.files import NotAFile, read_bytes
from journeymaps.format.problems import Problems
from journeymaps.model import Map, Persona
from journeymaps.text import Msg, Names, Text

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mkd")
MERMAID_SCORES = (1.0, 5.0)
NEUTRAL_SCORE = 3
# A diagram file is read whole and parsed into a map; far larger than any journey an author
# draws by hand, far smaller than what would take gigabytes of memory to parse.
MAX_IMPORT_BYTES = 2_000_000
# Mermaid has no "no score": a step without an emotion is drawn neutral, and this comment
# before it tells the reader to leave the emotion out again.
NO_EMOTION = "%% journeymaps: no emotion (drawn as neutral 3)"
_NO_EMOTION = re.compile(r"^%%\s*journeymaps:\s*no emotion\b", re.IGNORECASE)


@dataclass
class Task:
    name: str
    score: float | None  # None: no emotion
    actors: list[str]
    line: int


@dataclass
class Section:
    name: str | None  # None: the tasks written before any section
    line: int
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Diagram:
    path: str  # as shown in messages
    line: int  # the line of 'journey'
    title: str | None = None
    acc_title: str | None = None
    description: str | None = None  # accDescr
    sections: list[Section] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]


# --- finding diagrams -------------------------------------------------------------------

Lines = list[tuple[int, str]]  # (file line, text)

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_COLON_FENCE = re.compile(r"^[ \t]*:{3,}[ \t]*(?P<info>\S*)[ \t]*$")


def _is_mermaid(info: str) -> bool:
    word = info.strip().lstrip("{").lstrip(".").split()
    return bool(word) and re.split(r"[\s{}.,]", word[0])[0].lower() == "mermaid"


def markdown_blocks(text: str) -> list[Lines]:
    """The ```mermaid (or ~~~, or :::mermaid) blocks of a Markdown text; a fence inside
    another fence is the outer one's content, as in CommonMark."""
    blocks: list[Lines] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        colon = _COLON_FENCE.match(line)
        if fence and not (fence["fence"][0] == "`" and "`" in fence["info"]):
            mark, indent = fence["fence"], fence["indent"]
            close = re.compile(rf"^[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
            end = next((i for i in range(index + 1, len(lines)) if close.match(lines[i])), len(lines))
            if _is_mermaid(fence["info"]):
                blocks.append([(i + 1, _dedent(lines[i], indent)) for i in range(index + 1, end)])
            index = end + 1
        elif colon and colon["info"].lower() == "mermaid":
            end = next(
                (i for i in range(index + 1, len(lines)) if re.match(r"^[ \t]*:{3,}[ \t]*$", lines[i])), len(lines)
            )
            blocks.append([(i + 1, lines[i]) for i in range(index + 1, end)])
            index = end + 1
        else:
            index += 1
    return blocks


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if indent and line.startswith(indent) else line


def is_markdown(path: Path, text: str) -> bool:
    """Markdown by its name; a Mermaid file holds no fences."""
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return True
    for line in text.split("\n"):
        fence, colon = _FENCE.match(line), _COLON_FENCE.match(line)
        if (fence and _is_mermaid(fence["info"])) or (colon and colon["info"].lower() == "mermaid"):
            return True
    return False


def read_diagrams(path: Path, shown: str, problems: Problems) -> list[Diagram]:
    """Every journey diagram of a Mermaid or Markdown file; what is wrong goes to problems."""
    try:
        raw = read_bytes(path, MAX_IMPORT_BYTES)
    except NotAFile:
        problems.add(shown, 1, "files.not_a_file")
        return []
    except OSError as err:
        problems.add(shown, 1, "read.cannot_read", reason=err.strerror or str(err))
        return []
    if len(raw) > MAX_IMPORT_BYTES:
        problems.add(shown, 1, "read.mermaid_too_big", max=f"{MAX_IMPORT_BYTES / 1e6:g}")
        return []
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as err:
        problems.add(shown, raw[: err.start].count(b"\n") + 1, "read.not_utf8")
        return []
    markdown = is_markdown(path, text)
    blocks = markdown_blocks(text) if markdown else [list(enumerate(text.split("\n"), start=1))]
    diagrams: list[Diagram] = []
    kinds: list[tuple[int, str]] = []
    for block in blocks:
        found, kind = parse_block(block, shown, problems)
        diagrams += found
        if kind:
            kinds.append(kind)
    if not diagrams:
        if markdown:
            problems.add(shown, 1, "mermaid.no_journey_in_markdown")
        elif kinds:
            problems.add(shown, kinds[0][0], "mermaid.other_kind", kind=kinds[0][1])
        else:
            problems.add(shown, 1, "mermaid.no_journey")
    return diagrams


# --- reading one block ------------------------------------------------------------------

_ENTITY = re.compile(r"#([A-Za-z0-9_]+);")
_DIRECTIVE = re.compile(r"%%\{.*?\}%%", re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_KEYWORD = re.compile(
    r"^(?:(?P<journey>journey)(?![A-Za-z0-9_])|(?P<title>title)(?:\s+|$)|(?P<acc_title>acctitle)\s*:"
    r"|(?P<acc_descr>accdescr)\s*:|(?P<acc_multi>accdescr)\s*\{|(?P<section>section)(?:\s+|$))",
    re.IGNORECASE,
)


def _front_matter(lines: Lines, shown: str, problems: Problems) -> tuple[Lines, str | None]:
    """The lines after the front matter, and its title. Mermaid's front matter opens the
    diagram and closes with '---' at the same indentation."""
    start = next((i for i, (_, text) in enumerate(lines) if text.strip()), None)
    if start is None or lines[start][1].strip() != "---":
        return lines, None
    indent = lines[start][1][: len(lines[start][1]) - len(lines[start][1].lstrip())]
    end = next((i for i in range(start + 1, len(lines)) if lines[i][1].rstrip() == indent + "---"), None)
    if end is None:
        problems.add(shown, lines[start][0], "mermaid.front_matter_not_closed")
        return [], None
    body = "\n".join(_dedent(text, indent) for _, text in lines[start + 1 : end])
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = lines[start + 1 + mark.line][0] if mark is not None and start + 1 + mark.line < end else lines[start][0]
        problems.add(shown, line, "mermaid.front_matter_invalid", detail=getattr(err, "problem", None) or str(err))
        return lines[end + 1 :], None
    title = data.get("title") if isinstance(data, dict) else None
    return lines[end + 1 :], (str(title).strip() or None) if title is not None else None


def _without_directives(lines: Lines, shown: str, problems: Problems) -> Lines:
    """``%%{...}%%`` removed, over as many lines as it takes; line numbers kept."""
    text = "\n".join(t for _, t in lines)
    text = _DIRECTIVE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    kept = text.split("\n")
    for index, line in enumerate(kept):
        if "%%{" in line:
            problems.add(shown, lines[index][0], "mermaid.directive_not_closed")
            kept = kept[:index]
            break
    return [(number, kept[i]) for i, (number, _) in enumerate(lines[: len(kept)])]


class _Protected:
    """Entity codes held aside while a line is split at ':' ',' '#', then put back as the
    characters Mermaid shows for them."""

    def __init__(self, line: str):
        self.values: list[str] = []
        self.text = _ENTITY.sub(self._hold, line)

    def _hold(self, match: re.Match[str]) -> str:
        self.values.append(decode_entity(match.group(1)))
        return f"\ue000{len(self.values) - 1}\ue001"

    def restore(self, part: str) -> str:
        part = re.sub("\ue000(\\d+)\ue001", lambda m: self.values[int(m.group(1))], part)
        return " ".join(_BREAK.sub(" ", part).split())


def decode_entity(name: str) -> str:
    if name.isdigit():
        number = int(name)
        return chr(number) if 0 < number < 0x110000 else f"#{name};"
    decoded = html.unescape(f"&{name};")
    return decoded if decoded != f"&{name};" else f"#{name};"


class _Reader:
    """The statements of one block, line by line."""

    def __init__(self, shown: str, problems: Problems):
        self.shown = shown
        self.problems = problems
        self.diagrams: list[Diagram] = []
        self.no_emotion = False
        self.multiline: tuple[int, list[str]] | None = None  # accDescr { ... } being read

    @property
    def diagram(self) -> Diagram:
        return self.diagrams[-1]

    def error(self, line: int, key: str, **params: object) -> None:
        self.problems.add(self.shown, line, key, **params)

    def line(self, number: int, raw: str) -> None:
        stripped = raw.strip()
        if self.multiline is not None:
            self.multiline_line(number, stripped)
            return
        if stripped.startswith("%%"):
            self.no_emotion = self.no_emotion or bool(_NO_EMOTION.match(stripped))
            return
        stripped = re.sub(r"\s%%.*$", "", stripped)
        held = _Protected(stripped)
        if not held.text or held.text.startswith("#"):
            return
        keyword = _KEYWORD.match(held.text)
        if keyword and keyword["journey"]:
            self.diagrams.append(Diagram(self.shown, number))
            rest = held.text[keyword.end() :].strip()
            if rest:
                self.line(number, held.restore(rest))
            return
        rest = held.text[keyword.end() :] if keyword else ""
        if keyword and keyword["title"]:
            title = held.restore(rest.split("#")[0])
            if title and self.diagram.title and title != self.diagram.title:
                self.problems.warn(self.shown, number, "mermaid.title_again", title=title, first=self.diagram.title)
            self.diagram.title = title or self.diagram.title
        elif keyword and keyword["acc_title"]:
            self.diagram.acc_title = held.restore(rest) or None
        elif keyword and keyword["acc_descr"]:
            self.diagram.description = held.restore(rest) or None
        elif keyword and keyword["acc_multi"]:
            self.multiline = (number, [])
            self.multiline_line(number, held.restore(rest))
        elif keyword and keyword["section"]:
            name = held.restore(rest.split("#")[0])
            if not name:
                self.error(number, "mermaid.section_no_name")
                return
            self.diagram.sections.append(Section(name, number))
        else:
            self.task(number, held)

    def multiline_line(self, number: int, text: str) -> None:
        assert self.multiline is not None
        start, parts = self.multiline
        before, closed, _ = text.partition("}")
        parts.append(before)
        if closed:
            self.diagram.description = " ".join(" ".join(parts).split()) or None
            self.multiline = None

    def task(self, number: int, held: _Protected) -> None:
        name_part, colon, data = held.text.partition(":")
        name = held.restore(name_part)
        no_emotion, self.no_emotion = self.no_emotion, False
        if not colon:
            self.error(number, "mermaid.no_score", task=name)
            return
        if not name:
            self.error(number, "mermaid.no_task_name")
            return
        pieces = data.split("#")[0].split(":")
        score = self.score(number, name, held.restore(pieces[0]))
        if score is False:
            return
        actors = (
            list(dict.fromkeys(a for a in (held.restore(p) for p in pieces[1].split(",")) if a))
            if len(pieces) > 1
            else []
        )
        extra = held.restore(":".join(pieces[2:]))
        if extra:
            self.problems.warn(self.shown, number, "mermaid.extra_data", extra=extra, task=name)
        if not self.diagram.sections:
            self.diagram.sections.append(Section(None, number))
        emotion = None if no_emotion else score
        self.diagram.sections[-1].tasks.append(Task(name, emotion, actors, number))

    def score(self, number: int, task: str, written: str) -> float | None | bool:
        """The score as a number, None when left empty, False when it is not a number."""
        if not written:
            return None
        try:
            value = float(written)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.error(number, "mermaid.score_not_number", score=written, task=task)
            return False
        return value

    def finish(self) -> None:
        if self.multiline is not None:
            self.error(self.multiline[0], "mermaid.acc_descr_not_closed")
            self.multiline = None


def parse_block(lines: Lines, shown: str, problems: Problems) -> tuple[list[Diagram], tuple[int, str] | None]:
    """The journey diagrams of one block of Mermaid text; when it holds another kind of
    diagram, none, and that kind with its line (a flowchart, say)."""
    lines, title = _front_matter(lines, shown, problems)
    lines = _without_directives(lines, shown, problems)
    reader = _Reader(shown, problems)
    for number, text in lines:
        if not reader.diagrams:
            first = text.strip()
            if not first or first.startswith("%%"):
                continue
            if not _KEYWORD.match(first) or not _KEYWORD.match(first)["journey"]:
                return [], (number, first.split()[0])
        reader.line(number, text)
    reader.finish()
    if reader.diagrams and title and reader.diagrams[0].title is None:
        reader.diagrams[0].title = title
    return reader.diagrams, None


# --- writing ----------------------------------------------------------------------------

# What each place may not hold in Mermaid's lexer, beside '#' (an entity code or a comment)
# and '%%' (a comment or a directive), which no place may hold.
_TITLE, _ACC, _SECTION, _TASK, _ACTOR = ";", "", ":;", ":;", ":;,"
_TASK_KEYWORD = re.compile(r"^(?:journey|title|section|acctitle|accdescr)(?![A-Za-z0-9_])", re.IGNORECASE)


def escape(value: str, reserved: str) -> str:
    """One line of text Mermaid reads back as ``value``: reserved characters as entity codes."""
    text = " ".join(str(value).split())
    if "#" not in text and "%" not in text and not any(c in text for c in reserved):
        return text  # most names: nothing to look at character by character (54 000 at 1000 maps)
    out = []
    for index, char in enumerate(text):
        # '%' opens a comment at the start of a name, and '%%' anywhere
        percent = char == "%" and (index == 0 or text[index - 1] == "%" or text[index + 1 : index + 2] == "%")
        out.append(f"#{ord(char)};" if char == "#" or char in reserved or percent else char)
    return "".join(out)


def _task_name(name: str) -> str:
    escaped = escape(name, _TASK)
    if _TASK_KEYWORD.match(escaped):  # "Title deed" would be read as the diagram's title
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def write_diagram(diagram: Diagram) -> str:
    """The diagram as Mermaid text that Mermaid parses and reads back as ``diagram``."""
    lines = ["journey"]
    if diagram.title:
        lines.append(f"    title {escape(diagram.title, _TITLE)}")
    if diagram.acc_title:
        lines.append(f"    accTitle: {escape(diagram.acc_title, _ACC)}")
    if diagram.description:
        lines.append(f"    accDescr: {escape(diagram.description, _ACC)}")
    for section in diagram.sections:
        if section.name is not None:
            lines.append(f"    section {escape(section.name, _SECTION)}")
        for task in section.tasks:
            if task.score is None:
                lines.append(f"      {NO_EMOTION}")
            score = NEUTRAL_SCORE if task.score is None else task.score
            actors = ", ".join(escape(actor, _ACTOR) for actor in task.actors)
            lines.append(f"      {_task_name(task.name)}: {score:g}" + (f": {actors}" if actors else ""))
    return "\n".join(lines) + "\n"


# --- scores and emotions ----------------------------------------------------------------


def linear(value: float, source: tuple[float, float], target: tuple[float, float]) -> float:
    (a, b), (low, high) = source, target
    return low + (value - a) * (high - low) / (b - a)


def emotion_to_score(emotion: float, scale: tuple[float, float]) -> int:
    """Mermaid's 1 to 5, rounded half up (Python's round would send 3.5 to 4 but 2.5 to 2)."""
    return min(5, max(1, math.floor(linear(emotion, scale, MERMAID_SCORES) + 0.5)))


def _persona_names(m: Map, personas: Mapping[str, Persona]) -> list[str]:
    return [personas[p].name if p in personas else p for p in m.persona]


def step_actors(m: Map, step_actors: list[str], names: list[str]) -> list[str]:
    """A task's actors: the persona first (Mermaid has no other place for it), then the
    step's actors. A step whose first actor is one of the map's personas is that persona's."""
    own = {name.casefold() for name in names} | {p.casefold() for p in m.persona}
    if step_actors and step_actors[0].casefold() in own:
        return list(step_actors)
    return names[:1] + list(step_actors)


def map_diagram(m: Map, personas: Mapping[str, Persona], scale: tuple[float, float], text: Text) -> Diagram:
    names = _persona_names(m, personas)
    diagram = Diagram(m.path, 1, title=m.title)
    diagram.acc_title = text("mermaid.acc_title", title=m.title, state=Msg(f"state_word.{m.state}"))
    diagram.description = m.description or text(
        "mermaid.acc_summary", personas=Names(names), stages=len(m.stages), steps=len(m.steps)
    )
    for stage in m.stages:
        section = Section(stage.name, 1)
        for step in stage.steps:
            score = None if step.emotion is None else emotion_to_score(step.emotion, scale)
            section.tasks.append(Task(step.name, score, step_actors(m, step.actors, names), 1))
        diagram.sections.append(section)
    return diagram


def map_as_mermaid(m: Map, personas: Mapping[str, Persona], scale: tuple[float, float], text: Text) -> str:
    """The map as a Mermaid journey diagram: ``journey.mmd`` and ``journeymaps export mermaid``."""
    return write_diagram(map_diagram(m, personas, scale, text))
