"""The kiosk's one application-wide event filter: each key, tap and swipe decided once.

Qt hands one physical event to several objects: on a real X server a key goes first to the
``QWindow``, then to the focused widget, then up its parents while they ignore it; a mouse
press goes from the widget under it to its parents. An application filter sees every one of
those deliveries. :class:`InputRouter` decides each physical event at the first delivery it
sees and gives every later delivery of the same event the same answer, so nothing is counted
twice and nothing eaten at one stage slips through at the next.

The decision, in this order (the first stage that eats the event ends it):

0. **Access keys**: each of ``key_handlers`` in turn is offered a key press (the audio
   guide's reading keys, Escape closing the popup on top, any key answering the countdown
   while a screen reader runs); one that takes it eats it, and it still counts as activity:
   a patient listening paragraph by paragraph is using the kiosk.
1. **Lockdown** (kiosk mode): context menus, tooltips, What's This and drops are eaten, and so
   are keys that could end or leave the app (Alt+F4, Ctrl+Q, Esc, F-keys, Super...), except
   the presenter's own plain keys (Esc, F5) while a talk runs and listens to keys.
2. **Staff gesture**: presses in the window's top-right corner are counted
   (:class:`~kiosk.gestures.CornerTaps`); never eaten.
3. **Presenter keys** (presentation mode): a key of :data:`kiosk.presentation.KEYS` on the
   talk's windows becomes ``presenterAction`` and is eaten; a press on the audience window is
   ``presenterTouched`` (not eaten).
4. **Activity** for the idle timer: keys, presses, releases, wheel, drags: ``activity``.
5. **Swipe** over the pages: the release that ends a quick sideways drag is ``swiped`` and is
   eaten, so a swipe that ends on a button does not press it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QWidget

from kiosk.gestures import SWIPE, CornerTaps, SwipeRule, swipe_step
from kiosk.gui.lockdown import BLOCKED_EVENTS, is_escape_key
from kiosk.presentation import action_for

T = QEvent.Type
_KEYS = frozenset({T.KeyPress, T.KeyRelease, T.ShortcutOverride})
# A second quick press comes as a double click only (Qt sends no press for it): on a
# touch panel that works as a mouse, every other staff tap would be lost.
_PRESSES = frozenset({T.MouseButtonPress, T.MouseButtonDblClick, T.TouchBegin,
                      T.TabletPress})
_RELEASES = frozenset({T.MouseButtonRelease, T.TouchEnd})
#: What counts as a person using the kiosk. A mouse drifting with no button held does not.
_ACTIVITY = frozenset({T.MouseButtonPress, T.MouseButtonDblClick, T.MouseButtonRelease,
                       T.TouchBegin, T.TouchUpdate, T.TouchEnd, T.KeyPress, T.Wheel,
                       T.TabletPress})
_PAIRS = {T.KeyPress: T.KeyRelease, T.MouseButtonPress: T.MouseButtonRelease,
          T.TouchBegin: T.TouchEnd}
_PAIRS |= {release: press for press, release in _PAIRS.items()}
_PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def _position(event: QEvent) -> QPointF:
    if event.type() in (T.TouchBegin, T.TouchUpdate, T.TouchEnd):
        points = event.points()
        return points[0].globalPosition() if points else QPointF()
    return event.globalPosition()


def _kind(event: QEvent) -> QEvent.Type:
    """The event's type, a double click counted as the press it is."""
    kind = event.type()
    return T.MouseButtonPress if kind == T.MouseButtonDblClick else kind


def _identity(event: QEvent) -> tuple:
    """What makes two deliveries the same physical event."""
    kind = _kind(event)
    if kind in _KEYS:
        return (kind, event.key(), event.modifiers().value, event.timestamp(),
                event.isAutoRepeat(), event.nativeScanCode())
    where = _position(event)
    button = event.button().value if hasattr(event, "button") else 0
    return (kind, button, event.timestamp(), round(where.x()), round(where.y()))


class InputRouter(QObject):
    """Decides every input event of the kiosk once, in the order the module describes.

    ``window`` is the kiosk's window, ``swipe_area`` the widget a swipe must start and end
    over, ``locked`` whether kiosk mode's lockdown applies. ``clock`` (seconds) times
    corner taps, and swipes when the platform gives no event times.

    Signals:
        staffGesture(): the staff corner taps were made.
        presenterAction(str): a presenter key's action ("next", "pause", ...).
        presenterTouched(): somebody pressed on the audience window during a talk.
        activity(): somebody used the kiosk (at most once per physical event).
        swiped(int): +1 for a swipe to the next page, -1 to the previous.
        deactivated(): the kiosk's window lost the activation (kiosk mode takes it back).
    """

    staffGesture = Signal()
    presenterAction = Signal(str)
    presenterTouched = Signal()
    activity = Signal()
    swiped = Signal(int)
    deactivated = Signal()

    def __init__(self, window: QWidget, swipe_area: QWidget, locked: bool,
                 clock: Callable[[], float] = time.monotonic,
                 swipe_rule: SwipeRule = SWIPE) -> None:
        super().__init__(window)
        self._window, self._area, self._locked = window, swipe_area, locked
        self._clock = clock
        #: The swipe's thresholds (speed, distance, direction).
        self.swipe_rule = swipe_rule
        self.corner = CornerTaps(clock=clock)
        #: Presentation mode sets these: the talk's windows, and whether keys go to it now.
        self.presenter_windows: Callable[[], list[QWidget]] | None = None
        self.presenter_listens: Callable[[], bool] = lambda: True
        #: Stage 0: called in order with a key press; the first that returns True takes it.
        self.key_handlers: list[Callable[[QKeyEvent], bool]] = []
        self._last: dict[int, tuple[tuple, bool]] = {}
        self._swipe_from: tuple[QPointF, float] | None = None
        self._moved_at = -1.0

    # ---- the filter -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in BLOCKED_EVENTS:
            return self._locked
        if kind == T.WindowDeactivate:
            if watched is self._window:
                self.deactivated.emit()
            return False
        if kind == T.MouseMove:
            if event.buttons() != Qt.MouseButton.NoButton:
                self._drag_activity()
            return False
        if kind not in _KEYS and kind not in _ACTIVITY and kind != T.TouchCancel:
            return False
        if kind not in _KEYS and not isinstance(watched, QWidget):
            # Mouse and touch are decided where a widget gets them (the QWindow stage has no
            # widget to ask "is this over the pages?"); they come there next.
            return False
        identity = _identity(event)
        kind = _kind(event)
        seen = self._last.get(kind.value)
        if seen is not None and seen[0] == identity:
            return seen[1]  # a later delivery of an event already decided
        eaten = self._decide(watched, event)
        self._last[kind.value] = (identity, eaten)
        # A release ends its press and a press its release: the next press or release with
        # the same identity (test tools give every key timestamp 0) is a new event.
        opposite = _PAIRS.get(kind)
        if opposite is not None:
            self._last.pop(opposite.value, None)
        return eaten

    def _decide(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEYS:
            if kind == T.KeyPress and any(handler(event) for handler in self.key_handlers):
                self.activity.emit()                                  # 0. access keys
                return True
            presenter = self._presenter_action(watched, event)
            # 1. lockdown (the talk's own plain keys are not exit keys while it listens)
            if self._locked and presenter is None and is_escape_key(event):
                return True
            # 3. presenter keys
            if presenter is not None and kind == T.KeyPress:
                if not event.isAutoRepeat() or presenter in ("next", "previous"):
                    self.presenterAction.emit(presenter)
                return True
            # 4. activity
            if kind == T.KeyPress:
                self.activity.emit()
            return False
        if kind in _PRESSES:
            self._staff_tap(event)                                    # 2. staff gesture
            if self.presenter_windows is not None and watched.window() is self._window:
                self.presenterTouched.emit()                          # 3. presenter touch
        if kind in _ACTIVITY:
            self.activity.emit()                                      # 4. activity
        return self._swipe(watched, event)                            # 5. swipe

    # ---- stages ------------------------------------------------------------------------------

    def _presenter_action(self, watched: QObject, event: QEvent) -> str | None:
        windows = self.presenter_windows
        if windows is None or not self.presenter_listens():
            return None
        if (event.modifiers() & ~_PLAIN) != Qt.KeyboardModifier.NoModifier:
            return None
        ours = windows()
        if isinstance(watched, QWindow):
            if not any(w.windowHandle() is watched for w in ours):
                return None
        elif not isinstance(watched, QWidget) or watched.window() not in ours:
            return None
        try:
            name = Qt.Key(event.key()).name.removeprefix("Key_")
        except ValueError:
            return None
        return action_for(name)

    def _staff_tap(self, event: QEvent) -> None:
        where = self._window.mapFromGlobal(_position(event).toPoint())
        if self.corner.tap(where.x(), where.y(), self._window.width()):
            self.staffGesture.emit()

    def _drag_activity(self) -> None:
        # A drag sends hundreds of moves, each to several objects: one activity per 50 ms.
        now = self._clock()
        if now - self._moved_at >= 0.05:
            self._moved_at = now
            self.activity.emit()

    def _over_area(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (
            watched is self._area or self._area.isAncestorOf(watched))

    def _event_seconds(self, event: QEvent) -> float:
        # The event's own time (X server or test tool) when there is one: the decision then
        # does not depend on how busy the machine was when the event was handled.
        stamp = event.timestamp()
        return stamp / 1000 if stamp else self._clock()

    def _swipe(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == T.TouchCancel:
            self._swipe_from = None
        elif kind in (T.MouseButtonPress, T.MouseButtonDblClick, T.TouchBegin):
            self._swipe_from = ((_position(event), self._event_seconds(event))
                                if self._over_area(watched) else None)
        elif kind in _RELEASES and self._swipe_from is not None:
            (start, began), self._swipe_from = self._swipe_from, None
            if not self._over_area(watched):
                return False
            end = _position(event)
            step = swipe_step((start.x(), start.y()), (end.x(), end.y()),
                              self._event_seconds(event) - began, self._area.width(),
                              self.swipe_rule)
            if step:
                self.swiped.emit(step)
                return True
        return False
