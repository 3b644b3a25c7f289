"""One page on screen: its text, its sources and a Next button, scrolled by finger."""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFontInfo, QImage, QTextDocument
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
from kiosk.gui.figures import FigureSource
from kiosk.render import FIGURE_SCHEME, PAGE_SCHEME, Rendered, render, resolve_image

log = logging.getLogger("kiosk.content")


class PageText(QTextBrowser):
    """A page's rich text, as tall as its content; the page around it does the scrolling.

    It opens no link itself, loads pictures only from inside the content folder, and
    offers no selection or context menu (nothing can be carried out of the kiosk).

    Signals:
        pageLinkActivated(str): a link to another page of the kiosk (its slug) was tapped.
        qrLinkActivated(int): an outside link (its index in ``Rendered.links``) was tapped.
    """

    pageLinkActivated = Signal(str)
    qrLinkActivated = Signal(int)

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
        self.figures = FigureSource()
        self._html = ""
        # Figures are drawn for the text's width: draw them again when it settles elsewhere.
        self._redraw = QTimer(self, singleShot=True, interval=60)
        self._redraw.timeout.connect(self._redraw_figures)

    def setHtml(self, html: str) -> None:  # noqa: N802 - Qt's name
        """Show ``html`` (kept, so that figures can be drawn again at a new width)."""
        self._html = html
        super().setHtml(html)

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt's name
        """Serve pictures from inside the content folder; refuse everything else."""
        if kind == QTextDocument.ResourceType.ImageResource.value and \
                url.scheme() == FIGURE_SCHEME:
            return self.figures.image(url.path(), self.figure_width(), self.body_px(),
                                      self.devicePixelRatioF())
        if kind == QTextDocument.ResourceType.ImageResource.value:
            path = resolve_image(self._root, url.toString())
            if path is not None:
                image = QImage(str(path))
                if not image.isNull():
                    return image
        return None

    def body_px(self) -> int:
        """The size of the page's body text (from the page CSS, which the view sets)."""
        css = self.document().defaultStyleSheet()
        found = re.search(r"body\s*\{[^}]*font-size:\s*(\d+)px", css)
        return int(found.group(1)) if found else QFontInfo(self.font()).pixelSize()

    def figure_width(self) -> float:
        """How wide a figure can be: the text's width inside the document's margins."""
        doc = self.document()
        width = doc.textWidth() if doc.textWidth() > 0 else self.width()
        return max(200.0, width - 2 * doc.documentMargin() - 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        drawn = self.figures.drawn_width
        if drawn and abs(drawn - round(self.figure_width())) > 4:
            self._redraw.start()

    def _redraw_figures(self) -> None:
        if self.figures.drawn_width and self._html:
            super().setHtml(self._html)

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
        elif url.scheme() == PAGE_SCHEME and url.path().startswith("qr/"):
            number = url.path().removeprefix("qr/")
            if number.isdigit():
                self.qrLinkActivated.emit(int(number))


class PageView(QScrollArea):
    """A page of the kiosk, rendered the first time it is shown.

    Signals:
        nextRequested(): the patient tapped the Next button at the end of the page.
        pageLinkActivated(str): the patient tapped a link to the page with this slug.
        takeHomeRequested(object): the patient tapped "Take this home" (carries the Page).
        linkQrRequested(str, str): the patient tapped an outside link (its text and URL).
    """

    nextRequested = Signal()
    pageLinkActivated = Signal(str)
    takeHomeRequested = Signal(object)
    linkQrRequested = Signal(str, str)

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

        self.take_home_button = QPushButton("Take this home", objectName="takeHomeButton")
        self.take_home_button.setAccessibleName("Take this home")
        self.take_home_button.setAccessibleDescription("Show a QR code of this page for a phone")
        self.take_home_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.take_home_button)
        buttons.addStretch(1)

        inner = QVBoxLayout()
        inner.addWidget(self.text)
        inner.addSpacing(16)
        inner.addLayout(buttons)
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
        self.text.qrLinkActivated.connect(self._link_qr)
        self.take_home_button.clicked.connect(lambda: self.takeHomeRequested.emit(self.page))
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
        self.text.figures.set_figures(self._rendered.figures)
        self.take_home_button.setVisible(self._rendered.ok)
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

    def scroll_to_top(self) -> None:
        """Show the start of the page (stopping a fling that is still under way)."""
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)

    def _link_qr(self, index: int) -> None:
        links = self._rendered.links if self._rendered is not None else ()
        if 0 <= index < len(links):
            self.linkQrRequested.emit(links[index].text, links[index].url)

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
