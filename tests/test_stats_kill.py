"""A power cut's little brother: SIGKILL a recording process again and again, mid-write.

Each lane is one database that a fresh writer process reopens after every kill, as the kiosk
would after a crash and a restart by systemd. After each kill the test checks that the file
is intact (``PRAGMA integrity_check``), still ours, was never moved aside, and kept every
event the writer had reported as committed.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT

from kiosk.stats import store

LANES = 4
KILLS_PER_LANE = 50

WRITER = r"""
import sys, time
from pathlib import Path
from kiosk.stats.recorder import Recorder

rec = Recorder(Path(sys.argv[1]), "kill-test", flush_every=0.002).start()
rec.wait_open()
if not rec.enabled:
    print("off", rec.problem, flush=True)
    sys.exit(3)
print("ready", flush=True)
while True:
    rec.record("session_start", lang="en")
    for position, page in enumerate(["overview", "how-it-works", "who-benefits"]):
        rec.record("page_view", page=page, position=position, seconds=12.5)
    rec.record("glossary_open", page="overview", term="stem-cells")
    rec.record("session_end", reason="idle", seconds=40.0)
    sys.stdout.write(f"written {rec.written}\n")
    sys.stdout.flush()
    time.sleep(0.001)
"""


def one_kill(db: Path, rng: random.Random) -> tuple[int, int]:
    """Start a writer, kill it at a random moment; return (events it said were committed,
    events in the database afterwards)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE,
                            text=True, env=env)
    if rng.random() < 0.2:
        # Anywhere from start-up on: also while it opens and recovers the database.
        time.sleep(rng.uniform(0, 0.08))
    else:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.05))
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL, proc.returncode
    # Only whole lines: the kill may cut the last one short.
    said = [int(line.split()[1]) for line in proc.stdout.read().splitlines(keepends=True)
            if line.startswith("written ") and line.endswith("\n")]
    proc.stdout.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.check(conn, db) in (True, False)  # ours (or not yet set up)
        count = conn.execute("SELECT count(*) FROM events").fetchone()[0] if \
            conn.execute("SELECT 1 FROM sqlite_master WHERE name='events'").fetchone() else 0
    finally:
        conn.close()
    return max(said, default=0), count


def lane(folder: Path, seed: int, results: list, finals: dict) -> None:
    rng = random.Random(seed)
    db = folder / "stats.sqlite3"
    before = 0
    for _ in range(KILLS_PER_LANE):
        committed_this_run, count = one_kill(db, rng)
        # Nothing committed is lost: the earlier runs' events plus this run's acknowledged.
        assert count >= before + committed_this_run, (count, before, committed_this_run)
        before = count
        results.append(count)
    finals[folder.name] = before
    assert not list(folder.glob("*.corrupt-*")), "a database was moved aside as damaged"


def test_sigkill_mid_write_never_damages_the_database(tmp_path, capsys):
    results: list[int] = []
    finals: dict[str, int] = {}
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            folder = tmp_path / f"lane{i}"
            folder.mkdir()
            lane(folder, seed=1000 + i, results=results, finals=finals)
        except BaseException as exc:  # reported below, from the test's own thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(LANES)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    assert len(results) == LANES * KILLS_PER_LANE == 200
    with capsys.disabled():
        sys.stdout.write(f"\n{len(results)} SIGKILLs mid-write survived with integrity_check ok "
                         f"({sum(finals.values())} events kept in {LANES} databases; "
                         f"{time.monotonic() - started:.0f} s)\n")
