"""Build the rest of the kiosk after its first frame, one part per turn of the event loop.

The welcome screen (or the first page) is all a patient sees at first; the overlays, the staff
parts, speech and the input router are made after that frame, each in its own turn of the
event loop, so a tap or a repaint never waits for more than one part. ``timings`` keeps how
long each part held the loop (the bench reads the longest from the log line at the end).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("kiosk")


class Slices(QObject):
    """Runs ``steps`` one per event-loop turn once :meth:`start` is called; then ``done``.

    Signals:
        done(): every step has run.
    """

    done = Signal()

    def __init__(self, steps: list[Callable[[], None]], parent: QObject | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        self._clock = clock
        self._started = False
        self._cancelled = False
        self.timings: list[tuple[str, float]] = []
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._next)

    @property
    def finished(self) -> bool:
        """True once every step has run."""
        return self._started and not self._steps

    def start(self) -> None:
        """Begin (a second call does nothing)."""
        if not self._started:
            self._started = True
            self._timer.start()

    def add(self, steps: list[Callable[[], None]]) -> None:
        """Run ``steps`` too, after those given before."""
        self._steps += steps

    def cancel(self) -> None:
        """Run no further step (the kiosk is stopping)."""
        self._cancelled = True
        self._steps.clear()
        self._timer.stop()

    def run_all(self) -> None:
        """Run every step left now, in order (a window built in one go)."""
        self._started = True
        while self._steps:
            self._run(self._steps.pop(0))
        self.done.emit()

    def _next(self) -> None:
        if not self._steps:
            return  # cancelled
        self._run(self._steps.pop(0))
        if self._steps:
            self._timer.start()
        elif not self._cancelled:
            longest = max(self.timings, key=lambda t: t[1], default=("", 0.0))
            log.info("ready: %d parts built after the first frame, the longest (%s) held "
                     "the event loop %.1f ms", len(self.timings), longest[0], longest[1])
            self.done.emit()

    def _run(self, step: Callable[[], None]) -> None:
        began = self._clock()
        step()
        name = getattr(getattr(step, "func", step), "__name__", "step").lstrip("_")
        self.timings.append((name, (self._clock() - began) * 1000))
