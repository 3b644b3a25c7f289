"""One page on screen: its text, its sources and a Next button, scrolled by finger."""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QImage,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QBoxLayout,
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

from kiosk import readability
from kiosk.content import Page
from kiosk.glossary import Glossary
from kiosk.gui.access import announce
from kiosk.gui.i18n import locale, tr
from kiosk.render import FIGURE_SCHEME, PAGE_SCHEME, Rendered, render, resolve_image

log = logging.getLogger("kiosk.content")


_SCROLL_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                          Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Space})


class PageText(QTextBrowser):
    """A page's rich text, as tall as its content; the page around it does the scrolling.

    It opens no link itself, loads pictures only from inside the content folder, and
    offers no selection or context menu (nothing can be carried out of the kiosk).

    Signals:
        pageLinkActivated(str): a link to another page of the kiosk (its slug) was tapped.
        termActivated(str): a marked glossary term was tapped.
        qrLinkActivated(int): an outside link (its index in ``Rendered.links``) was tapped.
    """

    pageLinkActivated = Signal(str)
    termActivated = Signal(str)
    qrLinkActivated = Signal(int)
    #: A link took the keyboard focus at this height in the text (the page scrolls to it).
    linkFocused = Signal(int)

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageText")
        self._root = root
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Links and glossary words are Tab stops (Enter opens them), and the text takes the focus
        # from code and Tab only, so a screen reader finds a document it can read (Say All)
        # while a tap never leaves a caret or a ring behind.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.anchorClicked.connect(self._on_anchor)
        # Loaded with the first page's text, not before the first frame (QtSvg, visuals).
        from kiosk.gui.figures import FigureSource

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

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Arrows and Page Up/Down scroll the page around us, as when the page has the focus.
        if event.key() in _SCROLL_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802,A002 - Qt's names
        moved = super().focusNextPrevChild(next)
        if moved:
            # The link now under the keyboard's cursor is kept in view in the scrolling page,
            # and said: Qt's text has no link objects for a screen reader to land on.
            cursor = self.textCursor()
            self.linkFocused.emit(self.cursorRect(cursor).center().y())
            if cursor.hasSelection():
                announce(self, tr("{text}, link").format(text=cursor.selectedText()))
        return moved

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() != PAGE_SCHEME:
            return
        path = url.path()
        if path.startswith("page/"):
            self.pageLinkActivated.emit(path.removeprefix("page/"))
        elif path.startswith("term/"):
            self.termActivated.emit(path.removeprefix("term/"))
        elif path.startswith("qr/") and path.removeprefix("qr/").isdigit():
            self.qrLinkActivated.emit(int(path.removeprefix("qr/")))


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
                 glossary: Glossary | None = None, parent: QWidget | None = None) -> None:
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
        self._note = QLabel(objectName="pageNote")
        self._note.setWordWrap(True)
        self._note.setVisible(page.fallback)
        self._footer = QLabel(objectName="pageFooter")
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
        _kinetic(self.viewport())
        if self._figure_colours is not None:
            self._text.figures.colours = self._figure_colours
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
        self.next_button.setText(f"{label}  ›")
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
        self._rendered = render(self.page, self._root, self._glossary)
        for problem in self._rendered.problems:
            log.warning("%s", problem)
        self.text.figures.set_figures(self._rendered.figures)
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
            self._text.figures.colours = palette

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
                  glossary: Glossary | None) -> None:
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

    def sentences(self) -> list[tuple[int, int, str]]:
        """The page's sentences as (start, end, text) positions in its document."""
        self.ensure_rendered()
        found = []
        block = self.text.document().begin()
        while block.isValid():
            text = block.text()
            for first, last in readability.sentence_spans(text):
                sentence = text[first:last]
                if any(c.isalnum() for c in sentence):
                    found.append((block.position() + first, block.position() + last, sentence))
            block = block.next()
        return found

    def highlight(self, span: tuple[int, int] | None) -> None:
        """Mark the sentence being read aloud (None clears it) and keep it in view."""
        if span is None:
            if self._built:
                self._text.setExtraSelections([])
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
