"""Focus rings only for people using keys: none on a touch screen until a key is pressed.

A ring says "the keys act here". On a touch screen nobody has keys, and a ring on a button the
window focused by itself is noise. So the style sheet draws focus rings only inside a window
whose ``keys`` property is true (``QWidget#kiosk[keys="true"] ...:focus``). This filter sets
it at the first key press and clears it at a tap, a click or the end of a session, like the
web's ``:focus-visible``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

#: The window property the style sheet's focus rules test.
PROPERTY = "keys"
_KEYS = {QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride}
_POINTER = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}


class FocusRings(QObject):
    """Shows focus rings in ``window`` once a key is pressed; hides them after a tap."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        window.setProperty(PROPERTY, False)
        QApplication.instance().installEventFilter(self)
        session_ended = getattr(window, "sessionEnded", None)
        if session_ended is not None:  # the next patient starts without rings
            session_ended.connect(lambda _reason: self.set_keys(False))

    @property
    def showing(self) -> bool:
        """True while focus rings are drawn."""
        return bool(self.window.property(PROPERTY))

    def set_keys(self, used: bool) -> None:
        """Draw focus rings (keys in use) or not; restyle only what depends on it."""
        if used == self.showing:
            return
        self.window.setProperty(PROPERTY, used)
        # A style sheet matches a property when a widget is polished: re-polish the widgets
        # that can take focus (the rings' rules only name those), not the whole window.
        for widget in self.window.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                widget.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if ((kind in _KEYS or kind in _POINTER) and isinstance(watched, QWidget)
                and watched.window() is self.window):
            self.set_keys(kind in _KEYS)
        return False
