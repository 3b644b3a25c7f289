"""Where a start's time goes: the phases from exec to the first frame, kiosk and bare window.

Usage (from the project folder)::

    .venv/bin/python bench/phases.py [--rounds N] [-- KIOSK OPTIONS]

Each round starts the bare Qt window and the kiosk (alternating, each a fresh process on a
private Xvfb, no window manager) with the clock's start in its environment, and each child
notes ``time.time()`` at the end of each phase: Python is up, the modules are imported,
QApplication exists, the window is built, the first paint (the kiosk: ``MainWindow``'s first
paint event; the bare window: its own ``paintEvent``), and for the kiosk when every part is
built (``ready``). The table gives each phase's median over the rounds.

The marks wrap the kiosk's own functions from outside (``build_window``, ``application``,
``MainWindow.event``); nothing in the kiosk knows it is measured. No application-wide event
filter is used: one runs Python for every event of every widget and made the first frame
20 ms later. The child imports ``kiosk.gui.app`` (PySide6) before the command line runs,
so in this table the settings are read after PySide6 is imported, not before it.
"""

from __future__ import annotations

import os
import sys
import time

MARK_PREFIX = "PHASES "


def _child_bare() -> None:
    t0 = float(os.environ["PHASES_T0"])
    marks: list[tuple[str, float]] = [("Python is up", time.time())]
    from bare_window import dress  # the bench's bare window, as bench/run.py starts it
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    marks.append(("PySide6 imported (and the app's modules)", time.time()))
    app = QApplication(sys.argv[:1])
    marks.append(("QApplication (and fonts, settings)", time.time()))

    class Bare(QWidget):
        painted = False

        def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                marks.append(("first paint", time.time()))
                QTimer.singleShot(0, app.quit)

    window = Bare()
    dress(window, app)
    marks.append(("window built", time.time()))
    window.showFullScreen()
    app.exec()
    _report(t0, marks)


def _child_kiosk(argv: list[str]) -> None:
    t0 = float(os.environ["PHASES_T0"])
    marks: list[tuple[str, float]] = [("Python is up", time.time())]
    import kiosk.cli as cli

    marks.append(("kiosk.cli imported (config, settings table)", time.time()))
    from kiosk.gui import app as appmod
    from kiosk.gui import mainwindow

    marks.append(("PySide6 imported (and the app's modules)", time.time()))
    application, build_window = appmod.application, appmod.build_window
    window_event = mainwindow.MainWindow.event
    painted = []

    def timed_application(*args, **kwargs):
        marks.append(("command line read, settings loaded", time.time()))
        app = application(*args, **kwargs)
        marks.append(("QApplication (and fonts, settings)", time.time()))
        return app

    def timed_build(*args, **kwargs):
        window = build_window(*args, **kwargs)
        marks.append(("window built", time.time()))
        from PySide6.QtWidgets import QApplication

        def ready() -> None:
            marks.append(("ready: every part built", time.time()))
            QApplication.instance().exit(0)

        window.when_ready(ready)
        return window

    def timed_event(self, event):
        from PySide6.QtCore import QEvent

        if not painted and event.type() == QEvent.Type.Paint:
            painted.append(True)
            marks.append(("first paint", time.time()))
        return window_event(self, event)

    appmod.application, appmod.build_window = timed_application, timed_build
    mainwindow.MainWindow.event = timed_event
    sys.argv = [sys.argv[0], *argv]
    cli.main()
    _report(t0, marks)


def _report(t0: float, marks: list[tuple[str, float]]) -> None:
    import json

    sys.stderr.write(MARK_PREFIX + json.dumps([(name, (t - t0) * 1000) for name, t in marks])
                     + "\n")


def _run(x, argv: list[str]) -> list[tuple[str, float]]:
    import json
    import subprocess

    import common as c

    env = x.env | {"PHASES_T0": repr(time.time())}
    done = subprocess.run(c.NETNS + [c.PYTHON, *argv], env=env, cwd=c.ROOT,
                          capture_output=True, text=True, timeout=60)
    for line in done.stderr.splitlines():
        if line.startswith(MARK_PREFIX):
            return json.loads(line.removeprefix(MARK_PREFIX))
    raise RuntimeError(f"no marks from {argv}:\n{done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    import argparse
    import statistics

    import common as c

    parser = argparse.ArgumentParser(description="Phases of a start, kiosk against bare window.")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("kiosk_args", nargs="*", help="options for the kiosk (after --)")
    args = parser.parse_args(argv)
    c.need("Xvfb", "unshare")
    c.precompile()
    me = str(c.BENCH / "phases.py")
    config = c.kiosk_config("phases")
    kiosk_args = ["--config", str(config), *args.kiosk_args]
    runs: dict[str, list[list[tuple[str, float]]]] = {"bare Qt": [], "kiosk": []}
    before = c.load()
    with c.Xvfb() as x:
        for r in range(args.rounds):
            order = ["bare Qt", "kiosk"] if r % 2 == 0 else ["kiosk", "bare Qt"]
            for name in order:
                child = ["--child", "bare"] if name == "bare Qt" else [
                    "--child", "kiosk", *kiosk_args]
                x.wait_clear()
                runs[name].append(_run(x, [me, *child]))
    print(f"Machine: {c.machine()}\nKiosk: main.py {' '.join(args.kiosk_args)}\n")
    for name, rounds in runs.items():
        print(f"### {name}: ms from exec, median of {args.rounds} rounds\n")
        print("| phase ends | at | phase took |\n|---|---|---|")
        last = 0.0
        for i, (phase, _t) in enumerate(rounds[0]):
            at = statistics.median(r[i][1] for r in rounds)
            print(f"| {phase} | {at:.1f} | {at - last:.1f} |")
            last = at
        print()
    print(f"- {args.rounds} rounds, alternating; {before} before, {c.load()} after")
    return 0


if __name__ == "__main__":
    # A child measures itself: it imports nothing of the bench before its own marks.
    if sys.argv[1:2] == ["--child"]:
        _child_bare() if sys.argv[2] == "bare" else _child_kiosk(sys.argv[3:])
        sys.exit(0)
    sys.exit(main())
