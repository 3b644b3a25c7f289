"""The window's accessibility parts, wired in one place: keys that close popups, more time
while a screen reader runs, the kiosk's own voice, each new page announced, and accessibility
actions counted as the patient's activity, as taps are.

Called once by MainWindow after its own wiring (issue 13). Their keys are the input router's
first stage (no filter of their own): the guide's reading keys, then Escape closing the popup
on top before the router's lockdown would swallow it, and any key answering "Are you still
reading?" while a screen reader runs.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from kiosk.config import Settings
from kiosk.gui import access
from kiosk.gui.audioguide import AudioGuide
from kiosk.gui.i18n import tr
from kiosk.gui.speech import Speaker


def attach(window, settings: Settings) -> None:
    """Give ``window`` (a MainWindow) its keyboard, screen-reader and audio-guide parts."""
    popups = [window.countdown, window.take_home, window.glossary_popup, window.quiz]
    window.key_access = access.KeyAccess(popups, window.countdown.isVisible,
                                         window.countdown.close_popup, window)
    # WCAG 2.2.1 (adjust): a screen reader's user gets screen_reader_time times longer.
    window.idle.time_factor = lambda: (settings.screen_reader_time
                                       if access.screen_reader_running() else 1.0)
    window.guide = AudioGuide(Speaker(settings.speech_command, window), lambda: window.lang,
                              lambda: window.showing_attract, settings.audio_guide, window)
    window.router.key_handlers += [window.guide.on_key, window.key_access.on_key]
    window.state.sessionEnded.connect(lambda _reason: window.guide.reset())
    window.attract.started.connect(lambda: _page_shown(window, window.state.current))
    window.state.currentChanged.connect(lambda index: _page_shown(window, index))
    # A switch or voice control presses through accessibility actions, which send no input
    # event for the router to see: each one is activity, as a tap is (the idle timer, and a
    # session begins), or a switch user pressing away would be asked "Are you still reading?".
    window.deck.tabChosen.connect(window.visit.activity)
    access.acted.append(partial(_acted, window))
    window.destroyed.connect(lambda: _forget(window))


def _acted(window, widget) -> None:
    if isValid(widget) and widget.window() is window:
        window.visit.activity()


def _forget(window) -> None:
    access.acted[:] = [f for f in access.acted
                       if not (isinstance(f, partial) and f.args[:1] == (window,))]


def _page_shown(window, index: int) -> None:
    # A keyboard user who pressed Next lands at the new page's text, which is announced.
    views, pages = window.deck.views, window.deck.pages
    if window.showing_attract or not window.isVisible() or not 0 <= index < len(views):
        return
    if QApplication.focusWidget() is not window.tabs.tabBar():
        views[index].setFocus(Qt.FocusReason.OtherFocusReason)
    access.announce(window, tr("{page}, page {n} of {count}").format(
        page=pages[index].title, n=index + 1, count=len(pages)))
