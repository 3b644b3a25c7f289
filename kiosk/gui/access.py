"""What a blind patient's screen reader needs beyond names: roles, announcements, keys.

- :func:`install_roles` gives controls the roles Qt cannot infer: the language buttons are one
  exclusive group of radio buttons (Qt calls any checkable push button a check box), High
  contrast is a switch, Listen a plain button whose name says what a press does, overlays are
  dialogs and the "Are you still reading?" question an alert. Every button's accessibility
  actions (Press, Toggle) click it, as a tap does, and tell :data:`acted` (the idle timer: a
  switch user pressing away is not idle); a popup that a tap anywhere closes offers Press too.
- :func:`announce` speaks a short message through the screen reader. Qt 6.8 has
  QAccessibleAnnouncementEvent (the AT-SPI ``Announcement`` signal), and the installed PySide6
  has it, but Orca 43 (Debian 12) drops that signal unheard (measured: nothing in its debug log).
  What every Orca speaks is a notification appearing: so a message is shown for an instant in a
  one-pixel label with the Notification role, and Orca reads its name (its onShowingChanged).
- :class:`KeyAccess` answers keys whatever has the focus, first among the input router's
  stages: Escape closes the popup on top (before the kiosk lockdown eats Escape), and while a
  screen reader runs any key answers the countdown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QPushButton,
    QWidget,
)

from kiosk.gui.plainlabel import PlainLabel

#: The property a widget sets to ask for a role: "radio", "toggle", "button", "dialog", "alert".
ROLE_PROPERTY = "a11yRole"
#: A popup sets this property when a tap anywhere on it closes it: its Press action closes it.
TAP_CLOSES_PROPERTY = "a11yTapCloses"
_ROLES = {
    "radio": QAccessible.Role.RadioButton,
    # Qt 6.11 maps no role to AT-SPI's toggle button, and Orca 43 never speaks the checked
    # state of a push button (measured: "High contrast, push button" whether on or off). A
    # switch is an on/off setting: AT-SPI 2.46 shows it as a check box, which Orca speaks with
    # its state ("check box, checked"); newer AT-SPI as a switch ("on").
    "toggle": QAccessible.Role.Switch,
    # A checkable button whose name says what a press does (Listen, Pause): no checked state.
    "button": QAccessible.Role.Button,
    "dialog": QAccessible.Role.Dialog,
    "alert": QAccessible.Role.AlertMessage,
    "notification": QAccessible.Role.Notification,
    "window": QAccessible.Role.Window,
}


_PRESS = QAccessibleActionInterface.pressAction()
_TOGGLE = QAccessibleActionInterface.toggleAction()

#: Called (with the widget) whenever an accessibility action presses a control or closes a
#: popup: what a tap tells the input router, an action tells these (the window's idle timer).
acted: list = []


def _acted(widget: QWidget) -> None:
    for listener in list(acted):
        listener(widget)


class _RoleAccessible(QAccessibleWidget):
    """A widget's accessible face with the role it asked for. A button's Press and Toggle
    click it, as a tap does: whatever the tap changes (through the state model) changes, and
    the checked state shown is the widget's, which shows the state model's."""

    def __init__(self, widget: QWidget, role: QAccessible.Role | None) -> None:
        super().__init__(widget, role or QAccessible.Role.Button)
        self._asked = role

    def role(self) -> QAccessible.Role:
        if self._asked is not None:
            return self._asked
        # A push button that asked for nothing: the role Qt's own face gives it.
        return (QAccessible.Role.CheckBox if self.widget().isCheckable()
                else QAccessible.Role.Button)

    def text(self, kind: QAccessible.Text) -> str:
        text = super().text(kind)
        widget = self.widget()
        if kind == QAccessible.Text.Name and not text and isinstance(widget, QAbstractButton):
            # As Qt's own button face: a mnemonic's "&" is not read out.
            return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        return text

    def state(self) -> QAccessible.State:
        state = super().state()
        widget = self.widget()
        if isinstance(widget, QAbstractButton) and widget.isCheckable() \
                and self.role() != QAccessible.Role.Button:
            state.checkable = True
            state.checked = widget.isChecked()
        if isinstance(widget, QAbstractButton) and widget.isDown():
            state.pressed = True
        if self.role() in (QAccessible.Role.Dialog, QAccessible.Role.AlertMessage):
            state.modal = True
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt's name
        names = list(super().actionNames())
        widget = self.widget()
        if not widget.isEnabled():
            return names
        if isinstance(widget, QAbstractButton) or widget.property(TAP_CLOSES_PROPERTY):
            # A tap is a click: every action a switch or voice control calls does what a tap does.
            names = [_PRESS, *[n for n in names if n != _PRESS]]
            if isinstance(widget, QAbstractButton) and widget.isCheckable() \
                    and self.role() != QAccessible.Role.Button:
                names.insert(1, _TOGGLE)
        return names

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt's name
        widget = self.widget()
        if name in (_PRESS, _TOGGLE) and name in self.actionNames():
            _acted(widget)
            if isinstance(widget, QAbstractButton):
                widget.click()
            else:
                widget.close_popup()
            return
        super().doAction(name)


def _factory(key: str, obj: QObject) -> QAccessibleWidget | None:
    if isinstance(obj, QWidget):
        role = _ROLES.get(obj.property(ROLE_PROPERTY) or "")
        if role is not None:
            return _RoleAccessible(obj, role)
    if isinstance(obj, QPushButton):
        # Every push button, for its actions to count as the patient's (see acted).
        return _RoleAccessible(obj, None)
    return None


_installed = False


def install_roles() -> None:
    """Let widgets with an ``a11yRole`` property report that role (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def set_role(widget: QWidget, role: str) -> None:
    """Ask for ``role`` ("radio", "toggle", "button", "dialog", "alert") for ``widget``."""
    install_roles()
    widget.setProperty(ROLE_PROPERTY, role)


def tap_closes(popup: QWidget) -> None:
    """``popup`` closes on a tap anywhere (its ``close_popup()``): its Press action does too."""
    popup.setProperty(TAP_CLOSES_PROPERTY, True)


#: Every announcement made, newest last (what a test can read back).
spoken: list[str] = []
#: Called with each announcement (the audio guide speaks them with the kiosk's own voice).
listeners: list = []


class _Notice(PlainLabel):
    """A one-pixel, see-through label whose appearing a screen reader speaks (its name)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, objectName="a11yNotice")
        set_role(self, "notification")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setStyleSheet("background: transparent; color: transparent; font-size: 1px;")
        self.setGeometry(0, 0, 1, 1)
        self.hide()

    def say(self, text: str) -> None:
        self.hide()
        self.setAccessibleName(text)
        self.setText(text)
        self.setGeometry(0, 0, 1, 1)
        self.show()
        self.raise_()


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Have the screen reader say ``text`` now (nothing happens when none listens).

    ``assertive`` is kept for Qt's announcement API; the notification path has one politeness.
    """
    if not text:
        return
    spoken.append(text)
    del spoken[:-50]
    for listener in listeners:
        listener(text)
    if not QAccessible.isActive() or widget is None:
        return
    window = widget.window()
    notice = window.findChild(_Notice, "a11yNotice")
    if notice is None:
        notice = _Notice(window)
    notice.say(text)


def screen_reader_running() -> bool:
    """True while a screen reader runs: the accessibility bus's ``org.a11y.Status``.

    ``ScreenReaderEnabled`` is the desktop's screen reader switch (GSettings
    org.gnome.desktop.a11y.applications screen-reader-enabled), which is how a session starts
    Orca; ``IsEnabled`` is set by assistive technology started by hand (Orca 43 sets it, though
    it did not read back as true on a bare X session here). QAccessible.isActive() alone is no
    proof: the bridge is on whenever the bus is (QT_LINUX_ACCESSIBILITY_ALWAYS_ON), with nobody
    listening.
    """
    if not QAccessible.isActive():
        return False
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    status = QDBusInterface("org.a11y.Bus", "/org/a11y/bus",
                            "org.freedesktop.DBus.Properties", bus)
    return any(_plain(status.call("Get", "org.a11y.Status", name)) is True
               for name in ("ScreenReaderEnabled", "IsEnabled"))


def _plain(reply) -> object:
    """The first value of a D-Bus reply, unwrapped from its variant; None for an error."""
    values = reply.arguments()
    value = values[0] if values else None
    return value.variant() if hasattr(value, "variant") else value


class KeyAccess(QObject):
    """Keys that must work whatever has the focus: Escape closes the popup on top.

    ``popups`` lists overlays in stacking order (the last open one is closed first); each has a
    ``close_popup()``. ``any_key`` is called for a key while ``wants_any_key()`` is true.
    """

    def __init__(self, popups: list[QWidget], wants_any_key, any_key,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._popups = popups
        self._wants_any_key = wants_any_key
        self._any_key = any_key

    def on_key(self, event: QKeyEvent) -> bool:
        """Act on a key press; True when it was this key's job (the router then eats it)."""
        if self._wants_any_key():
            self._any_key()
            return True
        if event.key() == Qt.Key.Key_Escape:
            open_ = [p for p in self._popups if p.isVisible()]
            if open_:
                open_[-1].close_popup()
                return True
        return False

