"""The floor that Qt sets: a bare PySide6 QWidget covering the screen, nothing else.

Same Python, same Qt and the same way of covering a bare X server as the kiosk
(frameless, sized to the screen, shown full screen), filled with the kiosk's page
background colour so the bench's first-frame probe sees it the same way.
Stops on SIGTERM like the kiosk.
"""

import signal
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def dress(window: QWidget, app: QApplication) -> None:
    """Make ``window`` the bare window: frameless, the page background, the screen's size."""
    window.setWindowTitle("bare window")
    window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint)
    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#fbfaf7"))
    window.setPalette(palette)
    window.setAutoFillBackground(True)
    window.setGeometry(app.primaryScreen().geometry())


def main() -> int:
    app = QApplication(sys.argv)
    window = QWidget()
    dress(window, app)
    window.showFullScreen()
    window.activateWindow()
    signal.signal(signal.SIGTERM, lambda *_: app.exit(0))
    # Like the kiosk: wake Python now and then so it sees the signal.
    ticker = QTimer(app, interval=250)
    ticker.timeout.connect(lambda: None)
    ticker.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
