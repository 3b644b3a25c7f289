"""The kiosk's window: attract screen, header, page tabs, overlays, and the wiring between them."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.content import ContentError, Page, languages, load_pages
from kiosk.glossary import Glossary, glossary_path, load_glossary
from kiosk.gui import access
from kiosk.gui.attract import AttractScreen
from kiosk.gui.countdown import CountdownOverlay
from kiosk.gui.glossarypopup import GlossaryPopup
from kiosk.gui.header import Header
from kiosk.gui.i18n import tr, use_language
from kiosk.gui.idle import IdleWatcher
from kiosk.gui.lockdown import Lockdown
from kiosk.gui.navigation import Navigator
from kiosk.gui.overlay import Overlay
from kiosk.gui.pageview import PageView
from kiosk.gui.speech import IDLE, SPEAKING, Speaker
from kiosk.gui.staff import CornerTaps, PinPad, StaffMenu
from kiosk.gui.swipe import SwipeFilter
from kiosk.gui.takehome import TakeHomePopup
from kiosk.gui.usbinstall import BundlePicker
from kiosk.theme import FONT_FAMILY, Metrics, colours, page_css, stylesheet

APP_TITLE = "Stem cell therapy for hair loss"
#: Text sizes a patient can step through with A- and A+ (WCAG 1.4.4 asks for 200 %).
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
log = logging.getLogger("kiosk")


class MainWindow(QWidget):
    """The whole kiosk on one screen.

    Signals:
        sessionStarted(): a patient began (tapped the attract screen, or first touch).
        sessionEnded(str): the session ended; the reason is "idle" or "staff".
        exitRequested(): staff chose Exit in the staff menu.
        languageChanged(str), textScaleChanged(float), contrastChanged(bool): the patient
            changed a setting (not emitted when the idle reset puts it back).
        listenStarted(): the patient asked for the page to be read aloud.
        termOpened(str): the patient opened a glossary term.
    """

    sessionStarted = Signal()
    sessionEnded = Signal(str)
    exitRequested = Signal()
    languageChanged = Signal(str)
    textScaleChanged = Signal(float)
    contrastChanged = Signal(bool)
    listenStarted = Signal()
    termOpened = Signal(str)

    def __init__(self, pages: list[Page], settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setWindowTitle(APP_TITLE)
        if settings.watch:
            # An editor previewing pages wants no welcome screen and no reset under them.
            settings = dataclasses.replace(settings, attract=False, idle_timeout=0)
        self.settings = settings
        self.pages = pages
        self._content_target = settings.content.resolve()
        self.started_at = time.monotonic()
        self.sessions_today = 0
        self.lang = settings.lang
        self.scale_index = 0
        self.contrast = False
        self._style_key: tuple | None = None
        self._session_active = False
        self._allow_close = False
        use_language(self.lang)
        #: Callables adding lines to the staff status panel (statistics add theirs).
        self.status_hooks: list[Callable[[], list[str]]] = []

        langs = tuple(languages(settings.content))
        self.attract = AttractScreen(settings.motion, settings.attract_dim_after, langs)
        self.reader = QWidget(objectName="reader")
        self.header = Header(list(langs))
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
        reader.addWidget(self.header)
        self.preview, self.banner = None, None
        if settings.watch:
            from kiosk.gui.watch import LivePreview

            self.preview = LivePreview(settings.content, settings.lang, self)
            self.banner = QLabel("Checking...", objectName="checkBanner", wordWrap=True)
            self.banner.setTextFormat(Qt.TextFormat.PlainText)
            self._report = None
            reader.addWidget(self.banner)
        reader.addWidget(self.tabs, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.attract)
        self.stack.addWidget(self.reader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.navigator = Navigator(0, self)
        self.take_home = TakeHomePopup(self, settings.qr_url)
        from kiosk.gui.quiz import QuizOverlay  # "Check what you learned" (issue 15)

        self.quiz = QuizOverlay(self)
        self.views: list[PageView] = []
        self.glossary = self._load_glossary()
        self._fill_tabs(pages)

        self.countdown = CountdownOverlay(self, settings.countdown)
        self.pin_pad = PinPad(self, settings.pin_hash)
        self.staff_menu = StaffMenu(self)
        self.glossary_popup = GlossaryPopup(self)
        self.bundle_picker = BundlePicker(self, settings.content)
        self.idle = IdleWatcher(settings.idle_timeout, self)
        self.speaker = Speaker(settings.speech_command, self)
        self.swipe = SwipeFilter(self.tabs)
        self.corner = CornerTaps(self)
        self.lockdown = Lockdown(self) if settings.locked else None
        self._restyle_timer = QTimer(self, singleShot=True, interval=120)
        self._connect_signals()
        self._install_filters()
        self._access = access.KeyAccess(
            [self.countdown, self.take_home, self.glossary_popup], self.countdown.isVisible,
            self.countdown.close_popup, self)
        QApplication.instance().installEventFilter(self._access)  # before Lockdown's Escape
        self.idle.time_factor = lambda: (settings.screen_reader_time
                                         if access.screen_reader_running() else 1.0)
        from kiosk.gui.audioguide import AudioGuide  # the kiosk's own voice (issue 13)

        self.guide = AudioGuide(Speaker(settings.speech_command, self), lambda: self.lang,
                                lambda: self.showing_attract, settings.audio_guide, self)
        QApplication.instance().installEventFilter(self.guide)
        self.sessionEnded.connect(lambda _reason: self.guide.reset())
        access.set_role(self, "window")
        # Presentation mode: made after the filters, so its keys come before Lockdown's.
        self.presentation = None
        if settings.presenting:
            from kiosk.gui.presentmode import Presentation

            self.presentation = Presentation(self)
        self._show_state()
        self._show_start()

    # ---- wiring ---------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self.navigator.go)
        self.navigator.currentChanged.connect(self.tabs.setCurrentIndex)
        self.swipe.swiped.connect(self.navigator.step)
        self.attract.started.connect(self.start_reading)
        self.attract.started.connect(lambda: self._page_shown(self.navigator.current))
        self.quiz.pageRequested.connect(self.show_page)
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
        self.staff_menu.usbRequested.connect(self.bundle_picker.open_picker)
        self.bundle_picker.installed.connect(lambda _version: self._follow_content_link())
        self.bundle_picker.closed.connect(self._open_staff_menu)
        self._restyle_timer.timeout.connect(self.restyle)
        self.header.smaller.connect(lambda: self._patient_scale(self.scale_index - 1))
        self.header.larger.connect(lambda: self._patient_scale(self.scale_index + 1))
        self.header.contrastToggled.connect(self._patient_contrast)
        self.header.languageChosen.connect(self._patient_language)
        self.attract.languageChosen.connect(self._patient_language)
        self.header.listenClicked.connect(self.listen)
        self.navigator.currentChanged.connect(lambda _index: self.speaker.stop())
        self.navigator.currentChanged.connect(self._page_shown)
        self.speaker.stateChanged.connect(self._on_speech_state)
        self.speaker.sentenceStarted.connect(self._on_sentence)
        self.glossary_popup.listenRequested.connect(
            lambda text: self.speaker.speak([text], self.lang))
        self.glossary_popup.closed.connect(self.speaker.stop)
        if self.preview is not None:
            self.preview.pageSaved.connect(self.replace_page)
            self.preview.pagesAddedOrRemoved.connect(self._reload_for_preview)
            self.preview.reportReady.connect(self._show_report)
            self.navigator.currentChanged.connect(self._update_banner)

    def _page_shown(self, index: int) -> None:
        # A keyboard user who pressed Next lands at the new page's text, which is announced.
        if self.showing_attract or not self.isVisible() or not 0 <= index < len(self.views):
            return
        if QApplication.focusWidget() is not self.tabs.tabBar():
            self.views[index].setFocus(Qt.FocusReason.OtherFocusReason)
        access.announce(self, tr("{page}, page {n} of {count}").format(
            page=self.pages[index].title, n=index + 1, count=len(self.pages)))

    def _connect_view(self, view: PageView) -> None:
        view.nextRequested.connect(self.navigator.next)
        view.pageLinkActivated.connect(self.show_page)
        view.termActivated.connect(self.show_term)
        view.takeHomeRequested.connect(self.take_home.show_page)
        view.linkQrRequested.connect(self.take_home.show_link)
        view.quizRequested.connect(lambda: self.quiz.open_quiz(
            self.settings.content, self.lang, {p.slug: p.title for p in self.pages}))

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
            view = PageView(page, self.settings.content, following, self.glossary)
            self._connect_view(view)
            self.views.append(view)
            self.tabs.addTab(view, page.title)
        self.tabs.tabBar().setUsesScrollButtons(len(pages) > 8)
        self.navigator.reset(len(pages))
        if self._style_key is not None:
            self._apply_page_style()

    def reload_content(self) -> None:
        """Read every page again from disk (staff menu's Reload); keeps the current page."""
        current = self.pages[self.navigator.current].slug if self.pages else None
        self.speaker.stop()
        pages = load_pages(self.settings.content, self.lang)
        self.glossary = self._load_glossary()
        if [p.slug for p in pages] == [p.slug for p in self.pages]:
            # The same pages (another language, or edited): the views take the new pages.
            # New views would each register a new scroll gesture, which Qt never frees.
            self.pages = pages
            for i, (view, page) in enumerate(zip(self.views, pages, strict=True)):
                following = pages[i + 1].title if i + 1 < len(pages) else None
                view.take_page(page, following, self.glossary)
                self.tabs.setTabText(i, page.title)
            return
        self.tabs.blockSignals(True)
        while self.tabs.count():
            view = self.tabs.widget(0)
            self.tabs.removeTab(0)
            view.deleteLater()
        self.views = []
        self.tabs.blockSignals(False)
        self._fill_tabs(pages)
        self.show_page(current or "")
        if not self.showing_attract and self.isVisible():
            self.current_view.setFocus()

    def replace_page(self, page: Page) -> None:
        """Show a fresh read of one page in its tab, keeping its scroll position (preview)."""
        index = next((i for i, p in enumerate(self.pages) if p.slug == page.slug), None)
        # A new place in the reading order means new tabs; a half-saved page keeps its tab.
        if index is None or (page.ok and page.order != self.pages[index].order):
            self.reload_content()
            return
        self.pages[index] = page
        self.views[index].replace_page(page)
        self.tabs.setTabText(index, page.title)
        self._update_banner()

    def _reload_for_preview(self) -> None:
        try:
            self.reload_content()
        except ContentError as exc:  # every page deleted: keep the last ones on screen
            log.warning("%s", exc)

    def _show_report(self, report) -> None:
        self._report = report
        self._update_banner()

    def _update_banner(self) -> None:
        """Show what kiosk check says about the page on screen (preview only)."""
        if self.banner is None or not self.pages:
            return
        page = self.pages[self.navigator.current]
        if self._report is None:
            lines = ["Checking..."]
        else:
            lines = [f"line {p.line}: {p.severity}: {p.message}" if p.line
                     else f"{p.severity}: {p.message}"
                     for p in self._report.for_file(page.path) if p.severity != "info"]
        clean = not lines
        self.banner.setText("\n".join(lines) if lines else f"{page.path.name}: no problems")
        self.banner.setProperty("clean", clean)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)

    def _load_glossary(self) -> Glossary | None:
        path = glossary_path(self.settings.content, self.lang)
        if not path.exists():
            return None
        glossary = load_glossary(path)
        for problem in glossary.problems:
            log.warning("%s", problem)
        return glossary

    def show_term(self, term: str) -> None:
        """Open the meaning of a glossary ``term`` over the page."""
        from urllib.parse import unquote

        entry = self.glossary.find(unquote(term)) if self.glossary else None
        if entry is not None:
            self.speaker.stop()
            self.glossary_popup.show_entry(entry)
            self.termOpened.emit(entry.term)

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
        self.speaker.stop()
        self.set_language(self.settings.lang)
        self.set_text_scale(0)
        self.set_contrast(False)
        self.navigator.go(0)
        for view in self.views:
            view.scroll_to_top()
        if self._session_active:
            self._session_active = False
            self.sessionEnded.emit(reason)
        self._follow_content_link()
        self._show_start()

    def _follow_content_link(self) -> None:
        """Show a newly installed bundle (``--content bundles/current``) once nobody reads.

        The new content must load with every page readable; otherwise the old stays.
        """
        target = self.settings.content.resolve()
        if target == self._content_target:
            return
        try:
            broken = [p for p in load_pages(self.settings.content, self.settings.lang)
                      if not p.ok]
        except ContentError as exc:
            broken = [exc]
        if broken:
            log.warning("new content in %s not shown, the old stays: %s", target, broken[0])
            return
        self._content_target = target
        log.info("showing the content now in %s", target)
        self.reload_content()

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
        try:
            self.reload_content()
        except ContentError as exc:  # the pages on screen stay; the warning shows below
            log.warning("reload failed, the pages on screen stay: %s", exc)
        self.staff_menu.status.setText(self.status_text())

    def status_text(self) -> str:
        """What staff see in the status panel."""
        from kiosk import __version__

        uptime = int(time.monotonic() - self.started_at)
        lines = [tr("Kiosk {version}, up {hours} h {minutes} min").format(
                     version=__version__, hours=uptime // 3600, minutes=uptime % 3600 // 60),
                 tr("Content: {folder} ({lang})").format(folder=self.settings.content,
                                                         lang=self.lang),
                 tr("Sessions since start: {n}").format(n=self.sessions_today),
                 tr("Pages:")]
        for page in self.pages:
            reviewed = (tr("reviewed {date}").format(date=page.reviewed) if page.reviewed
                        else tr("cannot be read"))
            lines.append(f"  {page.title}: {reviewed}")
        recent = getattr(QApplication.instance(), "recent_warnings", None)
        if recent is not None and recent.lines:
            lines.append(tr("Last warnings:"))
            lines.extend(f"  {line}" for line in recent.lines)
        for hook in self.status_hooks:
            lines.extend(hook())
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

    # ---- what the patient can change: text size, contrast, language, Listen ---------------

    def _patient_scale(self, index: int) -> None:
        before = self.scale_index
        self.set_text_scale(index)
        if self.scale_index != before:
            self.textScaleChanged.emit(self.text_scale)

    def _patient_contrast(self, on: bool) -> None:
        if on != self.contrast:
            self.set_contrast(on)
            self.contrastChanged.emit(on)

    def _patient_language(self, lang: str) -> None:
        if lang != self.lang:
            self.set_language(lang)
            self.languageChanged.emit(lang)

    def set_text_scale(self, index: int) -> None:
        """Use the text size at ``index`` in TEXT_SCALES (clamped)."""
        index = max(0, min(len(TEXT_SCALES) - 1, index))
        if index != self.scale_index:
            self.scale_index = index
            self.restyle()
            self._show_state()

    @property
    def text_scale(self) -> float:
        """The text size in use, 1.0 to 2.0."""
        return TEXT_SCALES[self.scale_index]

    def set_contrast(self, on: bool) -> None:
        """Switch the high-contrast theme on or off."""
        if on != self.contrast:
            self.contrast = on
            self.restyle()
            self._show_state()

    def set_language(self, lang: str) -> None:
        """Show the pages and the interface in ``lang``."""
        if lang == self.lang:
            return
        self.speaker.stop()
        previous, self.lang = self.lang, lang
        use_language(lang)
        try:
            self.reload_content()
        except ContentError as exc:
            # The content folder has gone (a pulled stick) or cannot serve ``lang``: the
            # pages on screen stay, in their own language, until it can be read again.
            log.warning("pages in %r cannot be read, the pages on screen stay: %s", lang, exc)
            self.lang = previous
            use_language(previous)
        self.retranslate()
        self._show_state()

    def retranslate(self) -> None:
        """Set every interface text in the current language."""
        for part in (self.header, self.attract, self.countdown, self.pin_pad, self.staff_menu,
                     self.glossary_popup, self.bundle_picker, *self.views):
            part.retranslate()
        self.tabs.setAccessibleName(tr("Pages"))
        self.setWindowTitle(tr(APP_TITLE))

    def _show_state(self) -> None:
        self.header.set_state(self.scale_index, len(TEXT_SCALES), self.contrast, self.lang)
        self.attract.set_language(self.lang)
        self.header.set_listening(self.speaker.state == SPEAKING, self.speaker.available)

    def listen(self) -> None:
        """Read the current page aloud; tapping again pauses, and again goes on."""
        if not self.speaker.available:
            self.header.set_listening(False, available=False)
            return
        if self.speaker.state == IDLE:
            self.listenStarted.emit()
            self._sentences = self.current_view.sentences()
            self.speaker.speak([text for _start, _end, text in self._sentences], self.lang)
        else:
            self.speaker.toggle()

    def _on_speech_state(self, state: str) -> None:
        self.header.set_listening(state == SPEAKING, self.speaker.available)
        if state == IDLE:
            for view in self.views:
                view.highlight(None)

    def _on_sentence(self, index: int) -> None:
        sentences = getattr(self, "_sentences", [])
        if 0 <= index < len(sentences):
            self.current_view.highlight(sentences[index][:2])

    # ---- look -----------------------------------------------------------------------------

    @property
    def theme(self) -> str:
        """The colour theme in use."""
        return "contrast" if self.contrast else "default"

    def restyle(self) -> None:
        """Fill the styles for the window's size, the text size and the theme (when changed)."""
        key = (self.width(), self.height(), self.text_scale, self.theme)
        if key == self._style_key:
            return
        self._style_key = key
        metrics = self._metrics_now()
        metrics = dataclasses.replace(metrics, tab=self._fitting_tab_size(metrics))
        self.setStyleSheet(stylesheet(metrics, self.theme))
        self._apply_page_style()

    def _metrics_now(self) -> Metrics:
        metrics = Metrics.for_size(self.width(), self.height(), self.text_scale)
        if getattr(self, "presentation", None) is not None:
            metrics = self.presentation.scaled(metrics)
        return metrics

    def _apply_page_style(self) -> None:
        metrics = self._metrics_now()
        palette = colours(self.theme)
        css = page_css(metrics, self.theme)
        for view in self.views:
            view.setProperty("highlight", palette.get("highlight", "#ffe58a"))
            view.set_figure_colours(palette)
            view.set_metrics(css, metrics.column, metrics.pad)

    def _fitting_tab_size(self, metrics: Metrics) -> int:
        """The largest tab type, up to the theme's, at which every tab fits: never clipped."""
        bar = self.tabs.tabBar()
        titles = [bar.tabText(i) for i in range(bar.count())]
        if not titles or bar.usesScrollButtons():
            return metrics.tab
        font = QFont(FONT_FAMILY)
        font.setBold(True)
        size = metrics.tab
        while size > 12:
            font.setPixelSize(size)
            advance = QFontMetrics(font).horizontalAdvance
            if sum(advance(t) + 2 * metrics.pad + 4 for t in titles) <= self.width():
                break
            size -= 1
        return size

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Restyle once the size settles, not on every step of a drag.
        self._restyle_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.restyle()
        super().showEvent(event)
        # The page takes the keys (arrows and Page Up/Down scroll it); no tab shows a ring.
        if not self.showing_attract:
            self.current_view.setFocus()
