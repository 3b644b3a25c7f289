"""What presentation mode adds to the screens: a progress strip, a black layer, a presenter view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
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
    """The presenter's own screen: this slide and the next as pictures, the time gone, the
    time of day, the time left on this slide (or that it is paused or black), and the
    speaker notes in large type.

    ``next_picture(index)`` draws slide ``index`` (None: no picture, its title stands in);
    this slide's picture is the audience window itself, so it shows blank and pause as the
    room sees them. ``wall`` gives the time of day (injectable for tests).
    """

    def __init__(self, presenter: Presenter, parent: QWidget | None = None,
                 next_picture: Callable[[int], QPixmap | None] | None = None,
                 wall: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterView")
        self.setWindowTitle(tr("Presenter view"))
        self._presenter = presenter
        self._next_picture = next_picture
        self._wall = wall
        self._pictures: dict[str, QPixmap | None] = {"now": None, "next": None}
        self._next_title = ""
        self.now = PlainLabel(objectName="presenterNow")
        self.next = PlainLabel(objectName="presenterNext")
        self.elapsed = PlainLabel(objectName="presenterClock")
        self.time_of_day = PlainLabel(objectName="presenterClock")
        self.state = PlainLabel(objectName="presenterState")
        self.notes = PlainLabel(objectName="presenterNotes")
        self.this_slide = PlainLabel(objectName="presenterSlide")
        self.next_slide = PlainLabel(objectName="presenterSlide")
        for label in (self.now, self.next, self.state, self.notes):
            label.setWordWrap(True)
        for label in (self.this_slide, self.next_slide):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            label.setMinimumSize(160, 90)
        self.this_slide.setAccessibleName(tr("This slide"))
        self.next_slide.setAccessibleName(tr("Next slide"))
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(objectName="presenterNotesArea")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.notes)
        times = QGridLayout()
        for row, (caption, value) in enumerate(((tr("Elapsed"), self.elapsed),
                                                (tr("Time"), self.time_of_day))):
            times.addWidget(PlainLabel(caption, objectName="presenterHeading"), row, 0)
            times.addWidget(value, row, 1)
        side = QVBoxLayout()
        side.addWidget(self.next)
        side.addWidget(self.next_slide, 1)
        side.addLayout(times)
        side.addWidget(self.state)
        slides = QHBoxLayout()
        slides.setSpacing(32)
        slides.addWidget(self.this_slide, 3)
        slides.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(12)
        layout.addWidget(self.now)
        layout.addLayout(slides, 5)
        layout.addWidget(PlainLabel(tr("Speaker notes"), objectName="presenterHeading"))
        layout.addWidget(scroll, 3)
        self._tick = QTimer(self, interval=1000)
        self._tick.setTimerType(Qt.TimerType.CoarseTimer)
        self._tick.timeout.connect(self.refresh_clock)

    def show_page(self, index: int, titles: list[str], notes: str) -> None:
        """Show slide ``index`` and the next one, their titles, and this slide's notes."""
        count = len(titles)
        self.now.setText(tr("Now {n} / {count}: {page}").format(
            n=index + 1, count=count, page=titles[index]) if count else "")
        following = titles[(index + 1) % count] if count else ""
        self.next.setText(tr("Next: {page}").format(page=following) if index + 1 < count
                          else tr("Next: {page} (back to the start)").format(page=following))
        self.notes.setText(notes or tr("No notes for this page."))
        upcoming = (index + 1) % count if count else 0
        self._pictures["next"] = self._next_picture(upcoming) if self._next_picture else None
        self._next_title = following  # shown in place of a picture that cannot be drawn
        self.refresh_clock()

    def refresh_clock(self) -> None:
        """Update the times, the state line and the picture of what the room sees now."""
        presenter = self._presenter
        self.elapsed.setText(clock(presenter.elapsed))
        self.time_of_day.setText(f"{self._wall():%H:%M}")
        if presenter.blanked:
            state = tr("Audience screen is black (press B to bring it back)")
        elif presenter.running:
            state = tr("Next page in {time}").format(time=clock(presenter.seconds_left))
        elif presenter.touch_paused:
            state = tr("Paused: someone touched the screen; it goes on by itself")
        else:
            state = tr("Paused (F5 or A to go on)")
        self.state.setText(state)
        audience = self.parentWidget()
        self._pictures["now"] = audience.grab() if audience is not None else None
        self._fit_pictures()

    def _fit_pictures(self) -> None:
        for key, label in (("now", self.this_slide), ("next", self.next_slide)):
            picture = self._pictures[key]
            if picture is None or picture.isNull():
                label.setText(self._next_title if key == "next" else "")  # clears a picture
                continue
            label.setPixmap(picture.scaled(label.contentsRect().size(),
                                           Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_pictures()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._tick.stop()
        super().hideEvent(event)
