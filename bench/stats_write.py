"""What recording costs: microseconds per event on the caller's (GUI) thread, and on the writer.

    python bench/stats_write.py [--events 20000] [--folder DIR]

The GUI thread pays for ``Recorder.record`` (check the fields, put on a queue). The writer
thread pays for the INSERTs and one commit with fsync (synchronous=FULL) per batch; this is
measured both for one-second batches as the kiosk uses them (a handful of events each) and,
as a worst case, with a commit for every single event. Use --folder on the kiosk's own disk:
the fsync is the cost, and it depends on the disk.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.stats import store  # noqa: E402
from kiosk.stats.events import make_event  # noqa: E402
from kiosk.stats.recorder import Recorder  # noqa: E402


def caller_cost(folder: Path, n: int) -> float:
    """µs per record() call on the calling thread, the writer running behind it."""
    rec = Recorder(folder / "caller.sqlite3", "bench", flush_every=1.0).start()
    rec.wait_open()
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for i in range(n // 5):
            rec.record("page_view", page="how-it-works", position=1, seconds=i % 300)
        rounds.append((time.perf_counter() - start) / (n // 5))
        rec.flush(30)
    rec.close()
    return statistics.median(rounds) * 1e6


def writer_cost(folder: Path, n: int, batch: int) -> float:
    """µs per event for INSERT + COMMIT (with fsync) in batches of ``batch``."""
    path = folder / f"writer-{batch}.sqlite3"
    conn = store.open_for_writing(path)
    events = [make_event("page_view", {"page": "timeline", "position": 3, "seconds": 41.5},
                         ts=time.time(), kiosk="bench", session=1) for _ in range(batch)]
    rounds = max(1, n // batch)
    start = time.perf_counter()
    for _ in range(rounds):
        store.insert(conn, events)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed / (rounds * batch) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        print(f"database folder: {folder}")
        print(f"{'record() on the GUI thread':52} {caller_cost(folder, args.events):7.1f} µs/event")
        for batch, what in ((10, "a 1-second batch of 10 (a busy kiosk)"),
                            (1, "a commit per event (worst case)"),
                            (1000, "a batch of 1000 (catching up)")):
            cost = writer_cost(folder, min(args.events, 2000 if batch == 1 else args.events),
                               batch)
            print(f"{'writer thread, ' + what:52} {cost:7.1f} µs/event")
    return 0


if __name__ == "__main__":
    sys.exit(main())
