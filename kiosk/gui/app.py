"""Start Qt, load the bundled font, and run the kiosk window until the system stops it."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.config import Exit, Settings
from kiosk.content import load_pages
from kiosk.theme import ASSETS, Metrics

log = logging.getLogger("kiosk")
FONT_FAMILY = "Atkinson Hyperlegible"


def application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it and loading the bundled font the first time."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("hair-kiosk")
        app.setApplicationDisplayName("Stem cell therapy for hair loss")
    load_fonts()
    return app


def load_fonts(folder: Path = ASSETS / "fonts") -> None:
    """Register the bundled typeface, so the kiosk looks the same on every machine."""
    if FONT_FAMILY in QFontDatabase.families():
        return
    for path in sorted(folder.glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load the font %s", path)


def build_window(settings: Settings):
    """Read the pages and build the main window (not yet shown)."""
    from kiosk.gui.mainwindow import MainWindow

    pages = load_pages(settings.content, settings.lang)
    return MainWindow(pages, settings.content)


def run(settings: Settings) -> int:
    """Show the kiosk (full screen unless windowed) and run until quit; return the status."""
    app = application()
    window = build_window(settings)
    if settings.windowed:
        window.resize(*settings.window_size)
        window.apply_metrics(Metrics.for_size(*settings.window_size))
        window.show()
    else:
        from kiosk.gui.screen import ScreenCover

        screen = app.primaryScreen().geometry()
        window.apply_metrics(Metrics.for_size(screen.width(), screen.height()))
        window.cover = ScreenCover(window)
        window.cover.show()
    _quit_on_signals(app)
    app.exec()
    return Exit.OK


def _quit_on_signals(app: QApplication) -> None:
    """End cleanly on Ctrl+C or SIGTERM (systemd's stop), even while Qt's loop runs."""

    def stop(signum: int, _frame: object) -> None:
        log.info("stopping on signal %s", signal.Signals(signum).name)
        app.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # Python runs signal handlers only between bytecodes: wake it up now and then.
    ticker = QTimer(app, interval=250)
    ticker.timeout.connect(lambda: None)
    ticker.start()
