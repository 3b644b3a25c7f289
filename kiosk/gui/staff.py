"""The hidden way out for staff: five taps in the top-right corner, a PIN pad, a small menu."""

from __future__ import annotations

import logging
import textwrap

from PySide6.QtCore import QPoint, QPropertyAnimation, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.gui.i18n import tr
from kiosk.gui.overlay import Overlay
from kiosk.gui.plainlabel import PlainLabel

log = logging.getLogger("kiosk.staff")


class PinPad(Overlay):
    """Large number keys for the staff PIN; a wrong PIN shakes and waits longer each time.

    Signals:
        accepted(): the right PIN was entered.
        cancelled(): staff closed the pad.
    """

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget, pin_hash: str) -> None:
        super().__init__(parent, "pinPad")
        self._pin_hash = pin_hash
        self._digits = ""
        self._failures = 0
        self.prompt = PlainLabel(objectName="overlayTitle")
        self.dots = PlainLabel("", objectName="pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK"]
        for i, label in enumerate(labels):
            button = QPushButton(label, objectName="pinKey")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=label: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[label] = button
        self.cancel_button = QPushButton(objectName="secondaryButton")
        self.cancel_button.clicked.connect(self.close_pad)
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.prompt, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.dots)
        layout.addLayout(grid)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._unlock = QTimer(self, singleShot=True)
        self._unlock.timeout.connect(lambda: self._set_locked(False))
        self._shake = QPropertyAnimation(self.card, b"pos", self)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language."""
        self.prompt.setText(tr("Wrong PIN. Please wait.") if self.locked else tr("Staff PIN"))
        self.dots.setAccessibleName(tr("PIN entered"))
        for label, button in self.keys.items():
            if label == "Clear":
                button.setText(tr("Clear"))
                button.setAccessibleName(tr("Clear the PIN"))
            elif label == "OK":
                button.setText(tr("OK"))
                button.setAccessibleName(tr("Enter the PIN"))
            else:
                button.setAccessibleName(tr("Digit {digit}").format(digit=label))
        self.cancel_button.setText(tr("Cancel"))

    def open_pad(self) -> None:
        """Show an empty pad."""
        self._digits = ""
        self._show_dots()
        self.open()

    def close_pad(self) -> None:
        """Hide the pad and forget what was typed."""
        self._digits = ""
        self.hide()
        self.cancelled.emit()

    def press(self, key: str) -> None:
        """Handle one key of the pad."""
        if key == "Clear":
            self._digits = ""
        elif key == "OK":
            self._submit()
            return
        elif len(self._digits) < 12:
            self._digits += key
        self._show_dots()

    def _submit(self) -> None:
        digits, self._digits = self._digits, ""
        from kiosk.pin import check_pin

        if check_pin(digits, self._pin_hash):
            self._failures = 0
            self.hide()
            self.accepted.emit()
            return
        self._failures += 1
        # Never log the PIN: only that a try failed.
        log.warning("wrong staff PIN (%d in a row)", self._failures)
        self.prompt.setText(tr("Wrong PIN. Please wait."))
        self._show_dots()
        self._shake_card()
        self._set_locked(True)
        self._unlock.start(min(60_000, 1000 * 2 ** (self._failures - 1)))

    def _set_locked(self, locked: bool) -> None:
        for button in self.keys.values():
            button.setEnabled(not locked)
        if not locked:
            self.prompt.setText(tr("Staff PIN"))

    @property
    def locked(self) -> bool:
        """True while the pad waits after a wrong PIN."""
        return self._unlock.isActive()

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self._digits) or " ")

    def _shake_card(self) -> None:
        start = self.card.pos()
        self._shake.stop()
        self._shake.setDuration(400)
        self._shake.setStartValue(start)
        for step, dx in enumerate((-24, 24, -16, 16, -8, 8)):
            self._shake.setKeyValueAt((step + 1) / 7, start + QPoint(dx, 0))
        self._shake.setEndValue(start)
        self._shake.start()


def balanced_columns(text: str) -> tuple[str, str]:
    """Split status lines into two columns of about equal length, never inside a section
    (a line that is not indented, with the indented lines under it)."""
    sections: list[list[str]] = []
    for line in text.splitlines():
        if sections and line.startswith(" "):
            sections[-1].append(line)
        else:
            sections.append([line])
    total = sum(len(s) for s in sections)
    best, taken = 0, 0
    for i, section in enumerate(sections):
        taken += len(section)
        if max(taken, total - taken) < max(best, total - best) or i == 0:
            best, cut = taken, i + 1
    if len(sections) < 2:
        return text, ""
    return ("\n".join(line for s in sections[:cut] for line in s),
            "\n".join(line for s in sections[cut:] for line in s))


#: The longest line the staff status shows (longer ones wrap).
SHORT_LINE = 45


class StatusPanel(QWidget):
    """The staff status in large type, in two columns of short lines, readable at arm's
    length. ``setText`` and ``text`` work on the whole status, as on a label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.columns = [PlainLabel(objectName="staffStatus"), PlainLabel(objectName="staffStatus")]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(48)
        for column in self.columns:
            column.setTextFormat(Qt.TextFormat.PlainText)
            column.setWordWrap(True)
            column.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(column, 1)

    def setText(self, text: str) -> None:  # noqa: N802 - a label's name
        """Show ``text``, its sections flowed into the two columns."""
        self._text = text
        # Short lines at arm's length: a long one (a warning naming a file) wraps, indented.
        text = "\n".join(wrapped for line in text.splitlines() for wrapped in (
            textwrap.wrap(line, SHORT_LINE, subsequent_indent=" " * (4 + len(line)
                                                                       - len(line.lstrip())),
                          break_long_words=True, break_on_hyphens=False) or [""]))
        for column, part in zip(self.columns, balanced_columns(text), strict=True):
            column.setText(part)
            column.setVisible(bool(part))
        self.setAccessibleDescription(text)

    def text(self) -> str:
        """The whole status, as set."""
        return self._text


class StaffMenu(Overlay):
    """Exit, reload content, back, and a status panel for staff.

    Signals:
        exitRequested(), reloadRequested(), usbRequested(), closed()
    """

    exitRequested = Signal()
    reloadRequested = Signal()
    usbRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "staffMenu")
        self.title = PlainLabel(objectName="overlayTitle")
        self.status = StatusPanel()
        self.exit_button = QPushButton(objectName="dangerButton")
        self.reload_button = QPushButton(objectName="secondaryButton")
        self.usb_button = QPushButton(objectName="secondaryButton")
        self.back_button = QPushButton(objectName="primaryButton")
        buttons = QHBoxLayout()
        for button in (self.exit_button, self.reload_button, self.usb_button,
                       self.back_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        self.exit_button.clicked.connect(self.exitRequested)
        self.reload_button.clicked.connect(self.reloadRequested)
        self.usb_button.clicked.connect(self.usbRequested)
        self.back_button.clicked.connect(self._back)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language."""
        self.title.setText(tr("Staff menu"))
        self.exit_button.setText(tr("Exit the kiosk"))
        self.reload_button.setText(tr("Reload content"))
        self.usb_button.setText(tr("Content from USB"))
        self.back_button.setText(tr("Back"))

    def open_menu(self, status: str) -> None:
        """Show the menu with ``status`` in its panel."""
        self.status.setText(status)
        self.open()

    def _back(self) -> None:
        self.hide()
        self.closed.emit()
