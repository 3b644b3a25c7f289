"""The live preview's banner: what ``kiosk check`` says about the page on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.gui.deck import PageDeck


class CheckBanner(QLabel):
    """A line over the page (live preview only): the page's problems, or that it has none."""

    def __init__(self, deck: PageDeck) -> None:
        super().__init__("Checking...", objectName="checkBanner", wordWrap=True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._deck = deck
        self._report = None
        deck.state.currentChanged.connect(lambda _index: self.update_text())

    def show_report(self, report) -> None:
        """A new check report came (after a save)."""
        self._report = report
        self.update_text()

    def update_text(self) -> None:
        """Show what the report says about the page on screen."""
        page = self._deck.current_page
        if page is None:
            return
        if self._report is None:
            lines = ["Checking..."]
        else:
            lines = [f"line {p.line}: {p.severity}: {p.message}" if p.line
                     else f"{p.severity}: {p.message}"
                     for p in self._report.for_file(page.path) if p.severity != "info"]
        clean = not lines
        self.setText("\n".join(lines) if lines else f"{page.path.name}: no problems")
        self.setProperty("clean", clean)
        self.style().unpolish(self)
        self.style().polish(self)
