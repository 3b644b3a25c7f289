"""The window's accessibility parts, wired in one place: keys that close popups, more time
while a screen reader runs, the kiosk's own voice, and each new page announced.

Called once by MainWindow after its own wiring (issue 13). The key filter is installed
after the input router, so it sees a key first: Escape closes the popup on top before the
router's lockdown would swallow it, and any key answers "Are you still reading?".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.gui import access
from kiosk.gui.audioguide import AudioGuide
from kiosk.gui.i18n import tr
from kiosk.gui.speech import Speaker


def attach(window, settings: Settings) -> None:
    """Give ``window`` (a MainWindow) its keyboard, screen-reader and audio-guide parts."""
    app = QApplication.instance()
    popups = [window.countdown, window.take_home, window.glossary_popup, window.quiz]
    window.key_access = access.KeyAccess(popups, window.countdown.isVisible,
                                         window.countdown.close_popup, window)
    app.installEventFilter(window.key_access)
    # WCAG 2.2.1 (adjust): a screen reader's user gets screen_reader_time times longer.
    window.idle.time_factor = lambda: (settings.screen_reader_time
                                       if access.screen_reader_running() else 1.0)
    window.guide = AudioGuide(Speaker(settings.speech_command, window), lambda: window.lang,
                              lambda: window.showing_attract, settings.audio_guide, window)
    app.installEventFilter(window.guide)
    window.state.sessionEnded.connect(lambda _reason: window.guide.reset())
    window.attract.started.connect(lambda: _page_shown(window, window.state.current))
    window.state.currentChanged.connect(lambda index: _page_shown(window, index))


def _page_shown(window, index: int) -> None:
    # A keyboard user who pressed Next lands at the new page's text, which is announced.
    views, pages = window.deck.views, window.deck.pages
    if window.showing_attract or not window.isVisible() or not 0 <= index < len(views):
        return
    if QApplication.focusWidget() is not window.tabs.tabBar():
        views[index].setFocus(Qt.FocusReason.OtherFocusReason)
    access.announce(window, tr("{page}, page {n} of {count}").format(
        page=pages[index].title, n=index + 1, count=len(pages)))
