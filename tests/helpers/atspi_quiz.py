"""Take the first teach-back question as a patient would, on a real X server: find controls
with a screen reader's eyes (AT-SPI), tap them with real X input (xdotool), print JSON.

Run by the system Python (pyatspi). Usage: python3 atspi_quiz.py APP_NAME BUTTON RIGHT_ANSWER
"""

import json
import subprocess
import sys
import time

import pyatspi
from atspi_audit import find_app


def nodes(node):
    yield node
    try:
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # a node that went away while we walked
        return
    for child in children:
        if child is not None:
            yield from nodes(child)


def showing(node) -> bool:
    return node.getState().contains(pyatspi.STATE_SHOWING)


def find(app, role: str, name: str, seconds: float = 10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        for node in nodes(app):
            if node.getRoleName() == role and node.name.startswith(name) and showing(node):
                return node
        time.sleep(0.2)
    return None


def centre(node) -> tuple[int, int]:
    box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return box.x + box.width // 2, box.y + box.height // 2


def tap(node) -> None:
    x, y = centre(node)
    subprocess.run(["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"],
                   check=True, timeout=10)


def on_screen(node) -> bool:
    x, y = centre(node)
    return 120 < y < 1040 and x > 0


def labels(app) -> list[str]:
    """The words on screen: every showing node's name and text."""
    found = []
    for node in nodes(app):
        try:
            if not showing(node):
                continue
            if node.name:
                found.append(node.name)
            text = node.queryText()
            found.append(text.getText(0, text.characterCount))
        except Exception:  # no text interface, or the node went away
            pass
    return found


def main() -> int:
    app_name, button_name, right = sys.argv[1:4]
    app = find_app(app_name)
    if app is None:
        sys.stdout.write(json.dumps({"error": "application not found on the bus"}) + "\n")
        return 3
    # Scroll the page with the mouse wheel until the button at its end is on the screen.
    subprocess.run(["xdotool", "mousemove", "--sync", "960", "600"], check=True, timeout=10)
    button = None
    for _ in range(40):
        button = find(app, "push button", button_name, seconds=2)
        if button is not None and on_screen(button):
            break
        subprocess.run(["xdotool", "click", "--repeat", "5", "5"], check=True, timeout=10)
        time.sleep(0.2)
    if button is None:
        sys.stdout.write(json.dumps({"error": f"no button {button_name!r}"}) + "\n")
        return 4
    tap(button)
    choice = find(app, "push button", right)
    if choice is None:
        report = {"error": f"no choice {right!r}", "labels": labels(app)}
        sys.stdout.write(json.dumps(report) + "\n")
        return 5
    before = labels(app)
    tap(choice)
    deadline = time.time() + 10
    after = labels(app)
    while time.time() < deadline and after == before:
        time.sleep(0.2)
        after = labels(app)
    sys.stdout.write(json.dumps({"before": before, "after": after}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
