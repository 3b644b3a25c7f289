"""Tell systemd we are ready and still alive (sd_notify), with no library and no Qt."""

from __future__ import annotations

import os


def notify(message: str) -> bool:
    """Send ``message`` (such as ``READY=1``) to $NOTIFY_SOCKET; False when there is none."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    import socket  # only under systemd: not on every start

    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError:
        return False
    return True


def interval_ms() -> int:
    """Half of systemd's watchdog period ($WATCHDOG_USEC), or 0 when no watchdog is set."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or (pid and pid != str(os.getpid())):
        return 0
    return max(100, int(usec) // 2000)
