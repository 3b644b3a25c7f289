"""The welcome screen a patient finds first: a large title and a gently pulsing "Touch to start"."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QVBoxLayout, QWidget

WELCOME = "Stem cell therapy for hair loss: what to know"
INVITATION = ("Six short pages on how it works, who it may help, what to expect, "
              "and how to stay safe.")


class AttractScreen(QWidget):
    """A tap anywhere starts reading; after a long quiet spell the screen may dim.

    The pulse repaints one label ten times a second (not 60), so it costs next to no CPU.
    When the screen is dim, the tap that wakes it only wakes it.

    Signals:
        started(): a patient tapped to start.
    """

    started = Signal()

    def __init__(self, motion: bool = True, dim_after: float = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.title = QLabel(WELCOME, objectName="attractTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line = QLabel(INVITATION, objectName="attractText")
        self.line.setWordWrap(True)
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.touch = QLabel("Touch to start", objectName="attractTouch")
        self.touch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.touch.setAccessibleName("Touch to start")
        self.setAccessibleName(WELCOME)
        layout = QVBoxLayout(self)
        layout.addStretch(3)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(self.line)
        layout.addStretch(2)
        layout.addWidget(self.touch, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

        self._motion = motion
        self._dim_after = dim_after
        self._effect = QGraphicsOpacityEffect(self.touch)
        self.touch.setGraphicsEffect(self._effect)
        self._pulse = QTimer(self, interval=100)
        self._pulse.timeout.connect(self._breathe)
        self._dim = QTimer(self, singleShot=True)
        self._dim.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._dim.timeout.connect(self.set_dimmed)
        self._dimmed = False

    @property
    def dimmed(self) -> bool:
        """True while the screen is dimmed to save power."""
        return self._dimmed

    def set_dimmed(self, dimmed: bool = True) -> None:
        """Dim (or wake) the screen."""
        self._dimmed = dimmed
        self.setProperty("dimmed", dimmed)
        for widget in (self, self.title, self.line, self.touch):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if dimmed:
            self._pulse.stop()
        else:
            self._arm()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._arm()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self._pulse.stop()
        self._dim.stop()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd):
            if self._dimmed:
                self.set_dimmed(False)
            else:
                self.started.emit()
            return True
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                            QEvent.Type.TouchUpdate):
            event.accept()
            return True
        return super().event(event)

    def _arm(self) -> None:
        if self._motion and not self._dimmed:
            self._pulse.start()
        else:
            self._effect.setOpacity(1.0)
        if self._dim_after > 0:
            self._dim.start(round(self._dim_after * 1000))

    def _breathe(self) -> None:
        # One slow breath every three seconds, never fading below 55 %.
        phase = (time.monotonic() % 3.0) / 3.0
        self._effect.setOpacity(0.775 + 0.225 * math.cos(2 * math.pi * phase))
