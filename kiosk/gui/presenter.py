"""Presentation mode's model: the page clock, pause, blank, and the keys and touches that move it.

:class:`Presenter` knows nothing of widgets: it says which page to show (``goTo``) and
whether its clock runs; the main window's wiring (``kiosk.gui.presentmode``) connects it to
the navigator and the views; the input router (:mod:`kiosk.gui.inputrouter`) turns keys and
touches into calls on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import (
    QEasingCurve,
    QObject,
    QPauseAnimation,
    QSequentialAnimationGroup,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtWidgets import QScrollBar

from kiosk.presentation import scroll_plan


class Presenter(QObject):
    """The talk's state: which page, how long it stays, and whether the clock runs.

    The clock stops while paused by a key (Esc, A), paused by a touch (it restarts by
    itself ``resume_after`` seconds after the last touch; 0 means touches do not pause),
    or while the audience screen is blank.

    Signals:
        goTo(int): show the page at this index.
        pageTimed(int, float): this page is showing now and stays this many seconds.
        runningChanged(bool): the clock started (True) or stopped (False).
        blankChanged(bool): the audience screen went black (True) or came back.
        looped(float): the talk came back to its first page after its last; the seconds the
            loop took.
    """

    goTo = Signal(int)
    pageTimed = Signal(int, float)
    runningChanged = Signal(bool)
    blankChanged = Signal(bool)
    looped = Signal(float)

    def __init__(self, count: int, seconds_for: Callable[[int], float], resume_after: float,
                 parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        #: Seconds, monotonic: the page time, the touch pause and the talk's elapsed time are
        #: measured on it; the timers only wake the presenter up to look at it.
        self.clock = clock
        self._touched_at = 0.0
        self.count = count
        self._seconds_for = seconds_for
        self._resume_after = resume_after
        self.current = 0
        self.page_seconds = 0.0
        self.started_at = self._loop_started = self.page_started = clock()
        self._manual = False
        self._touch = False
        self._blank = False
        self._running = False
        self._page_timer = QTimer(self, singleShot=True)
        self._page_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._page_timer.timeout.connect(self._page_done)
        self._remaining = 0.0      # seconds of the page's time left when the clock last stopped
        self._run_since = 0.0      # when the clock last started
        self._touch_timer = QTimer(self, singleShot=True)
        self._touch_timer.timeout.connect(self._touch_over)

    # ---- state ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while the page clock counts down."""
        return self._running

    @property
    def paused(self) -> bool:
        """True while paused by a key or a touch."""
        return self._manual or self._touch

    @property
    def touch_paused(self) -> bool:
        """True while paused by a touch (it resumes by itself)."""
        return self._touch and not self._manual

    @property
    def blanked(self) -> bool:
        """True while the audience screen is black."""
        return self._blank

    @property
    def elapsed(self) -> float:
        """Seconds since the talk began."""
        return self.clock() - self.started_at

    @property
    def seconds_left(self) -> float:
        """Seconds before the next page comes (the clock may be stopped)."""
        left = self._remaining - (self.clock() - self._run_since if self._running else 0)
        return max(0.0, left)

    # ---- pages ----------------------------------------------------------------------------

    def page_shown(self, index: int) -> None:
        """The page at ``index`` is on screen now: give it its full time."""
        self.current = index
        self.page_started = self.clock()
        self.page_seconds = self._seconds_for(index)
        self._remaining = max(0.001, self.page_seconds)
        self._run_since = self.page_started
        self._page_timer.stop()
        self.pageTimed.emit(index, self.page_seconds)
        self._update_clock()

    def next(self) -> None:
        """The next page; after the last one, the first."""
        if self.count:
            if self.current == self.count - 1 and self.count > 1:
                now = self.clock()
                self.looped.emit(max(0.0, now - self._loop_started))
                self._loop_started = now
            self._go((self.current + 1) % self.count)

    def previous(self) -> None:
        """The previous page (the first page stays)."""
        self._go(max(0, self.current - 1))

    def first(self) -> None:
        """The first page."""
        self._go(0)

    def last(self) -> None:
        """The last page."""
        self._go(self.count - 1)

    def _go(self, index: int) -> None:
        if not 0 <= index < self.count:
            return
        if index == self.current:
            self.page_shown(index)  # the same page again: its time starts over
        else:
            self.goTo.emit(index)

    def _page_done(self) -> None:
        left = self.seconds_left
        if left > 0.0005:  # woken early by the timer's clock: wait for what is left
            self._page_timer.start(max(1, round(left * 1000)))
            return
        self._remaining = 0.0
        self.next()

    # ---- pause, resume, blank -------------------------------------------------------------

    def pause(self) -> None:
        """Stop the clock until resumed (Esc, a clicker's stop button)."""
        self._manual = True
        self._update_clock()

    def resume(self) -> None:
        """Start the clock again, ending any pause and blank (F5, a clicker's start button)."""
        self._manual = False
        self._touch = False
        self._touch_timer.stop()
        if self._blank:
            self._blank = False
            self.blankChanged.emit(False)
        self._update_clock()

    def toggle_pause(self) -> None:
        """Pause, or resume when paused (A)."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def toggle_blank(self) -> None:
        """Black out the audience screen, or bring it back; the clock stops while black."""
        self._blank = not self._blank
        self.blankChanged.emit(self._blank)
        self._update_clock()

    def touched(self) -> None:
        """Somebody touched the screen: let them read; go on after ``resume_after`` quiet s."""
        if self._resume_after <= 0 or self._manual:
            return
        self._touch = True
        self._touched_at = self.clock()
        self._touch_timer.start(max(1, round(self._resume_after * 1000)))
        self._update_clock()

    def _touch_over(self) -> None:
        # The timer only wakes us: the clock says whether the quiet time is really over.
        left = self._resume_after - (self.clock() - self._touched_at)
        if left > 0.005:
            self._touch_timer.start(max(1, round(left * 1000)))
            return
        self._touch = False
        self._update_clock()

    def _update_clock(self) -> None:
        run = not (self._manual or self._touch or self._blank) and self.count > 0
        if run and not self._page_timer.isActive():
            self._run_since = self.clock()
            self._page_timer.start(max(1, round(self._remaining * 1000)))
        elif not run and self._page_timer.isActive():
            self._remaining = max(0.001, self.seconds_left)
            self._page_timer.stop()
        if run != self._running:
            self._running = run
            self.runningChanged.emit(run)


class PageScroller(QObject):
    """Scrolls a long page smoothly from top to end while its time runs; cheap to run.

    One animation group per page: hold at the top, then ease to the end. It reads the
    scroll range as it goes, so a page still being laid out scrolls all the way.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._group: QSequentialAnimationGroup | None = None
        self._bar: QScrollBar | None = None

    def scroll(self, bar: QScrollBar, seconds: float, running: bool) -> None:
        """Plan the scroll of ``bar`` over a page that stays ``seconds``."""
        self.stop()
        hold, duration = scroll_plan(seconds)
        self._bar = bar
        bar.setValue(0)
        group = QSequentialAnimationGroup(self)
        group.addAnimation(QPauseAnimation(max(1, round(hold * 1000)), group))
        move = QVariantAnimation(group)
        move.setStartValue(0.0)
        move.setEndValue(1.0)
        move.setDuration(max(1, round(duration * 1000)))
        move.setEasingCurve(QEasingCurve.Type.InOutSine)
        move.valueChanged.connect(self._move)
        group.addAnimation(move)
        self._group = group
        group.start()
        if not running:
            group.pause()

    def set_running(self, running: bool) -> None:
        """Pause or resume the scroll with the page clock."""
        group = self._group
        if group is None:
            return
        if running and group.state() == QSequentialAnimationGroup.State.Paused:
            group.resume()
        elif not running and group.state() == QSequentialAnimationGroup.State.Running:
            group.pause()

    def stop(self) -> None:
        """Stop scrolling (the page changed)."""
        if self._group is not None:
            self._group.stop()
            self._group.deleteLater()
            self._group = None

    def _move(self, progress: float) -> None:
        bar = self._bar
        if bar is not None:
            bar.setValue(round(progress * bar.maximum()))
