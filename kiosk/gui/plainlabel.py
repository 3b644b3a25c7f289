"""A label that shows its text exactly as typed: never rich text.

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
