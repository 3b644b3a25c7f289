"""The "Take this home" popup: a large QR code a phone's camera reads, with no network."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.gui.access import tap_closes
from kiosk.gui.i18n import tr
from kiosk.gui.overlay import TapCard
from kiosk.gui.plainlabel import PlainLabel
from kiosk.takehome import TakeHome, for_link, for_page, qr_matrix

log = logging.getLogger("kiosk")


class QrCode(QWidget):
    """A QR code drawn module by module at a whole number of pixels each, so it stays sharp.

    Dark modules are black on white whatever the theme: phone cameras need that contrast.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrCode")
        self._matrix: list[list[bool]] = []
        self._side = 300
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_payload(self, payload: str) -> None:
        """Show the code for ``payload``."""
        self._matrix = qr_matrix(payload)
        self.update()

    @property
    def modules(self) -> int:
        """Modules per side, quiet zone included."""
        return len(self._matrix)

    def set_side(self, side: int) -> None:
        """Make the code about ``side`` pixels square (rounded down to whole modules)."""
        self._side = max(64, side)
        self.setFixedSize(self.sizeHint())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        count = max(1, self.modules or 33)
        side = max(1, self._side // count) * count
        return QSize(side, side)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        count = self.modules
        if not count:
            return
        size = max(1, min(self.width(), self.height()) // count)
        x0 = (self.width() - size * count) // 2
        y0 = (self.height() - size * count) // 2
        # One image of one pixel per module, scaled by a whole number with no smoothing:
        # every module is a sharp square (and one draw call, not thousands).
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(QRect(x0, y0, size * count, size * count), self._image())

    def _image(self) -> QImage:
        count = self.modules
        pixels = bytes(0 if dark else 255 for row in self._matrix for dark in row)
        return QImage(pixels, count, count, count, QImage.Format.Format_Grayscale8).copy()


class TakeHomePopup(TapCard):
    """A large QR code with what it holds and how to use it; a tap anywhere closes it.

    Signals:
        closed(): the popup was closed (from :class:`TapCard`).
    """

    def __init__(self, parent: QWidget, kiosk_url: str = "") -> None:
        super().__init__(parent, "takeHome")
        tap_closes(self)  # a tap anywhere closes it: its Press action does too
        self._kiosk_url = kiosk_url
        self.current: TakeHome | None = None
        self.title = PlainLabel(objectName="overlayTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.code = QrCode()
        self.caption = PlainLabel(objectName="overlayText")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.hint = PlainLabel(tr("Tap anywhere to close"), objectName="takeHomeHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self.card)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        layout.addWidget(self.hint)

    def show_page(self, page) -> None:
        """Open with the code for ``page`` (its URL, or its summary as text)."""
        self.show_code(for_page(page, self._kiosk_url))

    def show_link(self, text: str, url: str) -> None:
        """Open with the code for an outside link, to open later on a phone."""
        self.show_code(for_link(text, url))

    def show_code(self, item: TakeHome) -> None:
        """Open with ``item``'s code, as large as the window allows."""
        self.current = item
        self.title.setText(tr("Take this home: {page}").format(page=item.title))
        captions = {
            "page-url": tr("Scan with your phone's camera to open this page's web address."),
            "page-text": tr("Scan with your phone's camera to keep these key facts. "
                            "It works with no internet."),
            "link": tr("Scan to open {address} on your phone later. "
                       "The kiosk does not open links.").format(address=item.address),
        }
        self.caption.setText(captions.get(item.kind, item.caption))
        self.hint.setText(tr("Tap anywhere to close"))
        self.code.set_payload(item.payload)
        # What the code holds, said in words: the address, or that it holds the key facts.
        self.code.setAccessibleName(tr("QR code: {what}").format(
            what=(item.address or item.payload) if item.is_url
            else tr("the key facts of this page")))
        self.setAccessibleName(f"{self.title.text()}. {self.caption.text()}")
        window = self.parentWidget()
        self.code.set_side(round(min(window.height() * 0.58, window.width() * 0.6)))
        self.caption.setMaximumWidth(max(self.code.width(), round(window.width() * 0.5)))
        self.title.setMaximumWidth(round(window.width() * 0.8))
        self.open()

