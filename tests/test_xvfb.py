"""The kiosk as a real process on a bare X server (Xvfb, no window manager)."""

import os
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


@pytest.fixture
def display():
    """A fresh Xvfb at 1920x1080; -noreset so it survives its clients coming and going."""
    number = 90 + os.getpid() % 9
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24",
                               "-noreset", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=f":{number}")
    env.pop("QT_QPA_PLATFORM", None)
    deadline = time.monotonic() + 10
    while subprocess.run(["xdotool", "getdisplaygeometry"], env=env,
                         capture_output=True).returncode != 0:
        assert time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.1)
    yield env
    server.terminate()
    server.wait(10)


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
        # No window manager hands out focus: the kiosk must have taken it.
        assert xdotool(display, "getwindowfocus") == wid
        assert proc.poll() is None
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, out
    assert "Traceback" not in out
