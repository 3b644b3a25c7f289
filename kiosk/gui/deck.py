"""The pages on screen: one tab and one view per page, loaded in the state's language.

:class:`PageDeck` owns the tab widget, the page views, the pages and the glossary; it loads
them again for another language, a staff reload, a saved file (live preview) or a newly
installed bundle. The page on screen is the state model's: the tabs only show it and
forward taps to it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.content import ContentError, Page, load_pages
from kiosk.gui.i18n import tr, use_language
from kiosk.gui.pagetabs import PageTabs
from kiosk.gui.plainlabel import as_typed
from kiosk.gui.statemodel import StateModel

if TYPE_CHECKING:
    from kiosk.glossary import Glossary
    from kiosk.gui.pageview import PageView

log = logging.getLogger("kiosk")


class PageViews(Sequence):
    """One view per page, each made the first time it is asked for (its tab shown, or a
    caller wanting it): 600 pages start, and take memory, like six. ``built()`` lists the
    views made so far, for what only concerns views that exist (styles, texts, resets)."""

    def __init__(self, make: Callable[[int], PageView]) -> None:
        self._make = make
        self._views: list[PageView | None] = []

    def reset(self, count: int) -> None:
        """``count`` pages, none made yet."""
        self._views = [None] * count

    def __len__(self) -> int:
        return len(self._views)

    def __getitem__(self, index):  # noqa: ANN001 - an int or a slice, as a list takes
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        view = self._views[index]
        if view is None:
            view = self._views[index] = self._make(index % len(self._views))
        return view

    def built(self) -> list[PageView]:
        """The views made so far."""
        return [view for view in self._views if view is not None]

    def made(self, index: int) -> PageView | None:
        """The view of page ``index`` if it was made, else None."""
        return self._views[index]


class PageDeck(QObject):
    """The pages of ``content`` as tabs, following ``state`` (language and current page).

    Signals:
        nextRequested(): a page's Next button was tapped.
        termOpened(object): a glossary term was tapped (carries its glossary entry).
        takeHomeRequested(object): "Take this home" on a page (carries the Page).
        linkQrRequested(str, str): an outside link was tapped (its text and URL).
        qrOpened(str): a QR code was asked for on the page with this slug.
        pagesReloaded(): the pages were read again from disk.
        quizRequested(): "Check what you learned" at a page's end.
        tabChosen(): the patient chose a tab (a tap, a key, or an accessibility action,
            which no input event announces), not the tabs following the state model.
    """

    nextRequested = Signal()
    termOpened = Signal(object)
    takeHomeRequested = Signal(object)
    linkQrRequested = Signal(str, str)
    qrOpened = Signal(str)
    pagesReloaded = Signal()
    quizRequested = Signal()
    tabChosen = Signal()

    def __init__(self, pages: list[Page], content: Path, state: StateModel,
                 parent: QObject | None = None, *, first_view: bool = True) -> None:
        super().__init__(parent)
        self.content = content
        self.state = state
        self.pages: list[Page] = []
        self.views = PageViews(self._make_view)
        self.content_target = content.resolve()
        self.tabs = PageTabs(objectName="pages")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(tr("Pages"))  # in the language the kiosk starts in
        bar = self.tabs.tabBar()
        bar.setExpanding(True)
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Read when a page first needs it (its first render, a tapped word), not before the
        # first frame: it costs 5 to 10 ms (each meaning is split into sentences).
        self._glossary: Glossary | None = None
        self._glossary_lang: str | None = state.lang
        self.style: tuple[str, int, int, dict[str, str]] | None = None
        self._fill(pages, first_view)
        # The page's view is made before the tab shows it (first, so the page is there for
        # everything that follows the change).
        self.tabs.currentChanged.connect(lambda i: 0 <= i < len(self.views) and self.views[i])
        self.tabs.currentChanged.connect(self._tab_changed)
        state.currentChanged.connect(self.tabs.setCurrentIndex)
        state.load_language = self.load_language

    @property
    def glossary(self) -> Glossary | None:
        """The glossary of the pages' language (None when it has none), read once."""
        if self._glossary_lang is not None:
            self._glossary = self._load_glossary(self._glossary_lang)
            self._glossary_lang = None
        return self._glossary

    def _glossary_now(self) -> Glossary | None:
        return self.glossary

    @property
    def current_view(self) -> PageView:
        """The page showing now."""
        return self.views[self.state.current]

    @property
    def current_page(self) -> Page | None:
        """The page showing now (None before any page is loaded)."""
        index = self.state.current
        return self.pages[index] if 0 <= index < len(self.pages) else None

    def show_page(self, slug: str) -> None:
        """Show the page whose file is ``<slug>.md`` (links between pages use this)."""
        for i, page in enumerate(self.pages):
            if page.slug == slug:
                self.state.go(i)
                return

    def retranslate(self) -> None:
        """Set the views' and the tabs' texts in the interface language."""
        for view in self.views.built():
            view.retranslate()
        self.tabs.setAccessibleName(tr("Pages"))

    def apply_style(self, css: str, column: int, pad: int, palette: dict[str, str]) -> None:
        """Give every page the page style sheet, column width, margin and colours."""
        self.style = (css, column, pad, palette)
        for view in self.views.built():
            self._style(view)

    def _style(self, view: PageView) -> None:
        css, column, pad, palette = self.style
        view.setProperty("highlight", palette.get("highlight", "#ffe58a"))
        view.set_figure_colours(palette)
        view.set_metrics(css, column, pad)

    # ---- loading ----------------------------------------------------------------------------

    def _fill(self, pages: list[Page], first_view: bool = True) -> None:
        self.pages = pages
        self.views.reset(len(pages))
        for page in pages:
            # A tab is its title until its page view is made, when it is first needed.
            self.tabs.addTab(as_typed(page.title))
        self.tabs.tabBar().setUsesScrollButtons(len(pages) > 8)
        self.state.set_page_count(len(pages))
        if pages and first_view:  # the page on show is there from the start
            self.views[max(0, self.tabs.currentIndex())]

    def _make_view(self, index: int) -> PageView:
        # Imported with the first view: behind the welcome screen that is after its first
        # frame (the page modules are 7 ms of a start).
        from kiosk.gui.pageview import PageView

        pages = self.pages
        following = pages[index + 1].title if index + 1 < len(pages) else None
        view = PageView(pages[index], self.content, following, self._glossary_now)
        view.nextRequested.connect(self.nextRequested)
        view.pageLinkActivated.connect(self.show_page)
        view.termActivated.connect(self.open_term)
        view.takeHomeRequested.connect(self._take_home)
        view.linkQrRequested.connect(self._link_qr)
        view.quizRequested.connect(self.quizRequested)
        if self.style is not None:
            self._style(view)
        self.tabs.set_page(index, view)
        return view

    def reload(self, lang: str | None = None) -> None:
        """Read every page again (in ``lang``, else the state's); keeps the current page.

        Raises ContentError when the pages cannot be read (the pages on screen stay).
        """
        current = self.current_page.slug if self.current_page else None
        pages = load_pages(self.content, lang or self.state.lang)
        self._glossary, self._glossary_lang = None, lang or self.state.lang
        if [p.slug for p in pages] == [p.slug for p in self.pages]:
            # The same pages (another language, or edited): the views take the new pages.
            # New views would each register a new scroll gesture, which Qt never frees.
            self.pages = pages
            for i, page in enumerate(pages):
                following = pages[i + 1].title if i + 1 < len(pages) else None
                if (view := self.views.made(i)) is not None:  # the others are made from pages
                    view.take_page(page, following, self._glossary_now)
                self.tabs.setTabText(i, as_typed(page.title))
        else:
            self.tabs.blockSignals(True)
            self.tabs.clear()
            self.views.reset(0)
            self.tabs.blockSignals(False)
            self._fill(pages)
            self.show_page(current or "")
        self.pagesReloaded.emit()

    def reload_or_keep(self) -> None:
        """Read the pages again; if none can be read, the pages on screen stay (preview)."""
        try:
            self.reload()
        except ContentError as exc:  # every page deleted: keep the last ones on screen
            log.warning("%s", exc)

    def _tab_changed(self, index: int) -> None:
        # The tabs follow the state model; a tab that moved by itself was chosen by the patient.
        if index != self.state.current:
            self.tabChosen.emit()
        self.state.go(index)

    def load_language(self, lang: str) -> bool:
        """Load the pages and interface in ``lang``; False (and the pages stay) if it fails."""
        previous = self.state.lang
        use_language(lang)
        try:
            self.reload(lang)
        except ContentError as exc:
            # The content folder has gone (a pulled stick) or cannot serve ``lang``: the
            # pages on screen stay, in their own language, until it can be read again.
            log.warning("pages in %r cannot be read, the pages on screen stay: %s", lang, exc)
            use_language(previous)
            return False
        return True

    def replace_page(self, page: Page) -> None:
        """Show a fresh read of one page in its tab, keeping its scroll position (preview)."""
        index = next((i for i, p in enumerate(self.pages) if p.slug == page.slug), None)
        # A new place in the reading order means new tabs; a half-saved page keeps its tab.
        if index is None or (page.ok and page.order != self.pages[index].order):
            self.reload()
            return
        self.pages[index] = page
        if (view := self.views.made(index)) is not None:  # else it is made from the new page
            view.replace_page(page)
        self.tabs.setTabText(index, as_typed(page.title))

    def follow_content_link(self, start_lang: str) -> None:
        """Show a newly installed bundle (``--content bundles/current``) once nobody reads.

        The new content must load with every page readable; otherwise the old stays.
        """
        target = self.content.resolve()
        if target == self.content_target:
            return
        try:
            broken = [p for p in load_pages(self.content, start_lang) if not p.ok]
        except ContentError as exc:
            broken = [exc]
        if broken:
            log.warning("new content in %s not shown, the old stays: %s", target, broken[0])
            return
        self.content_target = target
        log.info("showing the content now in %s", target)
        self.reload()

    def _load_glossary(self, lang: str) -> Glossary | None:
        from kiosk.glossary import glossary_path, load_glossary

        path = glossary_path(self.content, lang)
        if not path.exists():
            return None
        glossary = load_glossary(path)
        for problem in glossary.problems:
            log.warning("%s", problem)
        return glossary

    # ---- what a page asks for -----------------------------------------------------------

    def open_term(self, term: str) -> None:
        """Open the meaning of a glossary ``term`` (a tapped word's link target)."""
        entry = self.glossary.find(unquote(term)) if self.glossary else None
        if entry is not None:
            self.termOpened.emit(entry)

    def _take_home(self, page: Page) -> None:
        self.takeHomeRequested.emit(page)
        self.qrOpened.emit(page.slug)

    def _link_qr(self, text: str, url: str) -> None:
        self.linkQrRequested.emit(text, url)
        page = self.current_page
        self.qrOpened.emit(page.slug if page else "unknown")
