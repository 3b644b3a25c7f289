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
import time

import pytest
from atspibus import AccessibilityBus, missing
from atspiwalk import (
    DEADLINE,
    WORDS,
    Walk,
    back_to_first,
    changes,
    close_popup,
    on,
    open_popup,
    same_state,
    tap,
    walk_popup,
    write_table,
)
from conftest import start_xvfb
from realx import wait_for

pytestmark = pytest.mark.xvfb

MISSING = missing()
if MISSING:
    pytest.skip(f"AT-SPI actions need {MISSING} (make test installs it on Debian as root)",
                allow_module_level=True)

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
