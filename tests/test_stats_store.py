"""The statistics database: WAL and FULL sync, retention, and every way the file can be wrong.

Tests run as root, for whom chmod means nothing, so a read-only folder is played honestly
in two ways: a plain file standing where the folder should be (no process can create a
database under it), and, when running as root, a writer process that drops to the user
``nobody`` (after loading Python, which lives in root's home here) in front of a folder it
may not write: the same check a kiosk user meets.
"""

import datetime as dt
import logging
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import LOAD_CORE_MODULES, ROOT

from kiosk import stats
from kiosk.stats import store
from kiosk.stats.events import Event
from kiosk.stats.recorder import Recorder

DAY = 86400


def recorder(path: Path, **options) -> Recorder:
    rec = Recorder(path, "test", flush_every=0.01, **options).start()
    assert rec.wait_open()
    return rec


def count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def test_events_are_written_in_wal_mode_with_full_sync_and_read_back(tmp_path):
    path = tmp_path / "deep" / "folder" / "stats.sqlite3"
    rec = recorder(path)
    rec.record("session_start", lang="es")
    rec.record("page_view", page="overview", position=0, seconds=12.25)
    rec.record("session_end", reason="idle", seconds=30)
    assert rec.flush()
    conn = store.open_for_writing(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    conn.close()
    rec.close()
    conn = store.open_for_reading(path)
    events = store.read_events(conn)
    conn.close()
    assert [e.kind for e in events] == ["session_start", "page_view", "session_end"]
    assert events[1].page == "overview" and events[1].seconds == 12.25
    assert len({e.session for e in events}) == 1 and events[0].kiosk == "test"


def test_retention_deletes_old_events_at_start(tmp_path):
    path = tmp_path / "stats.sqlite3"
    now = dt.datetime(2026, 11, 25, 12).timestamp()
    conn = store.open_for_writing(path)
    store.insert(conn, [Event(ts=now - days * DAY, kind="listen") for days in (400, 31, 29, 1)])
    conn.close()
    rec = recorder(path, retention_days=30, clock=lambda: now)
    rec.close()
    assert count(path) == 2


def test_a_damaged_database_is_moved_aside_and_a_new_one_begins(tmp_path, caplog):
    path = tmp_path / "stats.sqlite3"
    rec = recorder(path)
    for _ in range(300):
        rec.record("listen", page="overview")
    rec.close()
    data = bytearray(path.read_bytes())
    data[100:4096 * 2] = os.urandom(4096 * 2 - 100)  # the schema page and the first table page
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        rec = recorder(path)
    assert rec.enabled
    rec.record("qr_open", page="safety")
    rec.close()
    aside = list(tmp_path.glob("stats.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes()[:200] == bytes(data[:200])
    assert count(path) == 1
    assert "was damaged or unreadable" in caplog.text and aside[0].name in caplog.text


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path, caplog):
    """Issue 17: stats_db pointing at the wrong file (here kiosk.toml) never renames it."""
    path = tmp_path / "kiosk.toml"
    text = 'content = "content"\n' * 50
    path.write_text(text)
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        rec = recorder(path)
    assert rec.record("listen") is None
    rec.close()
    assert not rec.enabled
    assert rec.problem == (f"{path}: not a kiosk statistics database (not an SQLite file); it "
                           "is left alone: point stats_db at a new file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]
    assert path.read_text() == text
    assert "statistics: recording is off" in caplog.text


def test_moving_aside_takes_the_wal_and_shm_files_along(tmp_path):
    """Left behind, an old -wal would be replayed into the new database."""
    path = tmp_path / "stats.sqlite3"
    for name, data in (("stats.sqlite3", b"db"), ("stats.sqlite3-wal", b"wal"),
                       ("stats.sqlite3-shm", b"shm")):
        (tmp_path / name).write_bytes(data)
    target = store.move_aside(path, dt.datetime(2026, 11, 25, 9, 30))
    assert target.name == "stats.sqlite3.corrupt-20261125-093000"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "stats.sqlite3.corrupt-20261125-093000", "stats.sqlite3.corrupt-20261125-093000-shm",
        "stats.sqlite3.corrupt-20261125-093000-wal"]
    assert Path(f"{target}-wal").read_bytes() == b"wal"
    path.write_bytes(b"again")
    assert store.move_aside(path, dt.datetime(2026, 11, 25, 9, 30)).name.endswith("-2")


def test_a_foreign_database_is_left_alone_and_recording_is_off(tmp_path, caplog):
    path = tmp_path / "clinic.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE appointments (id INTEGER, time TEXT)")
    before = path.read_bytes()
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        rec = recorder(path)
    assert rec.record("listen") is None
    assert rec.flush()
    rec.close()
    assert not rec.enabled
    assert rec.problem == (f"{path}: not a kiosk statistics database (its tables: appointments)"
                           "; it is left alone")
    assert path.read_bytes() == before
    assert "statistics: recording is off" in caplog.text


def test_a_database_from_a_newer_kiosk_is_refused(tmp_path):
    path = tmp_path / "stats.sqlite3"
    conn = store.open_for_writing(path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.close()
    rec = recorder(path)
    rec.close()
    assert not rec.enabled and "made by a newer kiosk (schema 99" in rec.problem


def test_a_file_where_the_folder_should_be_turns_recording_off(tmp_path):
    blocker = tmp_path / "hair-kiosk"
    blocker.write_text("not a folder")
    rec = recorder(blocker / "stats.sqlite3")
    assert rec.record("session_start") is None
    rec.close()
    assert not rec.enabled and "cannot record" in rec.problem
    assert blocker.read_text() == "not a folder"


READ_ONLY = """
import os, sys
from pathlib import Path
from kiosk.stats.recorder import Recorder
"""+LOAD_CORE_MODULES+"""if os.geteuid() == 0:  # become nobody, now that the kiosk is loaded
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
rec = Recorder(Path(sys.argv[1]), "ro", flush_every=0.01).start()
rec.wait_open()
rec.record("session_start", lang="en")
rec.flush()
rec.close()
print(rec.enabled, rec.problem)
"""


def test_a_read_only_folder_turns_recording_off_and_the_kiosk_goes_on(tmp_path):
    base = Path(tempfile.mkdtemp(prefix="kiosk-ro-"))  # tmp_path is root-only: nobody can't in
    try:
        folder = base / "data"
        folder.mkdir()
        base.chmod(0o755)
        folder.chmod(0o555)
        result = subprocess.run([sys.executable, "-c", READ_ONLY, str(folder / "stats.sqlite3")],
                                capture_output=True, text=True, timeout=60,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (f"False {folder}/stats.sqlite3: cannot record: the "
                                         "folder is read-only")
        assert "statistics: recording is off" in result.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
        for p in sorted(base.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        base.rmdir()


def test_a_full_disk_turns_recording_off_and_keeps_what_was_written(tmp_path, caplog):
    """SQLite reports a reached max_page_count with SQLITE_FULL, as for a full disk."""
    path = tmp_path / "stats.sqlite3"
    recorder(path).close()  # a fresh database: a few pages
    rec = recorder(path, max_pages=8)
    rec.record("listen", page="overview")
    assert rec.flush() and rec.enabled
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        for _ in range(20):
            for _ in range(500):
                rec.record("page_view", page="who-benefits", position=2, seconds=20)
            assert rec.flush()
    rec.close()
    assert not rec.enabled
    assert "database or disk is full" in rec.problem
    assert count(path) >= 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reading_refuses_missing_foreign_empty_and_damaged_files(tmp_path):
    with pytest.raises(store.MissingDatabase, match="no statistics database at "):
        store.open_for_reading(tmp_path / "none.sqlite3")
    with pytest.raises(store.MissingDatabase, match="not a file"):
        store.open_for_reading(tmp_path)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(store.ForeignDatabase, match=r"its tables: t\)"):
        store.open_for_reading(foreign)
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(store.ForeignDatabase, match="it is empty"):
        store.open_for_reading(empty)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x13" * 5000)
    with pytest.raises(store.CorruptDatabase, match="the database is damaged"):
        store.open_for_reading(garbage)
    assert garbage.read_bytes() == b"\x13" * 5000


def test_record_checks_events_even_when_statistics_are_off():
    assert stats.recorder() is None
    assert stats.record("listen", page="overview") is None
    with pytest.raises(ValueError, match="field 'name' is not allowed"):
        stats.record("session_start", name="Maria")
