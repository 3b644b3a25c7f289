"""The "Are you still reading?" question, with a visible countdown before the kiosk resets."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.gui.access import announce, tap_closes
from kiosk.gui.i18n import tr
from kiosk.gui.overlay import Overlay
from kiosk.gui.plainlabel import PlainLabel


class CountdownOverlay(Overlay):
    """Asks whether the patient is still there; any touch answers yes.

    Signals:
        kept(): the patient touched the screen or tapped "Keep reading".
        expired(): the countdown ran out; the kiosk should start over.
    """

    kept = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget, seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent, "countdown", role="alert")
        tap_closes(self)  # a tap anywhere closes it: its Press action does too
        self._said = -1
        self._seconds = seconds
        self._clock = clock
        self._deadline = 0.0
        self.question = PlainLabel(objectName="overlayTitle")
        self.remaining = PlainLabel(objectName="overlayText")
        self.remaining.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keep = QPushButton(objectName="primaryButton")
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.question)
        layout.addWidget(self.remaining)
        layout.addSpacing(16)
        layout.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignHCenter)
        self._tick = QTimer(self, interval=1000)
        self._tick.setTimerType(Qt.TimerType.CoarseTimer)
        self._end = QTimer(self, singleShot=True)
        self._tick.timeout.connect(self._show_remaining)
        self._end.timeout.connect(self._expire)
        self.keep.clicked.connect(self._keep)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language."""
        self.question.setText(tr("Are you still reading?"))
        self.keep.setText(tr("Keep reading"))
        self.keep.setAccessibleName(tr("Keep reading"))
        self.keep.setAccessibleDescription(tr("Stay on this page instead of starting over"))
        self._show_remaining()

    def start(self) -> None:
        """Show the question and start counting down."""
        self._deadline = self._clock() + self._seconds
        self._said = -1
        self._show_remaining()
        self.open()
        self._tick.start()
        self._end.start(round(self._seconds * 1000))

    def cancel(self) -> None:
        """Hide without saying anything (for example when the kiosk resets anyway)."""
        self._tick.stop()
        self._end.stop()
        self.hide()

    @property
    def seconds_left(self) -> int:
        """Whole seconds left, as the patient sees them."""
        return max(0, math.ceil(self._deadline - self._clock()))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # A touch anywhere on the dimmed page means "I am still here".
        self._keep()

    def _show_remaining(self) -> None:
        left = self.seconds_left
        text = (tr("If not, the screen will start over in 1 second.") if left == 1 else
                tr("If not, the screen will start over in {n} seconds.").format(n=left))
        self.remaining.setText(text)
        self.setAccessibleName(f"{self.question.text()} {text}")
        # A screen reader hears it appear (open) and again at 10 and 5 seconds left.
        if self.isVisible() and left in (10, 5) and left != self._said:
            self._said = left
            announce(self, text, assertive=True)

    def close_popup(self) -> None:
        """Escape, like any touch, means "I am still here"."""
        self._keep()

    def _keep(self) -> None:
        self.cancel()
        self.kept.emit()

    def _expire(self) -> None:
        self.cancel()
        self.expired.emit()
