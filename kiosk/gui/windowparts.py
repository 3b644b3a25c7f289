"""The kiosk window's parts, each made by one function, in the order the window makes them.

:class:`~kiosk.gui.mainwindow.MainWindow` calls these (the welcome screen and the reader before
the first frame; the rest after it, one per event-loop turn); each imports its part's module
itself, so a staged window imports only what its first frame shows before that frame. Each
part is kept on the window under the name the wiring (:mod:`kiosk.gui.wiring`) uses.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.config import Exit

log = logging.getLogger("kiosk")


def welcome(window) -> None:
    from kiosk.gui.attract import AttractScreen

    settings = window.settings
    window.attract = AttractScreen(settings.motion, settings.attract_dim_after,
                                 window.languages())
    window.stack.insertWidget(0, window.attract)
    window.attract.set_language(window.state.lang)


def deck(window, pages: list | None, first_view: bool = True) -> None:
    """The pages and their tabs; ``pages`` None: read now (staged, after the first frame).

    ``first_view`` False: the first page's view is not made yet (behind the welcome screen
    it is made after the first frame, see :func:`first_view`)."""
    from kiosk.content import ContentError, load_pages
    from kiosk.gui.deck import PageDeck

    if pages is None:
        try:
            pages = load_pages(window.settings.content, window.settings.lang)
        except ContentError as exc:  # gone since the settings were checked
            # A kiosk with no pages cannot do its job: say why and stop (non-zero). The
            # reader is made before the event loop runs, where exit() would do nothing.
            log.error("the pages cannot be read: %s", exc)
            raise SystemExit(Exit.PROBLEMS) from exc
    window.deck = PageDeck(pages, window.settings.content, window.state, window,
                           first_view=first_view)
    window.tabs = window.deck.tabs


def first_view(window) -> None:
    """The view of the page the reader opens on (its text is rendered when it shows)."""
    window.deck.current_view  # noqa: B018 - made on first access


def header(window) -> None:
    from kiosk.gui.header import Header

    settings = window.settings
    window.header = Header(list(window.languages()), window.state)
    window.reader = QWidget(objectName="reader")
    window.reader_layout = QVBoxLayout(window.reader)
    window.reader_layout.setContentsMargins(0, 0, 0, 0)
    window.reader_layout.setSpacing(0)
    window.reader_layout.addWidget(window.header)
    window.preview, window.banner = None, None
    if settings.watch:
        from kiosk.gui.banner import CheckBanner
        from kiosk.gui.watch import LivePreview

        window.preview = LivePreview(settings.content, settings.lang, window)
        window.banner = CheckBanner(window.deck)
        window.reader_layout.addWidget(window.banner)
    window.reader_layout.addWidget(window.tabs, 1)
    window.stack.addWidget(window.reader)
    window.styler.set_deck(window.deck)


def take_home(window) -> None:
    from kiosk.gui.takehome import TakeHomePopup

    window.take_home = TakeHomePopup(window, window.settings.qr_url)


def quiz(window) -> None:
    from kiosk.gui.quiz import QuizOverlay

    window.quiz = QuizOverlay(window)  # "Check what you learned" (issue 15)


def countdown(window) -> None:
    from kiosk.gui.countdown import CountdownOverlay

    window.countdown = CountdownOverlay(window, window.settings.countdown)


def glossary(window) -> None:
    from kiosk.gui.glossarypopup import GlossaryPopup

    window.glossary_popup = GlossaryPopup(window)


def staff(window) -> None:
    from kiosk.gui.idle import IdleWatcher
    from kiosk.gui.staff import PinPad, StaffMenu
    from kiosk.gui.staffstatus import StaffStatus
    from kiosk.gui.usbinstall import BundlePicker

    settings = window.settings
    window.pin_pad = PinPad(window, settings.pin_hash)
    window.staff_menu = StaffMenu(window)
    window.bundle_picker = BundlePicker(window, settings.content)
    window.idle = IdleWatcher(settings.idle_timeout, window)
    window.status = StaffStatus(settings, window.state, window.deck)


def voice(window) -> None:
    from kiosk.gui.listen import Listen
    from kiosk.gui.speech import Speaker

    window.speaker = Speaker(window.settings.speech_command, window)
    window.listen = Listen(window.speaker, window.header, window.deck, window.state)


def router(window) -> None:
    from kiosk.gui.inputrouter import InputRouter
    from kiosk.gui.visit import Visit

    settings = window.settings
    window.visit = Visit(settings, window.state, window.deck, window.stack, window.attract,
                       window.reader, window.idle, window.countdown, window.pin_pad,
                       window.staff_menu, window.status, lambda: window.presentation is not None)
    window.router = InputRouter(window, window.tabs, settings.locked)
    window.lockdown = None
    if settings.locked:
        from kiosk.gui.lockdown import Lockdown

        window.lockdown = Lockdown(window)
