"""Short soak: many page switches in one kiosk process; RSS and QObject growth.

In-process: builds the real window (kiosk.gui.app.build_window), shows it full screen on
the X server in $DISPLAY (bench/run.py starts an Xvfb), then clicks the tabs with
QTest (synthetic Qt mouse events, not X input) and lets every switch paint before the
next. Every ``--restyle-every`` switches it also restyles the window for a different text
size (Metrics.for_size(..., text_scale=1.3) and back), the path a text-size setting or a
resolution change takes. Language changes and idle resets do not exist yet in the kiosk,
so they are not exercised.

Prints a table: RSS, QObjects and Python objects after a warm-up (every page rendered)
and at each tenth of the run, and the growth from the warm-up to the end.

Usage: DISPLAY=:N python bench/soak.py [--switches 10000] [--restyle-every 20]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.gui.app import application, build_window
from kiosk.theme import Metrics


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
    parser.add_argument("--restyle-every", type=int, default=20)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        sys.exit("soak: needs DISPLAY (run it through bench/run.py soak)")

    app = application()
    window = build_window(Settings())
    screen = app.primaryScreen().geometry()
    size = (screen.width(), screen.height())
    window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint)
    window.setGeometry(screen)
    window.apply_metrics(Metrics.for_size(*size))
    window.showFullScreen()
    bar = window.tabs.tabBar()
    count = bar.count()

    def settle() -> None:
        app.processEvents()
        app.sendPostedEvents()
        app.processEvents()

    def switch(n: int) -> None:
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(n % count).center())
        settle()

    def sample(label: str, done: int) -> tuple:
        gc.collect()
        settle()
        return (label, done, rss_mib(), qobject_count(app), len(gc.get_objects()))

    started = time.monotonic()
    for n in range(1, 2 * count + 1):  # warm-up: every page rendered, twice round
        switch(n)
    rows = [sample("after warm-up", 0)]
    restyles = 0
    for n in range(1, args.switches + 1):
        switch(n)
        if args.restyle_every and n % args.restyle_every == 0:
            restyles += 1
            scale = 1.3 if restyles % 2 else 1.0
            window.apply_metrics(Metrics.for_size(*size, text_scale=scale))
            settle()
        if n % max(1, args.switches // 10) == 0 or n == args.switches:
            rows.append(sample(f"{n} switches", n))
    window.apply_metrics(Metrics.for_size(*size))
    rows.append(sample("end, text size back", args.switches))
    elapsed = time.monotonic() - started
    assert window.navigator.current == args.switches % count

    print("### Soak: page switches in one process (real MainWindow, QTest clicks on tabs)")
    print()
    print("| point | switches | RSS MiB | QObjects | Python objects |")
    print("|---|---|---|---|---|")
    for label, done, rss, qobjects, pyobjects in rows:
        print(f"| {label} | {done} | {rss:.1f} | {qobjects} | {pyobjects} |")
    first, last = rows[0], rows[-1]
    print()
    print(f"- growth from warm-up to end: RSS {last[2] - first[2]:+.1f} MiB, "
          f"QObjects {last[3] - first[3]:+d}, Python objects {last[4] - first[4]:+d}")
    print(f"- {args.switches} switches and {restyles} text-size restyles in {elapsed:.0f} s "
          f"({1000 * elapsed / max(1, args.switches):.1f} ms per switch, painting included); "
          f"load {os.getloadavg()[0]:.2f}")
    print("- no language switch or idle reset exists yet in the kiosk: not exercised")
    print()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
