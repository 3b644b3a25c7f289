"""Record what patients do on the kiosk window: sessions and the time each page is shown.

The window knows nothing of statistics: this object listens to its signals and hands events
to a :class:`~kiosk.stats.Recorder`, which writes them off the GUI thread. Times on pages are
measured with ``time.monotonic`` (a clock change never makes a negative or a day-long view).
An idle reset ends the session at the patient's last touch: the idle wait and the
"Are you still reading?" countdown are not counted as reading.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.config import Settings

if TYPE_CHECKING:
    from kiosk.stats.recorder import Recorder

# The statistics package (sqlite3) loads only when recording is on, and its report tables
# (statistics, fractions) only when staff open the status panel: not before the first frame.

log = logging.getLogger("kiosk")


class SessionRecording(QObject):
    """Turns the state model's sessions and page changes, the patient's choices, QR codes and
    the loops of a talk into events."""

    def __init__(self, window, recorder: Recorder,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.recorder = recorder
        self._clock = clock
        self._session_start: float | None = None
        self._last_touch = 0.0
        self._page: tuple[int, float] | None = None     # (index, shown since)
        self._moved: tuple[int, float] | None = None    # a page change not yet settled
        state, deck = window.state, window.deck
        self.state, self.deck = state, deck
        state.sessionStarted.connect(self._started)
        state.sessionEnded.connect(self._ended)
        state.currentChanged.connect(self._page_changed)
        window.router.activity.connect(self._touched)
        window.status.hooks.append(self.status_lines)
        state.languageChosen.connect(lambda lang: self._feature("language", lang=lang))
        state.textScaleChosen.connect(
            lambda scale: self._feature("text_size", size=str(round(scale * 100))))
        state.contrastChosen.connect(
            lambda on: self._feature("contrast", contrast="high" if on else "normal"))
        window.listen.started.connect(lambda: self._feature("listen", page=self._slug()))
        deck.termOpened.connect(lambda entry: self._feature(
            "glossary_open", page=self._slug(), term=_term_slug(entry.term)))
        deck.qrOpened.connect(lambda slug: self._feature("qr_open", page=slug))
        if window.presentation is not None:
            # A talk has no sessions: each time it comes back to its first page is a loop.
            window.presentation.presenter.looped.connect(
                lambda seconds: self.recorder.record("presentation_loop", seconds=seconds))

    def _slug(self) -> str:
        pages = self.deck.pages
        index = self.state.current
        return pages[index].slug if 0 <= index < len(pages) else "unknown"

    def _feature(self, kind: str, **fields: str) -> None:
        if self.in_session:
            self.recorder.record(kind, **fields)

    @property
    def in_session(self) -> bool:
        """True between a session's start and its end."""
        return self._session_start is not None

    def _started(self) -> None:
        now = self._clock()
        self.recorder.record("session_start", lang=self.state.lang)
        self._session_start = self._last_touch = now
        self._page = (self.state.current, now)

    def _touched(self) -> None:
        self._last_touch = self._clock()

    def _page_changed(self, index: int) -> None:
        if not self.in_session:
            return
        self._settle()
        # A reset turns to the first page just before it ends the session, in the same
        # turn of the event loop: until the loop turns, the move may be the reset's.
        self._moved = (index, self._clock())
        QTimer.singleShot(0, self, self._settle)

    def _settle(self) -> None:
        if self._moved is None or not self.in_session:
            return
        index, when = self._moved
        self._moved = None
        self._close_page(when)
        self._page = (index, when)

    def _close_page(self, end: float) -> None:
        if self._page is None:
            return
        index, since = self._page
        self._page = None
        pages = self.deck.pages
        if 0 <= index < len(pages):
            self.recorder.record("page_view", page=pages[index].slug, position=index,
                                 seconds=max(0.0, end - since))

    def _ended(self, reason: str) -> None:
        if not self.in_session:
            return
        if reason == "staff":  # staff open the menu over the page the patient moved to
            self._settle()
        self._moved = None  # the reset's own move to the first page is not a page view
        now = self._clock()
        end = min(now, self._last_touch) if reason == "idle" else now
        self._close_page(end)
        self.recorder.record("session_end", reason=reason,
                             seconds=max(0.0, end - self._session_start))
        self._session_start = None

    def stop(self) -> None:
        """End an open session (the kiosk is stopping), then write everything and stop."""
        if self.in_session:
            self._settle()
            self._ended("exit")
        from kiosk import stats

        self.recorder.close()
        if stats.recorder() is self.recorder:
            stats.install(None)

    def status_lines(self) -> list[str]:
        """Today's sessions and page funnel for the staff menu, the page on screen included."""
        from kiosk.stats.report import build, local_day
        from kiosk.stats.tables import staff_lines

        if not self.recorder.enabled:
            return [f"Statistics: off ({self.recorder.problem})"]
        today = local_day(self.recorder.clock())
        self._settle()  # a page change not yet settled is recorded before reading back
        events = self.recorder.today() + self._page_on_screen()
        return staff_lines(build(events, since=today, until=today))

    def _page_on_screen(self) -> list:
        """The page shown now, as the view it will be recorded as when it is left (staff
        open the menu over it, so it is not recorded yet, but it was read)."""
        from kiosk.stats.events import make_event

        pages = self.window.pages
        if not self.in_session or self._page is None or self.recorder.session is None:
            return []
        index, since = self._page
        if not 0 <= index < len(pages):
            return []
        return [make_event("page_view", {"page": pages[index].slug, "position": index,
                                         "seconds": max(0.0, self._clock() - since)},
                           ts=self.recorder.clock(), kiosk=self.recorder.kiosk,
                           session=self.recorder.session)]


def attach(window, settings: Settings) -> SessionRecording | None:
    """Start recording ``window``'s sessions as ``settings`` say; None when ``stats = false``."""
    if not settings.stats:
        window.status.hooks.append(lambda: ["Statistics: off (stats = false in the config)"])
        return None
    from kiosk import stats
    from kiosk.stats.recorder import Recorder
    from kiosk.stats.store import default_path

    path = settings.stats_db or default_path()
    recorder = Recorder(path, settings.kiosk_name, settings.stats_retention_days).start()
    stats.install(recorder)
    log.info("statistics: recording to %s", path)
    return SessionRecording(window, recorder)


def _term_slug(term: str) -> str:
    """A glossary term as a short token (``Stem cell`` -> ``stem-cell``): never free text."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:64] or "term"
