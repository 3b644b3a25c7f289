"""Issue 19, through the real thing: every accessibility action of every control a patient can
see, called over AT-SPI as switch access, voice control or a screen reader's "activate" calls
it, on the kiosk running as its own process on a private Xvfb with the accessibility bus.

Each action's effect is read from outside, as a patient meets it: the language from the tab
names (or the welcome button), high contrast from the screen's brightness, the page from the
window title and the selected tab, text size from the height of the page's text, popups from
the dialogs on the bus. Where the control is on the screen, a real tap (XTEST) from the same
starting point must do the same. Everything is put back after each step; the walk covers the
welcome screen, the header, the page, the popups and "Are you still reading?", in English and
Spanish, in kiosk and presentation modes, and fails on any control it did not walk.

Set ACTIONS_TABLE=FILE to get the walk as a Markdown table (control, action, what it did).
"""

from __future__ import annotations

import faulthandler
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from atspibus import AccessibilityBus, missing
from conftest import start_xvfb
from realx import Kiosk, wait_for, xdotool

pytestmark = pytest.mark.xvfb

MISSING = missing()
if MISSING:
    pytest.skip(f"AT-SPI actions need {MISSING} (make test installs it on Debian as root)",
                allow_module_level=True)

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
CONFIG = """
speech_command = ["sh", "-c", "exec sleep 600"]
screen_reader_time = 1
"""


@pytest.fixture
def config(tmp_path) -> str:
    path = tmp_path / "kiosk.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return str(path)


@pytest.fixture
def bus_display():
    # Minutes by design, each wait with its own deadline: no "hung test" traceback after
    # faulthandler_timeout.
    faulthandler.cancel_dump_traceback_later()
    server, env = start_xvfb()
    assert server is not None, "Xvfb did not start"
    bus = AccessibilityBus(env)
    yield env, bus
    bus.stop()
    server.terminate()
    server.wait(10)


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


def walk_languages(walk: Walk, lang: str, tap: bool) -> None:
    """The two language buttons: the other language, then the one in use (nothing happens)."""
    w = WORDS[lang]
    other = "es" if lang == "en" else "en"
    mine_name, other_name = ((w["english"], w["spanish"]) if lang == "en"
                             else (w["spanish"], w["english"]))

    def back() -> None:
        walk.do("radio button", mine_name, "Press", lambda a: on(lang, w)(a, a),
                f"the interface back in {lang}")

    for action in ("Press", "Toggle"):
        walk.act("radio button", other_name, action, on(other, w), back,
                 tap=tap and action == "Press")
        walk.act("radio button", mine_name, action,
                 lambda b, a: same_state(b, a) and on(lang, w)(b, a))
    walk.focus("radio button", other_name)
    walk.focus("radio button", mine_name)


def walk_header(walk: Walk, lang: str) -> None:
    w = WORDS[lang]

    def grew(b, a):
        return a["text_height"] > b["text_height"] and a["lang"] == b["lang"]

    def shrank(b, a):
        return a["text_height"] < b["text_height"] and a["lang"] == b["lang"]

    def smaller() -> None:
        walk.do("push button", w["smaller"], "Press", lambda a: w["smaller"] not in
                {n for _r, n in a["controls"]}, "the smallest text again")

    walk.act("push button", w["larger"], "Press", grew, smaller, tap=True)
    walk.focus("push button", w["larger"])
    walk.do("push button", w["larger"], "Press",
            lambda a: ("push button", w["smaller"]) in a["controls"], "a larger text")
    walk.act("push button", w["smaller"], "Press", shrank,
             lambda: walk.do("push button", w["larger"], "Press",
                             lambda a: ("push button", w["smaller"]) in a["controls"],
                             "a larger text"), tap=True)
    walk.focus("push button", w["smaller"])
    smaller()

    # An on/off setting: a role whose checked state Orca speaks (a push button's it does not).
    role = next(r for r, n in walk.observe()["controls"] if n == w["contrast"])
    if role not in ("check box", "switch", "toggle button"):
        walk.failures.append(f"High contrast is a {role}: Orca would not say whether it is on")

    def contrast_on(_b, a):
        return a["dark"] and w["contrast"] in a["checked"]

    def contrast_off() -> None:
        walk.do(role, w["contrast"], "Press",
                lambda a: not a["dark"] and w["contrast"] not in a["checked"],
                "the default theme again")

    for action in ("Press", "Toggle"):
        walk.act(role, w["contrast"], action, contrast_on, contrast_off,
                 tap=action == "Press")
    walk.focus(role, w["contrast"])
    walk_languages(walk, lang, tap=True)
    walk_listen(walk, lang)


def walk_listen(walk: Walk, lang: str) -> None:
    """Listen reads the page aloud, or says that sound is not available; either way, what
    the action does is what a tap does."""
    name = WORDS[lang]["listen"]
    walk.focus("push button", name)
    actions = walk.control("push button", name)["actions"]
    for action in [a for a in actions if a != "SetFocus"]:
        walk.act("push button", name, action,
                 lambda b, a: a["voice"] and ("push button", WORDS[lang]["pause"])
                 in a["controls"],
                 lambda: walk_listen_back(walk, lang), tap=action == "Press")


def walk_listen_back(walk: Walk, lang: str) -> None:
    """Pause the reading (its button is named for what a press does now)."""
    pause = WORDS[lang]["pause"]
    if ("push button", pause) in walk.observe()["controls"]:
        walk.do("push button", pause, "Press",
                lambda a: ("push button", pause) not in a["controls"] and not a["voice"],
                "reading aloud paused")


def walk_page(walk: Walk, lang: str, tabs: bool = True) -> None:
    """The page: its scroll bar, its buttons, the popups they open, the tabs."""
    w = WORDS[lang]
    seen = walk.observe()
    first = seen["page"] or w["first"]
    scroll = next(n for r, n in seen["controls"] if r == "scroll bar")
    walk.act("scroll bar", scroll, "Increase",
             lambda b, a: a["text_top"] < b["text_top"],
             lambda: walk.do("scroll bar", scroll, "Decrease",
                             lambda a: a["text_top"] == seen["text_top"], "the top of the page"))
    walk.act("scroll bar", scroll, "Decrease", same_state)
    next_button = next(n for r, n in seen["controls"] if r == "push button"
                       and n.startswith(("Next: ", "Siguiente: ")))
    walk.act("push button", next_button, "Press",
             lambda b, a: a["page"] != b["page"] or a["title"] != b["title"],
             lambda: back_to_first(walk, first, seen["title"]))
    walk.focus("push button", next_button)
    for name, _how in ((w["take_home"], "take home"), (w["quiz"], "quiz")):
        walk.focus("push button", name)
    walk_take_home(walk, lang)
    walk_quiz(walk, lang)
    walk_glossary(walk, lang)
    for (role, name), control in sorted(seen["controls"].items()):
        if role in ("filler", "label", "page tab list") and "SetFocus" in control["actions"]:
            walk.act(role, name, "SetFocus", same_state)
    if tabs:
        for (role, name) in [k for k in seen["controls"] if k[0] == "page tab"]:
            if name == first:
                walk.act(role, name, "Press", same_state)
                continue
            walk.act(role, name, "Press", lambda b, a, n=name: a["page"] == n,
                     lambda: back_to_first(walk, first, seen["title"]), tap=True)


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


def walk_take_home(walk: Walk, lang: str) -> None:
    name = WORDS[lang]["take_home"]
    page = walk.observe()
    walk.act("push button", name, "Press",
             lambda b, a: any(o.startswith(name) for o in a["overlays"]),
             lambda: close_popup(walk))
    walk_popup(walk, lambda: open_popup(walk, name), set(page["controls"]))


def walk_quiz(walk: Walk, lang: str) -> None:
    name = WORDS[lang]["quiz"]
    page = walk.observe()
    walk.act("push button", name, "Press", lambda b, a: bool(a["overlays"]),
             lambda: close_popup(walk))
    walk_popup(walk, lambda: open_popup(walk, name), set(page["controls"]))


def walk_glossary(walk: Walk, lang: str) -> None:
    """A glossary word is a link in the page's text, with no action of its own on AT-SPI:
    it is opened by keyboard here (Tab to it, Return), then its card is walked."""
    page = walk.observe()
    text = next((r, n) for (r, n) in page["controls"] if r == "label")

    def opener() -> dict:
        walk.do(*text, "SetFocus", lambda a: text[1] in a["focused"], "the page text focused")
        for _ in range(12):
            walk.kiosk.key("Tab")
            walk.kiosk.key("Return")
            seen = wait_for(lambda: (lambda s: s if s["overlays"] else None)(walk.observe()),
                            DEADLINE, "a popup from Return on a link")
            if ("push button", WORDS[lang]["meaning"]) in seen["controls"]:
                return seen
            close_popup(walk)
        raise AssertionError("no glossary word reached by Tab")

    walk_popup(walk, opener, set(page["controls"]))


def check(walks: list[Walk], outputs: list[str]) -> None:
    failures = [f for walk in walks for f in walk.failures]
    assert not failures, "\n".join(failures + outputs[-1:])


def test_every_action_in_kiosk_mode_does_what_a_tap_does_in_english_and_spanish(
        bus_display, config):
    env, bus = bus_display
    walk = Walk(env, bus, "kiosk", "--config", config, "--idle-timeout", "0")
    outputs = []
    try:
        seen = walk.observe()
        assert seen["screen"] == "welcome" and seen["lang"] == "en", seen
        # The welcome screen, in English and in Spanish.
        walk_languages(walk, "en", tap=True)
        walk.do("radio button", "Español", "Press", lambda a: a["lang"] == "es", "Spanish")
        walk_languages(walk, "es", tap=False)
        walk.focus("push button", "Empezar")
        walk.do("radio button", "English", "Press", lambda a: a["lang"] == "en", "English")
        walk.focus("push button", "Start")
        assert walk.unwalked() == []
        walk.act("push button", "Start", "Press",
                 lambda b, a: a["screen"] == "pages" and a["page"] == "Overview"
                 and a["lang"] == "en")
        # The header and the page, in English, then in Spanish.
        for lang in ("en", "es"):
            if lang == "es":
                walk.do("radio button", "Español", "Press", lambda a: a["lang"] == "es",
                        "Spanish")
            walk_header(walk, lang)
            walk_page(walk, lang)
            assert walk.unwalked() == []
        walk.do("radio button", "English", "Press", lambda a: a["lang"] == "en", "English")
    finally:
        outputs.append(walk.stop())
        write_table([walk])
    check([walk], outputs)


def test_every_action_in_presentation_mode_in_spanish(bus_display, config):
    """The talk: no header and no tabs; the page's buttons, its scroll bar, the popups, and
    the progress bar, which may only show where the talk is."""
    env, bus = bus_display
    walk = Walk(env, bus, "presentation", "--config", config, "--present",
                "--present-seconds", "3600", "--lang", "es", title="caída del cabello")
    outputs = []
    try:
        seen = walk.observe()
        assert seen["lang"] == "es" and seen["screen"] == "pages", walk.kiosk.title
        walk_page(walk, "es", tabs=False)
        for (role, name), control in sorted(walk.observe()["controls"].items()):
            if role != "progress bar":
                continue
            for action in control["actions"]:
                # No tap moves a progress bar: its actions may do nothing, or move the talk and
                # show it; never show a place the talk is not at.
                walk.act(role, name, action,
                         lambda b, a: same_state(b, a) or (a["title"] != b["title"]
                                                           and a["values"] != b["values"]),
                         lambda: back_to_first(walk, "", seen["title"]))
        assert walk.unwalked() == []
    finally:
        outputs.append(walk.stop())
        write_table([walk])
    check([walk], outputs)


def test_actions_keep_the_kiosk_awake_and_answer_are_you_still_reading(bus_display, tmp_path):
    """A switch user pressing away only through actions is not idle (a tap never is); and the
    question's own controls, called by action, answer it as a tap does: in both languages."""
    env, bus = bus_display
    config = tmp_path / "kiosk.toml"
    # The question stays 9 s: time enough for the walk's few calls on a loaded machine.
    config.write_text(CONFIG + "countdown = 9\n", encoding="utf-8")
    idle = 10
    walk = Walk(env, bus, "kiosk", "--config", str(config), "--no-attract",
                "--idle-timeout", str(idle))
    outputs = []
    try:
        # Pressing tabs by action for longer than the idle timeout.
        began, pages, presses, asked = time.monotonic(), ["How it works", "Overview"], 0, False
        while time.monotonic() - began < idle * 1.7 and not asked:
            name = pages[presses % 2]
            walk.hands.ask("do", key=["page tab", name, 0], action="Press")
            seen = wait_for(lambda n=name: (lambda s: s if s["page"] == n or s["overlays"]
                                            else None)(walk.observe()), DEADLINE, name)
            asked, presses = bool(seen["overlays"]), presses + 1
        walk.rows.append({
            "where": "kiosk, en, pages", "control": "page tabs", "actions": "Press",
            "action": f"Press, {presses} times in {time.monotonic() - began:.0f} s "
                      f"(idle timeout {idle} s)",
            "did": "asked “Are you still reading?” while the patient pressed" if asked
            else "never asked “Are you still reading?”: each action is activity",
            "ok": not asked, "tap": ""})
        if asked:
            walk.failures.append("asked 'Are you still reading?' while a switch user pressed")
            close_popup(walk)
        for lang in ("en", "es"):
            keep = WORDS[lang]["keep"]
            if lang == "es":
                walk.do("radio button", "Español", "Press", lambda a: a["lang"] == "es",
                        "Spanish")
            # Each step waits for the question to come back (the first one focuses first).
            steps = [("push button", keep, "SetFocus"), ("alert", None, "SetFocus"),
                     ("push button", keep, "Press"), ("push button", keep, "tap"),
                     ("alert", None, "Press")]
            for role, name, action in steps:
                seen = wait_for(lambda: (lambda s: s if s["overlays"] else None)(walk.observe()),
                                idle * 2 + DEADLINE, "“Are you still reading?”")
                # The alert is found by its role: its name counts the seconds down.
                if action == "SetFocus":
                    walk.focus(role, name)
                    continue
                # Answered: the question goes, and the patient is where they were.
                def answered(b, a):
                    return not a["overlays"] and a["page"] == b["page"] and a["lang"] == b["lang"]

                if action == "tap":  # the same, by a real tap, for comparison
                    tap(env, *walk.control(role, name, seen)["centre"])
                    after = walk._settle(seen, answered)
                    walk.rows.append({"where": walk.where(seen), "control": f"{role} “{name}”",
                                      "actions": "", "action": "(a real tap)",
                                      "did": changes(seen, after), "ok": answered(seen, after),
                                      "tap": ""})
                    continue
                walk.act(role, name, action, answered)
        walk.do("radio button", "English", "Press", lambda a: a["lang"] == "en", "English")
    finally:
        outputs.append(walk.stop())
        write_table([walk])
    check([walk], outputs)
