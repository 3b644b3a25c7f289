"""Install a bundle from a USB stick in the real kiosk, as staff do: real taps (XTEST).

Finds each control on the AT-SPI bus (where a screen reader finds it), taps its centre with
xdotool, and prints a JSON report of what the screen showed. Run by the system Python,
which has pyatspi (Debian's python3-pyatspi).
Usage: python3 usb_taps.py APP_NAME PIN
"""

import json
import subprocess
import sys
import time

import pyatspi
from atspi_audit import find_app


def nodes(node, found):
    try:
        role, name, states = node.getRoleName(), node.name, node.getState()
    except Exception:  # a node that went away while we walked
        return found
    if states.contains(pyatspi.STATE_SHOWING):
        found.append((role, name, states.contains(pyatspi.STATE_SENSITIVE), node))
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            nodes(child, found)
    return found


def wait_for(app, test, seconds=30.0):
    """The first showing node ``test`` accepts, polling until it appears."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for entry in nodes(app, []):
            if test(entry):
                return entry
        time.sleep(0.2)
    names = [(r, n) for r, n, _, _ in nodes(app, []) if n]
    raise SystemExit(json.dumps({"error": "not found", "showing": names[:40]}))


def tap(node, times=1):
    box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    x, y = box.x + box.width // 2, box.y + box.height // 2
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "--repeat", str(times),
                    "--delay", "150", "1"], check=True)


def label_text(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:  # a label with no text interface, or one that went away
        return node.name or ""


def main() -> int:
    app = find_app(sys.argv[1])
    if app is None:
        sys.stdout.write(json.dumps({"error": "application not found on the bus"}) + "\n")
        return 3
    report = {}
    wait_for(app, lambda e: e[0] == "page tab")  # the window is up
    # The kiosk covers the whole screen (test_xvfb checks that).
    width = int(subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True,
                               text=True, check=True).stdout.split()[0])
    # Five taps in the top right corner (within 3 s) open the PIN pad. Taps further apart
    # than the double-click interval (400 ms), or Qt turns each second press into a
    # double click.
    subprocess.run(["xdotool", "mousemove", str(width - 20), "20",
                    "click", "--repeat", "5", "--delay", "500", "1"], check=True)
    for digit in sys.argv[2]:
        tap(wait_for(app, lambda e, d=digit: e[0] == "push button" and e[1] == f"Digit {d}")[3])
    tap(wait_for(app, lambda e: e[0] == "push button" and e[1] == "Enter the PIN")[3])
    tap(wait_for(app, lambda e: e[0] == "push button" and e[1] == "Content from USB")[3])
    good = wait_for(app, lambda e: e[0] == "push button" and e[1].startswith("good.tar.gz:"))
    report["listed"] = sorted((n, sensitive) for r, n, sensitive, _ in nodes(app, [])
                              if r == "push button" and ".tar.gz" in n)
    tap(good[3])
    done = wait_for(app, lambda e: e[0] == "label" and
                    label_text(e[3]).startswith(("Installed version", "Not installed")), 60)
    report["status"] = label_text(done[3])
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
