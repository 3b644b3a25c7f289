"""A patient's visit: the welcome screen, the session, the idle question and the reset, and the
staff's way in (corner taps, PIN pad, staff menu)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from kiosk.config import Settings
from kiosk.content import ContentError
from kiosk.gui.countdown import CountdownOverlay
from kiosk.gui.deck import PageDeck
from kiosk.gui.idle import IdleWatcher
from kiosk.gui.staff import PinPad, StaffMenu
from kiosk.gui.staffstatus import StaffStatus
from kiosk.gui.statemodel import StateModel

log = logging.getLogger("kiosk")


class Visit(QObject):
    """Moves ``state`` through a visit and shows its screen in ``stack`` (``welcome`` or
    ``reader``). ``talk_running()`` is True in presentation mode (no idle question then)."""

    def __init__(self, settings: Settings, state: StateModel, deck: PageDeck,
                 stack: QStackedWidget, welcome: QWidget, reader: QWidget,
                 idle: IdleWatcher, countdown: CountdownOverlay, pin_pad: PinPad,
                 staff_menu: StaffMenu, status: StaffStatus,
                 talk_running: Callable[[], bool]) -> None:
        super().__init__(state)
        self._settings, self._state, self._deck = settings, state, deck
        self._stack, self._welcome, self._reader = stack, welcome, reader
        self._idle, self._countdown, self._pin, self._menu = idle, countdown, pin_pad, staff_menu
        self._status, self._talk_running = status, talk_running

    # ---- the patient ------------------------------------------------------------------------

    def show_screen(self) -> None:
        """Show the state's screen; the idle clock runs only on the pages."""
        if self._state.showing_welcome:
            self._stack.setCurrentWidget(self._welcome)
            self._idle.stop()
        else:
            self._stack.setCurrentWidget(self._reader)
            self._idle.start()

    def start_reading(self) -> None:
        """Leave the welcome screen for the first page; a new patient's session begins."""
        self._state.show_pages()
        self._deck.current_view.setFocus()
        self._state.begin_session()

    def activity(self) -> None:
        """Somebody touched the pages: a session begins if none runs (no welcome screen)."""
        self._idle.note_activity()
        if not self._state.showing_welcome and not self._state.in_session:
            self._state.begin_session()

    def ask_if_still_there(self) -> None:
        """Nobody touched for a while: ask, with a countdown (not during a talk)."""
        if self._talk_running() or self._state.showing_welcome or self._countdown.isVisible():
            return
        self._idle.stop()
        self._countdown.start()

    def reset(self, reason: str = "idle") -> None:
        """Forget the last patient: close everything, first page, top of every page."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self._countdown.cancel()
        self._state.reset(reason)
        for view in self._deck.views.built():  # pages never shown are at their top
            view.scroll_to_top()
        self._deck.follow_content_link(self._settings.lang)
        self.show_screen()

    # ---- staff ------------------------------------------------------------------------------

    def staff_gesture(self) -> None:
        """The corner taps: the PIN pad (with no PIN configured nothing: no way in by guessing)."""
        if self._settings.pin_hash and not self._pin.isVisible():
            self._idle.stop()
            self._countdown.cancel()
            self._pin.open_pad()

    def open_staff_menu(self) -> None:
        """Staff are in: the patient's session ends, and the menu shows the status."""
        self._state.end_session("staff")
        self._menu.open_menu(self._status.text())

    def staff_reload(self) -> None:
        """Read the pages again (staff menu's Reload)."""
        try:
            self._deck.reload()
        except ContentError as exc:  # the pages on screen stay; the warning shows below
            log.warning("reload failed, the pages on screen stay: %s", exc)
        self._menu.status.setText(self._status.text())
