"""The small pieces of markup a map page repeats for every step (a level, a status, a channel,
an emotion, a heading's link), made in Python rather than as template macros.

A map of 15 steps calls these some 60 times; as Jinja macros each call cost more than the
markup it makes (a warm build at 1000 maps spent a tenth of its time there). The badges
depend on their value alone, so each is made once per build and reused. The templates name
them as before (``ui.level``, ``share.heading``): macros.html and share.html bind the names
to these functions."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from journeymaps.site.channels import Channels
from journeymaps.text import Text

_FACE = {"neg": "material/emoticon-sad-outline", "pos": "material/emoticon-happy-outline"}
_NEUTRAL_FACE = "material/emoticon-neutral-outline"


class Snippets:
    def __init__(
        self,
        labels: Text,
        channels: Channels,
        icon: Callable[[str], Markup],
        mood: Callable[[float], str],
    ):
        self.labels = labels
        self.channels = channels
        self.icon = icon
        self.mood = mood
        self._made: dict[tuple, Markup] = {}

    def _once(self, key: tuple, make: Callable[[], Markup]) -> Markup:
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = make()
        return found

    def level(self, value: str | None) -> Markup:
        """Severity, priority, impact or effort: three bars (drawn by CSS) and the word."""
        if not value:
            return Markup("")
        return self._once(("level", value), lambda: self._word_badge("jm-level", "level.", value))

    def status(self, value: str | None) -> Markup:
        if not value:
            return Markup("")
        return self._once(("status", value), lambda: self._word_badge("jm-status", "status.", value))

    def _word_badge(self, kind: str, prefix: str, value: str) -> Markup:
        return Markup('<span class="{0} {0}--{1}">{2}</span>').format(Markup(kind), value, self.labels[prefix + value])

    def channel_badge(self, name: str | None) -> Markup:
        """A channel's icon and label; the name it was given in the title."""
        if not name:
            return Markup("")
        return self._once(("channel", name), lambda: self._channel(name))

    def _channel(self, name: str) -> Markup:
        ch = self.channels(name)
        if ch is None:
            return Markup("")
        other = "" if ch.known else " jm-channel--other"
        return Markup('<span class="jm-channel{}" title="{}">{}<span>{}</span></span>').format(
            other, ch.key, self.icon(ch.icon), ch.label
        )

    def emotion_value(self, value: float | None, fmt: str = "%+g") -> Markup:
        """The number as the scale shows it (+2, -1.5, 0), or "no emotion given"."""
        if value is None:
            return self._once(("no emotion",), self._no_emotion)
        return self._once(("value", value, fmt), lambda: escape(fmt % value if value != 0 else "0"))

    def _no_emotion(self) -> Markup:
        return Markup('<span class="jm-muted">{}</span>').format(self.labels["no_emotion"])

    def emotion_face(self, value: float | None, fmt: str = "%+g") -> Markup:
        """The value with a face for how it reads on the site's scale."""
        if value is None:
            return self._once(("no face",), lambda: self._no_emotion() + "\n")
        return self._once(("face", value, fmt), lambda: self._face(value, fmt))

    def _face(self, value: float, fmt: str) -> Markup:
        mood = self.mood(value)
        face = self.icon(_FACE.get(mood, _NEUTRAL_FACE))
        return Markup('<span class="jm-emotion jm-emotion--{}">{}{}</span>\n').format(
            mood, face, self.emotion_value(value, fmt)
        )

    @staticmethod
    def list_or_text(items: list[str]) -> Markup:
        """A canvas cell of a lane that holds a list (actions, thoughts, frontstage...): one
        item as text, more as a list. Called for nearly every cell of the canvas."""
        if len(items) == 1:
            return escape(items[0])
        if not items:
            return Markup("")
        return Markup("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")

    @staticmethod
    def heading(name: str, ident: str, full_page: str = "") -> Markup:
        """A stage or step heading of the canvas: a link to its anchor; on the embed view, a
        link to the anchor on the full map, in a new tab. Made with f-strings: it differs for
        every step, and Markup.format costs five times as much."""
        if full_page:
            href = f"{escape(full_page)}#{escape(ident)}"
            return Markup(f'<a class="jm-anchor" href="{href}" target="_blank" rel="noopener">{escape(name)}</a>')
        return Markup(f'<a class="jm-anchor" href="#{escape(ident)}">{escape(name)}</a>')

    @staticmethod
    def column_labels(*labels: str) -> Markup:
        """A style attribute's value naming the columns after the first (``--jm-col-2``...):
        a table's cells are labelled by their column on a phone, not each by its own
        data-label. Quotes, brackets and the like are CSS escapes, so the value stays one
        attribute and one CSS string."""

        def css_string(text: str) -> str:
            return "'" + "".join(c if c.isalnum() or c in " -_·" else f"\\{ord(c):x} " for c in text) + "'"

        return Markup(";".join(f"--jm-col-{i}:{css_string(label)}" for i, label in enumerate(labels, start=2)))
