"""A walk of the kiosk's controls through their accessibility actions (AT-SPI), for
test_atspi_actions.py: the kiosk as a patient meets it, read from outside, one step at a time,
each step recorded (control, its actions, what the action did, whether a tap did the same).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from atspibus import AccessibilityBus
from realx import Kiosk, wait_for, xdotool

#: What a step may take on a loaded two-core machine.
DEADLINE = 30
FIRST_TAB = {"Overview": "en", "Resumen": "es"}
START = {"Start": "en", "Empezar": "es"}
# The Spanish title ends with the English name too ("… — Stem cell therapy for hair loss").
TITLE = {"caída del cabello": "es", "hair loss": "en"}
WORDS = {
    "en": dict(english="English", spanish="Español", larger="Larger text",
               smaller="Smaller text", contrast="High contrast", listen="Listen to this page",
               take_home="Take this home", quiz="Check what you learned", close="Close",
               keep="Keep reading", start="Start", first="Overview", second="How it works",
               scroll="Scroll the page", meaning="Listen to this meaning",
               pause="Pause reading aloud"),
    "es": dict(english="English", spanish="Español", larger="Letra más grande",
               smaller="Letra más pequeña", contrast="Alto contraste",
               listen="Escuchar esta página", take_home="Llévelo a casa",
               quiz="Compruebe lo que aprendió", close="Cerrar", keep="Seguir leyendo",
               start="Empezar", first="Resumen", second="Cómo funciona",
               scroll="Desplazar la página", meaning="Escuchar este significado",
               pause="Pausar la lectura en voz alta"),
}


def brightness(env: dict) -> float:
    """The screen's mean brightness, 0 to 1, from the root window (every 16th pixel)."""
    from Xlib import X, display

    screen = display.Display(env["DISPLAY"])
    try:
        root = screen.screen().root
        geometry = root.get_geometry()
        data = root.get_image(0, 0, geometry.width, geometry.height, X.ZPixmap,
                              0xFFFFFFFF).data
    finally:
        screen.close()
    pixels = range(0, len(data) - 4, 4 * 16)
    return sum(data[i] + data[i + 1] + data[i + 2] for i in pixels) / (765 * len(pixels))


def tap(env: dict, x: int, y: int) -> None:
    """A real tap (XTEST) at ``(x, y)``. (``mousemove --sync`` would wait for ever when the
    pointer is there already: the server sends no motion then.)"""
    xdotool(env, "mousemove", str(x), str(y), "click", "1")


class Walk:
    """One kiosk process, its AT-SPI hands, and the rows of the table."""

    def __init__(self, env: dict, bus: AccessibilityBus, mode: str, *args: str,
                 title: str = "hair loss") -> None:
        self.env, self.mode = env, mode
        self.kiosk = Kiosk(env, *args, title=title)
        self.hands = bus.hands()
        self.rows: list[dict] = []
        self.failures: list[str] = []
        self.walked: set[tuple[str, str]] = set()

    # ---- what a patient meets ----------------------------------------------------------------

    def observe(self) -> dict:
        """The kiosk as a patient meets it, read from outside."""
        seen = self.hands.ask("observe")
        controls, tabs, text = seen["controls"], seen["tabs"], seen["text"]
        # Digits masked: the question's name counts the seconds down, and stays the same popup.
        overlays = [re.sub(r"\d+", "#", name) for _role, name in seen["names"]]
        names = {c["name"] for c in controls}
        title = self.kiosk.title
        lang = (FIRST_TAB.get(tabs[0]["name"]) if tabs
                else next((START[n] for n in names if n in START), None)
                or next((lang for part, lang in TITLE.items() if part in title), None))
        return {
            "controls": {(c["role"], c["name"]): c for c in controls},
            "lang": lang,
            "screen": "pages" if text["text"] else "welcome",
            # The selected tab; with no tabs (a talk), the page the window title names.
            "page": next((t["name"] for t in tabs if t["selected"]), None)
            or (title.split(" - ")[0] if text["text"] else None),
            "title": title.split(" - ")[0],
            "voice": self.voice(),
            "dark": brightness(self.env) < 0.5,
            "text_height": text["box"][3] if text["text"] else None,
            "text_top": text["box"][1] if text["text"] else None,
            "overlays": overlays,
            "checked": sorted(c["name"] for c in controls if "checked" in c["states"]),
            "focused": sorted(c["name"] for c in controls if "focused" in c["states"]),
            "values": {c["name"]: c["value"] for c in controls if c.get("value") is not None
                       and c["role"] != "scroll bar"},
        }

    def voice(self) -> bool:
        """True while the kiosk reads aloud: its speech command (CONFIG) runs as its child."""
        pid = str(self.kiosk.proc.pid)
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile
                continue
            if fields[1] == pid and "sleep" in stat.read_text():
                return True
        return False

    def control(self, role: str, name: str | None, seen: dict | None = None) -> dict:
        """The showing control; with no name, the first of ``role``."""
        seen = seen or self.observe()
        found = seen["controls"].get((role, name)) if name is not None else next(
            (c for (r, _n), c in seen["controls"].items() if r == role), None)
        assert found is not None, f"no showing {role} {name!r}: {sorted(seen['controls'])}"
        return found

    # ---- one step ----------------------------------------------------------------------------

    def act(self, role: str, name: str, action: str, expect: Callable[[dict, dict], bool],
            back: Callable[[], None] | None = None, tap: bool = False,
            where: str = "") -> dict:
        """Call ``action`` of the control, wait until ``expect(before, after)``, record what
        happened; then (``tap``) the same by a real tap from the same starting point; then
        ``back()`` puts things back."""
        before = self.observe()
        control = self.control(role, name, before)
        self.walked.add((role, control["name"]))
        assert action in control["actions"], f"{role} {name!r}: {control}"
        self.hands.ask("do", key=[role, name, 0], action=action)
        after = self._settle(before, expect)
        row = {"where": where or self.where(before), "control": f"{role} “{control['name']}”",
               "actions": ", ".join(control["actions"]), "action": action,
               "did": changes(before, after), "ok": expect(before, after), "tap": ""}
        if not row["ok"]:
            self.failures.append(f"{row['where']}: {role} {name!r} {action}: {row['did']}")
        if back is not None:
            back()
        if tap:
            row["tap"] = self.tap_compare(role, name, expect, back)
        self.rows.append(row)
        return after

    def _settle(self, before: dict, expect) -> dict:
        try:
            return wait_for(lambda: (lambda seen: expect(before, seen) and seen)(self.observe()),
                            DEADLINE, "the action's effect")
        except AssertionError:
            return self.observe()

    def tap_compare(self, role: str, name: str, expect, back) -> str:
        """A real tap on the control, from the same starting point: same effect?"""
        before = self.observe()
        control = self.control(role, name, before)
        x, y = control["centre"]
        if not (0 <= x < 1920 and 0 <= y < 1080):
            return "(not on screen)"
        tap(self.env, x, y)
        after = self._settle(before, expect)
        did = changes(before, after)
        if back is not None:
            back()
        if not expect(before, after):
            self.failures.append(f"a tap on {role} {name!r}: {did}")
            return f"tap did: {did}"
        return "same as a tap"

    def where(self, seen: dict) -> str:
        place = "popup" if seen["overlays"] else seen["screen"]
        return f"{self.mode}, {seen['lang']}, {place}"

    def do(self, role: str, name: str, action: str, expect: Callable[[dict], bool],
           what: str) -> None:
        """Call an action to put things back (not a row of the table); it must work."""
        self.hands.ask("do", key=[role, name, 0], action=action)
        wait_for(lambda: expect(self.observe()), DEADLINE, what)

    def focus(self, role: str, name: str | None) -> None:
        """SetFocus: the focus moves there, and nothing else changes. Qt makes an exclusive
        group one tab stop (the member focused last; arrow keys move inside): the others offer
        no SetFocus, which is recorded, not called."""
        seen = self.observe()
        control = self.control(role, name, seen)
        if "focused" in control["states"]:  # it has the focus already: move it away first
            other = sorted((k[0] != "push button", k) for k, c in seen["controls"].items()
                           if k != (role, name) and "SetFocus" in c["actions"])[0][1]
            self.do(*other, "SetFocus", lambda a: other[1] in a["focused"], "the focus moved")
            control = self.control(role, name)
        if "SetFocus" not in control["actions"]:
            assert role == "radio button", f"{role} {name!r} offers no SetFocus: {control}"
            self.walked.add((role, name))
            self.rows.append({"where": self.where(seen), "control": f"{role} “{name}”",
                              "actions": ", ".join(control["actions"]), "action": "SetFocus",
                              "did": "not offered: the group's other button is its tab stop",
                              "ok": True, "tap": ""})
            return
        self.act(role, name, "SetFocus",
                 lambda b, a: (name or self.control(role, None, a)["name"]) in a["focused"]
                 and same_state(b, a))

    def note(self, role: str, name: str, action: str, what: str) -> None:
        """A row for an action not called, saying why."""
        seen = self.observe()
        self.walked.add((role, name))
        self.rows.append({"where": self.where(seen), "control": f"{role} “{name}”",
                          "actions": "", "action": action, "did": what, "ok": True, "tap": ""})

    def unwalked(self, seen: dict | None = None) -> list[tuple[str, str]]:
        seen = seen or self.observe()
        return sorted(set(seen["controls"]) - self.walked)

    def stop(self) -> str:
        return self.kiosk.stop()[1]


STATE_KEYS = ("lang", "screen", "page", "title", "dark", "text_height", "overlays", "checked",
              "values", "voice")


def same_state(before: dict, after: dict) -> bool:
    """Nothing a patient sees changed (the focus aside)."""
    return all(before[k] == after[k] for k in STATE_KEYS)


def changes(before: dict, after: dict) -> str:
    """What changed, in words."""
    said = []
    same_lang, same_page = before["lang"] == after["lang"], before["page"] == after["page"]
    if not same_lang:
        said.append(f"language {before['lang']} → {after['lang']}")
    if before["screen"] != after["screen"]:
        said.append(f"screen {before['screen']} → {after['screen']}")
    elif not same_page and same_lang:
        said.append(f"page {before['page']} → {after['page']} (title: {after['title']})")
    # Brightness says high contrast only on the pages, with no popup dimming them.
    if before["dark"] != after["dark"] and before["screen"] == after["screen"] == "pages" \
            and not before["overlays"] and not after["overlays"]:
        said.append("high contrast on (screen dark)" if after["dark"]
                    else "high contrast off (screen light)")
    if before["text_height"] and after["text_height"] and same_page and same_lang \
            and before["text_height"] != after["text_height"]:
        bigger = after["text_height"] > before["text_height"]
        said.append(f"text {'larger' if bigger else 'smaller'}"
                    f" (page text {before['text_height']} → {after['text_height']} px tall)")
    elif before["text_top"] is not None and after["text_top"] is not None and same_page \
            and before["text_top"] != after["text_top"] and same_lang:
        said.append(f"page scrolled (its top {before['text_top']} → {after['text_top']})")
    for name in after["overlays"]:
        if name not in before["overlays"]:
            said.append(f"popup opened: “{name[:60]}”")
    for name in before["overlays"]:
        if name not in after["overlays"]:
            said.append(f"popup closed: “{name[:60]}”")
    if same_lang:
        for name in sorted(set(after["checked"]) - set(before["checked"])):
            said.append(f"“{name}” checked")
        for name in sorted(set(before["checked"]) - set(after["checked"])):
            said.append(f"“{name}” unchecked")
        if before["overlays"] == after["overlays"] and before["screen"] == after["screen"]:
            names = [{re.sub(r"\d+", "#", n) for _r, n in seen["controls"]}
                     for seen in (before, after)]
            new, gone = sorted(names[1] - names[0]), sorted(names[0] - names[1])
            if new:
                said.append("now showing: " + ", ".join(f"“{n[:40]}”" for n in new[:3]))
            if gone:
                said.append("gone: " + ", ".join(f"“{n[:40]}”" for n in gone[:3]))
    if before["voice"] != after["voice"]:
        said.append("reading aloud (the voice runs)" if after["voice"] else "the voice stopped")
    for name, value in after["values"].items():
        if before["values"].get(name, value) != value:
            said.append(f"“{name}” shows {value:g} (was {before['values'][name]:g})")
    focused = sorted(set(after["focused"]) - set(before["focused"]))
    if focused:
        said.append(f"focus on “{focused[-1][:40]}”")
    return "; ".join(said) or "nothing"


#: Reading aloud that lasts (no sound card on Xvfb: a real voice may fail or end at once), and
#: no more time for a screen reader's user (the test's AT-SPI client counts as one).


def write_table(walks: list[Walk]) -> None:
    target = os.environ.get("ACTIONS_TABLE")
    if not target:
        return
    lines = ["| where | control | its actions | action called | what it did | a tap |",
             "|---|---|---|---|---|---|"]
    for walk in walks:
        for row in walk.rows:
            mark = "" if row["ok"] else " **(wrong)**"
            lines.append(f"| {row['where']} | {row['control']} | {row['actions']} | "
                         f"{row['action']} | {row['did']}{mark} | {row['tap']} |")
    with Path(target).open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n\n")


def on(lang: str, words: dict) -> Callable[[dict, dict], bool]:
    """The interface is in ``lang`` and its language button, and only it, is checked."""
    mine = words["english"] if lang == "en" else words["spanish"]
    other = words["spanish"] if lang == "en" else words["english"]
    return lambda _b, a: a["lang"] == lang and mine in a["checked"] and other not in a["checked"]


def back_to_first(walk: Walk, first: str, title: str) -> None:
    seen = walk.observe()
    if ("page tab", first) in seen["controls"]:
        walk.do("page tab", first, "Press", lambda a: a["page"] == first, "the first page")
    else:  # presentation mode: the presenter's key, as a clicker sends it
        walk.kiosk.key("Home")
        wait_for(lambda: walk.kiosk.page() == title.split(" - ")[0] or
                 walk.kiosk.page() == title, DEADLINE, "the first page again")


def open_popup(walk: Walk, name: str) -> dict:
    walk.do("push button", name, "Press", lambda a: bool(a["overlays"]), f"{name} open")
    return walk.observe()


def close_popup(walk: Walk) -> None:
    """Close the popup on top as a patient does, with a real tap: on its Close button if it
    has one (the questions), else on the dimmed page (the other popups close on a tap)."""
    seen = walk.observe()
    if not seen["overlays"]:
        return
    close = [c for (role, name), c in seen["controls"].items()
             if role == "push button" and name in ("Close", "Cerrar")]
    tap(walk.env, *(close[0]["centre"] if close else (30, 1050)))
    wait_for(lambda: not walk.observe()["overlays"], DEADLINE, "the popup closed")


def walk_popup(walk: Walk, opener: Callable[[], dict], exclude: set) -> None:
    """Every control of the popup; then the popup's own actions (they must close it)."""
    seen = opener()
    inside = [k for k in seen["controls"] if k not in exclude]
    for role, name in inside:
        if role in ("dialog", "alert"):
            continue
        for action in seen["controls"][(role, name)]["actions"]:
            now = walk.observe()
            if not now["overlays"]:
                now = opener()
            if (role, name) not in now["controls"]:
                walk.note(role, name, action, "(not walked: an earlier step changed the popup)")
            elif action == "SetFocus":
                walk.focus(role, name)
            else:
                walk.act(role, name, action,
                         lambda b, a: (set(a["controls"]) != set(b["controls"])
                                       or a["overlays"] != b["overlays"]
                                       or a["voice"] != b["voice"]),
                         lambda: close_popup(walk))
    if not walk.observe()["overlays"]:
        opener()
    # The popup itself: a tap anywhere on it closes it, so its Press must close it too.
    seen = walk.observe()
    role, name = next(k for k in seen["controls"] if k[0] in ("dialog", "alert"))
    for action in seen["controls"][(role, name)]["actions"]:
        if action == "SetFocus":
            walk.act(role, name, action, same_state)
        else:
            walk.act(role, name, action, lambda b, a: not a["overlays"])
            seen = opener()
            role, name = next(k for k in seen["controls"] if k[0] in ("dialog", "alert"))
    walk.walked.update(k for k in seen["controls"] if k[0] in ("dialog", "alert"))
    close_popup(walk)
