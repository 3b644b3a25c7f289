"""Faults at run time (issue 8): the content folder goes away or cannot be read while the
kiosk runs (a pulled USB stick), and the screen changes its resolution.

Real widgets (pytest-qt). "Cannot be read" is made by replacing files with folders of the
same name: the tests may run as root, and for root ``chmod 000`` does not stop a read, while
reading a folder as a file fails for everyone (EISDIR, an OSError like EIO or EACCES).
"""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, resize_screen, start_xvfb

from kiosk.content import PLACEHOLDER


def text_of(view) -> str:
    return view.text.toPlainText()


def pull(folder: Path, how: str) -> Path:
    """Take the content folder away while the kiosk runs; return where it went (or None)."""
    if how == "renamed":
        away = folder.with_name(folder.name + "-pulled")
        folder.rename(away)
        return away
    if how == "deleted":
        shutil.rmtree(folder)
        return None
    if how == "unreadable":  # every page and glossary file a folder now: reads fail
        for path in sorted(folder.glob("*/*.md")):
            path.unlink()
            path.mkdir()
        return None
    raise ValueError(how)


@pytest.mark.parametrize("how", ["renamed", "deleted", "unreadable"])
def test_pulled_content_page_on_screen_stays_unseen_pages_and_reset_still_work(
        make_kiosk, qtbot, content_dir, how):
    window = make_kiosk(content_dir)
    first = text_of(window.current_view)
    assert "Stem cells and hair loss" in first
    unseen = window.views[3]
    assert unseen.rendered is None  # pages are rendered the first time they are shown

    pull(content_dir, how)
    qtbot.wait(50)
    assert text_of(window.current_view) == first

    # A page nobody opened yet: its text was read at start, so it still shows in full.
    window.navigator.go(3)
    qtbot.waitUntil(lambda: unseen.rendered is not None)
    assert unseen.isVisible()
    assert unseen.rendered.ok and PLACEHOLDER not in text_of(unseen)
    assert "months" in text_of(unseen)  # the Timeline page

    window.reset("idle")
    assert window.navigator.current == 0
    assert text_of(window.current_view) == first


@pytest.mark.parametrize("how", ["renamed", "deleted"])
def test_reset_after_a_language_switch_keeps_the_last_good_pages_when_content_is_gone(
        make_kiosk, qtbot, content_dir, how):
    window = make_kiosk(content_dir, attract=True)
    window.visit.start_reading()
    window.state.set_language("es")
    spanish = text_of(window.current_view)
    assert window.lang == "es"

    away = pull(content_dir, how)
    # The reset wants the English pages again, which cannot be read now: nothing raises,
    # the Spanish pages (read while the stick was in) stay, and the kiosk waits for a patient.
    with qtbot.captureExceptions() as raised:
        window.reset("idle")
        qtbot.wait(50)
    assert raised == []
    assert window.showing_attract and window.navigator.current == 0
    assert window.lang == "es" and text_of(window.current_view) == spanish
    # A patient can still read every page.
    window.visit.start_reading()
    for index, view in enumerate(window.views):
        window.navigator.go(index)
        qtbot.waitUntil(lambda v=view: v.rendered is not None)
        assert text_of(view).strip()

    if away is not None:  # the stick is back: the next reset shows English again
        away.rename(content_dir)
        window.reset("idle")
        assert window.lang == "en"
        assert "Stem cells and hair loss" in text_of(window.current_view)


def test_patient_language_switch_with_content_gone_keeps_the_pages(make_kiosk, qtbot,
                                                                     content_dir):
    window = make_kiosk(content_dir)
    english = text_of(window.current_view)
    pull(content_dir, "deleted")
    with qtbot.captureExceptions() as raised:
        window.header.language_buttons["es"].click()
        qtbot.wait(50)
    assert raised == []
    assert window.lang == "en" and text_of(window.current_view) == english
    assert window.header.language_buttons["en"].isChecked()


def test_unreadable_pages_after_a_reload_show_the_calm_placeholder(make_kiosk, qtbot,
                                                                    content_dir):
    window = make_kiosk(content_dir)
    first = text_of(window.current_view)
    for name in ("timeline.md", "glossary.md"):
        (content_dir / "en" / name).unlink()
        (content_dir / "en" / name).mkdir()
    # The page on screen stays until something reads the pages again.
    assert text_of(window.current_view) == first
    with qtbot.captureExceptions() as raised:
        window.deck.reload()  # staff menu's Reload (a language switch reads them too)
        for index, view in enumerate(window.views):
            window.navigator.go(index)
            qtbot.waitUntil(lambda v=view: v.rendered is not None)
    assert raised == []
    shown = {page.slug: text_of(view) for page, view in zip(window.pages, window.views,
                                                            strict=True)}
    assert PLACEHOLDER in shown["timeline"]
    assert all(PLACEHOLDER not in text for slug, text in shown.items() if slug != "timeline")
    window.reset("idle")
    assert text_of(window.current_view) == first


def test_staff_reload_with_content_gone_keeps_the_pages(make_kiosk, qtbot, content_dir):
    window = make_kiosk(content_dir)
    first = text_of(window.current_view)
    pull(content_dir, "renamed")
    with qtbot.captureExceptions() as raised:
        window.visit.staff_reload()
        qtbot.wait(50)
    assert raised == []
    assert len(window.views) == 6 and text_of(window.current_view) == first


# ---- the screen changes its resolution -------------------------------------------------
#
# The offscreen platform has one fixed screen, so this runs the real kiosk (main.py) on a
# private Xvfb and changes the screen's resolution the way xrandr does (RandR 1.2: a new
# mode on Xvfb's one output, the CRTC set to it, the screen resized), with python-xlib so
# that no xrandr binary is needed. ScreenCover must make the window follow.

def _randr_display():
    """A fresh Xvfb with RandR, its environment and an Xlib connection; or a skip reason."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (make test installs them as root)")
    from Xlib import display as xdisplay

    server, env = start_xvfb("+extension", "RANDR")
    if server is None:
        pytest.skip("Xvfb did not start")
    return server, env, xdisplay.Display(env["DISPLAY"])


def _kiosk_geometry(env) -> tuple[int, int, int, int] | None:
    """(x, y, width, height) of the kiosk's visible window, or None."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Stem cell"],
                           env=env, capture_output=True, text=True, timeout=10).stdout.split()
    if not found:
        return None
    out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", found[0]], env=env,
                         capture_output=True, text=True, timeout=10).stdout
    values = dict(line.split("=", 1) for line in out.split())
    return tuple(int(values[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))


def _wait_geometry(env, expected, timeout: float = 15.0) -> tuple | None:
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        seen = _kiosk_geometry(env)
        if seen == expected:
            return seen
        time.sleep(0.1)
    return seen


@pytest.mark.xvfb
def test_kiosk_window_follows_the_screen_when_its_resolution_changes(tmp_path):
    server, env, conn = _randr_display()
    kiosk = None
    try:
        if not conn.has_extension("RANDR"):
            pytest.skip("this Xvfb has no RandR extension: the screen cannot change size")
        from Xlib.error import XError

        kiosk = subprocess.Popen([sys.executable, str(ROOT / "main.py")], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert _wait_geometry(env, (0, 0, 1920, 1080), 30) == (0, 0, 1920, 1080)
        for width, height in ((1280, 1024), (1024, 768), (1920, 1080)):
            try:
                resize_screen(conn, width, height)
            except XError as exc:
                pytest.skip(f"this Xvfb refuses a RandR resize to {width}x{height}: {exc}")
            root = conn.screen().root.get_geometry()
            assert (root.width, root.height) == (width, height)
            assert _wait_geometry(env, (0, 0, width, height)) == (0, 0, width, height)
            assert kiosk.poll() is None
    finally:
        if kiosk is not None:
            kiosk.send_signal(signal.SIGTERM)
            out, _ = kiosk.communicate(timeout=20)
            assert kiosk.returncode == 0, out
            assert "Traceback" not in out
        conn.close()
        server.terminate()
        server.wait(10)


@pytest.mark.qt_no_exception_capture
def test_a_slot_that_raises_is_logged_shown_to_staff_and_the_kiosk_starts_over(
        make_kiosk, qtbot, caplog):
    """Issue 11: a bug in a slot does not leave the kiosk where it broke."""
    from PySide6.QtCore import Qt

    from kiosk.gui.faults import FaultHandler

    window = make_kiosk(attract=True)
    handler = FaultHandler(lambda: window.reset("exit")).install()
    try:
        qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton)
        window.navigator.go(3)
        assert not window.showing_attract

        def broken() -> None:
            raise ZeroDivisionError("a bug in a slot")

        window.header.larger_button.clicked.connect(broken)
        qtbot.mouseClick(window.header.larger_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.showing_attract)
    finally:
        handler.uninstall()
    assert handler.faults == 1
    assert "Traceback" in caplog.text and "raise ZeroDivisionError" in caplog.text
    assert window.navigator.current == 0 and window.text_scale == 1.0
    status = window.status.text()
    assert "Last warnings:" in status
    assert "ZeroDivisionError: a bug in a slot (test_faults.py:" in status
