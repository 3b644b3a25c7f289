"""Run the real kiosk under ``strace -f`` with a tour inside it; read what it opened.

``run_tour`` starts ``main.py`` (through helpers/hostile_tour.py) on the caller's X server
under strace and returns the tour's last line; ``outside_opens`` lists every file it opened
that is not the content folder's, the project's, Python's, Qt's or the system's, and
``internet_sockets`` every AF_INET/AF_INET6 socket or connect.
"""

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TOUR = ROOT / "tests" / "helpers" / "hostile_tour.py"
#: Where a process may legitimately read: the system, Python and Qt, the font caches.
SYSTEM = ("/usr/", "/lib/", "/lib64/", "/etc/", "/proc/", "/sys/", "/var/cache/fontconfig/",
          "/var/lib/dbus/", "/dev/null", "/dev/urandom", "/dev/shm/", "/dev/dri/",
          "/tmp/.X11-unix/")
HOME = (".cache/fontconfig/", ".fontconfig/", ".icons/", ".local/share/icons/",
        ".local/share/fonts/", ".fonts/", ".config/fontconfig/", ".Xauthority", ".XCompose",
        ".Xdefaults", ".Xresources")

#: Names Qt itself tries (it checks how the file system answers for a missing resource).
QT_PROBES = (":/non-existent",)


def _allowed(path: str, roots: tuple[str, ...]) -> bool:
    home = os.path.expanduser("~/")
    # A relative path is read from the working directory: never ours to read.
    if path in QT_PROBES:
        return True
    if not path.startswith("/"):
        return False
    return (path.startswith(SYSTEM) or path.startswith(roots) or f"{path}/" in roots
            or (path.startswith(home) and path[len(home):].startswith(HOME)))


def run_tour(args: list[str], env: dict, trace: Path, limit: float = 120) -> str:
    """Run the tour under strace; return its TOUR line (the kiosk is then stopped)."""
    # A fresh working directory: a relative path read there is the page's, never ours.
    cwd = trace.parent / "cwd"
    cwd.mkdir(exist_ok=True)
    # No session bus: with none set, Qt autolaunches dbus-launch and a dbus-daemon for the X
    # display; they outlive the kiosk, and strace -f waits for them.
    env = dict(env, DBUS_SESSION_BUS_ADDRESS=f"unix:path={cwd}/no-session-bus")
    proc = subprocess.Popen(["strace", "-f", "-qq", "-o", str(trace),
                             "-e", "trace=open,openat,openat2,creat,socket,connect",
                             sys.executable, str(TOUR), *args],
                            env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
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




def opened_paths(trace: Path) -> list[str]:
    """Every path the traced processes tried to open (successfully or not)."""
    calls = trace.read_text(errors="replace").splitlines()
    return [m.group(1) for c in calls if re.search(r"\b(open|openat|openat2|creat)\(", c)
            for m in [re.search(r'"([^"]*)"', c)] if m]


def outside_opens(trace: Path, *inside: Path) -> list[str]:
    """Opened paths outside ``inside`` folders, the project, Python and the system."""
    roots = tuple(str(p) + "/" for p in {*(p.resolve() for p in inside), ROOT,
                                          Path(sys.prefix).resolve(),
                                          Path(sys.base_prefix).resolve()})
    roots += (str(Path(sys.executable).parent) + "/",)
    return sorted({p for p in opened_paths(trace) if not _allowed(p, roots)})


def internet_sockets(trace: Path) -> list[str]:
    """Every AF_INET/AF_INET6 socket made or connected."""
    return [c for c in trace.read_text(errors="replace").splitlines()
            if re.search(r"\bsocket\(AF_INET6?\b", c)
            or re.search(r"\bconnect\(.*sa_family=AF_INET6?\b", c)]


def tour_on_xvfb(content: Path, tmp_path: Path) -> tuple[str, Path]:
    """The real kiosk, windowed in a long talk, toured under strace on a private Xvfb with
    ``content``; return what the tour printed and the trace's path."""
    from conftest import start_xvfb

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
    return done, trace
