"""Keep the kiosk window over the whole screen, with or without a window manager."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QLayout, QWidget


class ScreenCover(QObject):
    """Sizes a frameless window to its screen and follows resolution or screen changes.

    ``showFullScreen()`` alone leaves a small window where no window manager runs, and
    nobody gives such a window the keyboard focus: so the geometry is set by hand and
    the window takes the focus itself.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._screen: QScreen | None = None
        window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint)
        # The window is the screen, whatever its layout would like: otherwise the minimum
        # size of the type styled for the old, larger screen keeps it wider than a smaller
        # new one (1059 px on a 1024x768 screen), and the restyle for the new size comes
        # after the geometry was clamped.
        if window.layout() is not None:
            window.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        app = QGuiApplication.instance()
        app.primaryScreenChanged.connect(self._follow)
        app.screenRemoved.connect(lambda _screen: self._follow(QGuiApplication.primaryScreen()))

    def show(self) -> None:
        """Show the window over its whole screen and take the keyboard focus."""
        self._follow(self._window.screen() or QGuiApplication.primaryScreen())
        self._window.showFullScreen()
        self._window.raise_()
        self._window.activateWindow()

    def _follow(self, screen: QScreen | None) -> None:
        if screen is None:
            return
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self._cover)
        self._screen = screen
        screen.geometryChanged.connect(self._cover)
        if self._window.windowHandle() is not None:
            self._window.windowHandle().setScreen(screen)
        self._cover()

    def _cover(self) -> None:
        if self._screen is not None:
            self._window.setGeometry(self._screen.geometry())
