"""Hold the screen under any X window manager, and know when the window is really showing.

What a window manager can do to a kiosk, and what undoes it (measured with openbox, icewm
and xfwm4; see tests/test_stacks.py):

- its key bindings (Alt+Tab, Super, Ctrl+Alt+arrows, Alt+Space, Alt+F11...) are passive
  grabs on the root window: an active keyboard grab of our own, taken while the kiosk is
  showing, makes every key come to us instead, so none of them fires and no key reaches
  another window in between;
- a minimize, a "send to desktop" or an unmap from outside (a menu, ``xdotool``, a pager):
  ``raise_()`` cannot undo those, so the guard looks at the window's X state four times a
  second and asks for it all back: mapped, full screen, above, on every desktop, out of
  the taskbar and pager, active;
- a key bound by the window manager that fired in a moment the kiosk was away or too busy
  to hold the keyboard (a minimize on a loaded machine, then Super) leaves the manager's
  menu open over the kiosk, holding the keyboard: a patient could tap "Terminal" in it.
  When our grab is refused because another client holds the keyboard, the guard presses
  Escape for it (XTEST), which closes every window manager's menu and switcher;
- with no window manager, an unmap from outside sends X's focus to the root window, and
  nobody gives it back: the guard does, at once;
- our X window destroyed by another client: Qt does not notice and would live on with no
  window; the guard logs it and ends the process with EXIT_WINDOW_LOST, so the service
  manager starts a new kiosk.

``showing()`` says whether the content is on screen; the systemd watchdog is petted only
then, so a kiosk that cannot get its screen back is restarted. On Wayland (cage, weston's
kiosk-shell) the compositor owns all of this: the guard only answers ``showing()``.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from kiosk.gui.x11 import ALL_DESKTOPS, IS_VIEWABLE, XConnection

log = logging.getLogger("kiosk")

#: The process's status when its window was destroyed from outside (EX_SOFTWARE).
EXIT_WINDOW_LOST = 70
#: How often the window's state is read: a change is undone within a second.
PATROL_MS = 250
#: What the window must have in _NET_WM_STATE while it is the kiosk.
#: (On every desktop is _NET_WM_DESKTOP = ALL_DESKTOPS: openbox has no _STICKY state.)
WANTED_STATES = ("_NET_WM_STATE_FULLSCREEN", "_NET_WM_STATE_ABOVE",
                 "_NET_WM_STATE_SKIP_TASKBAR", "_NET_WM_STATE_SKIP_PAGER")
_HIDDEN = "_NET_WM_STATE_HIDDEN"
#: Seconds between two Escapes pressed for another client's keyboard grab: one closes a
#: menu; a grab that outlives several (a screen locker) is not ours to fight.
ESCAPE_EVERY = 1.0
#: _NET_ACTIVE_WINDOW's source indication "pager": window managers obey it at once, where
#: an application's own request (1) may only make the taskbar entry blink.
_SOURCE_PAGER = 2


class WindowGuard(QObject):
    """Keeps a full-screen kiosk window mapped, on top, focused and on every desktop."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._x = None
        self._wid = 0
        self.restored = 0  # how many times something had to be put back (for the log)
        self._first = True  # the first look only asks: the window manager is still placing us
        self._seen = False
        self._root_grab = False
        self._escaped_at = float("-inf")
        self.clock = time.monotonic  # injectable: when Escape was last pressed for a grab
        if QGuiApplication.platformName() == "xcb":

            try:
                native = QGuiApplication.instance().nativeInterface()
                self._x = XConnection(int(native.display()) or None)
            except OSError as exc:
                log.warning("cannot watch the window on X (%s): the window manager may hide it",
                            exc)
        # On top of everything: the window manager gets _NET_WM_STATE_ABOVE from Qt.
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._patrol = QTimer(self, interval=PATROL_MS)
        self._patrol.timeout.connect(self.check)

    def start(self) -> None:
        """Begin guarding (after the window was shown)."""
        handle = self._window.windowHandle()
        handle.visibilityChanged.connect(self._soon)
        handle.windowStateChanged.connect(self._soon)
        handle.installEventFilter(self)
        self._patrol.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # The first expose is when the window is on screen: from then on, the guard holds
        # it (an attack may come before the next look, so look at once).
        if event.type() == QEvent.Type.Expose:
            if watched.isExposed():
                self._seen = True
                self._soon()
            elif self._seen:
                self.check()  # unmapped from outside: hold the keyboard at once
        return False

    def _soon(self, *_: object) -> None:
        QTimer.singleShot(0, self, self.check)

    def showing(self) -> bool:
        """True when the kiosk's content is on screen: mapped, viewable, not hidden."""
        if self._x is None or not self._wid:
            handle = self._window.windowHandle()
            return handle is not None and handle.isExposed() and not self._window.isMinimized()
        if self._x.map_state(self._wid) != IS_VIEWABLE:
            return False
        states = self._x.cardinals(self._wid, "_NET_WM_STATE") or []
        return self._x.atom(_HIDDEN) not in states

    def check(self) -> None:
        """Look at the window once, and put back whatever was changed."""
        if not self._window.isVisible():
            return
        if self._x is None:
            self._take_keyboard()
            return
        self._wid = int(self._window.winId())
        state = self._x.map_state(self._wid)
        # Nothing to hold before the window was first on screen: a window still being
        # mapped is not a window that was hidden.
        self._seen = self._seen or state == IS_VIEWABLE
        if state is not None and not self._seen:
            return
        if state is None:
            log.error("the kiosk's window was destroyed from outside; ending so that the "
                      "service manager starts a new kiosk")
            QGuiApplication.instance().exit(EXIT_WINDOW_LOST)
            return
        held = self._take_keyboard()  # first: no key may slip out while the window returns
        lost = self._restore()
        if not held:
            lost.append("the keyboard held by another client")
            self._close_foreign_menu()
        if lost and not self._first:
            self.restored += 1
            log.warning("the kiosk was %s; put back", ", ".join(lost))
        self._first = False
        self._take_keyboard()

    def _restore(self) -> list[str]:
        x, wid, window = self._x, self._wid, self._window
        lost: list[str] = []
        states = set(x.cardinals(wid, "_NET_WM_STATE") or [])
        if x.map_state(wid) != IS_VIEWABLE or x.atom(_HIDDEN) in states:
            lost.append("hidden")
            window.setWindowState(Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowActive)
            window.showFullScreen()
            x.map_raised(wid)
        if not x.has_window_manager():
            if x.input_focus() != wid:
                # Nobody else gives it back: an unmap from outside left X's focus on the
                # root window, while Qt may still think its window is active.
                lost.append("not focused")
                window.raise_()
                x.focus(wid)
                window.activateWindow()
            return lost
        screen = window.screen().geometry() if window.screen() else None
        if screen is not None and window.frameGeometry() != screen and \
                x.atom("_NET_WM_STATE_FULLSCREEN") in states:
            # The screen changed size and the window manager kept the old one (icewm):
            # full screen off and on again makes it measure the screen anew.
            lost.append(f"{window.width()}x{window.height()} on a "
                        f"{screen.width()}x{screen.height()} screen")
            full = x.atom("_NET_WM_STATE_FULLSCREEN")
            x.request(wid, "_NET_WM_STATE", 0, full, 0, 1)
            x.request(wid, "_NET_WM_STATE", 1, full, 0, 1)
        missing = [name for name in WANTED_STATES if x.atom(name) not in states]
        if missing:
            lost.append("no longer " + " ".join(n.removeprefix("_NET_WM_STATE_").lower()
                                               for n in missing))
            for i in range(0, len(missing), 2):  # two states a message, as EWMH allows
                pair = [x.atom(name) for name in missing[i:i + 2]]
                x.request(wid, "_NET_WM_STATE", 1, pair[0], pair[1] if len(pair) > 1 else 0, 1)
        desktop = x.cardinals(wid, "_NET_WM_DESKTOP")
        if desktop and desktop[0] != ALL_DESKTOPS:
            current = x.cardinals(x.root, "_NET_CURRENT_DESKTOP")
            if current and current[0] != desktop[0]:
                lost.append(f"on desktop {desktop[0] + 1} of another {current[0] + 1}")
                x.request(x.root, "_NET_CURRENT_DESKTOP", desktop[0], 0)
            else:
                lost.append("not on every desktop")
            x.request(wid, "_NET_WM_DESKTOP", ALL_DESKTOPS, 1)
        active = x.cardinals(x.root, "_NET_ACTIVE_WINDOW")
        if active is not None and (not active or active[0] != wid):
            lost.append("not the active window")
            x.request(wid, "_NET_ACTIVE_WINDOW", _SOURCE_PAGER, 0, 0)
            window.raise_()
            window.activateWindow()
        return lost

    def _close_foreign_menu(self) -> None:
        # Another client holds the keyboard: a window manager's menu or switcher that opened
        # while we were away. Escape closes it; pressed no more than once a second.
        now = self.clock()
        if now - self._escaped_at < ESCAPE_EVERY:
            return
        self._escaped_at = now
        if self._x.press_escape():
            log.warning("another client held the keyboard (a window manager's menu?): "
                        "pressed Escape to close it")
        else:
            log.error("another client holds the keyboard and this X server has no XTEST "
                      "to close its menu")

    def _take_keyboard(self) -> bool:
        """Every key to us while we are the kiosk; False when another client holds them."""
        # The window manager's own bindings then never fire. While the window shows, the
        # grab is on it (Qt's own); while another client has it unmapped, on the root
        # window, which stays viewable (a grab on our window ends with its mapping, and a
        # key in that moment would reach the manager).
        handle = self._window.windowHandle()
        showing = handle is not None and handle.isExposed()
        if self._x is not None:
            viewable = self._x.map_state(self._wid) == IS_VIEWABLE
            if not viewable:
                self._root_grab = self._x.grab_keyboard()
                return self._root_grab
            if self._root_grab:
                self._x.ungrab_keyboard()
                self._root_grab = False
            showing = True
        if showing:
            return bool(handle.setKeyboardGrabEnabled(True))
        return True
