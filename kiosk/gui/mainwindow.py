"""The kiosk's window: it makes the parts, puts them on screen and wires them, here and only here.

Who owns what: :class:`~kiosk.gui.statemodel.StateModel` holds the state (language, text
size, contrast, page, screen, session, overlay); :class:`~kiosk.gui.inputrouter.InputRouter`
turns every key, tap and swipe into typed signals; :class:`~kiosk.gui.deck.PageDeck` holds
the pages and their tabs; :class:`~kiosk.gui.visit.Visit` moves a visit along (welcome,
session, idle question, reset, staff); :class:`~kiosk.gui.styler.Styler` fills the styles;
:class:`~kiosk.gui.listen.Listen` reads aloud. Widgets show the state and forward what the
patient does to it. Presentation mode (``kiosk.gui.presentmode``) is hosted through
:meth:`MainWindow.host_presentation`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.content import Page, languages
from kiosk.gui import windowparts
from kiosk.gui.i18n import tr, use_language
from kiosk.gui.slices import Slices
from kiosk.gui.statemodel import StateModel
from kiosk.gui.styler import Styler
from kiosk.state import PAGES, WELCOME, KioskState

# The parts' modules are imported where each part is made: a staged window imports only
# what its first frame shows before that frame (see MainWindow).

APP_TITLE = "Stem cell therapy for hair loss"
log = logging.getLogger("kiosk")
#: A staged window that was never painted (hidden, or no display) builds its parts anyway.
UNPAINTED_MS = 2000


class MainWindow(QWidget):
    """The whole kiosk on one screen.

    ``staged=True`` (how the kiosk runs) makes only the welcome screen and the reader (the
    header, the tabs and the first page, rendered when shown) before the first frame; the
    overlays, the staff parts, speech and the input router come after it, one per event-loop
    turn (:class:`~kiosk.gui.slices.Slices`). A tap or key before then is kept and acted on
    once every part is there (``ready``). ``pages`` may be None: they are read then.

    Signals:
        exitRequested(): staff chose Exit in the staff menu.
        ready(): every part is built and wired.
    """

    exitRequested = Signal()
    ready = Signal()

    def __init__(self, pages: list[Page] | None, settings: Settings,
                 parent: QWidget | None = None, *, staged: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        if settings.watch:
            # An editor previewing pages wants no welcome screen and no reset under them.
            settings = dataclasses.replace(settings, attract=False, idle_timeout=0)
        self.settings = settings
        self._pages = pages
        self._allow_close = False
        self.is_ready = False
        self._when_ready: list[Callable[[], None]] = []
        self._early = None
        self._langs: tuple[str, ...] | None = None
        use_language(settings.lang)
        self.state = StateModel(KioskState(settings.lang, WELCOME if settings.attract
                                           else PAGES), self)
        self.presentation = None
        from kiosk.gui.access import set_role

        # Before the first frame: the role is there when a screen reader first sees the
        # window (the parts made after that frame are new objects and carry their own).
        set_role(self, "window")
        self.stack = QStackedWidget()
        QVBoxLayout(self).addWidget(self.stack)
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.styler = Styler(self, None, self.state)
        steps = [partial(part, self) for part in (
            windowparts.take_home, windowparts.quiz, windowparts.countdown,
            windowparts.glossary, windowparts.staff, windowparts.voice, windowparts.router)]
        steps.append(self._make_rest)
        self.slices = Slices([], self)
        if settings.attract:
            windowparts.welcome(self)
            # The reader too, less its first page's view: made after the window showed, the
            # tabs' first selection reached Orca, which then kept its focus on the tab and
            # read nothing of the page (tests/test_orca.py).
            self._make_reader(first_view=False)
            steps.insert(0, partial(windowparts.first_view, self))
        else:
            self._make_reader()
            steps.insert(0, partial(windowparts.welcome, self))
        self.stack.setCurrentIndex(0)
        self.show_title()
        self.slices.add(steps)
        self.slices.done.connect(self._finish)
        if staged:
            from kiosk.gui.earlyinput import EarlyInput

            # A tap or key before the parts are there is kept and acted on once they are.
            self._early = EarlyInput(self)
            # The parts come after the first frame: the first paint starts them.
            self._unpainted = QTimer(self, singleShot=True, interval=UNPAINTED_MS)
            self._unpainted.timeout.connect(self.slices.start)
            self._unpainted.start()
        else:
            self.slices.run_all()

    def when_ready(self, call: Callable[[], None]) -> None:
        """Call ``call`` once every part is built (now, if they are)."""
        if self.is_ready:
            call()
        else:
            self._when_ready.append(call)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self.slices.finished:
            # Qt flushes the frame when painting ends: the next loop turn comes after it.
            self.slices.start()
        return handled

    # ---- the parts, in the order they are made ----------------------------------------------

    def languages(self) -> tuple[str, ...]:
        """The content's languages (read once)."""
        if self._langs is None:
            self._langs = tuple(languages(self.settings.content))
        return self._langs

    def _make_reader(self, first_view: bool = True) -> None:
        pages, self._pages = self._pages, None
        windowparts.deck(self, pages, first_view)
        windowparts.header(self)

    def _make_rest(self) -> None:
        from kiosk.gui import accesswiring, wiring

        wiring.wire(self)
        QApplication.instance().installEventFilter(self.router)
        accesswiring.attach(self, self.settings)  # after the router: its key filter comes first
        if self.lockdown is not None:
            self.lockdown.start()
        if self.settings.presenting:
            from kiosk.gui.presentmode import Presentation

            self.presentation = Presentation(self)

    def _finish(self) -> None:
        self.is_ready = True
        self.visit.show_screen()
        self.show_title()
        calls, self._when_ready = self._when_ready, []
        for call in calls:
            call()
        self.ready.emit()
        if self._early is not None:  # what the patient did meanwhile, to every part now
            self._early.release()

    def pages_reloaded(self) -> None:
        self.show_title()
        if not self.showing_attract and self.isVisible():
            self.current_view.setFocus()

    def show_title(self) -> None:
        # The page in the title: window managers, screen readers and the tests see it.
        page = None if self.state.showing_welcome else self.deck.current_page
        self.setWindowTitle(f"{page.title} - {tr(APP_TITLE)}" if page else tr(APP_TITLE))

    def retranslate(self) -> None:
        """Set every interface text in the current language."""
        for part in (self.header, self.attract, self.countdown, self.pin_pad, self.staff_menu,
                     self.glossary_popup, self.bundle_picker, self.deck):
            part.retranslate()
        self.show_title()

    # ---- presentation mode's interface ------------------------------------------------------

    def host_presentation(self, bar: QWidget, type_scale: float) -> None:
        """Show a talk: ``bar`` under the page, no tabs, no patient controls, larger type."""
        self.reader_layout.addWidget(bar)
        self.tabs.tabBar().hide()
        # A room watches, nobody reads at arm's length: the patient's controls would be clutter.
        self.header.show_controls(False)
        self.styler.type_scale = type_scale
        self.restyle()

    # ---- the window -------------------------------------------------------------------------

    def allow_close(self) -> None:
        """Let the next close request through (staff exit, or the system stopping us)."""
        self._allow_close = True

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.settings.locked and not self._allow_close:
            # A window manager's close button or WM_DELETE_WINDOW: not in kiosk mode.
            log.info("close request ignored in kiosk mode")
            event.ignore()
            return
        super().closeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.styler.soon.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._early is not None:  # the QWindow, where input arrives, exists from now on
            self._early.watch(self.windowHandle())
        self.restyle()
        super().showEvent(event)
        # The page takes the keys (arrows and Page Up/Down scroll it); no tab shows a ring.
        if not self.showing_attract:
            self.current_view.setFocus()

    # ---- short names for callers and tests (each one line, no logic of its own) -------------

    navigator = property(lambda self: self.state, doc="The state model (moves the pages).")
    pages = property(lambda self: self.deck.pages, doc="The pages, in reading order.")
    views = property(lambda self: self.deck.views, doc="One view per page.")
    current_view = property(lambda self: self.deck.current_view, doc="The page showing.")
    lang = property(lambda self: self.state.lang, doc="The language in use.")
    contrast = property(lambda self: self.state.contrast, doc="True in high contrast.")
    text_scale = property(lambda self: self.state.text_scale, doc="The text size, 1 to 2.")
    showing_attract = property(lambda self: self.state.showing_welcome,
                               doc="True while the welcome screen is up.")
    sessionStarted = property(lambda self: self.state.sessionStarted)  # noqa: N815
    sessionEnded = property(lambda self: self.state.sessionEnded)  # noqa: N815

    def restyle(self) -> None:
        """Fill the styles for the size, text size and theme now (not after the resize)."""
        self.styler.restyle()

    def reset(self, reason: str = "idle") -> None:
        """Forget the last patient (see :meth:`Visit.reset`); before the parts are all there
        no patient has been."""
        if not self.is_ready:
            return
        self.visit.reset(reason)
