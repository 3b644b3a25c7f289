"""Focus rings only for keys, and a header whose controls never touch the screen's edge."""

import shutil
import subprocess
import sys
import time

import pytest
from conftest import ROOT, start_xvfb
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from kiosk.theme import colours

RING = QColor(colours()["focus"]).rgb()
#: The ring on the dark header and welcome screen is drawn in its own colour (for contrast).
RING_ON_ACCENT = QColor(colours()["focus_on_accent"]).rgb()
RINGS = (RING, RING_ON_ACCENT)


def ring_pixels(image, height: int) -> int:
    """Pixels in the focus ring's colour in the top ``height`` rows (header and tabs)."""
    return sum(image.pixel(x, y) in RINGS for x in range(0, image.width(), 2)
               for y in range(0, min(height, image.height())))


def test_no_focus_ring_until_a_key_then_none_after_a_tap(make_kiosk, qtbot):
    window = make_kiosk(size=(1280, 800))
    window.header.larger_button.setFocus()  # focused without keys, as code may do
    qtbot.waitUntil(lambda: window.header.larger_button.hasFocus())
    top = window.tabs.geometry().top() + window.tabs.tabBar().height()
    assert ring_pixels(window.grab().toImage(), top) == 0
    qtbot.keyClick(window.header.larger_button, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: ring_pixels(window.grab().toImage(), top) > 40)
    view = window.current_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(view.width() // 2, 40))
    window.header.larger_button.setFocus()
    qtbot.waitUntil(lambda: ring_pixels(window.grab().toImage(), top) == 0)


def test_the_next_patient_starts_without_focus_rings(make_kiosk, qtbot):
    window = make_kiosk(size=(1280, 800), attract=True)
    window.visit.start_reading()
    qtbot.keyClick(window.current_view, Qt.Key.Key_Tab)
    assert window.focus_rings.showing
    window.reset("idle")
    assert not window.focus_rings.showing


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920), (800, 1280),
                                  (3840, 2160)])
def test_header_controls_keep_a_margin_at_every_supported_size(make_kiosk, size):
    window = make_kiosk(size=size)
    header = window.header
    buttons = [b for b in (header.smaller_button, header.larger_button,
                           header.contrast_button, header.listen_button,
                           *header.language_buttons.values()) if b.isVisible()]
    assert buttons
    for button in buttons:
        box = button.geometry()
        assert box.top() >= 4, (size, button.text(), box.top())
        assert header.height() - box.bottom() - 1 >= 4, (size, button.text())
        assert box.right() < header.width() - 4, (size, button.text())


needs = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


@pytest.mark.xvfb
@pytest.mark.skipif(bool(needs), reason=f"needs {' and '.join(needs)}")
def test_on_a_real_screen_a_tap_shows_no_ring_and_the_tab_key_does():
    from Xlib import X, display

    server, env = start_xvfb()
    assert server is not None, "Xvfb did not start"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conn = display.Display(env["DISPLAY"])
    root = conn.screen().root
    colours_sent = [bytes((c & 0xFF, c >> 8 & 0xFF, c >> 16 & 0xFF)) for c in RINGS]  # B, G, R

    def rings() -> int:
        """Pixels of a ring's colour anywhere on the screen (Tab may focus any control)."""
        data = root.get_image(0, 0, 1920, 1080, X.ZPixmap, 0xFFFFFFFF).data
        return sum(data.count(colour) for colour in colours_sent)

    def xdotool(*args: str) -> str:
        return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                              timeout=10).stdout.strip()

    try:
        deadline = time.monotonic() + 30
        while not xdotool("search", "--onlyvisible", "--name", "Stem cell"):
            assert time.monotonic() < deadline, "no kiosk window"
            time.sleep(0.1)
        header_drawn = root.get_image(0, 0, 1920, 140, X.ZPixmap, 0xFFFFFFFF).data
        xdotool("mousemove", "960", "540", "click", "1")  # "Touch to start"
        deadline = time.monotonic() + 20
        while root.get_image(0, 0, 1920, 140, X.ZPixmap, 0xFFFFFFFF).data == header_drawn:
            assert time.monotonic() < deadline, "the tap did not open the first page"
            time.sleep(0.1)
        assert rings() == 0
        # The page's text has the focus first; Tab walks its links (shown selected) and then
        # the controls, each with its ring: Tab until one shows, as a keyboard user would.
        deadline = time.monotonic() + 40
        while rings() < 20:
            assert time.monotonic() < deadline, "Tab showed no focus ring"
            xdotool("key", "Tab")
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(20)
        conn.close()
        server.terminate()
        server.wait(10)


def test_a_button_that_cannot_be_used_now_has_no_outline_that_looks_like_a_ring(make_kiosk):
    """Before: "A-" at the smallest size had a dashed outline, read as a focus ring."""
    window = make_kiosk(size=(1280, 800))
    smaller, larger = window.header.smaller_button, window.header.larger_button
    assert not smaller.isEnabled() and larger.isEnabled()
    outline = QColor(colours()["accent_text"]).rgb()

    def outlined(button) -> int:
        image = button.grab().toImage()  # columns with the outline's colour along the top
        return sum(any(image.pixel(x, y) == outline for y in range(4))
                   for x in range(image.width()))

    assert outlined(larger) > larger.width() // 2  # a usable button: a solid outline
    assert outlined(smaller) == 0
