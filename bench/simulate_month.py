"""Simulate a month of patients at two kiosks, through the real Recorder, for the report and chart.

    python bench/simulate_month.py OUT_DIR [--month 2026-10] [--seed 7]

Writes OUT_DIR/lobby.sqlite3 and OUT_DIR/dermatology.sqlite3, then prints the command that
reports on both. Not part of the kiosk: a tool to see the report and chart with real-looking
numbers. Patients mostly read in order and drift away page by page; some jump between tabs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.stats.recorder import Recorder  # noqa: E402

PAGES = ["overview", "how-it-works", "who-benefits", "timeline", "side-effects", "safety"]
#: Chance that a patient who read page i goes on to the next one.
GO_ON = [0.82, 0.78, 0.70, 0.75, 0.80, 0.0]
#: Typical seconds on each page (the median of a log-normal spread).
READ = [55, 70, 45, 40, 60, 50]
#: The teach-back questions (content/en/quiz.md): their page, and the chance that a patient
#: who read that page answers right the first time (one who did not: 45 %). The timeline
#: question is made the hard one, to see it come out on top of "most missed".
QUIZ = [("how-it-works", 0.85), ("who-benefits", 0.9), ("timeline", 0.55),
        ("side-effects", 0.8), ("safety", 0.95)]


class FakeClock:
    """Wall-clock time that the simulation moves forward."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def simulate_kiosk(path: Path, name: str, month: dt.date, busy: float, rng: random.Random) -> int:
    """Record one month at one kiosk; return the number of sessions."""
    first = dt.datetime.combine(month, dt.time(8))
    clock = FakeClock(first.timestamp())
    rec = Recorder(path, name, flush_every=0.05, clock=clock).start()
    rec.wait_open()
    sessions = 0
    day = month
    while day.month == month.month:
        weekday = day.weekday()
        if weekday == 6:  # closed on Sundays
            day += dt.timedelta(1)
            continue
        expected = busy * (0.55 if weekday == 5 else 1.0) * rng.uniform(0.7, 1.3)
        starts = sorted(rng.uniform(8.5, 17.5) for _ in range(round(expected)))
        t = dt.datetime.combine(day, dt.time()).timestamp()
        for hour in starts:
            clock.now = max(clock.now + 5, t + hour * 3600)
            one_session(rec, clock, rng)
            sessions += 1
        day += dt.timedelta(1)
    if month.month == 10:  # the clinic's open evening: the presentation loop ran 3 hours
        clock.now = dt.datetime.combine(month.replace(day=15), dt.time(18)).timestamp()
        for _ in range(18):
            clock.now += 600
            rec.record("presentation_loop", seconds=600)
    rec.close()
    return sessions


def one_session(rec: Recorder, clock: FakeClock, rng: random.Random) -> None:
    lang = "es" if rng.random() < 0.22 else "en"
    rec.record("session_start", lang=lang)
    start = clock.now
    if rng.random() < 0.08:
        rec.record("text_size", size="150")
    if rng.random() < 0.03:
        rec.record("contrast", contrast="high")
    if rng.random() < 0.04:
        rec.record("language", lang="en" if lang == "es" else "es")
    page = 0
    read: set[str] = set()
    while True:
        seconds = min(600.0, rng.lognormvariate(0, 0.6) * READ[page])
        if rng.random() < 0.10:
            seconds = rng.uniform(1, 6)  # a glance
        clock.now += seconds
        rec.record("page_view", page=PAGES[page], position=page, seconds=round(seconds, 1))
        if rng.random() < 0.10:
            rec.record("listen", page=PAGES[page])
        if rng.random() < 0.07:
            rec.record("glossary_open", page=PAGES[page], term="stem-cells")
        if rng.random() < 0.03:
            rec.record("qr_open", page=PAGES[page])
        read.add(PAGES[page])
        if rng.random() < 0.12:  # a tap on a tab further on
            page = rng.randrange(len(PAGES))
        elif rng.random() < GO_ON[page]:
            page += 1
        else:
            break
    # "Check what you learned": often after the last page, now and then from another page.
    if rng.random() < (0.45 if "safety" in read else 0.06):
        for number, (where, right) in enumerate(QUIZ, start=1):
            clock.now += rng.uniform(6, 20)
            rec.record("quiz_asked", question=f"q{number}", page=where)
            if rng.random() < (right if where in read else 0.45):
                rec.record("quiz_right", question=f"q{number}", page=where)
            if rng.random() < 0.1:
                break  # walked away mid-way
    reason = "staff" if rng.random() < 0.03 else "idle"
    rec.record("session_end", reason=reason, seconds=round(clock.now - start, 1))
    clock.now += 90 + 20  # the idle wait and the countdown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    month = dt.date.fromisoformat(args.month + "-01")
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, busy in (("lobby", 22), ("dermatology", 9)):
        path = args.out / f"{name}.sqlite3"
        for old in args.out.glob(f"{name}.sqlite3*"):
            old.unlink()
        count = simulate_kiosk(path, name, month, busy, rng)
        print(f"{path}: {count} sessions")
        paths.append(path)
    print("kiosk stats --merge " + " ".join(map(str, paths))
          + f" --csv {args.out / 'csv'} --chart {args.out / 'month.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
