"""``kiosk stats --csv DIR``: one tidy CSV file per table, for a spreadsheet (no Qt).

Tidy: one header row, a column per field, a row per thing counted, and plain numbers in the
cells (shares as fractions from 0 to 1, durations in seconds), so a spreadsheet can sum and
chart them. A table with nothing in it is still written, with its header, so the same files
are always there.
"""

from __future__ import annotations

import csv
from pathlib import Path

from kiosk.stats.quizreport import QuestionRow
from kiosk.stats.report import Report
from kiosk.stats.tables import REASONS

Rows = list[list[object]]


def _share(value: float) -> str:
    return f"{value:.4f}"


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def tidy_tables(report: Report, questions: list[QuestionRow]) -> dict[str, tuple[list[str], Rows]]:
    """File name -> (header, rows) for every table ``kiosk stats`` prints."""
    summary: Rows = [
        ["first_day", report.first_day.isoformat() if report.first_day else ""],
        ["last_day", report.last_day.isoformat() if report.last_day else ""],
        ["sessions", report.sessions],
        ["sessions_ended", report.ended],
        ["median_session_seconds", _seconds(report.median_length)],
        ["p90_session_seconds", _seconds(report.p90_length)],
        ["presentation_loops", report.presentation_loops],
    ]
    return {
        "summary.csv": (["measure", "value"], summary),
        "sessions_per_day.csv": (["date", "weekday", "sessions"],
                                 [[d.isoformat(), d.strftime("%a"), n] for d, n in report.days]),
        "session_end.csv": (["reason", "description", "sessions", "share"],
                            [[r.name, REASONS.get(r.name, r.name), r.sessions, _share(r.share)]
                             for r in report.end_reasons]),
        "kiosks.csv": (["kiosk", "sessions", "share"],
                       [[k.name, k.sessions, _share(k.share)] for k in report.kiosks]),
        "pages.csv": (["order", "page", "title", "sessions", "reached_share",
                       "got_this_far_share", "median_seconds_on_page"],
                      [[i + 1, p.slug, p.title, p.sessions, _share(p.reached),
                        _share(p.got_this_far), _seconds(p.median_seconds)]
                       for i, p in enumerate(report.pages)]),
        "languages.csv": (["language", "sessions", "share"],
                          [[s.name, s.sessions, _share(s.share)] for s in report.languages]),
        "features.csv": (["feature", "sessions", "share", "times_used"],
                         [[s.name, s.sessions, _share(s.share), s.uses]
                          for s in report.features]),
        "questions.csv": (["question", "page", "asked", "right_first_time", "missed_share"],
                          [[q.question, q.page, q.asked, q.right_first, _share(q.missed)]
                           for q in questions]),
    }


def write_csv_folder(folder: Path, report: Report, questions: list[QuestionRow]) -> list[Path]:
    """Write every table into ``folder`` (made if missing); return the files written.

    Raises OSError when the folder or a file cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in tidy_tables(report, questions).items():
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written
