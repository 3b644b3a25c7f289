"""A long soak on a real X server: random taps, swipes, keys and idle resets for hours.

    python bench/long_soak.py --hours 8 --out /tmp/soak
    python bench/long_soak.py --minutes 10 --out /tmp/soak

The kiosk runs as its own process on a private Xvfb (no window manager), as on a clinic's
PC, with a short idle time so that resets happen often. xdotool plays a restless waiting
room: taps anywhere (tabs, header buttons, text, Next), sideways swipes, drags, presenter and
escape keys, and quiet spells long enough for "Are you still reading?" and the reset.
Every 10 s the kiosk's RSS is sampled. A kiosk that dies is counted as a crash and started
again. At the end: crashes (must be 0), RSS over time (a PNG), and every warning the kiosk
or Qt printed, counted by kind.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
W, H = 1920, 1080
KEYS = ["Next", "Prior", "Down", "Up", "space", "ctrl+Tab", "ctrl+shift+Tab", "Escape",
        "alt+F4", "ctrl+q", "F11", "Home", "End", "b", "Return"]


def xdotool(env: dict, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, capture_output=True, timeout=10)


def rss_kib(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else None


def act(env: dict, rng: random.Random) -> float:
    """One thing a patient does; returns how long to wait before the next."""
    roll = rng.random()
    if roll < 0.35:  # a tap somewhere: tabs, header controls, the page, its buttons
        y = rng.choice([rng.randint(5, 50), rng.randint(60, 110), rng.randint(120, H - 10)])
        xdotool(env, "mousemove", str(rng.randint(5, W - 5)), str(y), "click", "1")
    elif roll < 0.55:  # a sideways swipe
        y = rng.randint(200, H - 100)
        start, end = (W - 200, 200) if rng.random() < 0.5 else (200, W - 200)
        xdotool(env, "mousemove", str(start), str(y), "mousedown", "1")
        for step in range(1, 7):
            xdotool(env, "mousemove", str(start + (end - start) * step // 6), str(y))
        xdotool(env, "mouseup", "1")
    elif roll < 0.7:  # a drag up or down the page
        x, y = rng.randint(300, W - 300), rng.randint(300, H - 300)
        dy = rng.choice([-400, 400])
        xdotool(env, "mousemove", str(x), str(y), "mousedown", "1")
        for step in range(1, 6):
            xdotool(env, "mousemove", str(x), str(y + dy * step // 5))
        xdotool(env, "mouseup", "1")
    elif roll < 0.9:
        xdotool(env, "key", rng.choice(KEYS))
    else:  # walks away: long enough for the question and the reset
        return rng.uniform(8, 14)
    return rng.uniform(0.05, 0.8)


def plot(samples: list[tuple[float, float]], path: Path, title: str) -> None:
    """RSS over time as a PNG, drawn with Qt's own painting (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - needed for fonts
    image = QImage(1400, 700, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    left, top, right, bottom = 110, 70, 1360, 620
    p.setFont(QFont("DejaVu Sans", 16))
    p.drawText(QRectF(0, 15, 1400, 40), Qt.AlignmentFlag.AlignCenter, title)
    p.setFont(QFont("DejaVu Sans", 11))
    if samples:
        t_max = max(t for t, _ in samples) or 1
        low = min(m for _, m in samples)
        high = max(m for _, m in samples)
        low, high = max(0, low - 5), high + 5
        p.setPen(QPen(QColor("#c9d3d6"), 1))
        for i in range(6):
            y = bottom - (bottom - top) * i / 5
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.setPen(QColor("#1c2530"))
            p.drawText(QRectF(0, y - 10, left - 10, 20), Qt.AlignmentFlag.AlignRight,
                       f"{low + (high - low) * i / 5:.0f} MiB")
            p.setPen(QPen(QColor("#c9d3d6"), 1))
        p.setPen(QColor("#1c2530"))
        for i in range(6):
            x = left + (right - left) * i / 5
            p.drawText(QRectF(x - 60, bottom + 8, 120, 20), Qt.AlignmentFlag.AlignCenter,
                       f"{t_max * i / 5 / 60:.0f} min")
        p.drawText(QRectF(left, bottom + 35, right - left, 20), Qt.AlignmentFlag.AlignCenter,
                   "time since start; RSS of the kiosk process, sampled every 10 s")
        p.setPen(QPen(QColor("#0b5e6b"), 3))
        points = [QPointF(left + (right - left) * t / t_max,
                          bottom - (bottom - top) * (m - low) / (high - low))
                  for t, m in samples]
        for a, b in zip(points, points[1:], strict=False):
            p.drawLine(a, b)
    p.end()
    image.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=0)
    parser.add_argument("--minutes", type=float, default=0)
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="soak-")))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    seconds = args.hours * 3600 + args.minutes * 60 or 600
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    display = f":{60 + os.getpid() % 30}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{W}x{H}x24", "-noreset",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=display)
    env.pop("QT_QPA_PLATFORM", None)
    time.sleep(1.0)
    config = args.out / "kiosk.toml"
    config.write_text(f'idle_timeout = 6\ncountdown = 5\nstats_db = "{args.out}/stats.sqlite3"\n')
    log_path = args.out / "kiosk.log"
    crashes: list[int] = []
    samples: list[tuple[float, float]] = []

    def start() -> subprocess.Popen:
        log = log_path.open("a")
        return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--config",
                                 str(config)], env=env, stdout=log, stderr=subprocess.STDOUT)

    kiosk = start()
    began = time.monotonic()
    next_sample = began + 3
    actions = 0
    try:
        while time.monotonic() - began < seconds:
            if kiosk.poll() is not None:
                crashes.append(kiosk.returncode)
                kiosk = start()
                time.sleep(2)
            time.sleep(act(env, rng))
            actions += 1
            if time.monotonic() >= next_sample:
                kib = rss_kib(kiosk.pid)
                if kib is not None:
                    samples.append((time.monotonic() - began, kib / 1024))
                next_sample += 10
    finally:
        kiosk.send_signal(signal.SIGTERM)
        try:
            stopped = kiosk.wait(20)
        except subprocess.TimeoutExpired:
            kiosk.kill()
            stopped = "killed after SIGTERM timed out"
        server.terminate()
        server.wait(10)
    warnings = collections.Counter()
    for line in log_path.read_text(errors="replace").splitlines():
        if "warning" in line.lower() or line.startswith(("Qt", "QWidget", "QPainter")):
            warnings[re.sub(r"\d+", "N", line)[:120]] += 1
    chart = args.out / "rss.png"
    minutes = (time.monotonic() - began) / 60
    plot(samples, chart, f"Kiosk RSS over a {minutes:.0f}-minute soak on Xvfb")
    first = samples[0][1] if samples else 0
    last = samples[-1][1] if samples else 0
    print(f"duration: {minutes:.1f} min, {actions} actions, crashes: {len(crashes)} {crashes}")
    print(f"RSS: first sample {first:.1f} MiB, last {last:.1f} MiB, "
          f"max {max((m for _, m in samples), default=0):.1f} MiB, growth {last - first:+.1f} MiB")
    print(f"stopped by SIGTERM with status {stopped}")
    print(f"warnings printed: {sum(warnings.values())}")
    for line, count in warnings.most_common(10):
        print(f"  {count} x {line}")
    print(f"chart: {chart}, log: {log_path}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
