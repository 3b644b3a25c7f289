"""Issue 16: the kiosk shows its first screen before the rest of it is built; what a patient
does in between is kept and acted on, and every page still shows when chosen.

Built as the kiosk runs (``build_window(staged=True)``): only the welcome screen (or the
first page) before the first frame, the other parts after it. No sleeps: every wait is for
what the patient would see.
"""

import re
import shutil

import pytest
from conftest import CONTENT, tap_window

from kiosk.config import Settings
from kiosk.content import load_pages


@pytest.fixture
def staged(qtbot, qapp):
    from kiosk.gui.app import application, build_window

    made = []

    def make(**options):
        application()
        settings = dict(content=CONTENT, mode="windowed", idle_timeout=0) | options
        window = build_window(Settings(**settings), staged=True)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        qtbot.waitUntil(lambda w=window: w.is_ready, timeout=20000)
        window.reset("staff")
        window.deleteLater()
    qapp.processEvents()


def title(window) -> str:
    return window.windowTitle().split(" - ")[0]


def test_the_first_frame_is_the_welcome_screen_and_the_rest_comes_after(staged, qtbot):
    window = staged(attract=True)
    assert not window.is_ready
    assert window.stack.currentWidget() is window.attract
    assert not hasattr(window, "countdown"), "the overlays were made before the first frame"
    qtbot.waitUntil(lambda: window.is_ready, timeout=20000)
    assert window.showing_attract  # nobody tapped: the welcome screen stays
    assert window.stack.currentWidget() is window.attract
    assert [name for name, _ms in window.slices.timings][:3] == ["first_view", "take_home", "quiz"]


def test_a_tap_before_the_parts_are_built_opens_the_reader(staged, qtbot):
    window = staged(attract=True)
    # As a touch screen's tap comes: to the window's QWindow, where it is held.
    tap_window(qtbot, window.attract.touch)
    assert not window.is_ready  # the tap came before the parts: it is kept...
    first = load_pages(CONTENT, "en")[0].title
    # ...and acted on: the first page shows, a session runs.
    qtbot.waitUntil(lambda: title(window) == first, timeout=20000)
    assert window.stack.currentWidget() is window.reader
    assert window.current_view.isVisible()
    assert window.state.in_session


def test_a_language_then_a_tap_before_ready_opens_the_reader_in_that_language(staged, qtbot):
    window = staged(attract=True)
    tap_window(qtbot, window.attract.language_buttons["es"])
    tap_window(qtbot, window.attract.touch)
    assert not window.is_ready
    spanish = load_pages(CONTENT, "es")[0].title
    qtbot.waitUntil(lambda: title(window) == spanish, timeout=20000)
    assert window.lang == "es"


def test_a_window_that_is_never_painted_still_builds_every_part(qtbot, qapp):
    from kiosk.gui.app import application, build_window

    application()
    window = build_window(Settings(content=CONTENT, mode="windowed", attract=True),
                          staged=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=20000)
    assert [p.title for p in window.pages] == [p.title for p in load_pages(CONTENT, "en")]


def _first_heading(page) -> str:
    match = re.search(r"^#+\s+(.+)$", page.body, re.M)
    return match.group(1).strip() if match else page.body.strip().split("\n")[0]


@pytest.mark.parametrize("count", [6, 60])
def test_every_page_renders_when_its_tab_is_chosen(staged, qtbot, tmp_path, count):
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from scale_content import make_content
    finally:
        sys.path.remove(str(ROOT / "bench"))
    content = make_content(tmp_path / "content", count)
    window = staged(content=content, attract=False)
    qtbot.waitUntil(lambda: window.is_ready, timeout=20000)
    pages = load_pages(content, "en")
    assert window.tabs.count() == count
    for index, page in enumerate(pages):
        window.tabs.tabBar().setCurrentIndex(index)  # as a tap on the tab does
        qtbot.waitUntil(lambda p=page: title(window) == p.title, timeout=5000)
        view = window.current_view
        qtbot.waitUntil(view.isVisible, timeout=5000)
        assert _first_heading(page) in view.text.toPlainText()
    shutil.rmtree(tmp_path / "content", ignore_errors=True)


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
                    reason="needs Xvfb and xdotool (make test installs them on Debian as root)")
@pytest.mark.parametrize(("args", "send", "page"), [
    ((), ("click", "1"), "Overview"),                       # a tap on "Touch to start"
    (("--no-attract",), ("key", "ctrl+Tab"), "How it works"),  # a key on the first page
])
def test_real_input_the_moment_the_first_frame_shows_is_acted_on(display, args, send, page):
    """The real kiosk on a private Xvfb: a tap or key sent (XTEST) as soon as its first frame
    is on screen, when the rest may still be being built, does what it says."""
    pytest.importorskip("Xlib", reason="python-xlib is in the test extra")
    from realx import Kiosk, xdotool

    kiosk = Kiosk(display, *args)
    try:
        xdotool(display, "mousemove", "960", "540")
        xdotool(display, *send)
        kiosk.wait_page(page)
    finally:
        status, out = kiosk.stop()
    assert status == 0, out
    assert "Traceback" not in out, out
    assert "ready: " in out, out  # the parts were built after the first frame


_FIRST_FRAME = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from kiosk.config import Settings
from kiosk.gui.app import application, build_window

application()
window = build_window(Settings(mode="windowed", attract={attract}), staged=True)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(sorted({{"markdown", "nh3", "yaml", "kiosk.render", "kiosk.glossary",
                           "kiosk.gui.pageview", "kiosk.gui.figures", "PySide6.QtSvg"}}
                         & set(sys.modules)))
            QApplication.instance().exit(0)
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.resize(1280, 800)
window.show()
QApplication.instance().exec()
"""


@pytest.mark.parametrize(("attract", "loaded"), [
    (True, []),
    # The first page's text needs its renderer and glossary, not the figure drawings.
    (False, ["kiosk.glossary", "kiosk.gui.pageview", "kiosk.render", "markdown", "nh3"]),
])
def test_the_first_frame_loads_only_what_it_shows(attract, loaded):
    """What the first frame imports, in a fresh interpreter: behind the welcome screen no page
    module, renderer or glossary; on the first page no figure drawing (it has no figure)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", _FIRST_FRAME.format(attract=attract)],
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == repr(loaded), out.stderr
