"""Labels, tabs and buttons that show content exactly as typed: never rich text, no "&" keys.

QLabel's default (Qt.AutoText) renders anything that looks like HTML, and an ``<img src>``
in a page title or glossary meaning would then read that file from the disk (``/dev/zero``
killed the kiosk). Every label in the kiosk is one of these.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class PlainLabel(QLabel):
    """A QLabel fixed to Qt.PlainText: page content shows as the characters it is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)


def as_typed(text: str) -> str:
    """``text`` for a tab or button label: Qt takes a single "&" as a keyboard shortcut
    marker and hides it ("Risks & benefits" would show "Risks  benefits")."""
    return text.replace("&", "&&")
