"""The kiosk's one state model: a QObject around :class:`kiosk.state.KioskState` that tells the
widgets what changed.

Widgets get the model, show what it says and forward what the patient does to it; nothing
else keeps a copy of the language, text size, contrast, page, screen, session or overlay.
A toggle's checked state is always read back from here, so a control can never show a state
the kiosk is not in (an accessibility "Toggle" action included).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.state import PAGES, TEXT_SCALES, WELCOME, KioskState


class StateModel(QObject):
    """The kiosk's state, with a signal for every change.

    ``load_language`` is asked before the language changes (the pages must load in it);
    until something sets it every language is accepted.

    Signals:
        languageChanged(str), textSizeChanged(int), contrastChanged(bool): a setting changed
            (by the patient or by a reset).
        languageChosen(str), textScaleChosen(float), contrastChosen(bool): the patient changed
            a setting (a reset does not emit these).
        currentChanged(int): the page at this index is on screen now.
        screenChanged(str): "welcome" or "pages".
        sessionStarted(), sessionEnded(str): a patient's visit began or ended (with why).
        overlayChanged(str): the overlay open now ("" for none).
        resetting(): everything is going back for the next patient (close popups now).
    """

    languageChanged = Signal(str)
    textSizeChanged = Signal(int)
    contrastChanged = Signal(bool)
    languageChosen = Signal(str)
    textScaleChosen = Signal(float)
    contrastChosen = Signal(bool)
    currentChanged = Signal(int)
    screenChanged = Signal(str)
    sessionStarted = Signal()
    sessionEnded = Signal(str)
    overlayChanged = Signal(str)
    resetting = Signal()

    def __init__(self, state: KioskState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.load_language: Callable[[str], bool] = lambda _lang: True

    # ---- reading ----------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        """The language in use."""
        return self.state.lang

    @property
    def text_size(self) -> int:
        """Index of the text size in :data:`TEXT_SCALES`."""
        return self.state.text_size

    @property
    def text_scale(self) -> float:
        """The text size as a factor, 1.0 to 2.0."""
        return self.state.text_scale

    @property
    def size_count(self) -> int:
        """How many text sizes there are."""
        return len(TEXT_SCALES)

    @property
    def contrast(self) -> bool:
        """True while high contrast is on."""
        return self.state.contrast

    @property
    def current(self) -> int:
        """Index of the page on screen."""
        return self.state.page

    @property
    def count(self) -> int:
        """How many pages there are."""
        return self.state.page_count

    @property
    def showing_welcome(self) -> bool:
        """True while the welcome ("Touch to start") screen is up."""
        return self.state.screen == WELCOME

    @property
    def in_session(self) -> bool:
        """True while a patient's session runs."""
        return self.state.session

    @property
    def overlay(self) -> str:
        """The overlay open now, "" for none."""
        return self.state.overlay

    # ---- settings ---------------------------------------------------------------------------

    def set_language(self, lang: str) -> bool:
        """Show everything in ``lang`` if its pages load; True if the language changed."""
        if lang == self.state.lang or not self.load_language(lang):
            return False
        self.state.set_language(lang)
        self.languageChanged.emit(lang)
        return True

    def set_text_size(self, index: int) -> bool:
        """Use the text size at ``index`` (clamped); True if it changed."""
        if self.state.set_text_size(index):
            self.textSizeChanged.emit(self.state.text_size)
            return True
        return False

    def set_contrast(self, on: bool) -> bool:
        """High contrast on or off; True if it changed."""
        if self.state.set_contrast(on):
            self.contrastChanged.emit(on)
            return True
        return False

    # What the patient does: the same changes, and word of them for the statistics.

    def choose_language(self, lang: str) -> None:
        """The patient chose ``lang``."""
        if self.set_language(lang):
            self.languageChosen.emit(lang)

    def larger(self) -> None:
        """The patient asked for larger text."""
        if self.set_text_size(self.state.text_size + 1):
            self.textScaleChosen.emit(self.state.text_scale)

    def smaller(self) -> None:
        """The patient asked for smaller text."""
        if self.set_text_size(self.state.text_size - 1):
            self.textScaleChosen.emit(self.state.text_scale)

    def choose_contrast(self, on: bool) -> None:
        """The patient turned high contrast on or off."""
        if self.set_contrast(on):
            self.contrastChosen.emit(on)

    # ---- pages ------------------------------------------------------------------------------

    def set_page_count(self, count: int) -> None:
        """The pages were loaded again: ``count`` of them, the first one showing."""
        self.state.set_page_count(count)
        self.currentChanged.emit(0)

    def go(self, index: int) -> None:
        """Show page ``index`` (ignored when out of range)."""
        if self.state.go(index):
            self.currentChanged.emit(index)

    def step(self, delta: int) -> None:
        """Move ``delta`` pages forward (negative: back), stopping at either end."""
        self.go(self.state.step_target(delta))

    def next(self) -> None:
        """Show the next page; after the last page, the first."""
        self.go(self.state.next_target())

    # ---- screens, sessions, overlays --------------------------------------------------------

    def show_pages(self) -> None:
        """Leave the welcome screen for the pages."""
        if self.state.set_screen(PAGES):
            self.screenChanged.emit(PAGES)

    def begin_session(self) -> None:
        """A patient began (the tap on the welcome screen, or a first touch on the pages)."""
        if self.state.begin_session():
            self.sessionStarted.emit()

    def end_session(self, reason: str) -> None:
        """The patient's session ended: "idle", "staff", "exit" or "tap"."""
        if self.state.end_session():
            self.sessionEnded.emit(reason)

    def set_overlay(self, name: str) -> None:
        """``name`` is the overlay open now ("" for none)."""
        if self.state.set_overlay(name):
            self.overlayChanged.emit(name)

    def overlay_visible(self, name: str, shown: bool) -> None:
        """The overlay ``name`` opened or closed (on closing, another may be open already)."""
        if shown:
            self.set_overlay(name)
        elif self.state.overlay == name:
            self.set_overlay("")

    def reset(self, reason: str) -> None:
        """Put everything back for the next patient and end the session with ``reason``."""
        self.resetting.emit()
        lang = self.state.lang
        changed = self.state.reset()
        if "lang" in changed:
            self.state.lang = lang  # the pages must load first, as for the patient
            if not self.set_language(self.state.start_lang):
                changed.remove("lang")
        signals = {"text_size": lambda: self.textSizeChanged.emit(0),
                   "contrast": lambda: self.contrastChanged.emit(False),
                   "page": lambda: self.currentChanged.emit(0),
                   "overlay": lambda: self.overlayChanged.emit("")}
        for name in changed:
            if name in signals:
                signals[name]()
        self.end_session(reason)
        if "screen" in changed:
            self.screenChanged.emit(self.state.screen)
