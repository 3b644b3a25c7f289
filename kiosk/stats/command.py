"""``kiosk stats``: read one or more statistics databases and print, save or chart the report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from kiosk.cli import _Parser, _typed
from kiosk.config import ConfigError, Exit, load_settings
from kiosk.stats import store
from kiosk.stats.events import Event
from kiosk.stats.report import build
from kiosk.stats.tables import text

PROG = "kiosk stats"


def parse_date(value: Any) -> dt.date:
    """A calendar day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected a date such as 2026-11-25, got \"{value}\"") from None


def parser() -> _Parser:
    """The parser for ``kiosk stats``."""
    p = _Parser(prog=PROG,
                description="Report how the kiosk is used: sessions per day, session length, "
                            "which pages patients reach (a funnel in reading order), time on "
                            "each page, languages and accessibility features. Reads the "
                            "database without changing it.")
    p.add_argument("--db", type=Path, metavar="PATH",
                   help="statistics database (default: stats_db from the config, else "
                        "stats.sqlite3 in the user's data folder)")
    p.add_argument("--config", type=Path, metavar="PATH",
                   help="settings file to take stats_db from (default: ./kiosk.toml, else the "
                        "user's config folder)")
    p.add_argument("--since", type=_typed(parse_date), metavar="DATE",
                   help="first day to include, YYYY-MM-DD (sessions are counted on the day "
                        "they began, in local time)")
    p.add_argument("--until", type=_typed(parse_date), metavar="DATE",
                   help="last day to include, YYYY-MM-DD")
    p.add_argument("--csv", type=Path, metavar="DIR",
                   help="also write each table as its own CSV file into the folder DIR (made "
                        "if missing), plain numbers in a column per field, for a spreadsheet")
    p.add_argument("--chart", type=Path, metavar="FILE.png",
                   help="also draw every table to a PNG image: sessions per day, session "
                        "length, the page funnel with time on each page, languages, "
                        "accessibility and help, and the teach-back questions")
    p.add_argument("--merge", type=Path, nargs="+", metavar="DB", default=[],
                   help="combine these databases (copied from other kiosks) into one report; "
                        "without --db, this kiosk's own database is left out")
    return p


def _error(message: str) -> int:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    return Exit.USAGE


def main(argv: list[str]) -> int:
    """Run ``kiosk stats``; return the exit status."""
    args = parser().parse_args(argv)
    if args.since and args.until and args.since > args.until:
        return _error(f"--since {args.since} is after --until {args.until}")
    if args.csv is not None and (args.csv.is_file() or args.csv.suffix.lower() == ".csv"):
        return _error(f"--csv expects a folder to write one CSV file per table into, got the "
                      f"file name {args.csv}")
    paths = list(args.merge)
    if args.db is not None or not paths:
        try:
            paths.insert(0, args.db or _configured_db(args.config))
        except ConfigError as exc:
            return _error(exc.problems[0])
    events: list[Event] = []
    seen: set[Path] = set()
    for path in paths:
        try:
            events += _read(path, seen)
        except store.StoreError as exc:
            return _error(str(exc))
    report = build(events, args.since, args.until)
    sys.stdout.write(text(report))
    from kiosk.config import DEFAULT_CONTENT
    from kiosk.stats.quizreport import question_rows, quiz_text

    questions = question_rows(events, args.since, args.until)
    sys.stdout.write(quiz_text(questions, DEFAULT_CONTENT))
    if args.csv is not None:
        from kiosk.stats.tidy import write_csv_folder

        try:
            written = write_csv_folder(args.csv, report, questions)
        except OSError as exc:
            return _error(f"cannot write into {args.csv}: {exc.strerror or exc}")
        sys.stdout.write(f"\nWrote {len(written)} CSV files into {args.csv}: "
                         + ", ".join(p.name for p in written) + "\n")
    if args.chart is not None:
        from kiosk.gui.chart import write_chart

        problem = write_chart(report, args.chart, questions)
        if problem:
            return _error(problem)
    return Exit.OK


def _read(path: Path, seen: set[Path]) -> list[Event]:
    """The events of one database (none if it was read already); StoreError says why not."""
    try:
        resolved = path.resolve()
    except (OSError, ValueError, RuntimeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise store.StoreError(f"{str(path)[:200]}: cannot be opened ({reason})") from None
    if resolved in seen:
        return []
    seen.add(resolved)
    conn = store.open_for_reading(path)
    try:
        return store.read_events(conn, path=path)
    except store.sqlite3.Error as exc:
        raise store.StoreError(f"{path}: cannot read the database ({exc})") from None
    finally:
        conn.close()


def _configured_db(config: Path | None) -> Path:
    settings = load_settings(config, {}, check_content=False)
    return settings.stats_db or store.default_path()
