"""The welcome screen a patient finds first: a large title and a gently pulsing "Touch to start".

"Touch to start" is a real button with the keyboard focus on arrival (Enter or Space starts), so a
patient with a keyboard, a keypad or a screen reader gets past it too.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.gui.access import set_role
from kiosk.gui.i18n import language_name, tr
from kiosk.gui.plainlabel import PlainLabel
from kiosk.typography import bind_last_words


class AttractScreen(QWidget):
    """A tap anywhere starts reading; after a long quiet spell the screen may dim.

    The pulse repaints one label five times a second (not 60): about half a percent of a core.
    When the screen is dim, the tap that wakes it only wakes it.

    Signals:
        started(): a patient tapped to start.
        languageChosen(str): a patient chose a language (this does not start).
    """

    started = Signal()
    languageChosen = Signal(str)

    def __init__(self, motion: bool = True, dim_after: float = 0,
                 languages: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = PlainLabel(objectName="attractTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line = PlainLabel(objectName="attractText")
        self.line.setWordWrap(True)
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.touch = QPushButton(objectName="attractTouch")
        self.touch.setCursor(Qt.CursorShape.PointingHandCursor)
        self.touch.clicked.connect(self._start_or_wake)
        self.language_buttons: dict[str, QPushButton] = {}
        # One exclusive group: pressing the language in use never leaves none chosen.
        self._language_group = QButtonGroup(self)
        self._language_group.setExclusive(True)
        self._lang = ""
        languages_row = QHBoxLayout()
        languages_row.addStretch(1)
        for lang in languages if len(languages) > 1 else ():
            button = QPushButton(language_name(lang), objectName="attractLanguage")
            button.setCheckable(True)
            set_role(button, "radio")
            self._language_group.addButton(button)
            button.setAccessibleName(language_name(lang))
            # On toggled, not clicked: an accessibility Toggle action chooses too.
            button.toggled.connect(lambda on, code=lang: on and self._choose(code))
            self.language_buttons[lang] = button
            languages_row.addWidget(button)
        languages_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(3)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(self.line)
        layout.addStretch(2)
        layout.addWidget(self.touch, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        layout.addLayout(languages_row)
        layout.addStretch(1)
        self.retranslate()

        self._motion = motion
        self._dim_after = dim_after
        self._effect = QGraphicsOpacityEffect(self.touch)
        self.touch.setGraphicsEffect(self._effect)
        self._pulse = QTimer(self, interval=200)
        self._pulse.timeout.connect(self._breathe)
        self._dim = QTimer(self, singleShot=True)
        self._dim.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._dim.timeout.connect(self.set_dimmed)
        self._dimmed = False

    def retranslate(self) -> None:
        """Set the texts in the interface language."""
        title = tr("Stem cell therapy for hair loss: what to know")
        self.title.setText(bind_last_words(title))
        self.title.setAccessibleName(title)
        self.line.setText(tr("Six short pages on how it works, who it may help, "
                             "what to expect, and how to stay safe."))
        self.touch.setText(tr("Touch to start"))
        self.touch.setAccessibleName(tr("Start"))
        self.touch.setAccessibleDescription(
            tr("Six short pages on how it works, who it may help, "
               "what to expect, and how to stay safe."))
        self.setAccessibleName(title)
        for button in self.language_buttons.values():
            button.setAccessibleDescription(tr("Show the pages in this language"))

    def set_language(self, lang: str) -> None:
        """Mark the language in use (the state model's)."""
        self._lang = lang
        for code, button in self.language_buttons.items():
            button.blockSignals(True)
            button.setChecked(code == lang)
            button.blockSignals(False)

    def _choose(self, code: str) -> None:
        self.languageChosen.emit(code)
        # The checks show the language in use, whatever the tap did to them.
        self.set_language(self._lang)

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
        # The focus on arrival is on Start: Enter or Space begins.
        self.touch.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Enter presses the button with the focus (a push button takes only Space itself).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            (focus if isinstance(focus, QPushButton) else self.touch).click()
            return
        super().keyPressEvent(event)

    def _start_or_wake(self) -> None:
        if self._dimmed:
            self.set_dimmed(False)
        else:
            self.started.emit()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self._pulse.stop()
        self._dim.stop()

    def event(self, event: QEvent) -> bool:
        # Touches arrive as mouse events (Qt makes them for widgets that take no touch), so
        # a tap on a language button chooses the language and a tap anywhere else starts.
        if event.type() == QEvent.Type.MouseButtonRelease:
            if self._dimmed:
                self.set_dimmed(False)
            else:
                self.started.emit()
            return True
        if event.type() == QEvent.Type.MouseButtonPress:
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
