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
    chart, table = tmp_path / "month.png", tmp_path / "csv"
    status, out, err = run(capsys, "--merge", lobby, derm, lobby, "--csv", table,
                           "--chart", chart)
    assert status == 0, err
    assert out.startswith("Kiosk statistics: 2026-10-05 to 2026-10-06 (2 days)\n")
    assert "  Sessions                        5\n" in out
    assert "  Kiosk dermatology               2 sessions\n" in out
    assert "  Kiosk lobby                     3 sessions\n" in out
    assert (table / "sessions_per_day.csv").read_text() == (
        "date,weekday,sessions\n2026-10-05,Mon,3\n2026-10-06,Tue,2\n")
    assert lobby.read_bytes() == before  # read-only
    from PySide6.QtGui import QImage

    image = QImage(str(chart))
    assert (image.width(), image.height()) == (1600, 2200)
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


def test_csv_writes_one_tidy_file_per_table_into_a_folder(capsys, tmp_path):
    import csv

    db = make_db(tmp_path / "s.sqlite3", "lobby", 3)
    folder = tmp_path / "out" / "october"
    status, out, err = run(capsys, "--db", db, "--csv", folder)
    assert status == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["features.csv", "kiosks.csv", "languages.csv", "pages.csv",
                     "questions.csv", "session_end.csv", "sessions_per_day.csv", "summary.csv"]
    assert out.endswith(f"Wrote 8 CSV files into {folder}: summary.csv, sessions_per_day.csv, "
                        "session_end.csv, kiosks.csv, pages.csv, languages.csv, features.csv, "
                        "questions.csv\n")
    with (folder / "session_end.csv").open() as f:
        assert list(csv.DictReader(f)) == [
            {"reason": "idle", "description": "idle reset", "sessions": "3", "share": "1.0000"}]
    with (folder / "pages.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert sum(int(r["sessions"]) for r in rows) == 3  # a column a spreadsheet can sum
    assert rows[0]["median_seconds_on_page"] == "30.0"


def test_csv_given_a_file_name_says_it_wants_a_folder(capsys, tmp_path):
    db = make_db(tmp_path / "s.sqlite3", "k", 1)
    status, out, err = run(capsys, "--db", db, "--csv", tmp_path / "month.csv")
    assert (status, out) == (2, "")
    assert err == ("kiosk stats: error: --csv expects a folder to write one CSV file per table "
                   f"into, got the file name {tmp_path / 'month.csv'}\n")


def test_the_chart_draws_every_table_the_readme_names(qapp):
    """Each panel shows bars when its table has rows and none when it is empty."""
    from PySide6.QtGui import QColor
    from test_stats_report import example

    from kiosk.gui import chartpanels
    from kiosk.gui.chart import DARK, PANELS, draw
    from kiosk.stats.quizreport import QuestionRow
    from kiosk.stats.report import build

    def coloured(image, name: str, colour: str, half: int | None = None) -> int:
        x, y, w, h = PANELS[name]
        if half is not None:
            w = w // 2
            x += half * w
        want = QColor(colour).rgb()  # below the title and the legend: the bars only
        return sum(image.pixel(i, j) == want for i in range(int(x), int(x + w), 3)
                   for j in range(int(y) + 80, int(y + h), 3))

    questions = [QuestionRow("q3", "timeline", 10, 5), QuestionRow("q1", "overview", 8, 8)]
    full = draw(build(example()), questions)
    empty = draw(build([]), [])
    for name, colour, half in (("days", DARK, None), ("funnel", DARK, None),
                               ("shares", chartpanels.BAR, 0), ("shares", chartpanels.BAR, 1),
                               ("questions", chartpanels.MISSED, None)):
        assert coloured(full, name, colour, half) > 50, (name, half)
        assert coloured(empty, name, colour, half) == 0, (name, half)
