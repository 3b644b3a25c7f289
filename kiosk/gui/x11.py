"""A few Xlib calls through ctypes: what the window guard needs and Qt does not give.

Qt tells us little of what a window manager does to our window: nothing of the desktop it
put us on, of a full-screen or above flag it dropped, or of our X window being destroyed
by another client. These calls read and ask for that on Qt's own Xlib display (so they
reach the very server the window is on). libX11 is already loaded by Qt's xcb platform
(libX11-xcb), so this costs no start-up time. Every X error on this connection is recorded,
never fatal: Xlib's default handler would end the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    Union,
    byref,
    c_char_p,
    c_int,
    c_long,
    c_ubyte,
    c_ulong,
    c_void_p,
)

# X protocol constants (X.h)
SUCCESS = 0
IS_VIEWABLE = 2
CLIENT_MESSAGE = 33
SUBSTRUCTURE_NOTIFY = 1 << 19
SUBSTRUCTURE_REDIRECT = 1 << 20
ANY_PROPERTY_TYPE = 0
GRAB_MODE_ASYNC = 1
CURRENT_TIME = 0
REVERT_TO_PARENT = 2
#: The Escape key's keysym (keysymdef.h).
XK_ESCAPE = 0xFF1B
#: _NET_WM_DESKTOP's value for "on every desktop".
ALL_DESKTOPS = 0xFFFFFFFF
#: _NET_WM_STATE actions (EWMH).
STATE_ADD = 1


class _ClientMessage(Structure):
    _fields_ = [("type", c_int), ("serial", c_ulong), ("send_event", c_int),
                ("display", c_void_p), ("window", c_ulong), ("message_type", c_ulong),
                ("format", c_int), ("data", c_long * 5)]


class _Event(Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", c_long * 24)]


class _ErrorEvent(Structure):
    _fields_ = [("type", c_int), ("display", c_void_p), ("resourceid", c_ulong),
                ("serial", c_ulong), ("error_code", c_ubyte), ("request_code", c_ubyte),
                ("minor_code", c_ubyte)]


class _Attributes(Structure):
    _fields_ = [("x", c_int), ("y", c_int), ("width", c_int), ("height", c_int),
                ("border_width", c_int), ("depth", c_int), ("visual", c_void_p),
                ("root", c_ulong), ("class_", c_int), ("bit_gravity", c_int),
                ("win_gravity", c_int), ("backing_store", c_int), ("backing_planes", c_ulong),
                ("backing_pixel", c_ulong), ("save_under", c_int), ("colormap", c_ulong),
                ("map_installed", c_int), ("map_state", c_int), ("all_event_masks", c_long),
                ("your_event_mask", c_long), ("do_not_propagate_mask", c_long),
                ("override_redirect", c_int), ("screen", c_void_p)]


_HANDLER = CFUNCTYPE(c_int, c_void_p, POINTER(_ErrorEvent))


class XConnection:
    """Xlib calls on a display: properties, EWMH requests and whether a window exists.

    ``display`` is an Xlib ``Display*`` to use (Qt's own, so that every request goes to
    the very server and connection the window lives on), or None to open a private
    connection to $DISPLAY. Raises OSError when libX11 or the display cannot be opened.
    """

    def __init__(self, display: int | None = None) -> None:
        path = ctypes.util.find_library("X11")
        if path is None:
            raise OSError("libX11 not found")
        self._x = x = ctypes.CDLL(path)
        x.XOpenDisplay.restype = c_void_p
        x.XOpenDisplay.argtypes = [c_char_p]
        x.XDefaultRootWindow.restype = c_ulong
        x.XDefaultRootWindow.argtypes = [c_void_p]
        x.XInternAtom.restype = c_ulong
        x.XInternAtom.argtypes = [c_void_p, c_char_p, c_int]
        x.XGetWindowProperty.argtypes = [c_void_p, c_ulong, c_ulong, c_long, c_long, c_int,
                                         c_ulong, POINTER(c_ulong), POINTER(c_int),
                                         POINTER(c_ulong), POINTER(c_ulong),
                                         POINTER(POINTER(c_ubyte))]
        x.XSendEvent.argtypes = [c_void_p, c_ulong, c_int, c_long, POINTER(_Event)]
        x.XGetWindowAttributes.argtypes = [c_void_p, c_ulong, POINTER(_Attributes)]
        x.XMapRaised.argtypes = [c_void_p, c_ulong]
        x.XGrabKeyboard.argtypes = [c_void_p, c_ulong, c_int, c_int, c_int, c_ulong]
        x.XUngrabKeyboard.argtypes = [c_void_p, c_ulong]
        x.XGetInputFocus.argtypes = [c_void_p, POINTER(c_ulong), POINTER(c_int)]
        x.XSetInputFocus.argtypes = [c_void_p, c_ulong, c_int, c_ulong]
        x.XKeysymToKeycode.restype = c_ubyte
        x.XKeysymToKeycode.argtypes = [c_void_p, c_ulong]
        x.XSync.argtypes = [c_void_p, c_int]
        x.XFlush.argtypes = [c_void_p]
        x.XFree.argtypes = [c_void_p]
        x.XCloseDisplay.argtypes = [c_void_p]
        x.XSetErrorHandler.restype = c_void_p
        x.XSetErrorHandler.argtypes = [_HANDLER]
        #: The last X error's code on this connection (3 is BadWindow), 0 when none.
        self.last_error = 0
        # Kept on self: a collected callback would crash the process at the next error.
        self._handler = _HANDLER(self._on_error)
        x.XSetErrorHandler(self._handler)
        self._owned = display is None
        self._dpy = display or x.XOpenDisplay(None)
        if not self._dpy:
            raise OSError("cannot open the X display")
        self.root = x.XDefaultRootWindow(self._dpy)
        self._atoms: dict[str, int] = {}
        self._xtst = None  # libXtst, loaded the first time a key must be pressed

    def _on_error(self, _dpy: int, event: POINTER(_ErrorEvent)) -> int:
        self.last_error = event.contents.error_code
        return 0

    def close(self) -> None:
        """Close the connection."""
        if self._dpy and self._owned:
            self._x.XCloseDisplay(self._dpy)
        self._dpy = None

    def atom(self, name: str) -> int:
        """The X atom called ``name`` (made if the server does not know it yet)."""
        if name not in self._atoms:
            self._atoms[name] = self._x.XInternAtom(self._dpy, name.encode(), 0)
        return self._atoms[name]

    def exists(self, window: int) -> bool:
        """False once ``window`` has been destroyed (by anyone)."""
        return self.map_state(window) is not None

    def map_state(self, window: int) -> int | None:
        """0 unmapped, 1 unviewable, 2 viewable; None when the window does not exist."""
        attributes = _Attributes()
        self.last_error = 0
        status = self._x.XGetWindowAttributes(self._dpy, window, byref(attributes))
        self._x.XSync(self._dpy, 0)
        if not status or self.last_error:
            return None
        return attributes.map_state

    def cardinals(self, window: int, name: str) -> list[int] | None:
        """A CARDINAL, WINDOW or ATOM list property as integers; None when it is not set."""
        actual_type, actual_format = c_ulong(), c_int()
        count, remaining = c_ulong(), c_ulong()
        data = POINTER(c_ubyte)()
        self.last_error = 0
        status = self._x.XGetWindowProperty(
            self._dpy, window, self.atom(name), 0, 64, 0, ANY_PROPERTY_TYPE,
            byref(actual_type), byref(actual_format), byref(count), byref(remaining), byref(data))
        if status != SUCCESS or self.last_error or not actual_type.value:
            if data:
                self._x.XFree(data)
            return None
        try:
            if actual_format.value != 32:
                return None
            # Format-32 items are C longs in Xlib's client-side buffer.
            values = ctypes.cast(data, POINTER(c_ulong))
            return [values[i] & 0xFFFFFFFF for i in range(count.value)]
        finally:
            self._x.XFree(data)

    def has_window_manager(self) -> bool:
        """True when an EWMH window manager runs (it sets _NET_SUPPORTING_WM_CHECK)."""
        return bool(self.cardinals(self.root, "_NET_SUPPORTING_WM_CHECK"))

    def request(self, window: int, message: str, *data: int) -> None:
        """Ask the window manager for something about ``window`` (an EWMH client message)."""
        event = _Event()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.send_event = 1
        event.xclient.window = window
        event.xclient.message_type = self.atom(message)
        event.xclient.format = 32
        for i, value in enumerate(data[:5]):
            event.xclient.data[i] = value
        self._x.XSendEvent(self._dpy, self.root, 0,
                           SUBSTRUCTURE_REDIRECT | SUBSTRUCTURE_NOTIFY, byref(event))
        self._x.XFlush(self._dpy)

    def grab_keyboard(self) -> bool:
        """Take every key for this client, on the root window: unlike a grab on our own
        window it holds while that window is unmapped. (While our window shows, a grab on
        it is better: a grab elsewhere moves X's focus, and Qt then sees its window as not
        active.) True when the grab is held."""
        status = self._x.XGrabKeyboard(self._dpy, self.root, 1, GRAB_MODE_ASYNC,
                                       GRAB_MODE_ASYNC, CURRENT_TIME)
        self._x.XFlush(self._dpy)
        return status == SUCCESS

    def ungrab_keyboard(self) -> None:
        """Let go of this client's keyboard grab."""
        self._x.XUngrabKeyboard(self._dpy, CURRENT_TIME)
        self._x.XFlush(self._dpy)

    def input_focus(self) -> int:
        """The window that has X's keyboard focus (0 for none, 1 for "pointer root")."""
        focus, revert = c_ulong(), c_int()
        self._x.XGetInputFocus(self._dpy, byref(focus), byref(revert))
        return focus.value

    def focus(self, window: int) -> None:
        """Give ``window`` the keyboard focus now (where no window manager does it). At
        CurrentTime: Qt's own request carries the time of the last event it saw, and the
        server ignores it when the focus moved later than that (an unmap from outside)."""
        self._x.XSetInputFocus(self._dpy, window, REVERT_TO_PARENT, CURRENT_TIME)
        self._x.XFlush(self._dpy)

    def press_escape(self) -> bool:
        """Press and release Escape as a keyboard would (XTEST), for whoever holds the
        keyboard. False when the server or this machine has no XTEST (libXtst)."""
        if self._xtst is None:
            path = ctypes.util.find_library("Xtst")
            try:
                self._xtst = ctypes.CDLL(path) if path else False
            except OSError:
                self._xtst = False
            if self._xtst:
                self._xtst.XTestFakeKeyEvent.argtypes = [c_void_p, ctypes.c_uint, c_int,
                                                         c_ulong]
        if not self._xtst:
            return False
        code = self._x.XKeysymToKeycode(self._dpy, XK_ESCAPE)
        if not code:
            return False
        sent = all(self._xtst.XTestFakeKeyEvent(self._dpy, code, down, CURRENT_TIME)
                   for down in (1, 0))
        self._x.XFlush(self._dpy)
        return sent

    def map_raised(self, window: int) -> None:
        """Map ``window`` and put it on top (where no window manager decides that)."""
        self._x.XMapRaised(self._dpy, window)
        self._x.XFlush(self._dpy)

