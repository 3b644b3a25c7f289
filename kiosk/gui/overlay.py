"""A layer over the whole window that darkens what is under it and holds a card.

For a keyboard or a screen reader an overlay is a dialog (an alert for the countdown): it takes
the focus when it opens and holds it (Tab cycles inside), and gives it back when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget
from shiboken6 import isValid

from kiosk.gui.access import set_role


class Overlay(QWidget):
    """Covers its parent window and keeps covering it when the window is resized.

    Subclasses put their controls in ``self.card``, a centred panel.

    Signals:
        visibilityChanged(bool): the overlay opened (True) or closed; the state model hears it.
    """

    visibilityChanged = Signal(bool)

    def __init__(self, parent: QWidget, name: str, role: str = "dialog") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        set_role(self, role)
        # Focusable by code and Tab only: a tap on the dimmed page never shows a ring.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._return_focus: QWidget | None = None
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

    def open(self) -> None:
        """Show over everything else in the window."""
        self.setGeometry(self.parentWidget().rect())
        self.fit_card()
        before = QApplication.focusWidget()
        if before is not None and before is not self and not self.isAncestorOf(before):
            self._return_focus = before
        self.show()
        self.raise_()
        # A screen reader speaks the dialog (or alert) and its name as the focus enters it.
        self._focusables()[0].setFocus(Qt.FocusReason.PopupFocusReason)

    def close_popup(self) -> None:
        """Close as a tap would (Escape calls this); subclasses say more."""
        self.hide()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.visibilityChanged.emit(False)
        # The focus goes back where it was, if that is still on screen.
        back, self._return_focus = self._return_focus, None
        if back is not None and isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.PopupFocusReason)

    def _focusables(self) -> list[QWidget]:
        found = [w for w in self.card.findChildren(QWidget)
                 if w.isVisibleTo(self) and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        return found or [self]

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802,A002 - Qt's names
        # Tab stays inside while the overlay is open: nothing hidden behind it is reachable.
        chain = self._focusables()
        here = QApplication.focusWidget()
        index = chain.index(here) if here in chain else -1
        chain[(index + (1 if next else -1)) % len(chain)].setFocus(Qt.FocusReason.TabFocusReason)
        return True

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


class TapCard(Overlay):
    """An overlay that a tap anywhere closes, on the card too: nothing on it needs a second
    tap (a glossary meaning, a take-home code).

    Signals:
        closed(): the card was closed.
    """

    closed = Signal()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.close_popup()

    def close_popup(self) -> None:
        """Hide the card (a tap anywhere, or Escape)."""
        if self.isVisible():
            self.hide()
            self.closed.emit()
