"""What presentation mode adds to the screens: a progress strip, a black layer, a presenter view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.gui.i18n import tr
from kiosk.gui.plainlabel import PlainLabel
from kiosk.gui.presenter import Presenter
from kiosk.presentation import clock


class PresentBar(QFrame):
    """A thin strip under the page: a progress bar through the talk and "3 / 6"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentBar")
        self.progress = QProgressBar(objectName="presentProgress")
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(tr("Progress through the talk"))
        self.state = PlainLabel(objectName="presentState")
        self.count = PlainLabel(objectName="presentCount")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.state)
        row.addWidget(self.count)

    def show_position(self, index: int, count: int) -> None:
        """Show that page ``index`` (from 0) of ``count`` is on screen."""
        self.progress.setRange(0, max(1, count))
        self.progress.setValue(index + 1)
        self.count.setText(f"{index + 1} / {count}")

    def show_state(self, presenter: Presenter) -> None:
        """Say when the talk is paused (a touch pause ends by itself)."""
        if presenter.blanked or presenter.running:
            text = ""
        elif presenter.touch_paused:
            text = tr("Paused while you read")
        else:
            text = tr("Paused")
        self.state.setText(text)
        self.state.setVisible(bool(text))


class BlankScreen(QWidget):
    """A black layer over the whole audience window (the B key of a clicker)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("blankScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(tr("The screen is blank"))
        parent.installEventFilter(self)
        self.hide()

    def set_blank(self, blank: bool) -> None:
        """Cover the window in black, or uncover it."""
        if blank:
            self.setGeometry(self.parentWidget().rect())
            self.show()
            self.raise_()
        else:
            self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False


class PresenterView(QWidget):
    """The presenter's own screen: this page and the next, the time, and the speaker notes."""

    def __init__(self, presenter: Presenter, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterView")
        self.setWindowTitle(tr("Presenter view"))
        self._presenter = presenter
        self.now = PlainLabel(objectName="presenterNow")
        self.next = PlainLabel(objectName="presenterNext")
        self.elapsed = PlainLabel(objectName="presenterClock")
        self.state = PlainLabel(objectName="presenterState")
        self.notes = PlainLabel(objectName="presenterNotes")
        for label in (self.now, self.next, self.state, self.notes):
            label.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(objectName="presenterNotesArea")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.notes)
        top = QHBoxLayout()
        top.addWidget(self.now, 1)
        top.addWidget(self.elapsed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.next)
        layout.addWidget(self.state)
        layout.addWidget(PlainLabel("Speaker notes", objectName="presenterHeading"))
        layout.addWidget(scroll, 1)
        self._tick = QTimer(self, interval=1000)
        self._tick.setTimerType(Qt.TimerType.CoarseTimer)
        self._tick.timeout.connect(self.refresh_clock)

    def show_page(self, index: int, titles: list[str], notes: str) -> None:
        """Show page ``index``'s title, the next page's title and this page's notes."""
        count = len(titles)
        self.now.setText(tr("Now {n} / {count}: {page}").format(
            n=index + 1, count=count, page=titles[index]) if count else "")
        following = titles[(index + 1) % count] if count else ""
        self.next.setText(tr("Next: {page}").format(page=following) if index + 1 < count
                          else tr("Next: {page} (back to the start)").format(page=following))
        self.notes.setText(notes or tr("No notes for this page."))
        self.refresh_clock()

    def refresh_clock(self) -> None:
        """Update the elapsed time and the state line."""
        presenter = self._presenter
        self.elapsed.setText(clock(presenter.elapsed))
        if presenter.blanked:
            state = tr("Audience screen is black (press B to bring it back)")
        elif presenter.running:
            state = tr("Next page in {time}").format(time=clock(presenter.seconds_left))
        elif presenter.touch_paused:
            state = tr("Paused: someone touched the screen; it goes on by itself")
        else:
            state = tr("Paused (F5 or A to go on)")
        self.state.setText(state)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._tick.stop()
        super().hideEvent(event)
