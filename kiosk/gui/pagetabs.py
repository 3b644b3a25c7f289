"""A row of page tabs over one page area: a tab widget with no widget made per tab.

QTabWidget needs a widget for every tab before it shows. With 600 pages those were 600 empty
placeholders, each polished by the style sheet: 9 MiB and 20 ms of the start (measured:
600 tabs in a QTabWidget with the kiosk's style sheet, against a QTabBar alone). Here a tab
is only its title until its page is placed (:meth:`PageTabs.set_page`), when the tab is
first shown. The interface is QTabWidget's, as far as the kiosk uses it, and so are the keys:
Ctrl+Tab and Ctrl+Shift+Tab turn the pages, round from the last to the first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QStackedWidget, QTabBar, QVBoxLayout, QWidget

_TURNS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class PageTabs(QWidget):
    """Page tabs (a QTabBar) over the page area (a QStackedWidget of the pages placed so far).

    Signals:
        currentChanged(int): another tab is current; its page, if placed, shows already.
    """

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:  # noqa: N803
        super().__init__(parent, objectName=objectName)
        self._bar = QTabBar()
        self._area = QStackedWidget(objectName="pageArea")
        self._pages: list[QWidget | None] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._bar)
        layout.addWidget(self._area, 1)
        self._bar.currentChanged.connect(self._changed)

    # ---- QTabWidget's interface, as the kiosk uses it ------------------------------------

    def tabBar(self) -> QTabBar:  # noqa: N802 - QTabWidget's name
        return self._bar

    def count(self) -> int:
        return self._bar.count()

    def currentIndex(self) -> int:  # noqa: N802 - QTabWidget's name
        return self._bar.currentIndex()

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - QTabWidget's name
        self._bar.setCurrentIndex(index)

    def tabText(self, index: int) -> str:  # noqa: N802 - QTabWidget's name
        return self._bar.tabText(index)

    def setTabText(self, index: int, text: str) -> None:  # noqa: N802 - QTabWidget's name
        self._bar.setTabText(index, text)

    def setDocumentMode(self, on: bool) -> None:  # noqa: N802 - QTabWidget's name
        self._bar.setDocumentMode(on)

    def addTab(self, title: str) -> int:  # noqa: N802 - QTabWidget's name
        """A tab with no page yet (see :meth:`set_page`); its index."""
        self._pages.append(None)
        return self._bar.addTab(title)

    def widget(self, index: int) -> QWidget | None:
        """The page placed for tab ``index``, or None."""
        return self._pages[index] if 0 <= index < len(self._pages) else None

    # ---- pages ---------------------------------------------------------------------------

    def set_page(self, index: int, page: QWidget) -> None:
        """Place ``page`` for tab ``index``; it shows now if that tab is current."""
        self._pages[index] = page
        self._area.addWidget(page)
        if index == self._bar.currentIndex():
            self._area.setCurrentWidget(page)

    def clear(self) -> None:
        """Remove every tab and delete every page placed."""
        blocked = self._bar.blockSignals(True)
        while self._bar.count():
            self._bar.removeTab(self._bar.count() - 1)
        self._bar.blockSignals(blocked)
        for page in self._pages:
            if page is not None:
                self._area.removeWidget(page)
                page.deleteLater()
        self._pages = []

    def _changed(self, index: int) -> None:
        page = self.widget(index)
        if page is not None:
            self._area.setCurrentWidget(page)
        self.currentChanged.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # As QTabWidget: a key the page did not take reaches us; Ctrl+Tab turns the page on,
        # with Shift back.
        mods = event.modifiers()
        if (event.key() not in _TURNS or not mods & Qt.KeyboardModifier.ControlModifier
                or self.count() < 2):
            event.ignore()
            return
        back = event.key() == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier
        self.setCurrentIndex((self.currentIndex() + (-1 if back else 1)) % self.count())
