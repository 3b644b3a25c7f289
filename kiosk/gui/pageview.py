"""One page on screen: its text, its sources and a Next button, scrolled by finger."""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QImage, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Page
from kiosk.glossary import Glossary
from kiosk.gui.i18n import locale, tr
from kiosk.render import PAGE_SCHEME, Rendered, render, resolve_image

log = logging.getLogger("kiosk.content")


class PageText(QTextBrowser):
    """A page's rich text, as tall as its content; the page around it does the scrolling.

    It opens no link itself, loads pictures only from inside the content folder, and
    offers no selection or context menu (nothing can be carried out of the kiosk).

    Signals:
        pageLinkActivated(str): a link to another page of the kiosk (its slug) was tapped.
        termActivated(str): a marked glossary term was tapped.
    """

    pageLinkActivated = Signal(str)
    termActivated = Signal(str)

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageText")
        self._root = root
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.anchorClicked.connect(self._on_anchor)

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt's name
        """Serve pictures from inside the content folder; refuse everything else."""
        if kind == QTextDocument.ResourceType.ImageResource.value:
            path = resolve_image(self._root, url.toString())
            if path is not None:
                image = QImage(str(path))
                if not image.isNull():
                    return image
        return None

    def _fit_height(self) -> None:
        height = math.ceil(self.document().size().height()) + 2 * self.frameWidth()
        if height != self.height():
            self.setFixedHeight(height)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Only a press on a link is ours; any other press is the start of a drag that
        # scrolls the page around us, so it goes on to the page.
        if self.anchorAt(event.position().toPoint()):
            super().mousePressEvent(event)
        else:
            event.ignore()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Nothing to scroll in here: let the page around us scroll.
        event.ignore()

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() != PAGE_SCHEME:
            return
        path = url.path()
        if path.startswith("page/"):
            self.pageLinkActivated.emit(path.removeprefix("page/"))
        elif path.startswith("term/"):
            self.termActivated.emit(path.removeprefix("term/"))


class PageView(QScrollArea):
    """A page of the kiosk, rendered the first time it is shown.

    Signals:
        nextRequested(): the patient tapped the Next button at the end of the page.
        pageLinkActivated(str): the patient tapped a link to the page with this slug.
        termActivated(str): the patient tapped a glossary term.
    """

    nextRequested = Signal()
    pageLinkActivated = Signal(str)
    termActivated = Signal(str)

    def __init__(self, page: Page, root: Path, next_title: str | None,
                 glossary: Glossary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.page = page
        self._root = root
        self._rendered: Rendered | None = None
        self._glossary = glossary
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(page.title)

        column = QWidget(objectName="pageColumn")
        self.text = PageText(root)
        self.text.setAccessibleName(page.title)
        self.note = QLabel(objectName="pageNote")
        self.note.setWordWrap(True)
        self.note.setVisible(page.fallback)
        self.footer = QLabel(objectName="pageFooter")
        self.footer.setWordWrap(True)
        self.footer.setTextFormat(Qt.TextFormat.PlainText)
        self._next_title = next_title
        self.next_button = QPushButton(objectName="nextButton")
        self.next_button.setCursor(Qt.CursorShape.PointingHandCursor)
        # Keyboard users reach it with Tab; a tap must not leave a focus ring behind.
        self.next_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        inner = QVBoxLayout()
        inner.addWidget(self.note)
        inner.addWidget(self.text)
        inner.addSpacing(16)
        inner.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addSpacing(24)
        inner.addWidget(self.footer)
        inner.addStretch(1)
        self._inner = inner
        row = QHBoxLayout(column)
        row.addStretch(1)
        row.addLayout(inner, 100)
        row.addStretch(1)
        self.setWidget(column)

        self.retranslate()
        self.next_button.clicked.connect(self.nextRequested)
        self.text.pageLinkActivated.connect(self.pageLinkActivated)
        self.text.termActivated.connect(self.termActivated)
        _kinetic(self.viewport())

    def retranslate(self) -> None:
        """Set the button's text and the footer in the interface language."""
        if self._next_title:
            label = tr("Next: {page}").format(page=self._next_title)
        else:
            label = tr("Back to the start")
        self.next_button.setText(f"{label}  ›")
        self.next_button.setAccessibleName(label)
        self.note.setText(tr("This page is not ready in your language yet, "
                             "so it is shown in English."))
        self.verticalScrollBar().setAccessibleName(tr("Scroll the page"))
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
        self._rendered = render(self.page, self._root, self._glossary)
        for problem in self._rendered.problems:
            log.warning("%s", problem)
        self.text.setHtml(self._rendered.html)
        self.footer.setText(self._footer_text() if self._rendered.ok else "")
        self.footer.setVisible(self._rendered.ok)

    def set_metrics(self, css: str, column_px: int, margin_px: int) -> None:
        """Apply the page text's CSS and the column width for the current window size."""
        self.text.document().setDefaultStyleSheet(css)
        if self._rendered is not None:
            self.text.setHtml(self._rendered.html)
        self.widget().layout().setContentsMargins(margin_px, margin_px, margin_px, margin_px)
        self.text.setMaximumWidth(column_px)
        self.footer.setMaximumWidth(column_px)

    def replace_page(self, page: Page) -> None:
        """Show ``page``, a fresh read of this page's file, keeping the scroll position."""
        bar = self.verticalScrollBar()
        position = bar.value()
        shown = self._rendered is not None
        self.page = page
        self._rendered = None
        self.setAccessibleName(page.title)
        self.text.setAccessibleName(page.title)
        if shown:
            self.ensure_rendered()
            # The column grows to the new text at the next layout pass: restore after it.
            self._keep_scroll = position
            if not getattr(self, "_scroll_hooked", False):
                bar.rangeChanged.connect(self._restore_scroll)
                self._scroll_hooked = True
            self._restore_scroll()

    def _restore_scroll(self) -> None:
        position = getattr(self, "_keep_scroll", None)
        bar = self.verticalScrollBar()
        if position is not None and bar.maximum() >= position:
            bar.setValue(position)
            self._keep_scroll = None

    def scroll_to_top(self) -> None:
        """Show the start of the page (stopping a fling that is still under way)."""
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)

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

    def sentences(self) -> list[tuple[int, int, str]]:
        """The page's sentences as (start, end, text) positions in its document."""
        self.ensure_rendered()
        found = []
        block = self.text.document().begin()
        while block.isValid():
            text = block.text()
            for match in re.finditer(r"[^.!?:]+[.!?:]*", text):
                sentence = match.group().strip()
                if any(c.isalnum() for c in sentence):
                    start = block.position() + match.start()
                    found.append((start, block.position() + match.end(), sentence))
            block = block.next()
        return found

    def highlight(self, span: tuple[int, int] | None) -> None:
        """Mark the sentence being read aloud (None clears it) and keep it in view."""
        if span is None:
            self.text.setExtraSelections([])
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self.property("highlight") or "#ffe58a"))
        fmt.setForeground(QColor("#000000"))
        selection.format = fmt
        self.text.setExtraSelections([selection])
        rect = self.text.cursorRect(cursor)
        centre = self.text.mapTo(self.widget(), rect.center())
        self.ensureVisible(centre.x(), centre.y(), 0, self.viewport().height() // 3)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.ensure_rendered()
        return super().event(event)


def _kinetic(viewport: QWidget) -> None:
    """Let a finger (or a mouse drag on a touch panel) fling the page up and down."""
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    # Taps must reach links and buttons at once, not after the default quarter second.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(props)
