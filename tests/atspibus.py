"""The accessibility bus for tests on a private Xvfb: a private session bus, AT-SPI's bus and
registry on it, and a screen reader's hands (``helpers/atspi_actions.py``, run by the system
Python that has pyatspi) that a test drives one request at a time."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")
HELPERS = Path(__file__).resolve().parent / "helpers"


def missing() -> str:
    """What is missing for AT-SPI tests on Xvfb ("" when nothing is)."""
    if not SYSTEM_PYTHON.exists():
        return "a system python3"
    for tool in ("Xvfb", "dbus-daemon", "dbus-run-session", "xdotool"):
        if shutil.which(tool) is None:
            return tool
    if not LAUNCHER.exists():
        return "at-spi2-core"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True)
    return "" if probe.returncode == 0 else "python3-pyatspi"


class AccessibilityBus:
    """A private session bus and AT-SPI's bus launcher for the display in ``env``.

    ``env`` is updated in place: programs started with it find both buses. Every process is
    started here in its own process group, and :meth:`stop` ends those groups only.
    """

    def __init__(self, env: dict) -> None:
        self.env = env
        self._groups: list[subprocess.Popen] = []
        daemon = self._start(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                             stdout=subprocess.PIPE)
        address = daemon.stdout.readline().decode().strip()
        if not address:
            self.stop()
            raise RuntimeError("the session bus did not start")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        # Qt's bridge talks to the accessibility bus even with no screen reader running.
        env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        env.pop("QT_QPA_PLATFORM", None)
        self._start([str(LAUNCHER), "--launch-immediately"])

    def _start(self, argv: list[str], **kwargs) -> subprocess.Popen:
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        process = subprocess.Popen(argv, env=self.env, stderr=subprocess.DEVNULL,
                                   start_new_session=True, **kwargs)
        self._groups.append(process)
        return process

    def hands(self, app: str = "hair-kiosk") -> Hands:
        """A screen reader's hands on ``app`` (found on the bus within a minute)."""
        return Hands(self._start([str(SYSTEM_PYTHON), str(HELPERS / "atspi_actions.py"), app],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE))

    def stop(self) -> None:
        """End every process group started here, newest first."""
        for process in reversed(self._groups):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
        self._groups.clear()


class Hands:
    """Requests to ``atspi_actions.py``; each answer within ``timeout`` seconds."""

    def __init__(self, process: subprocess.Popen, timeout: float = 90) -> None:
        self._process = process
        self._timeout = timeout
        first = self._read()
        if not first.get("ready"):
            raise AssertionError(f"AT-SPI helper: {first}")

    def _read(self) -> dict:
        stream = self._process.stdout
        deadline = time.monotonic() + self._timeout
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([stream], [], [], left)[0]:
                raise AssertionError(f"AT-SPI helper silent for {self._timeout} s")
            chunk = os.read(stream.fileno(), 1 << 16)
            if not chunk:
                raise AssertionError(f"AT-SPI helper ended: {line!r}")
            line += chunk
        return json.loads(line)

    def ask(self, op: str, **args) -> dict:
        """Send one request; its answer (an ``error`` in it fails the test)."""
        self._process.stdin.write((json.dumps({"op": op, **args}) + "\n").encode())
        self._process.stdin.flush()
        reply = self._read()
        if "error" in reply:
            raise AssertionError(f"AT-SPI {op} {args}: {reply['error']}")
        return reply
