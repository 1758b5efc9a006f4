"""The channel vocabulary: known channels get an icon and a label."""

from __future__ import annotations

from dataclasses import dataclass

from journeymaps.settings import Settings
from journeymaps.text import Text

# Icons of the built-in channels (model.CHANNELS), from the Material Design icon set
# shipped with the theme.
BUILT_IN: dict[str, str] = {
    "web": "material/web",
    "app": "material/cellphone",
    "email": "material/email-outline",
    "phone": "material/phone",
    "chat": "material/chat-outline",
    "social": "material/account-group-outline",
    "store": "material/storefront-outline",
    "event": "material/calendar-star",
    "mail": "material/mailbox-outline",
    "sales": "material/handshake-outline",
    "partner": "material/domain",
    "word-of-mouth": "material/account-voice",
}
UNKNOWN_ICON = "material/message-outline"


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    icon: str
    known: bool


class Channels:
    def __init__(self, settings: Settings, labels: Text):
        self.settings = settings
        self.labels = labels

    def __call__(self, name: str | None) -> Channel | None:
        if not name:
            return None
        if name in self.settings.channels:
            own = self.settings.channels[name]
            return Channel(name, own.label, own.icon, True)
        if name in BUILT_IN:
            return Channel(name, self.labels[f"channel.{name}"], BUILT_IN[name], True)
        return Channel(name, name, UNKNOWN_ICON, False)
