"""Benchmarks of issue 8: print one markdown table per figure.

Usage (from the project folder, with the project's venv and the ``bench`` extra)::

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/run.py [start|memory|chromium|switch|idle|soak|scale|slow|all]
                                  [--rounds N] [--switches N] [--quick]
    (``slow`` is the same start, switch and a fling at a quarter of one core: bench/slow.py)

Each run starts its own Xvfb (1920x1080x24, -noreset, no window manager) on a free display
and stops it at the end. Programs that are compared run alternately within one run
(round 1: A then B, round 2: B then A, ...), each a fresh process; the tables give
min / median / max over the rounds and the median of the per-round ratios.

- start:    exec to first painted frame (see common.py for how a frame is detected):
            the kiosk's attract screen (``python main.py``, the default) and straight to
            Overview (``--no-attract``), each with statistics recording to a temporary
            database and with ``stats = false``, against bench/bare_window.py.
- memory:   RSS and PSS of the process tree 3 s after the first frame (the kiosk on its
            attract screen), and for the kiosk again after a tap on "Touch to start" and
            visiting every page (Ctrl+Tab through all of them, by xdotool).
- chromium: the six pages as one HTML file (bench/html_kiosk.py) in ``chromium --kiosk``:
            first frame and tree PSS 3 s after it, against the kiosk (attract screen and
            ``--no-attract``) and the bare window.
- switch:   a real click (XTEST, as xdotool sends it) on a tab, to the new tab's
            underline on screen (the tab bar and the page are flushed in one frame).
- idle:     CPU time (utime + stime from /proc) over 60 s (20 s with --quick): the attract
            screen with its pulse, the attract screen with ``motion = false``, a page.
- soak:     bench/soak.py: in one process (real MainWindow, statistics recording),
            10,000 page switches, 500 idle resets, language, text-size and contrast
            changes, glossary popups; RSS and QObject growth.
- scale:    start (``--no-attract``: the first page and every tab) and RSS with 6, 60
            and 600 generated pages.

The kiosk runs with ``--config`` a temporary kiosk.toml (common.kiosk_config): statistics
go to a temporary SQLite file (never the user's data folder) or are off where a table says
``stats off``.

Every program runs in its own network namespace (``unshare --net``, as root), so nothing
measured can touch the network.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common as c

ACCENT = c.ACCENT
#: The row of the selected tab's underline at 1920x1080 (rows 148..152, measured on screen).
TAB_UNDERLINE_Y = 150
PAGES = 6


def tab_x(index: int, count: int = PAGES) -> int:
    return round((index + 0.5) * c.WIDTH / count)


def selected_tab(x: c.Xvfb, count: int = PAGES) -> int | None:
    """The index of the tab whose underline shows, or None (read from the screen)."""
    row = x.row(TAB_UNDERLINE_Y)
    for i in range(count):
        px = tab_x(i, count)
        got = (row[4 * px + 2], row[4 * px + 1], row[4 * px])
        if all(abs(a - b) <= c.TOLERANCE for a, b in zip(got, ACCENT, strict=True)):
            return i
    return None


def alternate(programs: list, rounds: int):
    """Yield (round, program) with the order reversed every other round."""
    for r in range(rounds):
        for program in programs if r % 2 == 0 else reversed(programs):
            yield r, program


def ratio_of(a: list[float], b: list[float]) -> list[float]:
    return [x / y for x, y in zip(a, b, strict=True)]


def ms(seconds: float) -> float:
    return seconds * 1000


# --- figures -------------------------------------------------------------------------------

def fig_start(x: c.Xvfb, args) -> str:
    programs = [c.bare(), c.kiosk(), c.kiosk(attract=False), c.kiosk(stats=False),
                c.kiosk(attract=False, stats=False)]
    times: dict[str, list[float]] = {p.name: [] for p in programs}
    before = c.load()
    for _, program in alternate(programs, args.rounds):
        run, took = c.start_and_wait_frame(x, program)
        run.stop()
        times[program.name].append(ms(took))
    bare = times["bare Qt"]
    return c.table(
        "Start: exec to first painted frame", "ms", times,
        {f"{p.name} / bare Qt": ratio_of(times[p.name], bare) for p in programs[1:]},
        [f"{args.rounds} rounds, alternating; {before} before, {c.load()} after",
         "kiosk: the attract screen (default), first frame = accent #0b5e6b at the four "
         "probes; --no-attract: Overview, first frame = page background #fbfaf7 (as the "
         "bare window)",
         "statistics on: recording to a temporary SQLite file (--config); stats off: "
         "stats = false"])


def start_reading(x: c.Xvfb) -> None:
    """Tap "Touch to start" and wait until the first page (Overview's tab) shows."""
    x.click(c.WIDTH // 2, c.HEIGHT // 2)
    deadline = time.monotonic() + 5
    while selected_tab(x) != 0:
        if time.monotonic() > deadline:
            raise RuntimeError("a tap on the attract screen did not show the first page")
        time.sleep(0.01)


def visit_every_page(x: c.Xvfb) -> list[int | None]:
    """Press Ctrl+Tab until every page has been shown once, back to the first; return tabs."""
    seen = []
    for _ in range(PAGES):
        x.xdotool("key", "ctrl+Tab")
        deadline = time.monotonic() + 5
        expected = (len(seen) + 1) % PAGES
        while selected_tab(x) != expected and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append(selected_tab(x))
        time.sleep(0.3)
    return seen


def fig_memory(x: c.Xvfb, args) -> str:
    rows: dict[str, list[float]] = {k: [] for k in (
        "bare Qt RSS", "kiosk RSS", "kiosk RSS, every page seen",
        "bare Qt PSS", "kiosk PSS", "kiosk PSS, every page seen")}
    # The kiosk: its default first screen (attract) at 3 s, then a tap and every page.
    before = c.load()
    for _, program in alternate([c.bare(), c.kiosk()], args.rounds):
        run, _ = c.start_and_wait_frame(x, program)
        time.sleep(3)
        rss, pss, _ = c.tree_memory(run.pid)
        rows[f"{program.name} RSS"].append(rss)
        rows[f"{program.name} PSS"].append(pss)
        if program.name == "kiosk":
            start_reading(x)
            seen = visit_every_page(x)
            if seen != [1, 2, 3, 4, 5, 0]:
                raise RuntimeError(f"Ctrl+Tab did not visit every page: tabs seen {seen}")
            time.sleep(1)
            rss, pss, _ = c.tree_memory(run.pid)
            rows["kiosk RSS, every page seen"].append(rss)
            rows["kiosk PSS, every page seen"].append(pss)
        run.stop()
    ratios = {
        "kiosk / bare Qt, RSS at 3 s": ratio_of(rows["kiosk RSS"], rows["bare Qt RSS"]),
        "kiosk / bare Qt, PSS at 3 s": ratio_of(rows["kiosk PSS"], rows["bare Qt PSS"]),
        "kiosk / bare Qt, PSS every page seen":
            ratio_of(rows["kiosk PSS, every page seen"], rows["bare Qt PSS"]),
    }
    return c.table("Memory: process tree 3 s after the first frame", "MiB", rows, ratios,
                   [f"{args.rounds} rounds, alternating; {before} before, {c.load()} after",
                    "kiosk at 3 s: on its attract screen (the default first screen), "
                    "statistics recording to a temporary file",
                    "'every page seen': a tap on Touch to start, then Ctrl+Tab (xdotool) "
                    "through all six pages and back, checked on screen, then 1 s"])


def fig_chromium(x: c.Xvfb, args) -> str:
    from html_kiosk import build

    folder = Path(tempfile.mkdtemp(prefix="bench-html-"))
    page = folder / "kiosk.html"
    page.write_text(build(), encoding="utf-8")
    programs = [c.kiosk(), c.chromium(page), c.kiosk(attract=False), c.bare()]
    frame: dict[str, list[float]] = {p.name: [] for p in programs}
    pss: dict[str, list[float]] = {p.name: [] for p in programs}
    procs: list[int] = []
    before = c.load()
    try:
        for _, program in alternate(programs, args.rounds):
            fresh = program.name == "Chromium"
            run, took = c.start_and_wait_frame(x, program, fresh_dir=fresh)
            time.sleep(3)
            _, tree_pss, count = c.tree_memory(run.pid)
            if fresh:
                procs.append(count)
            run.stop()
            frame[program.name].append(ms(took))
            pss[program.name].append(tree_pss)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    notes = [f"{args.rounds} rounds, alternating; {before} before, {c.load()} after",
             f"Chromium {chromium_version()}, a fresh --user-data-dir every start, "
             f"{statistics.median(procs):.0f} processes in its tree"]
    kiosks = [p.name for p in programs if p.name.startswith("kiosk")]
    text = c.table("Against Chromium --kiosk: first frame", "ms", frame, {
        **{f"Chromium / {k}": ratio_of(frame["Chromium"], frame[k]) for k in kiosks},
        **{f"{k} / bare Qt": ratio_of(frame[k], frame["bare Qt"]) for k in kiosks},
    }, notes)
    text += c.table("Against Chromium --kiosk: process tree PSS 3 s after the first frame",
                    "MiB", pss, {
                        **{f"Chromium / {k}": ratio_of(pss["Chromium"], pss[k])
                           for k in kiosks},
                        **{f"{k} / bare Qt": ratio_of(pss[k], pss["bare Qt"])
                           for k in kiosks},
                    }, notes)
    return text


def chromium_version() -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(["chromium", "--version"], capture_output=True, text=True,
                             timeout=30).stdout
        return out.split()[1]
    return "?"


def fig_switch(x: c.Xvfb, args) -> str:
    run, _ = c.start_and_wait_frame(x, c.kiosk(attract=False))
    before = c.load()
    cold: list[float] = []
    warm: list[float] = []
    try:
        time.sleep(1)
        current = selected_tab(x)
        assert current == 0, f"the kiosk should start on the first tab, not {current}"
        # Each visit goes to the next tab (cycling), so the first five are first visits,
        # which also render the page's markdown.
        for n in range(args.switches + PAGES - 1):
            target = (current + 1) % PAGES
            sent = x.click(tab_x(target), 110)
            deadline = sent + 5
            while True:
                if selected_tab(x) == target:
                    done = time.monotonic()
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"tab {target} was not shown 5 s after the click")
                time.sleep(0.0005)
            (cold if n < PAGES - 1 else warm).append(ms(done - sent))
            current = target
            time.sleep(0.03 + 0.02 * (n % 3) / 2)  # 30-50 ms apart, like quick taps
    finally:
        run.stop()
    lo, mid, hi = c.summary(warm)
    lines = [
        "### Page switch: click on a tab (XTEST) to the new tab painted on screen", "",
        "| switches | min ms | median ms | p99 ms | max ms |", "|---|---|---|---|---|",
        f"| {len(warm)} (pages seen before) | {lo:.1f} | {mid:.1f} | {c.p99(warm):.1f} "
        f"| {hi:.1f} |",
        f"| {len(cold)} first visits (render) | {min(cold):.1f} | "
        f"{statistics.median(cold):.1f} | - | {max(cold):.1f} |",
        "", f"- one kiosk process (--no-attract, statistics recording); {before} before, "
        f"{c.load()} after",
        "- the screen is polled every 0.5 ms: add up to about 1 ms of detection delay", ""]
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text


def fig_idle(x: c.Xvfb, args) -> str:
    seconds = 20 if args.quick else 60
    programs = [c.kiosk(), c.kiosk(motion=False), c.kiosk(attract=False), c.bare()]
    names = {"kiosk": "kiosk, attract screen (pulse)",
             "kiosk, motion off": "kiosk, attract screen, motion = false",
             "kiosk --no-attract": "kiosk, Overview page", "bare Qt": "bare Qt"}
    rows: dict[str, list[float]] = {names[p.name]: [] for p in programs}
    before = c.load()
    for _, program in alternate(programs, max(1, args.idle_rounds)):
        run, _ = c.start_and_wait_frame(x, program)
        time.sleep(2)  # start-up work done
        cpu0, t0 = c.cpu_seconds(run.pid), time.monotonic()
        time.sleep(seconds)
        cpu1, t1 = c.cpu_seconds(run.pid), time.monotonic()
        run.stop()
        rows[names[program.name]].append(100 * (cpu1 - cpu0) / (t1 - t0))
    return c.table(f"Idle: CPU over {seconds} s", "% of a core", rows, {},
                   [f"{before} before, {c.load()} after; /proc utime+stime of the process "
                    f"tree, resolution {1 / 100:.2f} s of CPU",
                    "the attract screen's pulse repaints one label 10 times a second; "
                    "motion = false keeps it still (the difference is the pulse's cost)"],
                   fmt="{:.2f}")


def fig_soak(x: c.Xvfb, args) -> str:
    out = subprocess.run([*c.NETNS, c.PYTHON, str(c.BENCH / "soak.py"), "--switches",
                          str(args.switches_soak), "--resets", str(args.resets_soak)],
                         env=x.env, cwd=c.ROOT, text=True, capture_output=True, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"soak failed:\n{out.stdout}\n{out.stderr}")
    print(out.stdout, flush=True)
    return out.stdout


def fig_scale(x: c.Xvfb, args) -> str:
    from scale_content import make_content

    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    sizes = (6, 60, 600)
    try:
        programs = [c.kiosk(make_content(folder / f"p{n}", n), attract=False,
                            name=f"{n} pages") for n in sizes]
        start: dict[str, list[float]] = {p.name: [] for p in programs}
        rss: dict[str, list[float]] = {p.name: [] for p in programs}
        before = c.load()
        for _, program in alternate(programs, args.rounds):
            run, took = c.start_and_wait_frame(x, program)
            time.sleep(3)
            tree_rss, _, _ = c.tree_memory(run.pid)
            run.stop()
            start[program.name].append(ms(took))
            rss[program.name].append(tree_rss)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    notes = [f"{args.rounds} rounds, alternating; {before} before, {c.load()} after",
             "pages are copies of the six shipped ones with new names and orders; the kiosk "
             "runs --no-attract (its first frame is the first page and every tab), "
             "statistics recording to a temporary file"]
    ratios_t = {f"{n} / 6 pages": ratio_of(start[f"{n} pages"], start["6 pages"])
                for n in sizes[1:]}
    ratios_m = {f"{n} / 6 pages": ratio_of(rss[f"{n} pages"], rss["6 pages"])
                for n in sizes[1:]}
    return (c.table("Scale: exec to first frame", "ms", start, ratios_t, notes)
            + c.table("Scale: RSS 3 s after the first frame", "MiB", rss, ratios_m, notes))


def fig_slow(x: c.Xvfb, args) -> str:
    from slow import fig_slow as slow

    return slow(x, args, tab_x, selected_tab, PAGES)


FIGURES = {
    "start": fig_start,
    "memory": fig_memory,
    "chromium": fig_chromium,
    "switch": fig_switch,
    "idle": fig_idle,
    "soak": fig_soak,
    "scale": fig_scale,
    "slow": fig_slow,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks of issue 8 (tables on stdout).")
    parser.add_argument("figure", choices=[*FIGURES, "all"], nargs="?", default="all")
    parser.add_argument("--rounds", type=int, default=7,
                        help="rounds of alternating starts (default 7)")
    parser.add_argument("--switches", type=int, default=1000,
                        help="page switches for 'switch' (default 1000)")
    parser.add_argument("--switches-soak", type=int, default=10000,
                        help="page switches for 'soak' (default 10000)")
    parser.add_argument("--resets-soak", type=int, default=500,
                        help="idle resets (patients) for 'soak' (default 500)")
    parser.add_argument("--idle-rounds", type=int, default=1,
                        help="60-second idle measurements per program (default 1)")
    parser.add_argument("--slow-switches", type=int, default=200,
                        help="page switches for 'slow' (default 200)")
    parser.add_argument("--flings", type=int, default=10,
                        help="flings for 'slow' (default 10)")
    parser.add_argument("--quick", action="store_true",
                        help="idle over 20 s instead of 60")
    parser.add_argument("--out", type=Path, help="also append the tables to this file")
    parser.add_argument("--wheel", type=Path, metavar="VENV",
                        help="measure the kiosk installed from a wheel in VENV (its bin/kiosk) "
                             "instead of main.py in this checkout")
    args = parser.parse_args(argv)
    if args.wheel:
        c.use_wheel(args.wheel)
    c.need("Xvfb", "xdotool", "unshare")
    c.precompile()
    names = list(FIGURES) if args.figure == "all" else [args.figure]
    header = f"Machine: {c.machine()}\nKiosk: {' '.join(c.KIOSK_COMMAND)}\n"
    print(header, flush=True)
    texts = [header]
    with c.Xvfb() as x:
        for name in names:
            texts.append(FIGURES[name](x, args))
    if args.out:
        with args.out.open("a", encoding="utf-8") as f:
            f.write("\n".join(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
