"""Notice when nobody has touched the kiosk for a while."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

log = logging.getLogger("kiosk")


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout`` seconds with no activity (``note_activity()``).

    The input router calls ``note_activity`` for every key, touch, click or scroll. It never
    restarts a timer per event (a drag sends hundreds): it notes the time of the last
    activity on ``clock``, and its single timer re-arms itself for whatever is left.

    Signals:
        idle(): nobody touched, clicked, typed or scrolled for ``timeout`` seconds.
    """

    idle = Signal()

    def __init__(self, timeout: float, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._timeout = timeout
        #: Seconds, monotonic: what the idle decision is measured on (tests pass their own).
        self.clock = clock
        self._last = clock()
        self._timer = QTimer(self, singleShot=True)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.check)
        #: How many times longer to wait now (WCAG 2.2.1: longer while a screen reader runs).
        self.time_factor: Callable[[], float] = lambda: 1.0
        self._factor = 1.0

    @property
    def enabled(self) -> bool:
        """False when the timeout is 0 (idle reset turned off)."""
        return self._timeout > 0

    def start(self) -> None:
        """Start counting from now."""
        self._last = self.clock()
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

    def note_activity(self) -> None:
        """Somebody used the kiosk just now."""
        self._last = self.clock()

    def check(self) -> None:
        """Emit ``idle`` if the time is up by ``clock``; otherwise wait for what is left."""
        left = self._timeout * self.time_factor() - (self.clock() - self._last)
        if left > 0.005:
            self._timer.start(max(1, round(left * 1000)))
        else:
            self.idle.emit()
