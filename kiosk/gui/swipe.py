"""Recognise a sideways swipe of a finger (or a mouse drag) over the pages."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPointF, Signal
from PySide6.QtWidgets import QWidget


class SwipeFilter(QObject):
    """An application-wide event filter that turns quick sideways drags into ``swiped``.

    It must see presses that land on any child of ``area`` (text, buttons), so it is
    installed on the application, not on one widget. It never eats a press; it eats
    only the release that ends a swipe, so a swipe that ends on a button does not
    also press it.

    Signals:
        swiped(int): +1 for a swipe to the left (next page), -1 to the right (previous).
    """

    swiped = Signal(int)

    #: A swipe covers at least this share of the area's width...
    MIN_SHARE = 0.12
    #: ...is clearly more sideways than up or down...
    MIN_RATIO = 1.8
    #: ...and takes less than this many seconds.
    MAX_SECONDS = 1.0

    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self._area = area
        self._start: QPointF | None = None
        self._started_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            if self._inside(watched):
                self._start = self._position(event)
                self._started_at = time.monotonic()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd):
            if self._start is not None and self._inside(watched):
                start, self._start = self._start, None
                return self._finish(start, self._position(event))
        elif kind == QEvent.Type.TouchCancel:
            self._start = None
        return False

    def _inside(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (
            watched is self._area or self._area.isAncestorOf(watched)
        )

    @staticmethod
    def _position(event: QEvent) -> QPointF:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchEnd):
            points = event.points()
            return points[0].globalPosition() if points else QPointF()
        return event.globalPosition()

    def _finish(self, start: QPointF, end: QPointF) -> bool:
        dx, dy = end.x() - start.x(), end.y() - start.y()
        quick = time.monotonic() - self._started_at <= self.MAX_SECONDS
        far = abs(dx) >= self.MIN_SHARE * max(1, self._area.width())
        if quick and far and abs(dx) >= self.MIN_RATIO * abs(dy):
            self.swiped.emit(1 if dx < 0 else -1)
            return True
        return False
