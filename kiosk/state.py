"""The kiosk's state as plain data and rules, with no Qt: what one patient's visit changes.

:class:`KioskState` holds the language, the text size, the contrast, the page on screen, the
screen (welcome or pages), whether a session runs, and which overlay is open. Every change
goes through a method that applies the rule (clamping, "no change, no news") and answers
whether anything changed; :meth:`KioskState.reset` puts everything back for the next patient.
``kiosk.gui.statemodel`` wraps it in a QObject that tells the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Text sizes a patient can step through with A- and A+ (WCAG 1.4.4 asks for 200 %).
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
WELCOME, PAGES = "welcome", "pages"


@dataclass
class KioskState:
    """One kiosk's state. ``start_lang`` and ``start_screen`` are what a reset goes back to."""

    start_lang: str
    start_screen: str = PAGES
    lang: str = ""
    text_size: int = 0
    contrast: bool = False
    page: int = 0
    page_count: int = 0
    screen: str = ""
    session: bool = False
    overlay: str = ""

    def __post_init__(self) -> None:
        self.lang = self.lang or self.start_lang
        self.screen = self.screen or self.start_screen

    @property
    def text_scale(self) -> float:
        """The text size as a factor, 1.0 to 2.0."""
        return TEXT_SCALES[self.text_size]

    def set_language(self, lang: str) -> bool:
        """Use ``lang``; True if it changed."""
        changed, self.lang = lang != self.lang, lang
        return changed

    def set_text_size(self, index: int) -> bool:
        """Use the text size at ``index`` in :data:`TEXT_SCALES` (clamped); True if changed."""
        index = max(0, min(len(TEXT_SCALES) - 1, index))
        changed, self.text_size = index != self.text_size, index
        return changed

    def set_contrast(self, on: bool) -> bool:
        """High contrast on or off; True if it changed."""
        changed, self.contrast = on != self.contrast, on
        return changed

    def set_page_count(self, count: int) -> None:
        """The pages were loaded again: ``count`` of them, the first one showing."""
        self.page_count, self.page = count, 0

    def go(self, index: int) -> bool:
        """Show page ``index``; out of range is ignored. True if the page changed."""
        if 0 <= index < self.page_count and index != self.page:
            self.page = index
            return True
        return False

    def step_target(self, delta: int) -> int:
        """The page ``delta`` pages on (negative: back), stopping at either end."""
        return max(0, min(self.page_count - 1, self.page + delta))

    def next_target(self) -> int:
        """The page after this one; after the last, the first."""
        return (self.page + 1) % self.page_count if self.page_count else 0

    def set_screen(self, screen: str) -> bool:
        """Show the welcome screen or the pages; True if it changed."""
        changed, self.screen = screen != self.screen, screen
        return changed

    def begin_session(self) -> bool:
        """A patient began (only while the pages show); True if a new session started."""
        if self.session or self.screen != PAGES:
            return False
        self.session = True
        return True

    def end_session(self) -> bool:
        """True if a session was running and has ended now."""
        changed, self.session = self.session, False
        return changed

    def set_overlay(self, name: str) -> bool:
        """``name`` is the overlay open now ("" for none); True if that changed."""
        changed, self.overlay = name != self.overlay, name
        return changed

    def reset(self) -> list[str]:
        """Put everything back for the next patient; the names of the fields that changed.

        The session is not ended here: the caller ends it with its reason.
        """
        before = dict(vars(self))
        self.overlay, self.lang, self.text_size, self.contrast = "", self.start_lang, 0, False
        self.page, self.screen = 0, self.start_screen
        return [name for name, value in vars(self).items() if before[name] != value]
