"""What every benchmark shares: a private Xvfb, screen polling, memory and CPU of a process tree.

How "first painted frame" is detected (the same method for every program measured):
    Each program fills the whole screen with one known colour: its own first screen's
    background. The kiosk's attract screen ("Touch to start", the default first screen) is
    the theme's accent #0b5e6b; the kiosk's pages (``--no-attract``), the bare Qt window
    and the Chromium page are the page background #fbfaf7. ``Program.colour`` names it.
    The bench polls four probe points near the screen's corners (left and right edge,
    middle and bottom row; away from the kiosk's scroll bar, header, tabs, text column,
    the attract screen's centred labels and language buttons), where the root window of
    a fresh Xvfb shows its black-and-white weave: one X GetImage of a 1-pixel row per
    probe row every ``POLL_S`` seconds, and the clock stops when all four points hold the
    program's colour. Qt flushes a whole frame with one put-image request, so the first
    frame is complete when it shows; Chromium may show a frame of just its background
    before the text (that favours Chromium). The clock starts just before ``fork``/``exec``
    of the program. Before each start the bench waits until none of the known colours
    fills the probes (the last program's window has gone).

Python byte code: this machine's environment sets PYTHONDONTWRITEBYTECODE, so nothing
would cache the kiosk's compiled modules and every start would compile ~60 modules from
source (~20 ms), which an installed kiosk never does (pip compiles them at install).
``precompile()`` writes the .pyc files once before measuring (__pycache__ is ignored by git).
"""

from __future__ import annotations

import atexit
import compileall
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable
WIDTH, HEIGHT = 1920, 1080
#: The kiosk's page background (assets/styles/theme-default.toml): the kiosk's pages,
#: the bare window and the Chromium page.
BACKGROUND = (0xFB, 0xFA, 0xF7)
#: The theme's accent: the attract screen's background (and the selected tab's underline).
ACCENT = (0x0B, 0x5E, 0x6B)
#: Every first-screen colour a program under test fills the screen with.
SCREEN_COLOURS = (BACKGROUND, ACCENT)
#: Probe points: away from the kiosk's scroll bar, header, tabs and text column.
PROBES = ((10, 600), (1870, 600), (10, 1070), (1870, 1070))
POLL_S = 0.002
TOLERANCE = 3


def need(*tools: str) -> None:
    """Exit with a clear message when a command-line tool is missing."""
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        sys.exit(f"bench: needs {', '.join(missing)} (apt-get install -y xvfb xdotool ...)")


def load() -> str:
    """The 1/5/15-minute load averages and the core count, for the tables' notes."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


class Xvfb:
    """A fresh Xvfb at 1920x1080x24 (-noreset, no window manager) and an X connection to it."""

    def __init__(self, number: int | None = None) -> None:
        need("Xvfb")
        self.number = number if number is not None else 200 + os.getpid() % 500
        self.display = f":{self.number}"
        self.proc: subprocess.Popen | None = None
        self.conn = None

    def __enter__(self) -> Xvfb:
        from Xlib import display as xdisplay
        from Xlib.error import DisplayError

        self.proc = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-noreset",
             "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while True:
            try:
                self.conn = xdisplay.Display(self.display)
                break
            except DisplayError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError(f"Xvfb {self.display} did not start") from None
                time.sleep(0.05)
        self.root = self.conn.screen().root
        return self

    def __exit__(self, *exc: object) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)

    @property
    def env(self) -> dict[str, str]:
        """The environment for a program drawing on this server (never the offscreen QPA)."""
        env = dict(os.environ, DISPLAY=self.display)
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("WAYLAND_DISPLAY", None)
        return env

    # --- reading the screen -------------------------------------------------------------

    def row(self, y: int, x0: int = 0, width: int = WIDTH) -> bytes:
        """One row of screen pixels as BGRX bytes (what is on screen, windows included)."""
        from Xlib import X

        return self.root.get_image(x0, y, width, 1, X.ZPixmap, 0xFFFFFFFF).data

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """The colour (r, g, b) on screen at x, y."""
        data = self.row(y, x, 1)
        return data[2], data[1], data[0]

    def shows(self, colour: tuple[int, int, int], points=PROBES) -> bool:
        """True when every point in ``points`` shows ``colour`` (within TOLERANCE)."""
        rows: dict[int, bytes] = {}
        for x, y in points:
            if y not in rows:
                rows[y] = self.row(y)
            data = rows[y]
            got = (data[4 * x + 2], data[4 * x + 1], data[4 * x])
            if any(abs(a - b) > TOLERANCE for a, b in zip(got, colour, strict=True)):
                return False
        return True

    def wait_for(self, colour=BACKGROUND, points=PROBES, timeout: float = 30.0,
                 present: bool = True) -> float:
        """Poll until ``colour`` shows at ``points`` (or has gone); return time.monotonic()."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if self.shows(colour, points) == present:
                return now
            if now > deadline:
                state = "appear" if present else "go"
                raise TimeoutError(f"colour {colour} did not {state} within {timeout} s")
            time.sleep(POLL_S)

    def wait_clear(self, timeout: float = 30.0) -> None:
        """Wait until no program's screen colour fills the probes (the last window has gone)."""
        deadline = time.monotonic() + timeout
        while any(self.shows(colour) for colour in SCREEN_COLOURS):
            if time.monotonic() > deadline:
                raise TimeoutError(f"a window still covers the screen after {timeout} s")
            time.sleep(POLL_S)

    def screenshot(self, path: Path) -> None:
        """Save the whole screen as PNG (imagemagick's import)."""
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True,
                       capture_output=True)

    # --- input through the XTEST extension (what xdotool uses) ----------------------------

    def click(self, x: int, y: int) -> float:
        """Move the pointer to x, y, then press and release button 1; return the press time."""
        from Xlib import X
        from Xlib.ext import xtest

        xtest.fake_input(self.conn, X.MotionNotify, x=x, y=y)
        self.conn.sync()
        time.sleep(0.005)
        sent = time.monotonic()
        xtest.fake_input(self.conn, X.ButtonPress, 1)
        self.conn.sync()
        xtest.fake_input(self.conn, X.ButtonRelease, 1)
        self.conn.sync()
        return sent

    def xdotool(self, *args: str) -> str:
        """Run xdotool on this server and return what it printed."""
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=20).stdout.strip()


# --- programs under test -----------------------------------------------------------------

#: Every program runs in a fresh network namespace: nothing it does can reach the network.
NETNS = ["unshare", "--net"] if os.geteuid() == 0 and shutil.which("unshare") else []


@dataclass
class Program:
    """A program under test: a name and the command that starts it full screen."""

    name: str
    argv: list[str]
    #: The colour its first screen fills the screen with (see the module's docstring).
    colour: tuple[int, int, int] = BACKGROUND
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path = ROOT
    cleanup: list[Path] = field(default_factory=list)
    #: Run in the child before exec (slow.py puts the program in a CPU-limited cgroup).
    preexec: Callable[[], None] | None = None


class Running:
    """A started program (in its own session, so its whole process tree can be found)."""

    def __init__(self, x: Xvfb, program: Program, fresh_dir: bool = False) -> None:
        self.program = program
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-")) if fresh_dir else None
        argv = [a.replace("{tmp}", str(self.tmp)) for a in program.argv]
        env = x.env | program.env
        self.started = time.monotonic()
        self.proc = subprocess.Popen(NETNS + argv, env=env, cwd=program.cwd,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     start_new_session=True, preexec_fn=program.preexec)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        """SIGTERM the whole process group, then SIGKILL what is left after 10 s."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        # Helpers that outlive the leader (Chromium's) share its session id.
        for pid in session_pids(self.proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.proc.stderr.close()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def stderr_text(self) -> str:
        with contextlib.suppress(Exception):
            return self.proc.stderr.read().decode(errors="replace")
        return ""


def session_pids(sid: int) -> list[int]:
    """Every process in session ``sid`` (a program started with start_new_session=True)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid:  # field 6 of stat: session id
            pids.append(int(entry))
    return pids


def tree_memory(sid: int) -> tuple[float, float, int]:
    """(RSS MiB, PSS MiB, process count) summed over the program's whole session.

    Both come from /proc/PID/smaps_rollup. RSS counts shared pages once per process;
    PSS divides each shared page between the processes that map it.
    """
    rss = pss = 0
    count = 0
    for pid in session_pids(sid):
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        count += 1
        for line in text.splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    return rss / 1024, pss / 1024, count


def cpu_seconds(sid: int) -> float:
    """utime + stime of every process in the session, in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in session_pids(sid):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])  # fields 14 and 15: utime, stime
    return total / tick


def start_and_wait_frame(x: Xvfb, program: Program, fresh_dir: bool = False,
                         timeout: float = 60) -> tuple[Running, float]:
    """Start ``program`` and return it with the seconds from exec to its first frame."""
    x.wait_clear()  # the last program's window has gone
    run = Running(x, program, fresh_dir)
    try:
        shown = x.wait_for(program.colour, timeout=timeout)
    except TimeoutError:
        run.stop()
        raise RuntimeError(f"{program.name}: no first frame; stderr:\n"
                           f"{run.stderr_text()[-2000:]}") from None
    return run, shown - run.started


# --- the programs ------------------------------------------------------------------------

#: Config files and statistics databases of the kiosk runs; removed when the bench ends.
_SCRATCH: Path | None = None


def scratch() -> Path:
    """A temporary folder for this bench run (removed at exit)."""
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = Path(tempfile.mkdtemp(prefix="bench-kiosk-"))
        atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)
    return _SCRATCH


#: How the kiosk is started: ``python main.py`` from this checkout (an editable install), or
#: an installed wheel's ``kiosk`` command (``use_wheel``).
KIOSK_COMMAND = [PYTHON, str(ROOT / "main.py")]
KIOSK_CWD = ROOT
#: The interpreter of the bare window: the kiosk's own (with a wheel, that venv's python,
#: which has no editable-install path finder to load either).
BARE_PYTHON = PYTHON


def use_wheel(venv: Path) -> None:
    """Measure the kiosk installed from a wheel into ``venv`` (its ``bin/kiosk``), run from a
    folder outside the checkout so nothing of the source tree is imported."""
    global KIOSK_COMMAND, KIOSK_CWD, BARE_PYTHON
    KIOSK_COMMAND = [str(venv / "bin" / "kiosk")]
    KIOSK_CWD = scratch()
    BARE_PYTHON = str(venv / "bin" / "python")


def kiosk_config(name: str, stats: bool = True, motion: bool = True) -> Path:
    """A kiosk.toml for one measured program: statistics into a temporary database, or off.

    By default the kiosk records statistics to the user's data folder; a benchmark must not
    write there, so ``stats_db`` points into the bench's scratch folder (one database per
    program, kept across its rounds, like a kiosk that has run before), or ``stats = false``.
    """
    folder = scratch()
    slug = "".join(ch if ch.isalnum() else "-" for ch in name)
    lines = [f'stats_db = "{folder / (slug + ".sqlite3")}"' if stats else "stats = false"]
    if not motion:
        lines.append("motion = false")
    path = folder / f"{slug}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kiosk(content: Path | None = None, attract: bool = True, stats: bool = True,
          motion: bool = True, name: str | None = None) -> Program:
    """The kiosk, full screen, as ``python main.py`` starts it (``--config`` a bench one).

    ``attract``: the default first screen, "Touch to start" (accent colour); False adds
    ``--no-attract`` and the kiosk opens on its first page (page background).
    """
    if name is None:
        name = "kiosk" if attract else "kiosk --no-attract"
        if not stats:
            name += ", stats off"
        if not motion:
            name += ", motion off"
    argv = [*KIOSK_COMMAND, "--config", str(kiosk_config(name, stats=stats, motion=motion))]
    if not attract:
        argv.append("--no-attract")
    if content is not None:
        argv += ["--content", str(content)]
    return Program(name, argv, colour=ACCENT if attract else BACKGROUND, cwd=KIOSK_CWD)


def precompile() -> None:
    """Write the kiosk's .pyc files once, as an installed kiosk has them (see above)."""
    compileall.compile_dir(ROOT / "kiosk", quiet=1)


def bare() -> Program:
    """A bare PySide6 QWidget filling the screen: the floor that Qt itself sets."""
    return Program("bare Qt", [BARE_PYTHON, str(BENCH / "bare_window.py")])


def chromium(html: Path) -> Program:
    """Chromium in kiosk mode on a local HTML file, with a fresh profile each start."""
    need("chromium")
    argv = ["chromium", "--kiosk", f"--window-size={WIDTH},{HEIGHT}", "--window-position=0,0",
            "--user-data-dir={tmp}", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-default-browser-check"]
    if os.geteuid() == 0:
        argv.append("--no-sandbox")
    return Program("Chromium", [*argv, html.as_uri()])


# --- tables ------------------------------------------------------------------------------

def summary(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def table(title: str, unit: str, rows: dict[str, list[float]], ratios: dict[str, list[float]],
          notes: list[str] = (), fmt: str = "{:.1f}") -> str:
    """A markdown table: min / median / max per program, then the medians of the ratios."""
    lines = [f"### {title}", "", f"| program | n | min {unit} | median {unit} | max {unit} |",
             "|---|---|---|---|---|"]
    for name, values in rows.items():
        lo, mid, hi = summary(values)
        lines.append(f"| {name} | {len(values)} | {fmt.format(lo)} | {fmt.format(mid)} "
                     f"| {fmt.format(hi)} |")
    if ratios:
        lines += ["", "| ratio (per round) | median | min | max |", "|---|---|---|---|"]
        for name, values in ratios.items():
            lo, mid, hi = summary(values)
            lines.append(f"| {name} | {mid:.2f}x | {lo:.2f}x | {hi:.2f}x |")
    lines += [""] + [f"- {n}" for n in notes]
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text


def machine() -> str:
    """One line naming the machine: cores, CPU model, RAM, Python, Qt."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    qt = "?"
    with contextlib.suppress(ImportError):
        import PySide6

        qt = PySide6.__version__
    return (f"{os.cpu_count()} cores ({model}), {mem / 1024:.1f} GiB RAM, Python "
            f"{sys.version.split()[0]}, PySide6 {qt}, Xvfb {WIDTH}x{HEIGHT}x24 -noreset, "
            f"no window manager")
