"""The kiosk as a real process on a bare X server (Xvfb, no window manager)."""

import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT

pytestmark = pytest.mark.xvfb

needs = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
if needs:
    pytest.skip(f"needs {' and '.join(needs)} (make test installs them on Debian as root)",
                allow_module_level=True)


def xdotool(env, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=10).stdout.strip()


def kiosk_window(env) -> str:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for wid in xdotool(env, "search", "--onlyvisible", "--name", "Stem cell").split():
            if "1920x1080" in xdotool(env, "getwindowgeometry", wid):
                return wid
        time.sleep(0.2)
    raise AssertionError("no kiosk window covering the screen appeared")


def test_kiosk_covers_the_bare_screen_takes_the_keys_and_stops_on_sigterm(display):
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py")], env=display,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wid = kiosk_window(display)
        assert "Position: 0,0" in xdotool(display, "getwindowgeometry", wid)
        # No window manager hands out focus: the kiosk must have taken it (Qt activates a
        # window when it is mapped, a few ms after it shows at full size; well before the
        # kiosk's own 5 s guard could).
        deadline = time.monotonic() + 2
        while xdotool(display, "getwindowfocus") != wid and time.monotonic() < deadline:
            time.sleep(0.02)
        assert xdotool(display, "getwindowfocus") == wid
        assert proc.poll() is None
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, out
    assert "Traceback" not in out


def send_wm_delete(env, wid: str) -> None:
    """What a window manager's close button sends: a WM_DELETE_WINDOW client message."""
    from Xlib import X, display, protocol

    screen = display.Display(env["DISPLAY"])
    try:
        window = screen.create_resource_object("window", int(wid))
        protocols = screen.intern_atom("WM_PROTOCOLS")
        delete = screen.intern_atom("WM_DELETE_WINDOW")
        event = protocol.event.ClientMessage(window=window, client_type=protocols,
                                             data=(32, [delete, X.CurrentTime, 0, 0, 0]))
        window.send_event(event, event_mask=X.NoEventMask)
        # A round trip: the server has handled the request (and queued the message to the
        # kiosk) before anything another client sends next, e.g. xdotool's keys.
        screen.sync()
    finally:
        screen.close()


EXIT_KEYS = ["alt+F4", "ctrl+q", "ctrl+w", "Escape", "F11", "alt+Tab", "super",
             "ctrl+alt+BackSpace", "ctrl+alt+Delete", "alt+space", "ctrl+Escape"]


def test_no_key_and_no_close_request_ends_the_kiosk(display):
    pytest.importorskip("Xlib", reason="python-xlib is in the test extra")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--no-attract"],
                            env=display, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        wid = kiosk_window(display)
        for key in EXIT_KEYS:
            xdotool(display, "key", "--window", wid, key)
            xdotool(display, "key", key)
        send_wm_delete(display, wid)
        # X delivers in order: once Ctrl+Tab (allowed in kiosk mode) has turned the page,
        # every key and the close request above have been handled.
        xdotool(display, "key", "ctrl+Tab")
        deadline = time.monotonic() + 15
        while not xdotool(display, "getwindowname", wid).startswith("How it works"):
            assert time.monotonic() < deadline, "Ctrl+Tab did not turn the page"
            time.sleep(0.05)
        assert proc.poll() is None, "the kiosk ended"
        assert wid in xdotool(display, "search", "--onlyvisible", "--name", "Stem cell").split()
        assert xdotool(display, "getwindowfocus") == wid
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    assert "close request ignored in kiosk mode" in out
    assert proc.returncode == 0


def test_windowed_demo_closes_on_a_close_request(display):
    pytest.importorskip("Xlib", reason="python-xlib is in the test extra")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--windowed"],
                            env=display, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        wid = ""
        while not wid and time.monotonic() < deadline:
            found = xdotool(display, "search", "--onlyvisible", "--name", "Stem cell").split()
            wid = next((w for w in found
                        if "1280x800" in xdotool(display, "getwindowgeometry", w)), "")
            time.sleep(0.2)
        assert wid, "no 1280x800 window"
        send_wm_delete(display, wid)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
