"""Notice when nobody has touched the kiosk for a while."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

log = logging.getLogger("kiosk")

#: What counts as a person using the kiosk. A mouse that drifts with no button held does
#: not: a bumped mouse is not a reader.
_ACTIVITY = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.KeyPress, QEvent.Type.Wheel,
    QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """An application-wide event filter that emits ``idle`` after ``timeout`` quiet seconds.

    It never restarts a timer per event (a drag sends hundreds): it notes the time of
    the last activity, and its single timer re-arms itself for whatever is left.

    Signals:
        idle(): nobody touched, clicked, typed or scrolled for ``timeout`` seconds.
        activity(): somebody did (at most one emission per event).
    """

    idle = Signal()
    activity = Signal()

    def __init__(self, timeout: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout = timeout
        self._last = time.monotonic()
        self._timer = QTimer(self, singleShot=True)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._check)
        #: How many times longer to wait now (WCAG 2.2.1: longer while a screen reader runs).
        self.time_factor: Callable[[], float] = lambda: 1.0
        self._factor = 1.0

    @property
    def enabled(self) -> bool:
        """False when the timeout is 0 (idle reset turned off)."""
        return self._timeout > 0

    def start(self) -> None:
        """Start counting from now."""
        self._last = time.monotonic()
        if self.enabled:
            factor = self.time_factor()
            if factor != self._factor:
                self._factor = factor
                log.info("idle timeout now %g s (%g times %g s)", self._timeout * factor, factor,
                         self._timeout)
            self._timer.start(round(self._timeout * factor * 1000))

    def stop(self) -> None:
        """Stop counting (for example while the attract screen shows)."""
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY or (
            event.type() == QEvent.Type.MouseMove and event.buttons() != Qt.MouseButton.NoButton
        ):
            now = time.monotonic()
            # The same event reaches the filter once per widget it propagates through.
            if now - self._last > 0.01:
                self._last = now
                self.activity.emit()
        return False

    def _check(self) -> None:
        left = self._timeout * self.time_factor() - (time.monotonic() - self._last)
        if left > 0.005:
            self._timer.start(max(1, round(left * 1000)))
        else:
            self.idle.emit()
