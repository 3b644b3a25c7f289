"""A screen reader's or a switch's hands on the kiosk (AT-SPI), driven by a test one line at a time.

Run by the system Python, which has pyatspi (Debian's python3-pyatspi), not the venv's. Reads one
JSON request a line on stdin and answers one JSON line on stdout:

- ``{"op": "controls"}``: every showing node that offers actions: role, name, actions, states,
  its centre on the screen, and a ``key`` (role, name, and which of that pair it is).
- ``{"op": "do", "key": [...], "action": "Toggle"}``: call that action of that control, as a
  switch or voice control does (``Action.DoAction``); answers ``done``. A key with no name
  means the first showing control of that role.
- ``{"op": "tabs"}``: the page tabs' names and which is selected.
- ``{"op": "showing", "roles": [...]}``: names of showing nodes with those roles.
- ``{"op": "text", "role": "label", "min": 200}``: the first showing node of that role whose text
  is at least ``min`` characters: its text, its font size, and its box on the screen.
- ``{"op": "observe"}``: controls, tabs, showing dialogs and alerts, and the page text's box,
  from one walk of the tree.

Usage: python3 atspi_actions.py APP_NAME
"""

import json
import sys

import pyatspi
from atspi_audit import find_app

STATES = {"checked": pyatspi.STATE_CHECKED, "selected": pyatspi.STATE_SELECTED,
          "pressed": pyatspi.STATE_PRESSED, "checkable": pyatspi.STATE_CHECKABLE,
          "sensitive": pyatspi.STATE_SENSITIVE, "focused": pyatspi.STATE_FOCUSED}



def showing_nodes(node):
    """Every showing node under ``node`` (a hidden one hides its children too)."""
    try:
        if not node.getState().contains(pyatspi.STATE_SHOWING):
            return
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # a node that went away while we walked
        return
    yield node
    for child in children:
        if child is not None:
            yield from showing_nodes(child)


def actions_of(node) -> list[str]:
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def describe(app) -> list[tuple[dict, object]]:
    found, seen = [], {}
    for node in showing_nodes(app):
        try:
            actions = actions_of(node)
            if not actions:
                continue
            role, name, states = node.getRoleName(), node.name, node.getState()
            box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        except Exception:  # went away
            continue
        n = seen[(role, name)] = seen.get((role, name), -1) + 1
        found.append(({"key": [role, name, n], "role": role, "name": name, "actions": actions,
                       "states": sorted(s for s, v in STATES.items() if states.contains(v)),
                       "centre": [box.x + box.width // 2, box.y + box.height // 2],
                       "size": [box.width, box.height]}, node))
    return found


def observe(app) -> dict:
    """Everything the test reads, from one walk (each node is a few D-Bus calls)."""
    controls, tabs, overlays, text, seen = [], [], [], None, {}
    for node in showing_nodes(app):
        try:
            role, name, states = node.getRoleName(), node.name, node.getState()
            if role == "page tab":
                tabs.append({"name": name, "selected": states.contains(pyatspi.STATE_SELECTED)})
            if role in ("dialog", "alert"):
                overlays.append([role, name])
            if role == "label" and text is None:
                content = node.queryText()
                if content.characterCount >= 200:
                    box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                    text = {"text": content.getText(0, 200), "size": "",
                            "box": [box.x, box.y, box.width, box.height]}
            actions = actions_of(node)
            if not actions:
                continue
            box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        except Exception:  # went away, or no such interface
            continue
        n = seen[(role, name)] = seen.get((role, name), -1) + 1
        try:
            value = node.queryValue().currentValue
        except Exception:  # no Value interface
            value = None
        controls.append({"key": [role, name, n], "role": role, "name": name, "actions": actions,
                         "states": sorted(s for s, v in STATES.items() if states.contains(v)),
                         "centre": [box.x + box.width // 2, box.y + box.height // 2],
                         "size": [box.width, box.height], "value": value})
    return {"controls": controls, "tabs": tabs, "names": overlays,
            "text": text or {"text": None}}


def answer(app, request: dict) -> dict:
    op = request["op"]
    if op == "observe":
        return observe(app)
    if op == "controls":
        return {"controls": [entry for entry, _node in describe(app)]}
    if op == "do":
        role, name, index = request["key"]
        for entry, node in describe(app):
            # No name: the first of that role (a name that changes every second, a countdown's).
            if entry["key"] == [role, name, index] or (name is None and entry["role"] == role):
                action = node.queryAction()
                index = entry["actions"].index(request["action"])
                return {"done": bool(action.doAction(index))}
        return {"error": f"no showing control {request['key']}"}
    if op == "tabs":
        return {"tabs": [{"name": node.name,
                          "selected": node.getState().contains(pyatspi.STATE_SELECTED)}
                         for node in showing_nodes(app) if node.getRoleName() == "page tab"]}
    if op == "showing":
        return {"names": [[node.getRoleName(), node.name] for node in showing_nodes(app)
                          if node.getRoleName() in request["roles"]]}
    if op == "text":
        for node in showing_nodes(app):
            if node.getRoleName() != request["role"]:
                continue
            try:
                text = node.queryText()
            except NotImplementedError:
                continue
            if text.characterCount < request.get("min", 0):
                continue
            attributes, _start, _end = text.getAttributeRun(0, True)
            size = next((a.split(":", 1)[1] for a in attributes if a.startswith("size:")), "")
            box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            return {"text": text.getText(0, min(text.characterCount, 2000)), "size": size,
                    "box": [box.x, box.y, box.width, box.height]}
        return {"text": None}
    return {"error": f"unknown op {op!r}"}


def main() -> int:
    app = find_app(sys.argv[1], 60)
    if app is None:
        sys.stdout.write(json.dumps({"error": "application not found on the bus"}) + "\n")
        return 3
    # Ask the application every time: a cached state would hide the very bug looked for.
    app.set_cache_mask(0)
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        try:
            reply = answer(app, json.loads(line))
        except Exception as error:  # the test reads the reason
            reply = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
