"""A page's text on screen: rich text from our renderer, its links forwarded, its pictures
read only from inside the content folder (anything else is an empty picture, never Qt's
own fallback to the file system)."""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFontInfo, QImage, QTextDocument
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from kiosk.gui.access import announce
from kiosk.gui.i18n import tr

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
        # Made when a page first has a figure: QtSvg and the drawings cost 25 ms to load,
        # and the first page a patient sees may have none.
        self._figures = None
        self._figure_colours: dict[str, str] | None = None
        self._html = ""
        # Figures are drawn for the text's width: draw them again when it settles elsewhere.
        self._redraw = QTimer(self, singleShot=True, interval=60)
        self._redraw.timeout.connect(self._redraw_figures)

    @property
    def figures(self):
        """The page's :class:`~kiosk.gui.figures.FigureSource` (made on first need)."""
        if self._figures is None:
            from kiosk.gui.figures import FigureSource

            self._figures = FigureSource()
            if self._figure_colours is not None:
                self._figures.colours = self._figure_colours
        return self._figures

    def set_figures(self, figures: tuple[tuple[str, object], ...]) -> None:
        """Use the figures of a newly rendered page (none: nothing is loaded for them)."""
        if figures or self._figures is not None:
            self.figures.set_figures(figures)

    def set_figure_colours(self, palette: dict[str, str]) -> None:
        """Draw figures and icons in ``palette``'s colours (the theme in use)."""
        self._figure_colours = palette
        if self._figures is not None:
            self._figures.colours = palette

    def _drawn_width(self) -> int:
        return self._figures.drawn_width if self._figures is not None else 0

    def setHtml(self, html: str) -> None:  # noqa: N802 - Qt's name
        """Show ``html`` (kept, so that figures can be drawn again at a new width), with no
        heading leaving its last word alone on a line."""
        from kiosk.typography import bind_heading_words

        html = bind_heading_words(html)
        self._html = html
        super().setHtml(html)

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt's name
        """Serve pictures from inside the content folder; refuse everything else.

        A refusal is an empty image or empty bytes, never None: for None Qt goes on to read
        the URL as a file itself, and the sanitizer would be all that stands between a page
        and the disk.
        """
        # Asked only while a page's text (rendered by kiosk.render) is laid out: loaded by then.
        from kiosk.render import FIGURE_SCHEME, resolve_image

        if kind != QTextDocument.ResourceType.ImageResource.value:
            return QByteArray()
        if url.scheme() == FIGURE_SCHEME:
            image = self.figures.image(url.path(), self.figure_width(), self.body_px(),
                                       self.devicePixelRatioF())
            return image if image is not None else QImage()
        path = resolve_image(self._root, url.toString())
        if path is not None:
            image = QImage(str(path))
            if not image.isNull():
                return image
        return QImage()

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
        drawn = self._drawn_width()
        if drawn and abs(drawn - round(self.figure_width())) > 4:
            self._redraw.start()

    def _redraw_figures(self) -> None:
        if self._drawn_width() and self._html:
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
        from kiosk.render import PAGE_SCHEME

        if url.scheme() != PAGE_SCHEME:
            return
        path = url.path()
        if path.startswith("page/"):
            self.pageLinkActivated.emit(path.removeprefix("page/"))
        elif path.startswith("term/"):
            self.termActivated.emit(path.removeprefix("term/"))
        elif path.startswith("qr/") and path.removeprefix("qr/").isdigit():
            self.qrLinkActivated.emit(int(path.removeprefix("qr/")))
