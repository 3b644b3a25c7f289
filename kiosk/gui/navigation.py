"""Which page is showing: one small model that tabs, buttons and swipes all move."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Navigator(QObject):
    """The current page index; every way of moving between pages goes through here.

    Signals:
        currentChanged(int): the page at this index is now the one to show.
    """

    currentChanged = Signal(int)

    def __init__(self, count: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = count
        self._current = 0

    def reset(self, count: int) -> None:
        """Start over with ``count`` pages, on the first one."""
        self._count = count
        self._current = 0
        self.currentChanged.emit(0)

    @property
    def current(self) -> int:
        """Index of the page showing now."""
        return self._current

    @property
    def count(self) -> int:
        """How many pages there are."""
        return self._count

    def go(self, index: int) -> None:
        """Show page ``index`` (ignored when out of range)."""
        if 0 <= index < self._count and index != self._current:
            self._current = index
            self.currentChanged.emit(index)

    def step(self, delta: int) -> None:
        """Move ``delta`` pages forward (negative: back), stopping at either end."""
        self.go(max(0, min(self._count - 1, self._current + delta)))

    def next(self) -> None:
        """Show the next page; after the last page, go back to the first."""
        self.go((self._current + 1) % self._count if self._count else 0)
