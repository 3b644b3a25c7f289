"""Crafted statistics databases (issue 17): every foreign shape is one line and status 2.

Each database carries our application id and schema row, so it passes the first look, and
then lies: a value of the wrong type, a NULL, a timestamp of 1e300, a recursive view where
the events table should be. ``kiosk stats`` must say so in one line (exit 2), never print a
traceback or millions of lines, never change the file and never leave ``-wal``/``-shm``
files behind. The recorder must leave a file that is not its own alone, and a writer that
meets a strange database must say so and stop cleanly.
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
from test_stats_cli import make_db, run

from kiosk.stats import store
from kiosk.stats.recorder import Recorder

T0 = dt.datetime(2026, 10, 5, 10).timestamp()
COLUMNS = "ts, kiosk, session, kind, page, position, value, seconds"
GOOD_ROW = (T0, "lobby", 1, "session_start", None, None, "en", None)


def loose(path: Path, rows=(GOOD_ROW,), events: str | None = None,
          schema: str = "INSERT INTO schema_version VALUES ('hair-kiosk stats', 1)") -> Path:
    """Our header and schema row, but an events table with no constraints (as a forger's)."""
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id = {store.APP_ID}")
        conn.execute("CREATE TABLE schema_version (app, version)")
        if schema:
            conn.execute(schema)
        conn.execute(events or f"CREATE TABLE events ({COLUMNS})")
        if events is None:
            conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    return path


def row(**changes) -> tuple:
    values = dict(zip(COLUMNS.split(", "), GOOD_ROW, strict=True)) | changes
    return (tuple(values.values()),)


YEAR_2 = dt.datetime(2, 1, 1).timestamp()
YEAR_9999 = dt.datetime(9999, 12, 30).timestamp()

# name: (arguments for loose(), the end of the one line)
CRAFTED = {
    "ts text": (dict(rows=row(ts="yesterday")),
                "event 1: ts is 'yesterday', expected seconds since 1970 up to the year 3000"),
    "ts NULL": (dict(rows=row(ts=None)), "event 1: ts is None, expected seconds since 1970"),
    "ts 1e300": (dict(rows=row(ts=1e300)), "event 1: ts is 1e+300, expected seconds since"),
    "ts -1e12": (dict(rows=row(ts=-1e12)), "event 1: ts is -1000000000000.0, expected seconds"),
    "ts infinite": (dict(rows=row(ts=float("inf"))), "event 1: ts is inf, expected seconds"),
    "ts blob": (dict(rows=row(ts=b"\x00\x01")), "event 1: ts is b'\\x00\\x01', expected"),
    "span years 2 to 9999": (
        dict(rows=row(ts=YEAR_2) + row(ts=YEAR_9999, session=2)), "ts is -62104"),
    "kiosk NULL": (dict(rows=row(kiosk=None)), "event 1: kiosk is None, expected a kiosk name"),
    "kiosk number": (dict(rows=row(kiosk=5)), "event 1: kiosk is 5, expected a kiosk name"),
    "kiosk blob": (dict(rows=row(kiosk=b"lobby")), "event 1: kiosk is b'lobby', expected"),
    "session text": (dict(rows=row(session="abc")),
                     "event 1: session is 'abc', expected a session number or nothing"),
    "session fraction": (dict(rows=row(session=1.5)), "event 1: session is 1.5, expected"),
    "session huge": (dict(rows=row(session=2**62)), "event 1: session is 4611686018427387904"),
    "kind NULL": (dict(rows=row(kind=None)), "event 1: kind is None, expected an event kind"),
    "kind number": (dict(rows=row(kind=7)), "event 1: kind is 7, expected an event kind"),
    "page number": (dict(rows=row(page=3)), "event 1: page is 3, expected a page name or "
                                            "nothing"),
    "page blob": (dict(rows=row(page=b"x")), "event 1: page is b'x', expected a page name"),
    "position text": (dict(rows=row(position="first")), "event 1: position is 'first'"),
    "position negative": (dict(rows=row(position=-5)), "event 1: position is -5, expected"),
    "position fraction": (dict(rows=row(position=2.5)), "event 1: position is 2.5, expected"),
    "value number": (dict(rows=row(value=3)), "event 1: value is 3, expected a short word"),
    "value blob": (dict(rows=row(value=b"en")), "event 1: value is b'en', expected a short"),
    "seconds text": (dict(rows=row(seconds="long")), "event 1: seconds is 'long', expected 0 "
                                                      "to 86400 seconds or nothing"),
    "seconds negative": (dict(rows=row(seconds=-1)), "event 1: seconds is -1, expected 0"),
    "seconds 1e300": (dict(rows=row(seconds=1e300)), "event 1: seconds is 1e+300, expected"),
    "events a recursive view": (
        dict(events="CREATE VIEW events AS WITH RECURSIVE n(ts) AS (SELECT 0 UNION ALL SELECT "
                    "ts + 1 FROM n) SELECT ts, 'k' AS kiosk, 1 AS session, 'listen' AS kind, "
                    "NULL AS page, NULL AS position, NULL AS value, NULL AS seconds FROM n"),
        "not a kiosk statistics database (events is a view, expected a table)"),
    "events missing": (dict(events="CREATE TABLE other (x)"),
                       "not a kiosk statistics database (events is missing, expected a table)"),
    "events lacks a column": (
        dict(events="CREATE TABLE events (ts, kiosk, session, kind, page, position, value)"),
        "not a kiosk statistics database (events lacks the column(s) seconds)"),
    "schema_version text": (
        dict(schema="INSERT INTO schema_version VALUES ('hair-kiosk stats', '1')"),
        "not a kiosk statistics database (schema_version is '1', expected a whole number)"),
    "schema_version NULL": (
        dict(schema="INSERT INTO schema_version VALUES ('hair-kiosk stats', NULL)"),
        "not a kiosk statistics database (schema_version is None, expected a whole number)"),
    "schema_version empty": (dict(schema=""), "not a kiosk statistics database"),
    "schema_version another app": (
        dict(schema="INSERT INTO schema_version VALUES ('other', 1)"),
        "not a kiosk statistics database"),
}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("case", CRAFTED)
def test_a_crafted_database_is_one_line_and_status_2(capsys, tmp_path: Path, case: str):
    options, message = CRAFTED[case]
    path = loose(tmp_path / "stats.sqlite3", **options)
    before = path.read_bytes()
    status, out, err = run(capsys, "--db", path)
    assert (status, out) == (2, ""), err
    assert err.startswith(f"kiosk stats: error: {path}: ") and err.count("\n") == 1, err
    assert message in err, err
    assert path.read_bytes() == before and listing(tmp_path) == ["stats.sqlite3"]


def test_a_virtual_events_table_is_foreign(capsys, tmp_path: Path):
    path = tmp_path / "stats.sqlite3"
    try:
        loose(path, events=f"CREATE VIRTUAL TABLE events USING fts5({COLUMNS})")
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no fts5")
    status, _, err = run(capsys, "--db", path)
    assert status == 2 and err == (f"kiosk stats: error: {path}: not a kiosk statistics "
                                   "database (events is a virtual table, expected a table)\n")


@pytest.mark.parametrize("content", [b'content = "content"\n', b"", b"\x13" * 5000])
def test_files_that_are_not_databases_are_one_line(capsys, tmp_path: Path, content: bytes):
    path = tmp_path / "kiosk.toml"
    path.write_bytes(content)
    status, out, err = run(capsys, "--db", path)
    assert (status, out) == (2, "") and err.count("\n") == 1
    assert path.read_bytes() == content and listing(tmp_path) == ["kiosk.toml"]


def test_a_fifo_or_a_folder_as_the_database_is_one_line(capsys, tmp_path: Path):
    fifo = tmp_path / "fifo.sqlite3"
    os.mkfifo(fifo)
    assert run(capsys, "--db", fifo) == (2, "", f"kiosk stats: error: {fifo}: not a file\n")
    assert run(capsys, "--db", tmp_path) == (2, "",
                                             f"kiosk stats: error: {tmp_path}: not a file\n")


def test_a_wide_date_range_prints_only_the_days_with_sessions(capsys, tmp_path: Path):
    """--since 0001-01-01 --until 9999-12-31 used to print 3.65 million lines."""
    path = make_db(tmp_path / "stats.sqlite3", "lobby", 2)
    status, out, _ = run(capsys, "--db", path, "--since", "0001-01-01", "--until", "9999-12-31")
    assert status == 0
    assert "0001-01-01 to 9999-12-31 (3652059 days)" in out
    assert len(out.splitlines()) < 80
    per_day = out.split("Sessions per day")[1].split("\n\n")[0].splitlines()[2:]
    assert [line.split()[:3] for line in per_day] == [["2026-10-05", "Mon", "2"]]


def test_reading_leaves_no_wal_or_shm_files(capsys, tmp_path: Path):
    path = tmp_path / "stats.sqlite3"
    rec = Recorder(path, "lobby", flush_every=0.01).start()
    assert rec.wait_open()
    rec.record("session_start", lang="en")
    rec.close()
    assert listing(tmp_path) == ["stats.sqlite3"]  # WAL mode, closed cleanly
    status, out, _ = run(capsys, "--db", path)
    assert status == 0 and "Sessions" in out
    assert listing(tmp_path) == ["stats.sqlite3"]


READ_AS_NOBODY = """
import os, sys
from kiosk.cli import main
import locale, kiosk.stats.command, kiosk.config, platformdirs  # loaded while root
kiosk.stats.command.parser()
"""+LOAD_CORE_MODULES+"""if os.geteuid() == 0:  # become nobody, now that the kiosk is loaded
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
sys.exit(main(["stats", "--db", sys.argv[1]]))
"""


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path: Path):
    base = Path(tempfile.mkdtemp(prefix="kiosk-ro-"))  # tmp_path is root-only: nobody can't in
    folder = base / "data"
    try:
        folder.mkdir()
        path = folder / "stats.sqlite3"
        rec = Recorder(path, "lobby", flush_every=0.01).start()
        assert rec.wait_open()
        rec.record("session_start", lang="en")
        rec.close()
        path.chmod(0o644)
        base.chmod(0o755)
        folder.chmod(0o555)
        result = subprocess.run([sys.executable, "-c", READ_AS_NOBODY, str(path)],
                                capture_output=True, text=True, timeout=120,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[4].split() == ["Sessions", "1"], result.stdout
        assert listing(folder) == ["stats.sqlite3"]
    finally:
        folder.chmod(0o755)
        for p in sorted(base.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        base.rmdir()


def recorder(path: Path) -> Recorder:
    rec = Recorder(path, "test", flush_every=0.01).start()
    assert rec.wait_open()
    return rec


def test_a_schema_version_of_the_wrong_type_stops_recording_with_a_warning(tmp_path, caplog):
    path = loose(tmp_path / "stats.sqlite3",
                 schema="INSERT INTO schema_version VALUES ('hair-kiosk stats', 'one')")
    before = path.read_bytes()
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        rec = recorder(path)
        assert rec.record("listen") is None  # nothing piles up in memory
        assert rec.flush(timeout=30)
        rec.close()
    assert not rec.enabled
    assert rec.problem == (f"{path}: not a kiosk statistics database (schema_version is "
                           "'one', expected a whole number); it is left alone")
    assert "statistics: recording is off" in caplog.text
    assert path.read_bytes() == before


def test_a_writer_that_meets_the_unforeseen_says_so_and_stops_cleanly(tmp_path, caplog):
    """A trigger that refuses every insert used to kill the writer thread silently."""
    path = tmp_path / "stats.sqlite3"
    store.open_for_writing(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TRIGGER no BEFORE INSERT ON events BEGIN "
                     "SELECT RAISE(ABORT, 'inserts refused'); END")
    conn.close()
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        rec = recorder(path)
        rec.record("listen")
        assert rec.flush(timeout=30)  # answered, not left waiting on a dead thread
        assert rec.record("listen") is None
        rec.close()
    assert not rec.enabled
    assert rec.problem == (f"{path}: the statistics writer stopped: IntegrityError: inserts "
                           "refused")
    assert "statistics: recording is off" in caplog.text


def test_stats_db_pointing_at_the_config_is_left_alone_and_staff_see_why(make_kiosk, tmp_path,
                                                                         qtbot):
    """Issue 17: the file used to be renamed to .corrupt-<time> and replaced."""
    import dataclasses

    from kiosk.config import Settings
    from kiosk.gui.recording import attach

    config = tmp_path / "kiosk.toml"
    text = f'stats_db = "{config}"\nkiosk_name = "lobby"\n'
    config.write_text(text)
    window = make_kiosk()
    recording = attach(window, dataclasses.replace(Settings(), stats_db=config))
    try:
        assert recording.recorder.wait_open()
        assert (f"Statistics: off ({config}: not a kiosk statistics database (not an SQLite "
                "file); it is left alone: point stats_db at a new file)"
                in window.status.text().splitlines())
    finally:
        recording.stop()
    assert config.read_text() == text and listing(tmp_path) == ["kiosk.toml"]
