"""Walk the kiosk's accessibility tree as a screen reader does (AT-SPI), print a JSON report.

Run by the system Python, which has pyatspi (Debian's python3-pyatspi), not the venv's.
Usage: python3 atspi_audit.py APP_NAME
"""

import json
import sys
import time

import pyatspi

CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "page tab", "scroll bar",
    "slider", "spin button", "combo box", "menu item", "link", "entry", "text",
}


def find_app(name: str, seconds: float = 30):
    """The application called ``name`` on the accessibility bus, once it is there (else None)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name:
                return app
        time.sleep(0.3)
    return None


def walk(node, found):
    try:
        role, name, states = node.getRoleName(), node.name, node.getState()
    except Exception:  # a node that went away while we walked
        return
    showing = states.contains(pyatspi.STATE_SHOWING)
    entry = {"role": role, "name": name, "showing": showing,
             "selected": states.contains(pyatspi.STATE_SELECTED)}
    if showing and role == "label":
        try:
            text = node.queryText()
            entry["text"] = text.getText(0, min(text.characterCount, 400))
        except NotImplementedError:
            pass
    found.append(entry)
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, found)


def main() -> int:
    app = find_app(sys.argv[1])
    if app is None:
        sys.stdout.write(json.dumps({"error": "application not found on the bus"}) + "\n")
        return 3
    time.sleep(1.0)  # let the first page finish laying out
    nodes = []
    walk(app, nodes)
    controls = [n for n in nodes if n["role"] in CONTROLS and n["showing"]]
    sys.stdout.write(json.dumps({
        "controls": controls,
        "unnamed": [n for n in controls if not n["name"].strip()],
        "tabs": [n for n in nodes if n["role"] == "page tab"],
        "labels": [n for n in nodes if n.get("text")],
    }) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
