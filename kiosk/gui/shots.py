"""Render every page (and the kiosk's other screens) to PNG, offscreen, as the kiosk loads them.

Each picture starts from the state the next patient finds (``MainWindow.reset``): every card
closed, the first page at the top. Then only what that picture is about is opened, so nothing
left over from the picture before shows through.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from kiosk.config import Exit, Settings

log = logging.getLogger("kiosk")

#: One picture: its file name (without ``.png``) and what to open on a clean window.
Shot = tuple[str, Callable[[], None]]


def write_shots(settings: Settings, folder: Path) -> int:
    """Write ``<n>-<slug>.png`` per page, plus the attract, countdown and PIN screens."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.gui.app import application, build_window

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        log.error("cannot write to %r: %s", str(folder), getattr(exc, "strerror", None) or exc)
        return Exit.USAGE
    app = application()
    window = build_window(shot_settings(settings))
    width, height = settings.window_size
    window.resize(width, height)
    window.restyle()
    window.show()

    def save(name: str, widget=None) -> bool:
        app.processEvents()
        path = folder / f"{name}.png"
        if not (widget or window).grab().save(str(path)):
            log.error("could not write %s", path)
            return False
        log.info("wrote %s", path)
        return True

    for name in staged_shots(window):
        if not save(name):
            return Exit.USAGE
    window.close()
    return _presentation_shots(settings, folder, save)


def shot_settings(settings: Settings) -> Settings:
    """The kiosk's look, without its lockdown or timers: nothing here waits for a patient."""
    return dataclasses.replace(settings, mode="windowed", attract=True, idle_timeout=0,
                               motion=False)


def staged_shots(window) -> Iterator[str]:
    """Put each picture on screen in turn and yield its name; reset the window at the end."""
    for name, show in kiosk_shots(window):
        window.reset("staff")
        show()
        yield name
    window.reset("staff")


def kiosk_shots(window) -> list[Shot]:
    """The kiosk's pictures in order; each opener expects a freshly reset window."""
    shots: list[Shot] = [("attract", lambda: None)]
    shots += [(f"{i + 1}-{page.slug}", lambda i=i: _page(window, i))
              for i, page in enumerate(window.pages)]
    shots += [("take-home-safety", lambda: _take_home(window, "safety")),
              ("still-reading", lambda: _countdown(window)),
              ("staff-pin", lambda: _pin_pad(window))]
    return shots


def _presentation_shots(settings: Settings, folder: Path, save) -> int:
    """Presentation mode (a page with its progress strip) and the presenter view."""
    from kiosk.gui.app import build_window

    # A page stays 90 s: nothing moves on before the pictures are taken (a second or two).
    talk = dataclasses.replace(settings, mode="windowed", present=True, present_seconds=90,
                               idle_timeout=0, motion=False)
    window = build_window(talk)
    width, height = settings.window_size
    window.resize(width, height)
    window.restyle()
    window.show()
    index = next((i for i, p in enumerate(window.pages) if p.slug == "timeline"), 0)
    window.navigator.go(index)
    ok = save(f"present-{index + 1}-{window.pages[index].slug}", window)
    view = window.presentation.open_presenter_view(None)
    view.resize(width, height)
    ok = ok and save("presenter-view", view)
    view.close()
    window.close()
    window.deleteLater()
    return Exit.OK if ok else Exit.USAGE


def _take_home(window, slug: str) -> None:
    window.visit.start_reading()
    window.deck.show_page(slug)
    window.take_home.show_page(window.current_view.page)


def _page(window, index: int) -> None:
    window.visit.start_reading()
    window.navigator.go(index)


def _countdown(window) -> None:
    window.visit.start_reading()
    window.countdown.start()


def _pin_pad(window) -> None:
    window.visit.start_reading()
    window.pin_pad.open_pad()
    for digit in "12":
        window.pin_pad.press(digit)
