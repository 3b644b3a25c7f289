"""systemd hears READY=1 and then WATCHDOG=1 from the kiosk's GUI thread."""

import os
import signal
import socket
import subprocess
import sys

from conftest import ROOT

from kiosk import watchdog


def test_notify_without_systemd_is_a_quiet_no(monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert watchdog.notify("READY=1") is False
    monkeypatch.setenv("WATCHDOG_USEC", "4000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog.interval_ms() == 2000
    monkeypatch.setenv("WATCHDOG_PID", "1")
    assert watchdog.interval_ms() == 0


def test_running_kiosk_reports_ready_and_keeps_petting_the_watchdog(tmp_path):
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(30)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(path),
                   WATCHDOG_USEC="400000")
        env.pop("WATCHDOG_PID", None)
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--no-attract"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            messages = [server.recv(100).decode() for _ in range(3)]
        finally:
            proc.send_signal(signal.SIGTERM)
            out = proc.communicate(timeout=30)[0].decode()
    assert messages == ["READY=1", "WATCHDOG=1", "WATCHDOG=1"]
    assert proc.returncode == 0, out
    assert "stopping on signal SIGTERM" in out
