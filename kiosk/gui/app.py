"""Start Qt, load the bundled font, and run the kiosk window until staff or the system stop it."""

from __future__ import annotations

import dataclasses
import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCursor, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk import watchdog
from kiosk.config import Exit, Settings
from kiosk.content import load_pages
from kiosk.logbuffer import RecentWarnings
from kiosk.resources import FONTS
from kiosk.theme import FONT_FAMILY

log = logging.getLogger("kiosk")


def application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it and loading the bundled font the first time."""
    app = QApplication.instance()
    if app is None:
        from kiosk.platformcheck import problem

        # Qt would abort (134) with a message that never names the missing library.
        if (why := problem()) is not None:
            log.error("%s", why)
            raise SystemExit(Exit.PROBLEMS)
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("hair-kiosk")
        app.setApplicationDisplayName("Stem cell therapy for hair loss")
        app.setQuitOnLastWindowClosed(True)
    if getattr(app, "recent_warnings", None) is None:  # also for an app made by someone else
        app.recent_warnings = RecentWarnings()
        logging.getLogger("kiosk").addHandler(app.recent_warnings)
    load_fonts()
    return app


def load_fonts(folder: Path = FONTS) -> None:
    """Register the bundled typeface, so the kiosk looks the same on every machine."""
    if FONT_FAMILY in QFontDatabase.families():
        return
    for path in sorted(folder.glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load the font %s", path)


def build_window(settings: Settings, staged: bool = False):
    """Read the pages and build the main window (not yet shown).

    ``staged``: only what the first frame shows is made now, the rest after that frame
    (see MainWindow).
    """
    from kiosk.gui.mainwindow import MainWindow

    if settings.presenting:  # a talk starts on its first page, with no "Touch to start"
        settings = dataclasses.replace(settings, attract=False)
    pages = load_pages(settings.content, settings.lang)
    window = MainWindow(pages, settings, staged=staged)

    def focus_rings() -> None:
        # After the router's and the access keys' filters, as their keys come first.
        from kiosk.gui.focusrings import FocusRings

        window.focus_rings = FocusRings(window)

    window.when_ready(focus_rings)
    return window


def run(settings: Settings) -> int:
    """Show the kiosk (full screen unless windowed) and run until stopped; return the status."""
    app = application()
    window = build_window(settings, staged=True)
    guard = None
    if settings.windowed:
        window.resize(*settings.window_size)
        window.restyle()
        window.show()
    else:
        from kiosk.gui.screen import ScreenCover

        # No styling before the window has the screen's size: showing it restyles for that
        # size once (styling first would fill and apply the style sheet twice, and make the
        # frameless flag re-polish every widget).
        window.cover = ScreenCover(window)
        if settings.locked:
            from kiosk.gui.windowguard import WindowGuard

            guard = WindowGuard(window)
        window.cover.show()
        if guard is not None:
            guard.start()
    if settings.hide_cursor:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def stop() -> None:
        window.allow_close()
        # exit(), not quit(): quit() asks windows to close, and a kiosk refuses that.
        app.exit(0)

    window.exitRequested.connect(stop)
    _stop_on_signals(stop)
    _report_to_systemd(app, guard.showing if guard is not None else None)
    recording = []

    def record() -> None:
        from kiosk.gui.recording import attach

        recording.append(attach(window, settings))

    window.when_ready(record)
    from kiosk.gui.faults import FaultHandler

    # A fault ends the session as the kiosk stopping would: nobody chose to leave.
    faults = FaultHandler(lambda: window.reset("exit")).install()
    status = app.exec()  # non-zero when the kiosk cannot go on (its window was destroyed)
    faults.uninstall()
    if recording and recording[0] is not None:
        recording[0].stop()
    return status or Exit.OK


def _stop_on_signals(stop) -> None:
    """End cleanly on Ctrl+C or SIGTERM (systemd's stop), even while Qt's loop runs."""

    def handler(signum: int, _frame: object) -> None:
        log.info("stopping on signal %s", signal.Signals(signum).name)
        stop()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    # Python runs signal handlers only between bytecodes: wake it up now and then.
    ticker = QTimer(QApplication.instance(), interval=500)
    ticker.setTimerType(Qt.TimerType.CoarseTimer)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def _report_to_systemd(app: QApplication, showing=None) -> None:
    """READY=1 once the loop runs; then WATCHDOG=1 from the GUI thread, so a hang is seen.

    ``showing`` (the window guard's) says whether the content is really on screen: the
    watchdog is petted only then, so a kiosk that lost its screen for good is restarted.
    """
    QTimer.singleShot(0, lambda: watchdog.notify("READY=1"))
    period = watchdog.interval_ms()
    if period:
        pet = QTimer(app, interval=period)
        pet.timeout.connect(lambda: (showing is None or showing())
                            and watchdog.notify("WATCHDOG=1"))
        pet.start()
