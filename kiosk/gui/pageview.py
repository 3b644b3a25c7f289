"""One page on screen: its text, its sources and a Next button, scrolled by finger."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Page
from kiosk.gui.i18n import locale, tr
from kiosk.gui.pagetext import PageText
from kiosk.gui.plainlabel import PlainLabel, as_typed
from kiosk.gui.scrolling import keep_position, kinetic

if TYPE_CHECKING:
    from kiosk.glossary import Glossary
    from kiosk.render import Rendered

#: Where a view finds its glossary when it first renders (None: the language has none).
GlossarySource = Callable[[], "Glossary | None"]


def _no_glossary() -> None:
    return None

log = logging.getLogger("kiosk.content")


class PageView(QScrollArea):
    """A page of the kiosk, rendered the first time it is shown.

    Signals:
        nextRequested(): the patient tapped the Next button at the end of the page.
        pageLinkActivated(str): the patient tapped a link to the page with this slug.
        termActivated(str): the patient tapped a glossary term.
        takeHomeRequested(object): the patient tapped "Take this home" (carries the Page).
        linkQrRequested(str, str): the patient tapped an outside link (its text and URL).
    """

    nextRequested = Signal()
    pageLinkActivated = Signal(str)
    termActivated = Signal(str)
    takeHomeRequested = Signal(object)
    #: "Check what you learned" at the page's end (only when the language has a quiz file).
    quizRequested = Signal()
    linkQrRequested = Signal(str, str)

    def __init__(self, page: Page, root: Path, next_title: str | None,
                 glossary: GlossarySource = _no_glossary,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.page = page
        self._root = root
        self._rendered: Rendered | None = None
        self._glossary = glossary
        self._next_title = next_title
        #: (css, column width, margin) and figure colours, kept until the page is built.
        self._metrics: tuple[str, int, int] | None = None
        self._figure_colours: dict[str, str] | None = None
        self._built = False
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(page.title)
        self.verticalScrollBar().setAccessibleName(tr("Scroll the page"))

    # The page's widgets are made the first time anything needs them (usually its first
    # show): a kiosk with many pages starts as fast as one with a single page.

    @property
    def text(self) -> PageText:
        """The page's rich text."""
        self._build()
        return self._text

    @property
    def note(self) -> QLabel:
        """The note shown when the page stands in for a missing translation."""
        self._build()
        return self._note

    @property
    def footer(self) -> QLabel:
        """Sources and the last-reviewed date, in small type."""
        self._build()
        return self._footer

    @property
    def next_button(self) -> QPushButton:
        """"Next: <page> ›" at the end of the page."""
        self._build()
        return self._next_button

    @property
    def take_home_button(self) -> QPushButton:
        """"Take this home": the page's QR code."""
        self._build()
        return self._take_home_button

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        page, root = self.page, self._root
        column = QWidget(objectName="pageColumn")
        self._text = PageText(root)
        self._text.setAccessibleName(page.title)
        self._note = PlainLabel(objectName="pageNote")
        self._note.setWordWrap(True)
        self._note.setVisible(page.fallback)
        self._footer = PlainLabel(objectName="pageFooter")
        self._footer.setWordWrap(True)
        self._footer.setTextFormat(Qt.TextFormat.PlainText)
        self._next_button = QPushButton(objectName="nextButton")
        self._next_button.setCursor(Qt.CursorShape.PointingHandCursor)
        # Keyboard users reach it with Tab; a tap must not leave a focus ring behind.
        self._next_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._take_home_button = QPushButton(objectName="takeHomeButton")
        self._take_home_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.quiz_button = QPushButton(objectName="quizButton")
        self.quiz_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        from kiosk.quiz import quiz_path

        self.quiz_button.setVisible(quiz_path(root, page.lang).is_file())
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        buttons.setSpacing(24)
        buttons.addWidget(self._next_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self._take_home_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.quiz_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addStretch(1)
        self._buttons = buttons

        inner = QVBoxLayout()
        inner.addWidget(self._note)
        inner.addWidget(self._text)
        inner.addSpacing(16)
        inner.addLayout(buttons)
        inner.addSpacing(24)
        inner.addWidget(self._footer)
        inner.addStretch(1)
        # One centred column, as wide as a comfortable line: text, buttons and sources.
        self._column = QWidget(objectName="pageColumnInner")
        self._column.setLayout(inner)
        inner.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout(column)
        row.addStretch(1)
        row.addWidget(self._column, 100)
        row.addStretch(1)
        self.setWidget(column)
        # The page's focus is its text: a screen reader is on the document at once.
        self.setFocusProxy(self._text)
        self._text.linkFocused.connect(lambda y: self.ensureVisible(
            0, self._text.mapTo(self.widget(), self._text.rect().topLeft()).y() + y, 0,
            self.viewport().height() // 3))

        self.retranslate()
        self._next_button.clicked.connect(self.nextRequested)
        self._text.pageLinkActivated.connect(self.pageLinkActivated)
        self._text.termActivated.connect(self.termActivated)
        self._text.qrLinkActivated.connect(self._link_qr)
        self._take_home_button.clicked.connect(lambda: self.takeHomeRequested.emit(self.page))
        self.quiz_button.clicked.connect(self.quizRequested)
        kinetic(self.viewport())
        if self._figure_colours is not None:
            self._text.set_figure_colours(self._figure_colours)
        if self._metrics is not None:
            self.set_metrics(*self._metrics)

    def retranslate(self) -> None:
        """Set the button's text and the footer in the interface language."""
        self.verticalScrollBar().setAccessibleName(tr("Scroll the page"))
        if not self._built:
            return
        if self._next_title:
            label = tr("Next: {page}").format(page=self._next_title)
        else:
            label = tr("Back to the start")
        self.next_button.setText(f"{as_typed(label)}  ›")
        self.next_button.setAccessibleName(label)
        self.take_home_button.setText(tr("Take this home"))
        self.take_home_button.setAccessibleName(tr("Take this home"))
        self.take_home_button.setAccessibleDescription(
            tr("Show a QR code of this page for a phone"))
        self.quiz_button.setText(tr("Check what you learned"))
        self.quiz_button.setAccessibleName(tr("Check what you learned"))
        self.note.setText(tr("This page is not ready in your language yet, "
                             "so it is shown in English."))
        if self._rendered is not None and self._rendered.ok:
            self.footer.setText(self._footer_text())

    @property
    def rendered(self) -> Rendered | None:
        """The page's rendering, or None before the page was first shown."""
        return self._rendered

    def ensure_rendered(self) -> None:
        """Render the markdown now if this is the first time the page is needed."""
        if self._rendered is not None:
            return
        self._build()
        # Read with the first page, not before the first frame (markdown, the glossary).
        from kiosk.render import render

        self._rendered = render(self.page, self._root, self._glossary())
        for problem in self._rendered.problems:
            log.warning("%s", problem)
        self.text.set_figures(self._rendered.figures)
        self.take_home_button.setVisible(self._rendered.ok)
        self.text.setHtml(self._rendered.html)
        self.footer.setText(self._footer_text() if self._rendered.ok else "")
        self.footer.setVisible(self._rendered.ok)

    def _arrange_buttons(self) -> None:
        """Side by side when both fit the column, else one above the other (large text)."""
        if not self._built:
            return
        room = min(self._column.maximumWidth(), self.viewport().width())
        needed = (self.next_button.sizeHint().width() + self._buttons.spacing()
                  + self.take_home_button.sizeHint().width())
        if self.quiz_button.isVisibleTo(self):
            needed += self._buttons.spacing() + self.quiz_button.sizeHint().width()
        direction = (QBoxLayout.Direction.LeftToRight if needed <= room
                     else QBoxLayout.Direction.TopToBottom)
        if self._buttons.direction() != direction:
            self._buttons.setDirection(direction)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange_buttons()

    def set_figure_colours(self, palette: dict[str, str]) -> None:
        """Draw figures and icons in ``palette``'s colours (the theme in use)."""
        self._figure_colours = palette
        if self._built:
            self._text.set_figure_colours(palette)

    def set_metrics(self, css: str, column_px: int, margin_px: int) -> None:
        """Apply the page text's CSS and the column width for the current window size."""
        self._metrics = (css, column_px, margin_px)
        if not self._built:
            return
        self.text.document().setDefaultStyleSheet(css)
        if self._rendered is not None:
            self.text.setHtml(self._rendered.html)
        self.widget().layout().setContentsMargins(margin_px, margin_px, margin_px, margin_px)
        self._column.setMaximumWidth(column_px)
        self.next_button.ensurePolished()
        self.take_home_button.ensurePolished()
        self._arrange_buttons()

    def take_page(self, page: Page, next_title: str | None,
                  glossary: GlossarySource) -> None:
        """Show another version of this page (a new language, a reload), in this view."""
        self._next_title = next_title
        self._glossary = glossary
        self.replace_page(page)
        if self._built:
            self._note.setVisible(page.fallback)
            self.retranslate()

    def replace_page(self, page: Page) -> None:
        """Show ``page``, a fresh read of this page's file, keeping the scroll position."""
        bar = self.verticalScrollBar()
        position = bar.value()
        shown = self._rendered is not None
        self.page = page
        self._rendered = None
        self.setAccessibleName(page.title)
        if not self._built:
            return
        self.text.setAccessibleName(page.title)
        if shown:
            self.ensure_rendered()
            keep_position(bar, position)

    def scroll_to_top(self) -> None:
        """Show the start of the page (stopping a fling that is still under way)."""
        if self._built:
            QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)

    def _link_qr(self, index: int) -> None:
        links = self._rendered.links if self._rendered is not None else ()
        if 0 <= index < len(links):
            self.linkQrRequested.emit(links[index].text, links[index].url)

    def _footer_text(self) -> str:
        lines = []
        if self.page.sources:
            lines.append(tr("Sources: {sources}").format(sources="; ".join(self.page.sources)))
        if self.page.reviewed:
            day = self.page.reviewed
            shown = locale(self.page.lang).toString(QDate(day.year, day.month, day.day),
                                                    "d MMMM yyyy")
            lines.append(tr("Last reviewed: {date}").format(date=shown))
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.ensure_rendered()
        return super().event(event)

