"""Keep what a patient does before the kiosk's parts are all built, and act on it after.

The first frame shows the welcome screen (or the first page) before the input router, the
overlays and the staff parts exist. A tap or a key in those few hundred milliseconds must
not be lost, nor half-handled by a window that cannot yet do what it asks: this filter holds
every tap, key, touch and wheel turn sent to the window and sends them again, in order, once
the window is ready.

It watches the window's QWindow only, where the display server's input arrives first (the
QWindow passes it on to the widget under the finger or with the focus), so what is held and
sent again later takes exactly the way it would have taken. An application-wide filter would
see the same input, but it also runs Python for every paint and layout event of every widget
while the first frame is being made: measured, it made that frame 20 ms later
(``bench/run.py start``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow
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
    """Holds input to ``window``'s QWindow until :meth:`release`.

    The QWindow exists once the window is shown: :meth:`watch` is called then (the window's
    show event), and again if Qt made a new one.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._held: list[tuple[QObject, QEvent]] = []
        self._holding = True
        self._watched: QWindow | None = None

    @property
    def held(self) -> int:
        """How many events are waiting."""
        return len(self._held)

    def watch(self, handle: QWindow | None) -> None:
        """Hold the input that reaches ``handle`` (the window's QWindow) from now on."""
        if not self._holding or handle is None or handle is self._watched:
            return
        self._unwatch()
        self._watched = handle
        handle.installEventFilter(self)

    def release(self) -> None:
        """Stop holding and deliver what was held, in the order it came."""
        if not self._holding:
            return
        self._holding = False
        self._unwatch()
        held, self._held = self._held, []
        for receiver, event in held:
            QApplication.sendEvent(receiver, event)

    def _unwatch(self) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._holding and event.type() in HELD:
            # Held at the QWindow, Qt never passes it on; sent again there later, it takes
            # the ordinary way to its widget.
            self._held.append((watched, event.clone()))
            return True
        return False
