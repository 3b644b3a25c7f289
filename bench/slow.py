"""The slow-device figure of issue 16: start, page switch and a fling with the CPU held to a
quarter of one core, as a stand-in for a Raspberry-Pi-class board.

How the CPU is limited: every measured program (the kiosk and the bare window alike) runs in
a CPU cgroup whose CFS bandwidth is 25 ms of CPU per 100 ms period (``cpu.max`` =
``25000 100000`` on cgroup v2; ``cpu.cfs_quota_us`` = 25000 and ``cpu.cfs_period_us`` =
100000 on a cgroup-v1 machine such as this one: the same kernel mechanism, the same limit).
The program's whole process tree is in it; Xvfb and the bench itself are not (a kiosk's X
server and compositor run beside it on a real board too). Needs root.

- start:  exec to first frame under the limit, the kiosk (welcome screen, --no-attract)
          against the bare window under the same limit (see common.py for frames).
- switch: a real click (XTEST) on the next tab to its underline on screen, pages already
          seen (p99 and median), under the limit.
- fling:  a finger's fling on a long page (XTEST: press, 12 moves of 45 px 8 ms apart,
          release), up and down in turn: the screen strip over the text is read every 2 ms
          from outside the cgroup, and every change is a new frame; frames per second from
          the first change to the last, and the longest gap between frames.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import common as c

QUOTA_US, PERIOD_US = 25000, 100000
LIMIT = f"{QUOTA_US} {PERIOD_US}"


class CpuLimit:
    """A CPU cgroup at a quarter of one core; ``enter`` puts the calling process in it."""

    def __init__(self) -> None:
        name = f"kiosk-bench-{os.getpid()}"
        v2 = Path("/sys/fs/cgroup")
        if (v2 / "cgroup.controllers").exists():
            self.path = v2 / name
            self.path.mkdir()
            (self.path / "cpu.max").write_text(LIMIT)
            self.kind = f"cgroup v2 cpu.max {LIMIT}"
        else:
            self.path = Path("/sys/fs/cgroup/cpu") / name
            self.path.mkdir()
            (self.path / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (self.path / "cpu.cfs_quota_us").write_text(str(QUOTA_US))
            self.kind = (f"cgroup v1 cpu.cfs_quota_us {QUOTA_US} / cpu.cfs_period_us "
                         f"{PERIOD_US} (= cpu.max {LIMIT})")

    def enter(self) -> None:
        """Called in the child between fork and exec: the program starts limited."""
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def wait_empty(self, timeout: float = 30) -> None:
        """Wait until no process is left in the cgroup: a program killed at a quarter of a
        core takes a while to die, and would share the next one's quarter meanwhile."""
        deadline = time.monotonic() + timeout
        while (self.path / "cgroup.procs").read_text().split():
            if time.monotonic() > deadline:
                raise RuntimeError(f"processes left in {self.path} after {timeout} s")
            time.sleep(0.05)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.path.rmdir()


def limited(program: c.Program, limit: CpuLimit) -> c.Program:
    program.preexec = limit.enter
    return program


def long_content(folder: Path) -> Path:
    """The shipped pages with the first page's text eight times over (a page to fling)."""
    from kiosk.config import DEFAULT_CONTENT

    shutil.copytree(DEFAULT_CONTENT, folder)
    first = folder / "en" / "overview.md"
    text = first.read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    first.write_text(head + "\n---\n" + body * 8, encoding="utf-8")
    return folder


def fling(x: c.Xvfb, up: bool = True) -> tuple[float, float, int]:
    """Fling the page up (or down); return (frames per second, longest gap ms, frames)."""
    from Xlib import X
    from Xlib.ext import xtest

    def strip() -> bytes:
        return x.root.get_image(700, 300, 8, 600, X.ZPixmap, 0xFFFFFFFF).data

    y0, step_y = (900, -45) if up else (360, 45)
    xtest.fake_input(x.conn, X.MotionNotify, x=960, y=y0)
    x.conn.sync()
    time.sleep(0.05)
    before = strip()
    xtest.fake_input(x.conn, X.ButtonPress, 1)
    x.conn.sync()
    for step in range(1, 13):
        time.sleep(0.008)
        xtest.fake_input(x.conn, X.MotionNotify, x=960, y=y0 + step_y * step)
        x.conn.sync()
    xtest.fake_input(x.conn, X.ButtonRelease, 1)
    x.conn.sync()
    changes: list[float] = []
    # At a quarter of a core the first frame may come late: wait up to 3 s for it, then
    # until the screen has been still for 0.5 s.
    last, quiet_since = before, time.monotonic() + 2.5
    while time.monotonic() - quiet_since < 0.5:
        now_strip = strip()
        now = time.monotonic()
        if now_strip != last:
            changes.append(now)
            last, quiet_since = now_strip, now
        time.sleep(0.002)
    if len(changes) < 2:
        raise RuntimeError("the fling moved nothing on screen")
    gaps = [b - a for a, b in zip(changes, changes[1:], strict=False)]
    return (len(changes) - 1) / (changes[-1] - changes[0]), 1000 * max(gaps), len(changes)


def fig_slow(x: c.Xvfb, args, tab_x, selected_tab, pages: int) -> str:
    """The table of the slow-device run (run.py passes its tab helpers)."""
    limit = CpuLimit()
    folder = Path(tempfile.mkdtemp(prefix="bench-slow-"))
    try:
        return _measure(x, args, limit, folder, tab_x, selected_tab, pages)
    finally:
        with contextlib.suppress(RuntimeError):
            limit.wait_empty()
        limit.close()
        shutil.rmtree(folder, ignore_errors=True)


def _measure(x, args, limit, folder, tab_x, selected_tab, pages) -> str:
    before = c.load()
    programs = [limited(p, limit) for p in (c.bare(), c.kiosk(), c.kiosk(attract=False))]
    times: dict[str, list[float]] = {p.name: [] for p in programs}
    for r in range(args.rounds):
        for program in programs if r % 2 == 0 else reversed(programs):
            run, took = c.start_and_wait_frame(x, program)
            run.stop()
            limit.wait_empty()
            times[program.name].append(1000 * took)
    bare = times["bare Qt"]
    ratios = {f"{n} / bare Qt": [a / b for a, b in zip(times[n], bare, strict=True)]
              for n in times if n != "bare Qt"}
    notes = [f"{limit.kind}: the program's whole tree, the bare window too; "
             f"{args.rounds} rounds, alternating; {before} before, {c.load()} after"]
    text = c.table("Quarter of a core: exec to first painted frame", "ms", times, ratios, notes)

    # Page switches and a fling on one kiosk with a long first page.
    content = long_content(folder / "content")
    limit.wait_empty()
    run, _ = c.start_and_wait_frame(x, limited(c.kiosk(content, attract=False), limit))
    warm: list[float] = []
    fps: list[float] = []
    gaps: list[float] = []
    try:
        time.sleep(3)  # the parts after the first frame, at a quarter core
        current = selected_tab(x)
        for n in range(args.slow_switches + pages):
            target = (current + 1) % pages
            sent = x.click(tab_x(target), 110)
            deadline = sent + 10
            while selected_tab(x) != target:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"tab {target} not shown 10 s after the click")
                time.sleep(0.0005)
            if n >= pages:  # every page seen once: what a patient's switches cost
                warm.append(1000 * (time.monotonic() - sent))
            current = target
            time.sleep(0.05)
        while selected_tab(x) != 0:  # back to the long page, at its top
            x.click(tab_x(0), 110)
            time.sleep(0.3)
        for n in range(args.flings):
            # Up, then back down: the page always has room to move (a key to go back to the
            # top did not always reach the page).
            got_fps, gap, _frames = fling(x, up=n % 2 == 0)
            fps.append(got_fps)
            gaps.append(gap)
            time.sleep(0.5)
    finally:
        run.stop()
    lines = [
        "### Quarter of a core: page switch and fling (kiosk --no-attract)", "",
        "| figure | n | min | median | p99 | max |", "|---|---|---|---|---|---|",
        f"| page switch, click to tab on screen (ms) | {len(warm)} | {min(warm):.1f} | "
        f"{statistics.median(warm):.1f} | {c.p99(warm):.1f} | {max(warm):.1f} |",
        f"| fling, frames per second | {len(fps)} | {min(fps):.1f} | "
        f"{statistics.median(fps):.1f} | - | {max(fps):.1f} |",
        f"| fling, longest gap between frames (ms) | {len(gaps)} | {min(gaps):.1f} | "
        f"{statistics.median(gaps):.1f} | - | {max(gaps):.1f} |",
        "", f"- {limit.kind}; {before} before, {c.load()} after",
        "- switches: every page seen once first, clicks 50 ms after the last tab showed; "
        "the screen is polled every 0.5 ms",
        "- fling: the first page's text eight times over; frames counted where the strip "
        "x 700..707, y 300..899 changes (polled every 2 ms from outside the cgroup)", ""]
    table = "\n".join(lines) + "\n"
    print(table, flush=True)
    return text + table
