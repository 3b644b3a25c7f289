"""Keep what a patient does before the kiosk's parts are all built, and act on it after.

The first frame shows the welcome screen (or the first page) before the input router, the
overlays and the staff parts exist. A tap or a key in those few hundred milliseconds must
not be lost, nor half-handled by a window that cannot yet do what it asks: this filter holds
every tap, key, touch and wheel turn sent to the window and sends them again, in order and
to the same receiver, once the window is ready. Qt delivers them then exactly as it would
have (the window's QWindow passes them on to the widget under the finger or with the focus).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

#: Input a patient makes; everything else (paint, expose, focus, timers) passes.
HELD = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel, QEvent.Type.Wheel,
})


class EarlyInput(QObject):
    """Holds input to ``window`` (its QWindow or any widget in it) until :meth:`release`."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._held: list[tuple[QObject, QEvent]] = []
        self._holding = True
        QApplication.instance().installEventFilter(self)

    @property
    def held(self) -> int:
        """How many events are waiting."""
        return len(self._held)

    def release(self) -> None:
        """Stop holding and deliver what was held, in the order it came."""
        if not self._holding:
            return
        self._holding = False
        QApplication.instance().removeEventFilter(self)
        held, self._held = self._held, []
        for receiver, event in held:
            QApplication.sendEvent(receiver, event)

    def _ours(self, watched: QObject) -> bool:
        # Before the window is ready it is the app's only window (the popups come with it).
        if watched.isWindowType():
            return True
        return isinstance(watched, QWidget) and watched.window() is self._window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._holding and event.type() in HELD and self._ours(watched):
            # A key or a tap reaches the QWindow first: held there, Qt never passes it on,
            # and sent again there later it takes the ordinary way to its widget.
            self._held.append((watched, event.clone()))
            return True
        return False
