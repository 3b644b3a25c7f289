"""One page on screen: its text, its sources and a Next button, scrolled by finger."""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
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
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Page
from kiosk.render import PAGE_SCHEME, Rendered, render, resolve_image

log = logging.getLogger("kiosk.content")


class PageText(QTextBrowser):
    """A page's rich text, as tall as its content; the page around it does the scrolling.

    It opens no link itself, loads pictures only from inside the content folder, and
    offers no selection or context menu (nothing can be carried out of the kiosk).

    Signals:
        pageLinkActivated(str): a link to another page of the kiosk (its slug) was tapped.
    """

    pageLinkActivated = Signal(str)

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
        if url.scheme() == PAGE_SCHEME and url.path().startswith("page/"):
            self.pageLinkActivated.emit(url.path().removeprefix("page/"))


class PageView(QScrollArea):
    """A page of the kiosk, rendered the first time it is shown.

    Signals:
        nextRequested(): the patient tapped the Next button at the end of the page.
        pageLinkActivated(str): the patient tapped a link to the page with this slug.
    """

    nextRequested = Signal()
    pageLinkActivated = Signal(str)

    def __init__(self, page: Page, root: Path, next_title: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.page = page
        self._root = root
        self._rendered: Rendered | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(page.title)

        column = QWidget(objectName="pageColumn")
        self.text = PageText(root)
        self.text.setAccessibleName(page.title)
        self.footer = QLabel(objectName="pageFooter")
        self.footer.setWordWrap(True)
        self.footer.setTextFormat(Qt.TextFormat.PlainText)
        label = f"Next: {next_title}  ›" if next_title else "Back to the start  ›"
        self.next_button = QPushButton(label, objectName="nextButton")
        self.next_button.setAccessibleName(label.replace("›", "").strip())
        self.next_button.setCursor(Qt.CursorShape.PointingHandCursor)
        # Keyboard users reach it with Tab; a tap must not leave a focus ring behind.
        self.next_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        inner = QVBoxLayout()
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

        self.next_button.clicked.connect(self.nextRequested)
        self.text.pageLinkActivated.connect(self.pageLinkActivated)
        _kinetic(self.viewport())

    @property
    def rendered(self) -> Rendered | None:
        """The page's rendering, or None before the page was first shown."""
        return self._rendered

    def ensure_rendered(self) -> None:
        """Render the markdown now if this is the first time the page is needed."""
        if self._rendered is not None:
            return
        self._rendered = render(self.page, self._root)
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
            lines.append("Sources: " + "; ".join(self.page.sources))
        if self.page.reviewed:
            day = self.page.reviewed
            lines.append(f"Last reviewed: {day.day} {day:%B %Y}")
        return "\n".join(lines)

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
