"""Issue 17 item 1, proven on the real process: hostile pages open no outside file, no socket.

The kiosk (``main.py``) runs on a private Xvfb under ``strace -f``, fed a content folder with
outside pictures, ``/dev/zero``, a FIFO, ``file:``/``data:``/``http:`` URLs and an @import in
every place content can reach; a tour inside it opens every page, link, term and popup (see
tests/helpers/hostile_tour.py). Every file it opens must be the content folder's, the
project's, Python's, Qt's or the system's; and no internet socket is made.
"""

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, start_xvfb
from helpers.hostile_content import write_hostile_content

pytestmark = pytest.mark.xvfb

needs = [tool for tool in ("Xvfb", "strace") if shutil.which(tool) is None]
if needs:
    pytest.skip(f"needs {' and '.join(needs)} (make test installs them on Debian as root)",
                allow_module_level=True)

TOUR = ROOT / "tests" / "helpers" / "hostile_tour.py"
#: Where a process may legitimately read: the system, Python and Qt, the font caches.
SYSTEM = ("/usr/", "/lib/", "/lib64/", "/etc/", "/proc/", "/sys/", "/var/cache/fontconfig/",
          "/var/lib/dbus/", "/dev/null", "/dev/urandom", "/dev/shm/", "/dev/dri/",
          "/tmp/.X11-unix/")
HOME = (".cache/fontconfig/", ".fontconfig/", ".icons/", ".local/share/icons/",
        ".local/share/fonts/", ".fonts/", ".config/fontconfig/", ".Xauthority", ".XCompose",
        ".Xdefaults", ".Xresources")


def vectors(outside: Path) -> str:
    """One string that tries every way a page could make Qt read or fetch something."""
    o = outside
    return (f'<img src="{o}/canary.png"> <img src="file://{o}/canary.png"> '
            f'<img src="/dev/zero"> <img src="{o}/fifo.png"> ![x]({o}/canary.png) '
            f'![y](../../outside/canary.png) <a href="http://127.0.0.1:9/x">net</a> '
            f'<img src="http://127.0.0.1:9/pixel.png"> <img src="data:image/png;base64,'
            f'iVBORw0KGgo="> <style>@import url({o}/canary.css)</style> '
            f'<link rel="stylesheet" href="{o}/canary.css"> <iframe src="{o}/canary.html">'
            f'</iframe> [go](file://{o}/canary.png) <svg><image href="{o}/canary.png"/></svg>')


def allowed(path: str, roots: tuple[str, ...]) -> bool:
    home = os.path.expanduser("~/")
    return (path.startswith(SYSTEM) or path.startswith(roots) or f"{path}/" in roots
            or (path.startswith(home) and path[len(home):].startswith(HOME)))


def run_tour(args: list[str], env: dict, trace: Path, limit: float = 120) -> str:
    """Run the tour under strace; return its TOUR line (the kiosk is then stopped)."""
    proc = subprocess.Popen(["strace", "-f", "-qq", "-o", str(trace),
                             "-e", "trace=open,openat,openat2,creat,socket,connect",
                             sys.executable, str(TOUR), *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        with proc.stdout:
            for line in proc.stdout:
                lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    said, deadline = [], time.monotonic() + limit
    try:
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            said.append(line)
            if line.startswith("TOUR "):
                pid = int(re.search(r"pid=(\d+)", line).group(1))
                os.kill(pid, signal.SIGTERM)  # the kiosk itself, as systemd stops it
                assert proc.wait(30) == 0, "".join(said)
                return line
        raise AssertionError("the kiosk never finished its tour (hung or died):\n"
                             + "".join(said[-30:]))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        reader.join(10)


def test_hostile_content_opens_no_outside_file_and_no_socket(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("canary.png", "canary.css", "canary.html"):
        (outside / name).write_bytes(b"\x89PNG\r\n\x1a\n" if name.endswith("png") else b"x")
    os.mkfifo(outside / "fifo.png")
    content = write_hostile_content(tmp_path / "content", vectors(outside))
    server, env = start_xvfb()
    assert server is not None, "Xvfb did not start"
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    trace = tmp_path / "trace"
    try:
        done = run_tour(["--windowed", "--present", "--present-seconds", "3600",
                         "--content", str(content)], env, trace)
    finally:
        server.terminate()
        server.wait(10)
    for seen in ("take-home", "link-qr", "term", "glossary-entry", "presenter-view",
                 "staff-menu", "usb-picker", "page:safety"):
        assert seen in done.split(), done

    calls = trace.read_text(errors="replace").splitlines()
    opened = [m.group(1) for c in calls if re.search(r"\b(open|openat|openat2|creat)\(", c)
              for m in [re.search(r'"([^"]*)"', c)] if m]
    assert len(opened) > 100  # strace saw the process at work
    roots = tuple(str(p) + "/" for p in {content.resolve(), ROOT, Path(sys.prefix).resolve(),
                                          Path(sys.base_prefix).resolve(), tmp_path / "data"})
    roots += (str(Path(sys.executable).parent) + "/",)
    assert [p for p in opened if str(outside) in p or p == "/dev/zero"] == []
    assert sorted({p for p in opened if p.startswith("/") and not allowed(p, roots)}) == []
    sockets = [c for c in calls if re.search(r"\bsocket\(AF_INET6?\b", c)
               or re.search(r"\bconnect\(.*sa_family=AF_INET6?\b", c)]
    assert sockets == []
