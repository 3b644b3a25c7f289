"""The kiosk's window: attract screen, header, page tabs, overlays, and the wiring between them."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.content import Page, load_pages
from kiosk.gui.attract import AttractScreen
from kiosk.gui.countdown import CountdownOverlay
from kiosk.gui.idle import IdleWatcher
from kiosk.gui.lockdown import Lockdown
from kiosk.gui.navigation import Navigator
from kiosk.gui.overlay import Overlay
from kiosk.gui.pageview import PageView
from kiosk.gui.presentmode import Presentation
from kiosk.gui.staff import CornerTaps, PinPad, StaffMenu
from kiosk.gui.swipe import SwipeFilter
from kiosk.gui.takehome import TakeHomePopup
from kiosk.theme import Metrics, page_css, stylesheet

APP_TITLE = "Stem cell therapy for hair loss"
log = logging.getLogger("kiosk")


class MainWindow(QWidget):
    """The whole kiosk on one screen.

    Signals:
        sessionStarted(): a patient began (tapped the attract screen, or first touch).
        sessionEnded(str): the session ended; the reason is "idle" or "staff".
        exitRequested(): staff chose Exit in the staff menu.
    """

    sessionStarted = Signal()
    sessionEnded = Signal(str)
    exitRequested = Signal()

    def __init__(self, pages: list[Page], settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setWindowTitle(APP_TITLE)
        self.settings = settings
        self.pages = pages
        self.started_at = time.monotonic()
        self.sessions_today = 0
        self._metrics: Metrics | None = None
        self._session_active = False
        self._allow_close = False

        self.attract = AttractScreen(settings.motion, settings.attract_dim_after)
        self.reader = QWidget(objectName="reader")
        header = QFrame(objectName="header")
        title = QLabel(APP_TITLE, objectName="appTitle")
        head = QHBoxLayout(header)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(title)
        head.addStretch(1)
        self.tabs = QTabWidget(objectName="pages")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Pages")
        bar = self.tabs.tabBar()
        bar.setExpanding(True)
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        reader = QVBoxLayout(self.reader)
        reader.setContentsMargins(0, 0, 0, 0)
        reader.setSpacing(0)
        reader.addWidget(header)
        reader.addWidget(self.tabs, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.attract)
        self.stack.addWidget(self.reader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.navigator = Navigator(0, self)
        self.take_home = TakeHomePopup(self, settings.qr_url)
        self.views: list[PageView] = []
        self._fill_tabs(pages)

        self.countdown = CountdownOverlay(self, settings.countdown)
        self.pin_pad = PinPad(self, settings.pin_hash)
        self.staff_menu = StaffMenu(self)
        self.idle = IdleWatcher(settings.idle_timeout, self)
        self.swipe = SwipeFilter(self.tabs)
        self.corner = CornerTaps(self)
        self.lockdown = Lockdown(self) if settings.locked else None
        self._restyle_timer = QTimer(self, singleShot=True, interval=120)
        self._connect_signals()
        self._install_filters()
        # Presentation mode: made after the filters, so its keys come before Lockdown's.
        self.presentation = Presentation(self) if settings.presenting else None
        self._show_start()

    # ---- wiring ---------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self.navigator.go)
        self.navigator.currentChanged.connect(self.tabs.setCurrentIndex)
        self.swipe.swiped.connect(self.navigator.step)
        self.attract.started.connect(self.start_reading)
        self.idle.idle.connect(self._ask_if_still_there)
        self.idle.activity.connect(self._on_activity)
        self.countdown.kept.connect(self.idle.start)
        self.countdown.expired.connect(lambda: self.reset("idle"))
        self.corner.triggered.connect(self._staff_gesture)
        self.pin_pad.accepted.connect(self._open_staff_menu)
        self.pin_pad.cancelled.connect(self.idle.start)
        self.staff_menu.closed.connect(self.idle.start)
        self.staff_menu.reloadRequested.connect(self._staff_reload)
        self.staff_menu.exitRequested.connect(self.exitRequested)
        self._restyle_timer.timeout.connect(self._restyle_for_size)

    def _connect_view(self, view: PageView) -> None:
        view.nextRequested.connect(self.navigator.next)
        view.pageLinkActivated.connect(self.show_page)
        view.takeHomeRequested.connect(self.take_home.show_page)
        view.linkQrRequested.connect(self.take_home.show_link)

    def _install_filters(self) -> None:
        app = QApplication.instance()
        # Presses land on any child (text, buttons), so these watch the whole application.
        for watcher in (self.swipe, self.idle, self.corner, self.lockdown):
            if watcher is not None:
                app.installEventFilter(watcher)
        if self.lockdown is not None:
            self.lockdown.start()

    # ---- pages ----------------------------------------------------------------------------

    def _fill_tabs(self, pages: list[Page]) -> None:
        self.pages = pages
        for i, page in enumerate(pages):
            following = pages[i + 1].title if i + 1 < len(pages) else None
            view = PageView(page, self.settings.content, following)
            self._connect_view(view)
            self.views.append(view)
            self.tabs.addTab(view, page.title)
        self.tabs.tabBar().setUsesScrollButtons(len(pages) > 8)
        self.navigator.reset(len(pages))
        if self._metrics is not None:
            self._apply_page_metrics(self._metrics)

    def reload_content(self) -> None:
        """Read every page again from disk (staff menu's Reload); keeps the current page."""
        current = self.pages[self.navigator.current].slug if self.pages else None
        pages = load_pages(self.settings.content, self.settings.lang)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            view = self.tabs.widget(0)
            self.tabs.removeTab(0)
            view.deleteLater()
        self.views = []
        self.tabs.blockSignals(False)
        self._fill_tabs(pages)
        self.show_page(current or "")

    @property
    def current_view(self) -> PageView:
        """The page showing now."""
        return self.views[self.navigator.current]

    def show_page(self, slug: str) -> None:
        """Show the page whose file is ``<slug>.md`` (links between pages use this)."""
        for i, page in enumerate(self.pages):
            if page.slug == slug:
                self.navigator.go(i)
                return

    # ---- sessions and the idle reset -----------------------------------------------------

    @property
    def showing_attract(self) -> bool:
        """True while the welcome screen is up."""
        return self.stack.currentWidget() is self.attract

    def _show_start(self) -> None:
        if self.settings.attract:
            self.stack.setCurrentWidget(self.attract)
            self.idle.stop()
        else:
            self.stack.setCurrentWidget(self.reader)
            self.idle.start()

    def start_reading(self) -> None:
        """Leave the attract screen for the first page; a new patient's session begins."""
        self.stack.setCurrentWidget(self.reader)
        self.current_view.setFocus()
        self._begin_session()
        self.idle.start()

    def _begin_session(self) -> None:
        if not self._session_active:
            self._session_active = True
            self.sessions_today += 1
            self.sessionStarted.emit()

    def _on_activity(self) -> None:
        if not self.showing_attract and not self._session_active:
            self._begin_session()

    def _ask_if_still_there(self) -> None:
        if self.presentation is not None:
            return  # presentation mode: after a touch the talk goes on by itself instead
        if self.showing_attract or self.countdown.isVisible():
            return
        self.idle.stop()
        self.countdown.start()

    def reset(self, reason: str = "idle") -> None:
        """Forget the last patient: close everything, first page, top of every page."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for overlay in self.findChildren(Overlay):
            overlay.hide()
        self.countdown.cancel()
        self.navigator.go(0)
        for view in self.views:
            view.scroll_to_top()
        if self._session_active:
            self._session_active = False
            self.sessionEnded.emit(reason)
        self._show_start()

    # ---- staff ----------------------------------------------------------------------------

    def _staff_gesture(self) -> None:
        # With no PIN configured the gesture does nothing: no way out by guessing.
        if self.settings.pin_hash and not self.pin_pad.isVisible():
            self.idle.stop()
            self.countdown.cancel()
            self.pin_pad.open_pad()

    def _open_staff_menu(self) -> None:
        self.staff_menu.open_menu(self.status_text())

    def _staff_reload(self) -> None:
        self.reload_content()
        self.staff_menu.status.setText(self.status_text())

    def status_text(self) -> str:
        """What staff see in the status panel."""
        from kiosk import __version__

        uptime = int(time.monotonic() - self.started_at)
        lines = [f"Kiosk {__version__}, up {uptime // 3600} h {uptime % 3600 // 60} min",
                 f"Content: {self.settings.content} ({self.settings.lang})",
                 f"Sessions since start: {self.sessions_today}", "Pages:"]
        for page in self.pages:
            reviewed = f"reviewed {page.reviewed}" if page.reviewed else "not readable"
            lines.append(f"  {page.title}: {reviewed}")
        recent = getattr(QApplication.instance(), "recent_warnings", None)
        if recent is not None and recent.lines:
            lines.append("Last warnings:")
            lines.extend(f"  {line}" for line in recent.lines)
        return "\n".join(lines)

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

    # ---- look -----------------------------------------------------------------------------

    def apply_metrics(self, metrics: Metrics) -> None:
        """Size text and controls for ``metrics`` (done when the window's size class changes)."""
        if self.presentation is not None:
            metrics = self.presentation.scaled(metrics)
        if metrics == self._metrics:
            return
        self._metrics = metrics
        self.setStyleSheet(stylesheet(metrics))
        self._apply_page_metrics(metrics)

    def _apply_page_metrics(self, metrics: Metrics) -> None:
        css = page_css(metrics)
        for view in self.views:
            view.set_metrics(css, metrics.column, metrics.pad)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Restyle once the size settles, not on every step of a drag.
        self._restyle_timer.start()

    def _restyle_for_size(self) -> None:
        self.apply_metrics(Metrics.for_size(self.width(), self.height()))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.apply_metrics(Metrics.for_size(self.width(), self.height()))
        super().showEvent(event)
        # The page takes the keys (arrows and Page Up/Down scroll it); no tab shows a ring.
        if not self.showing_attract:
            self.current_view.setFocus()
