"""Open everything the kiosk can show: every page, every link and term on it, every popup.

``tour(window)`` works on the real main window in this process (pytest-qt tests use it).
Run as a script, it starts the real kiosk (``main.py`` with the given arguments, through
``runpy``, exactly as ``python main.py ...``) and tours it from inside once its window is
up, then prints ``TOUR DONE <what was opened>`` and leaves the kiosk running for the caller
to stop with SIGTERM. Taps on links and terms are real mouse events on the text; every
popup is painted (``grab``), which is when Qt loads a label's pictures.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _settle(widget=None) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    if widget is not None and widget.isVisible():
        widget.grab()  # paint it: a rich-text label would load its pictures now


def _anchors(view) -> list[tuple[int, str]]:
    """(position, href) of each link in the page's document."""
    found, block = [], view.text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href and (not found or found[-1][1] != href):
                found.append((fragment.position(), href))
            it += 1
        block = block.next()
    return found


def _tap_at(view, position: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    cursor = QTextCursor(view.text.document())
    cursor.setPosition(position + 1)
    point = view.text.cursorRect(cursor).center()
    inside = view.text.mapTo(view.widget(), point)
    view.ensureVisible(inside.x(), inside.y(), 0, 100)
    _settle()
    cursor.setPosition(position)
    start = view.text.cursorRect(cursor)
    point = start.center()
    point.setX(point.x() + 3)
    QTest.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)


def tour(window) -> list[str]:
    """Open every page, link QR code, glossary term, popup and mode of ``window``."""
    opened: list[str] = []
    _settle(window)
    if window.showing_attract:
        window.visit.start_reading()
    for index, page in enumerate(window.pages):
        window.navigator.go(index)
        view = window.current_view
        view.ensure_rendered()
        _settle(window)
        opened.append(f"page:{page.slug}")
        if view.take_home_button.isVisible():
            view.take_home_button.click()
            _settle(window.take_home)
            if window.take_home.isVisible():
                opened.append("take-home")
            window.take_home.close_popup()
        for position, href in _anchors(view):
            if not href.startswith(("kiosk:qr/", "kiosk:term/")):
                continue
            _tap_at(view, position)
            for popup, name in ((window.take_home, "link-qr"), (window.glossary_popup, "term")):
                _settle(popup)
                if popup.isVisible():
                    opened.append(name)
                    popup.hide()
            window.navigator.go(index)
    # Terms no page text reaches (a hostile term's name is not in any page): open them too.
    for entry in window.deck.glossary.entries if window.deck.glossary else ():
        window.deck.open_term(entry.term)
        _settle(window.glossary_popup)
        opened.append("glossary-entry")
        window.glossary_popup.hide()
    window.countdown.start()
    _settle(window.countdown)
    opened.append("countdown")
    window.countdown.cancel()
    window.pin_pad.open_pad()
    window.pin_pad.press("1")
    _settle(window.pin_pad)
    opened.append("pin-pad")
    window.pin_pad.close_pad()
    window.staff_menu.open_menu(window.status.text())
    _settle(window.staff_menu)
    opened.append("staff-menu")
    window.staff_menu.hide()
    window.bundle_picker.open_picker()
    _settle(window.bundle_picker)
    opened.append("usb-picker")
    window.bundle_picker.hide()
    if window.presentation is not None:
        view = window.presentation.open_presenter_view(None)
        for index in range(len(window.pages)):
            window.navigator.go(index)
            _settle(view)
        opened.append("presenter-view")
        view.hide()
    window.reset("idle")
    _settle(window)
    opened.append("attract")
    return opened


def _tour_when_up() -> None:
    """In a helper thread: wait for the kiosk's window, then tour it in the GUI thread."""
    from PySide6.QtCore import QObject, Qt, Signal
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        app = QApplication.instance()
        windows = [w for w in (app.topLevelWidgets() if app else [])
                   if type(w).__name__ == "MainWindow" and w.isVisible()
                   and getattr(w, "is_ready", True)]  # every part built (after the first frame)
        if windows:
            break
        time.sleep(0.05)
    else:
        sys.stdout.write("TOUR FAILED no window\n")
        sys.stdout.flush()
        return

    class Go(QObject):
        fire = Signal()

        def run(self) -> None:
            done = tour(windows[0])
            sys.stdout.write(f"TOUR DONE pid={os.getpid()} " + " ".join(sorted(set(done)))
                             + "\n")
            sys.stdout.flush()

    go = Go()
    go.moveToThread(app.thread())
    go.fire.connect(go.run, Qt.ConnectionType.QueuedConnection)
    go.fire.emit()
    _keep.append(go)


_keep: list = []

if __name__ == "__main__":
    threading.Thread(target=_tour_when_up, daemon=True).start()
    sys.argv = [str(ROOT / "main.py"), *sys.argv[1:]]
    sys.path.insert(0, str(ROOT))
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
