"""A layer over the whole window that darkens what is under it and holds a card."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget


class Overlay(QWidget):
    """Covers its parent window and keeps covering it when the window is resized.

    Subclasses put their controls in ``self.card``, a centred panel.

    Signals:
        visibilityChanged(bool): the overlay opened (True) or closed; the state model hears it.
    """

    visibilityChanged = Signal(bool)

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QFrame(self, objectName="overlayCard")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def open(self) -> None:
        """Show over everything else in the window."""
        self.setGeometry(self.parentWidget().rect())
        self.fit_card()
        self.show()
        self.raise_()

    def fit_card(self) -> None:
        """Give the card the height its wrapped text needs at the width it will get.

        A centred widget is laid out at its size hint, and a size hint knows nothing of
        word wrap: without this the second line of a long meaning is cut off.
        """
        self.card.setMinimumHeight(0)
        width = min(self.card.sizeHint().width(), max(1, self.width() - 48))
        # heightForWidth is -1 for a card with nothing that wraps: then the hint is right.
        self.card.setMinimumHeight(max(self.card.sizeHint().height(),
                                       self.card.heightForWidth(width)))
