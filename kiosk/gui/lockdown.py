"""Kiosk mode: no key, menu, tooltip or lost focus takes a patient out of the app.

The keys and events are eaten by the input router (:mod:`kiosk.gui.inputrouter`) with the
rules here; :class:`Lockdown` is the guard that keeps the window in front.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

_F_KEYS = range(Qt.Key.Key_F1.value, Qt.Key.Key_F35.value + 1)
#: Keys that ask an app or a desktop to quit, close, switch or go full screen.
_ESCAPES = frozenset({
    Qt.Key.Key_Escape.value, Qt.Key.Key_Close.value, Qt.Key.Key_Exit.value,
    Qt.Key.Key_Launch0.value, Qt.Key.Key_Super_L.value, Qt.Key.Key_Super_R.value,
    Qt.Key.Key_Meta.value, Qt.Key.Key_Menu.value, Qt.Key.Key_Help.value,
})
#: Events that open something over the kiosk or drop something into it.
BLOCKED_EVENTS = frozenset({
    QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis,
    QEvent.Type.QueryWhatsThis, QEvent.Type.DragEnter, QEvent.Type.Drop,
})


def is_escape_key(event: QKeyEvent) -> bool:
    """True for keys and chords that could end, close or leave an app (Alt+F4, Ctrl+Q, ...)."""
    key = event.key()
    mods = event.modifiers()
    if key in _ESCAPES or key in _F_KEYS:
        return True
    if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return True
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    # Ctrl+Tab and Ctrl+Shift+Tab stay: they only change the page.
    return ctrl and key not in (Qt.Key.Key_Tab.value, Qt.Key.Key_Backtab.value)


class Lockdown(QObject):
    """The guard that keeps the kiosk's window in front and with the keyboard focus.

    ``raise_soon()`` is called when the window lost the activation (the input router says so).
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._raise = QTimer(self, singleShot=True, interval=300)
        self._raise.timeout.connect(self.take_front)
        # A stray window can cover us without taking the focus: look now and then.
        self._patrol = QTimer(self, interval=5000)
        self._patrol.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._patrol.timeout.connect(self._check_front)

    def start(self) -> None:
        """Begin guarding the window."""
        self._patrol.start()

    def take_front(self) -> None:
        """Raise the window and take the keyboard focus."""
        if self._window.isVisible():
            self._window.raise_()
            self._window.activateWindow()

    def raise_soon(self) -> None:
        """Take the front again shortly (the window was deactivated)."""
        self._raise.start()

    def _check_front(self) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.activeWindow() is None and not QApplication.activePopupWidget():
            self.take_front()
