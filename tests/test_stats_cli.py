"""``kiosk stats``: one-line errors with status 2, the table, CSV, the chart, and --merge."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.stats import store
from kiosk.stats.events import Event

T0 = dt.datetime(2026, 10, 5, 10).timestamp()


def make_db(path: Path, kiosk: str, sessions: int, day: int = 0) -> Path:
    conn = store.open_for_writing(path)
    events = []
    for n in range(sessions):
        start = T0 + day * 86400 + n * 600
        sid = int(start * 1000)
        events += [Event(start, "session_start", kiosk, sid, value="en"),
                   Event(start + 30, "page_view", kiosk, sid, page="overview", position=0,
                         seconds=30),
                   Event(start + 31, "session_end", kiosk, sid, value="idle", seconds=31)]
    store.insert(conn, events)
    conn.close()
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        status = main(["stats", *map(str, args)])
    except SystemExit as exc:
        status = exc.code
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "2026-13-01"], 'kiosk stats: error: argument --since: expected a date such as '
                                '2026-11-25, got "2026-13-01" (see kiosk stats --help)'),
    (["--until", "yesterday"], 'kiosk stats: error: argument --until: expected a date such as '
                               '2026-11-25, got "yesterday" (see kiosk stats --help)'),
    (["--since", "2026-11-02", "--until", "2026-11-01"],
     "kiosk stats: error: --since 2026-11-02 is after --until 2026-11-01"),
])
def test_a_bad_date_is_one_line_and_status_2(capsys, tmp_path, args, message):
    status, out, err = run(capsys, "--db", make_db(tmp_path / "s.sqlite3", "k", 1), *args)
    assert status == 2 and out == ""
    assert err.splitlines() == [message]


def test_missing_foreign_and_damaged_databases_are_one_line_and_status_2(capsys, tmp_path):
    missing = tmp_path / "none.sqlite3"
    assert run(capsys, "--db", missing) == (
        2, "", f"kiosk stats: error: no statistics database at {missing}\n")
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text)")
    assert run(capsys, "--db", foreign) == (
        2, "", f"kiosk stats: error: {foreign}: not a kiosk statistics database (its tables: "
               "notes)\n")
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    status, out, err = run(capsys, "--db", damaged)
    assert status == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith(f"kiosk stats: error: {damaged}: ")
    good = make_db(tmp_path / "good.sqlite3", "lobby", 2)
    assert run(capsys, "--merge", good, missing)[0] == 2


def test_merge_reports_several_kiosks_by_name_and_writes_csv_and_chart(capsys, tmp_path, qapp):
    lobby = make_db(tmp_path / "lobby.sqlite3", "lobby", 3)
    derm = make_db(tmp_path / "derm.sqlite3", "dermatology", 2, day=1)
    before = lobby.read_bytes()
    chart, table = tmp_path / "month.png", tmp_path / "month.csv"
    status, out, err = run(capsys, "--merge", lobby, derm, lobby, "--csv", table,
                           "--chart", chart)
    assert status == 0, err
    assert out.startswith("Kiosk statistics: 2026-10-05 to 2026-10-06 (2 days)\n")
    assert "  Sessions                        5\n" in out
    assert "  Kiosk dermatology               2 sessions\n" in out
    assert "  Kiosk lobby                     3 sessions\n" in out
    assert "Sessions per day" in table.read_text() and "2026-10-06,Tue,2" in table.read_text()
    assert lobby.read_bytes() == before  # read-only
    from PySide6.QtGui import QImage

    image = QImage(str(chart))
    assert (image.width(), image.height()) == (1600, 1100)
    status, out, _ = run(capsys, "--merge", lobby, derm, "--since", "2026-10-06")
    assert status == 0 and "  Kiosk lobby" not in out and "Sessions                        2" in out


def test_the_database_comes_from_the_config_by_default(capsys, tmp_path):
    make_db(tmp_path / "here.sqlite3", "front-desk", 1)
    config = tmp_path / "kiosk.toml"
    config.write_text('stats_db = "here.sqlite3"\nkiosk_name = "front-desk"\n')
    status, out, err = run(capsys, "--config", config)
    assert status == 0, err
    assert "  Kiosk front-desk                1 sessions\n" in out


def test_a_chart_that_cannot_be_written_is_one_line(capsys, tmp_path, qapp):
    db = make_db(tmp_path / "s.sqlite3", "k", 1)
    target = tmp_path / "no" / "such" / "folder" / "chart.png"
    status, _, err = run(capsys, "--db", db, "--chart", target)
    assert status == 2 and err == f"kiosk stats: error: cannot write the chart to {target}\n"
