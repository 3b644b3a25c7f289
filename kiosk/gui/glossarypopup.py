"""A hard word's meaning, large, over the page; a tap anywhere closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.glossary import Entry
from kiosk.gui.access import tap_closes
from kiosk.gui.i18n import tr
from kiosk.gui.overlay import TapCard
from kiosk.gui.plainlabel import PlainLabel


class GlossaryPopup(TapCard):
    """Shows one glossary entry.

    Signals:
        listenRequested(str): read this text aloud.
        closed(): the popup was closed (from :class:`TapCard`).
    """

    listenRequested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "glossaryPopup")
        tap_closes(self)  # a tap anywhere closes it: its Press action does too
        self.entry: Entry | None = None
        self.term = PlainLabel(objectName="overlayTitle")
        self.term.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.meaning = PlainLabel(objectName="glossaryMeaning")
        self.meaning.setWordWrap(True)
        self.meaning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.listen = QPushButton(objectName="secondaryButton")
        self.hint = PlainLabel(objectName="overlayHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.term)
        layout.addWidget(self.meaning)
        layout.addSpacing(12)
        layout.addWidget(self.listen, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        self.listen.clicked.connect(self._listen)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language."""
        self.listen.setText(tr("Listen"))
        self.listen.setAccessibleName(tr("Listen to this meaning"))
        self.hint.setText(tr("Tap anywhere to close"))

    def show_entry(self, entry: Entry) -> None:
        """Show ``entry``'s term and meaning."""
        self.entry = entry
        self.term.setText(entry.term)
        self.meaning.setText(entry.definition)
        self.meaning.setAccessibleName(entry.definition)
        self.setAccessibleName(f"{entry.term}: {entry.definition}")
        self.open()

    def _listen(self) -> None:
        if self.entry is not None:
            self.listenRequested.emit(f"{self.entry.term}. {self.entry.definition}")
