"""Short soak: everything a day of patients does, in one kiosk process; RSS and QObject growth.

In-process: builds the real window (kiosk.gui.app.build_window) with statistics recording
to a temporary SQLite file (kiosk.gui.recording.attach, the writer thread included), and
covers the X server's screen in $DISPLAY with it as the kiosk does (ScreenCover; bench/run.py
starts an Xvfb). Then it plays patients, one after another, with QTest (synthetic Qt mouse
events on the real widgets, not X input), letting every step paint before the next:

- a tap on "Touch to start" (the attract screen);
- a tap on "Español" in the header (the language switch: every page is read again);
- page switches by taps on the tabs (10,000 over the run);
- one to four taps on "A+" (text size), and "High contrast" on every other patient;
- a glossary term opened (the popup a tapped word opens) and closed by a tap on it;
- ``window.reset()``, the idle reset (500 over the run): back to English, normal text and
  contrast, first page, attract screen, session ended.

So the run holds 500 resets, 1,000 language switches (to Spanish by a tap, back by the
reset), 1,000 text-size changes and 500 contrast changes (half by taps, half by the
reset), 500 glossary popups. RSS, QObjects (every object reachable from the application
and its windows) and Python objects are sampled after a warm-up of ``--warmup`` patients
(every page seen in both languages, at every text size and contrast) and after each tenth
of the run; the table gives the growth from the warm-up to the end.

Usage: DISPLAY=:N python bench/soak.py [--switches 10000] [--resets 500] [--warmup 4]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.gui.app import application, build_window
from kiosk.gui.recording import attach
from kiosk.gui.screen import ScreenCover


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def qobject_count(app: QApplication) -> int:
    """Every QObject reachable from the application and its top-level widgets."""
    count = 1 + len(app.findChildren(QObject))
    for top in app.topLevelWidgets():
        count += 1 + len(top.findChildren(QObject))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", type=int, default=10000)
    parser.add_argument("--resets", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=4,
                        help="patients played before the first sample (default 4)")
    parser.add_argument("--no-language", dest="language", action="store_false",
                        help="patients do not switch to Spanish (to tell language switches' "
                             "share of any growth from the rest)")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        sys.exit("soak: needs DISPLAY (run it through bench/run.py soak)")
    folder = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    try:
        return soak(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def soak(args, folder: Path) -> int:
    app = application()
    settings = Settings(stats_db=folder / "stats.sqlite3")
    window = build_window(settings)
    window.cover = ScreenCover(window)
    window.cover.show()
    recording = attach(window, settings)
    bar = window.tabs.tabBar()
    count = bar.count()
    per_patient = max(1, args.switches // max(1, args.resets))

    def settle() -> None:
        app.processEvents()
        app.sendPostedEvents()
        # Views replaced by a language switch are deleted later: let that happen now.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()

    def tap(widget, pos=None) -> None:
        if pos is None:
            pos = widget.rect().center()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        settle()

    done = {"switches": 0, "resets": 0, "languages": 0, "sizes": 0, "contrast": 0,
            "glossary": 0}

    def patient(n: int, switches: int) -> None:
        """One patient: start, Spanish, read, bigger text, contrast, a word; idle reset."""
        assert window.showing_attract
        tap(window.attract)
        assert not window.showing_attract
        if args.language:
            tap(window.header.language_buttons["es"])
            assert window.lang == "es"
            done["languages"] += 2  # there, and back by the reset
        current = window.navigator.current
        for i in range(switches):
            target = (current + 1 + i % (count - 1)) % count
            tap(bar, bar.tabRect(target).center())
            assert window.navigator.current == target
            current = target
        done["switches"] += switches
        for _ in range(1 + n % 4):
            tap(window.header.larger_button)
        done["sizes"] += 2
        if n % 2:
            tap(window.header.contrast_button)
            assert window.contrast
            done["contrast"] += 2
        if window.deck.glossary is not None and window.deck.glossary.entries:
            entries = window.deck.glossary.entries  # the Spanish glossary, with language switches
            window.deck.open_term(entries[n % len(entries)].term)  # what a tapped word calls
            settle()
            assert window.glossary_popup.isVisible()
            tap(window.glossary_popup)
            assert not window.glossary_popup.isVisible()
            done["glossary"] += 1
        window.reset("idle")
        settle()
        done["resets"] += 1
        assert window.lang == "en" and window.state.text_size == 0 and not window.contrast

    def sample(label: str) -> tuple:
        # Until nothing more is deleted: views a reset replaced go with their deferred delete.
        objects = -1
        for _ in range(5):
            gc.collect()
            settle()
            if qobject_count(app) == objects:
                break
            objects = qobject_count(app)
        return (label, done["switches"], done["resets"], rss_mib(), qobject_count(app),
                len(gc.get_objects()))

    started = time.monotonic()
    for n in range(args.warmup):  # every page seen, both languages, every size, contrast
        patient(n, 2 * count)
    warm = dict(done)
    rows = [sample("after warm-up")]
    step = max(1, args.resets // 10)
    left = args.switches
    for n in range(args.resets):
        switches = per_patient if n < args.resets - 1 else left
        patient(args.warmup + n, switches)
        left -= switches
        if (n + 1) % step == 0 or n == args.resets - 1:
            rows.append(sample(f"{n + 1} patients"))
    elapsed = time.monotonic() - started
    if recording is not None:
        recording.stop()
    counts = {k: done[k] - warm[k] for k in done}

    print("### Soak: patients in one process (real MainWindow, QTest taps, statistics on)")
    print()
    print("| point | switches | resets | RSS MiB | QObjects | Python objects |")
    print("|---|---|---|---|---|---|")
    for label, switches, resets, rss, qobjects, pyobjects in rows:
        print(f"| {label} | {switches - warm['switches']} | {resets - warm['resets']} "
              f"| {rss:.1f} | {qobjects} | {pyobjects} |")
    first, last = rows[0], rows[-1]
    print()
    print(f"- growth from warm-up to end: RSS {last[3] - first[3]:+.1f} MiB, "
          f"QObjects {last[4] - first[4]:+d}, Python objects {last[5] - first[5]:+d}")
    print(f"- after a warm-up of {args.warmup} patients: {counts['switches']} page switches, "
          f"{counts['resets']} idle resets (window.reset()), {counts['languages']} language "
          f"switches (en<->es), {counts['sizes']} text-size changes, {counts['contrast']} "
          f"contrast changes, {counts['glossary']} glossary popups opened and closed")
    print(f"- {elapsed:.0f} s in all ({1000 * elapsed / max(1, done['switches']):.1f} ms per "
          f"switch, everything else and painting included); load {os.getloadavg()[0]:.2f}")
    print()
    window.allow_close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
