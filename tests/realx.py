"""Drive the real kiosk process on a private Xvfb with real X input (XTEST, as xdotool sends
it) and watch it from outside: its window title, pixels on the screen, its log."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable

from conftest import ROOT


def xdotool(env: dict, *args: str) -> str:
    """Run xdotool on the test's own X server. ``key`` and ``mousedown`` without
    ``--window`` go through XTEST: the server treats them as a person's keys and clicks."""
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=10).stdout.strip()


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> object:
    """Poll ``condition`` until it is true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def holds(condition: Callable[[], object], seconds: float) -> bool:
    """True if ``condition`` stays true for ``seconds`` (checked every 50 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not condition():
            return False
        time.sleep(0.05)
    return bool(condition())


class Kiosk:
    """``main.py`` with ``args`` on the display of ``env``; stopped with SIGTERM at the end.
    Its window is found by a part of its ``title`` (the app's name, in the interface language)."""

    def __init__(self, env: dict, *args: str, size: str = "1920x1080",
                 title: str = "hair loss") -> None:
        self.env, self._title = env, title
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.wid = wait_for(lambda: self._find(size), 30, f"a {size} kiosk window")
        if "--windowed" in args:
            # A demo window does not take the focus; with no window manager, give it as a
            # window manager would on a click.
            xdotool(env, "windowfocus", "--sync", self.wid)
        # The kiosk itself must take the focus (nobody else hands it out on a bare server).
        wait_for(lambda: xdotool(env, "getwindowfocus") == self.wid, 10, "the keyboard focus")
        # Mapped is not painted: a bare server shows black until the first frame.
        wait_for(lambda: max(self.pixel(200, 400)) > 16, 30, "the first frame on screen")

    def _find(self, size: str) -> str:
        for wid in xdotool(self.env, "search", "--onlyvisible", "--name", self._title).split():
            if size in xdotool(self.env, "getwindowgeometry", wid):
                return wid
        return ""

    @property
    def title(self) -> str:
        """The window's title: the page on screen, then the app's name."""
        return xdotool(self.env, "getwindowname", self.wid)

    def page(self) -> str:
        """The page on screen, as its title says."""
        return self.title.split(" - ")[0]

    def wait_page(self, page: str, timeout: float = 15) -> None:
        """Wait until ``page`` is on screen."""
        wait_for(lambda: self.page() == page, timeout, f"page {page!r} (on {self.page()!r})")

    def key(self, *keys: str) -> None:
        """Press and release ``keys`` as a person would (XTEST)."""
        xdotool(self.env, "key", *keys)

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """The colour on the screen at ``(x, y)``."""
        from Xlib import X, display

        screen = display.Display(self.env["DISPLAY"])
        try:
            root = screen.screen().root
            data = root.get_image(x, y, 1, 1, X.ZPixmap, 0xFFFFFFFF).data
        finally:
            screen.close()
        return data[2], data[1], data[0]

    def swipe(self, x0: int, x1: int, y: int, steps: int = 8) -> None:
        """Drag the mouse from ``x0`` to ``x1`` at height ``y`` with the button held."""
        xdotool(self.env, "mousemove", str(x0), str(y))
        xdotool(self.env, "mousedown", "1")
        for i in range(1, steps + 1):
            xdotool(self.env, "mousemove", str(x0 + (x1 - x0) * i // steps), str(y))
        xdotool(self.env, "mouseup", "1")

    def stop(self) -> tuple[int, str]:
        """SIGTERM the kiosk; its exit status and everything it wrote."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            out, _ = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        return self.proc.returncode, out
