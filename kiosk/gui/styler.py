"""The kiosk's look for its size, text size and theme: one style sheet for the window, one for
the pages, filled again only when one of those changes."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTabBar, QWidget

from kiosk.gui.statemodel import StateModel
from kiosk.theme import FONT_FAMILY, Metrics, colours, page_css, stylesheet

if TYPE_CHECKING:  # the pages (and their imports) come after the first frame
    from kiosk.gui.deck import PageDeck


class Styler(QObject):
    """Styles ``window`` and ``deck`` for the window's size and ``state``'s text size and
    contrast. ``type_scale`` makes all type larger (presentation mode sets it).

    The deck may come later (:meth:`set_deck`): the welcome screen is styled for the first
    frame before the pages exist.
    """

    def __init__(self, window: QWidget, deck: PageDeck | None, state: StateModel) -> None:
        super().__init__(window)
        self._window, self._deck, self._state = window, None, state
        self._css = ""
        self.type_scale = 1.0
        self._key: tuple | None = None
        # Restyle once a resize settles, not on every step of a drag.
        self.soon = QTimer(self, singleShot=True, interval=120)
        self.soon.timeout.connect(self.restyle)
        state.textSizeChanged.connect(lambda _size: self.restyle())
        state.contrastChanged.connect(lambda _on: self.restyle())
        if deck is not None:
            self.set_deck(deck)

    def set_deck(self, deck: PageDeck) -> None:
        """Style ``deck``'s pages from now on (and now, if the window was styled before)."""
        self._deck = deck
        deck.pagesReloaded.connect(self.restyle)
        if self._key is not None:
            self.restyle()

    @property
    def theme(self) -> str:
        """The colour theme in use."""
        return "contrast" if self._state.contrast else "default"

    def metrics(self) -> Metrics:
        """Sizes for the window as it is now."""
        window = self._window
        metrics = Metrics.for_size(window.width(), window.height(), self._state.text_scale)
        return metrics.with_text_scale(self.type_scale) if self.type_scale != 1.0 else metrics

    def restyle(self) -> None:
        """Fill the styles for the window's size, the text size and the theme (when changed)."""
        window = self._window
        key = (window.width(), window.height(), self._state.text_scale, self.theme,
               self.type_scale, -1 if self._deck is None else len(self._deck.views))
        if key == self._key:
            return
        self._key = key
        metrics = self.metrics()
        metrics = dataclasses.replace(metrics, tab=self._fitting_tab_size(metrics))
        css = stylesheet(metrics, self.theme)
        # The same sheet again (the pages arriving after the welcome screen's first frame)
        # would re-polish every widget for nothing.
        if css != self._css:
            self._css = css
            window.setStyleSheet(css)
        if self._deck is not None:
            self._deck.apply_style(page_css(metrics, self.theme), metrics.column, metrics.pad,
                                   colours(self.theme))

    def _fitting_tab_size(self, metrics: Metrics) -> int:
        """The largest tab type, up to the theme's, at which every tab fits: never clipped."""
        if self._deck is None:
            return metrics.tab
        bar: QTabBar = self._deck.tabs.tabBar()
        titles = [bar.tabText(i) for i in range(bar.count())]
        if not titles or bar.usesScrollButtons():
            return metrics.tab
        font = QFont(FONT_FAMILY)
        font.setBold(True)
        size = metrics.tab
        while size > 12:
            font.setPixelSize(size)
            advance = QFontMetrics(font).horizontalAdvance
            if sum(advance(t) + 2 * metrics.pad + 4 for t in titles) <= self._window.width():
                break
            size -= 1
        return size
