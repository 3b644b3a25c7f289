"""The kiosk's window: a title header, the page tabs, and the wiring between them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Page
from kiosk.gui.navigation import Navigator
from kiosk.gui.pageview import PageView
from kiosk.gui.swipe import SwipeFilter
from kiosk.theme import Metrics, page_css, stylesheet

APP_TITLE = "Stem cell therapy for hair loss"


class MainWindow(QWidget):
    """The whole kiosk on one screen: header, tabs and one PageView per page."""

    def __init__(self, pages: list[Page], root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setWindowTitle(APP_TITLE)
        self.pages = pages
        self.navigator = Navigator(len(pages), self)
        self._metrics: Metrics | None = None

        header = QFrame(objectName="header")
        title = QLabel(APP_TITLE, objectName="appTitle")
        title.setAccessibleName(APP_TITLE)
        head = QHBoxLayout(header)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(title)
        head.addStretch(1)

        self.tabs = QTabWidget(objectName="pages")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(True)
        self.tabs.tabBar().setUsesScrollButtons(len(pages) > 8)
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.setAccessibleName("Pages")
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.views: list[PageView] = []
        for i, page in enumerate(pages):
            following = pages[i + 1].title if i + 1 < len(pages) else None
            view = PageView(page, root, following)
            self.views.append(view)
            self.tabs.addTab(view, page.title)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)

        self.swipe = SwipeFilter(self.tabs)
        self._restyle_timer = QTimer(self, singleShot=True, interval=120)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self.navigator.go)
        self.navigator.currentChanged.connect(self.tabs.setCurrentIndex)
        self.swipe.swiped.connect(self.navigator.step)
        for view in self.views:
            view.nextRequested.connect(self.navigator.next)
            view.pageLinkActivated.connect(self.show_page)
        self._restyle_timer.timeout.connect(self._restyle_for_size)
        # Presses can land on any child (text, buttons), so swipes are watched app-wide.
        QApplication.instance().installEventFilter(self.swipe)

    @property
    def current_view(self) -> PageView:
        """The page showing now."""
        return self.views[self.navigator.current]

    def show_page(self, slug: str) -> None:
        """Show the page whose file is ``<slug>.md`` (links between pages use this)."""
        for i, page in enumerate(self.pages):
            if page.slug == slug:
                self.navigator.go(i)
                return

    def apply_metrics(self, metrics: Metrics) -> None:
        """Size text and controls for ``metrics`` (done when the window's size class changes)."""
        if metrics == self._metrics:
            return
        self._metrics = metrics
        self.setStyleSheet(stylesheet(metrics))
        css = page_css(metrics)
        for view in self.views:
            view.set_metrics(css, metrics.column, metrics.pad)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Restyle once the size settles, not on every step of a drag.
        self._restyle_timer.start()

    def _restyle_for_size(self) -> None:
        self.apply_metrics(Metrics.for_size(self.width(), self.height()))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.apply_metrics(Metrics.for_size(self.width(), self.height()))
        super().showEvent(event)
        # The page takes the keys (arrows and Page Up/Down scroll it); no tab shows a ring.
        self.current_view.setFocus()
