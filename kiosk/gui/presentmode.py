"""Presentation mode on the kiosk's window: one place that wires the presenter to the screens.

The main window makes one :class:`Presentation` when ``settings.presenting``. The mode uses
only the window's public parts: its state model (pages move through it), its input router
(presenter keys and touches come from it), its page deck, and ``host_presentation`` (which
puts the bar under the page, hides the tabs and the patient's controls, and enlarges type).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.gui.presenter import PageScroller, Presenter
from kiosk.gui.presenterview import BlankScreen, PresentBar, PresenterView
from kiosk.presentation import Timing, count_words

#: Overlays (object names) that belong to staff.
STAFF_OVERLAYS = ("pinPad", "staffMenu", "bundlePicker")
#: Type is this much larger in presentation mode (people read it from across a room).
TEXT_SCALE = 1.25


class Presentation(QObject):
    """Presentation mode for ``window`` (a ``MainWindow``): clock, keys, bar, blank, views."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        settings = window.settings
        self.timing = Timing(settings.present_seconds, settings.present_min,
                             settings.present_max)
        self.state, self.deck = window.state, window.deck
        from kiosk.gui.quizslides import QuizSlides

        #: The teach-back questions, as slides after the last page (issue 15).
        self.slides = QuizSlides(window)
        self._to_slide = False
        self.presenter = Presenter(len(self.deck.pages) + len(self.slides), self._seconds_for,
                                   settings.idle_timeout, self)
        self.bar = PresentBar()
        window.host_presentation(self.bar, TEXT_SCALE)
        self.blank = BlankScreen(window)
        self.scroller = PageScroller(self)
        self.view: PresenterView | None = None
        self._connect_signals()
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)
        self._screens_changed()
        self.presenter.page_shown(self.state.current)

    def _connect_signals(self) -> None:
        presenter = self.presenter
        presenter.goTo.connect(self._go)
        router = self.window.router
        router.presenter_windows = self._windows
        router.presenter_listens = lambda: not self._blocked()
        router.presenterAction.connect(lambda action: getattr(presenter, action)())
        router.presenterTouched.connect(presenter.touched)
        self.state.currentChanged.connect(self._page_changed)
        presenter.pageTimed.connect(self._page_timed)
        presenter.runningChanged.connect(self.scroller.set_running)
        presenter.runningChanged.connect(lambda _running: self._show_state())
        presenter.blankChanged.connect(self.blank.set_blank)
        presenter.blankChanged.connect(lambda _blank: self._show_state())

    # ---- pages ----------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        """Show the talk's slide ``index``: a page, or after the pages a question."""
        pages = len(self.deck.pages)
        if index >= pages:
            if self.state.current != pages - 1:  # a jump (End): the last page under
                self._to_slide = True
                self.state.go(pages - 1)
                self._to_slide = False
            self.slides.show(index - pages)
            self.presenter.page_shown(index)
            return
        self.slides.hide()
        if self.state.current == index:  # back from a question to the last page
            self.presenter.page_shown(index)
        else:
            self.state.go(index)

    def _titles(self) -> list[str]:
        return [p.title for p in self.deck.pages] + self.slides.titles()

    def _seconds_for(self, index: int) -> float:
        if index >= len(self.deck.pages):
            return self.timing.seconds(len(self.slides.words(index - len(self.deck.pages))
                                           .split()))
        view = self.deck.views[index]
        view.ensure_rendered()
        return self.timing.seconds(count_words(view.rendered.html if view.rendered else ""))

    def _page_changed(self, index: int) -> None:
        if self._to_slide:
            return
        self.slides.hide()
        self.presenter.count = len(self.deck.pages) + len(self.slides)
        if 0 <= index < self.presenter.count:
            self.presenter.page_shown(index)

    def _page_timed(self, index: int, seconds: float) -> None:
        self.bar.show_position(index, self.presenter.count)
        self._show_state()
        if index >= len(self.deck.pages):
            if self.view is not None:
                self.view.show_page(index, self._titles(), "")
            return
        view = self.deck.views[index]
        self.scroller.scroll(view.verticalScrollBar(), seconds, self.presenter.running)
        if self.view is not None:
            self.view.show_page(index, self._titles(),
                                view.rendered.notes if view.rendered else "")

    def _show_state(self) -> None:
        self.bar.show_state(self.presenter)
        if self.view is not None:
            self.view.refresh_clock()

    # ---- screens --------------------------------------------------------------------------

    def _windows(self) -> list[QWidget]:
        return [self.window] + ([self.view] if self.view is not None else [])

    def _blocked(self) -> bool:
        # Staff at work: their keys are for the PIN pad or the menu, not for the talk.
        return self.state.overlay in STAFF_OVERLAYS

    def _screens_changed(self, _screen: QScreen | None = None) -> None:
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            audience = self.window.screen() or QGuiApplication.primaryScreen()
            other = next((s for s in screens if s is not audience), None)
            self.open_presenter_view(other)
        elif self.view is not None:
            self.view.close()
            self.view.deleteLater()
            self.view = None

    def open_presenter_view(self, screen: QScreen | None) -> PresenterView:
        """Show the presenter view (on ``screen``; a second screen when there is one)."""
        if self.view is None:
            from kiosk.gui.slidepictures import page_picture

            self.view = PresenterView(self.presenter, self.window,
                                      lambda index: page_picture(self.window, index))
        if screen is not None:
            self.view.setScreen(screen)
            self.view.setGeometry(screen.availableGeometry())
        index = self.presenter.current
        notes = ""
        if index < len(self.deck.views):
            rendered = self.deck.views[index].rendered
            notes = rendered.notes if rendered else ""
        self.view.show_page(index, self._titles(), notes)
        self.view.show()
        return self.view
