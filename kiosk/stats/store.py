"""The statistics database: SQLite in WAL mode, a schema version, retention, and damage (no Qt).

Durability: WAL with ``synchronous=FULL``. In WAL mode ``NORMAL`` skips the fsync at each
commit and syncs only at checkpoints, so a power cut may take everything since the last
checkpoint (on Linux, dirty pages can wait 30 s or more before reaching the disk). ``FULL``
syncs the WAL at every commit; the recorder commits one batch every second or so, so that is
one fsync a second, and a power cut loses at most the batch still in memory. Either mode keeps
the file consistent after a crash or a kill: that is SQLite's journal, not ours.

Hostile files: the recorder only ever changes a file it can tell is its own (our
``application_id`` in the SQLite header, or a file it is about to create); any other file,
even ``kiosk.toml`` by mistake, is left alone and recording stays off. ``kiosk stats`` opens
read-only, without creating ``-wal``/``-shm`` files, and checks the tables' kinds and every
value's type and range before a report uses it: a foreign shape is one line, never a
traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from kiosk.stats.events import COLUMNS, MAX_SECONDS, Event

log = logging.getLogger("kiosk")

APP = "hair-kiosk stats"
#: ``PRAGMA application_id``, "KSTA": tools such as ``file`` can tell our databases apart.
APP_ID = 0x4B535441
SCHEMA_VERSION = 1
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_HEADER = b"SQLite format 3\x00"
#: Events from 1970 to the year 3000: a kiosk's clock, or a damaged row.
MIN_TS, MAX_TS = 0.0, 32503680000.0

# One transaction: a kill half-way must not leave a half-made database that looks foreign.
_CREATE = f"""
BEGIN;
PRAGMA application_id = {APP_ID};
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE schema_version (app TEXT NOT NULL, version INTEGER NOT NULL);
INSERT INTO schema_version VALUES ('{APP}', {SCHEMA_VERSION});
CREATE TABLE events (
    ts REAL NOT NULL,       -- seconds since 1970, UTC
    kiosk TEXT NOT NULL,    -- the kiosk_name from the config
    session INTEGER,        -- the session's start, in ms since 1970; NULL outside a session
    kind TEXT NOT NULL,
    page TEXT,
    position INTEGER,
    value TEXT,
    seconds REAL
);
CREATE INDEX events_ts ON events (ts);
COMMIT;
"""


class StoreError(Exception):
    """The statistics database cannot be used; the message is one line naming the file."""


class MissingDatabase(StoreError):
    """There is no database at the path."""


class ForeignDatabase(StoreError):
    """A database that is not a kiosk statistics database (or one from a newer kiosk)."""


class CorruptDatabase(StoreError):
    """The file is damaged or is not an SQLite database at all."""


def default_path() -> Path:
    """``stats.sqlite3`` in the platform's data folder for hair-kiosk."""
    from platformdirs import user_data_path

    return user_data_path("hair-kiosk") / "stats.sqlite3"


def _is_corrupt(exc: sqlite3.Error) -> bool:
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _CORRUPT


def check(conn: sqlite3.Connection, path: Path) -> bool:
    """Raise unless ``conn`` holds our schema; return False for an empty database to set up.

    ``events`` and ``schema_version`` must be real tables (a view could be recursive and
    never end) with our columns, and the schema version a whole number.
    """
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        kinds = {r[0]: (r[1], r[2] or "") for r in
                 conn.execute("SELECT name, type, sql FROM sqlite_master")}
        tables = {name for name, (kind, _) in kinds.items() if kind == "table"}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if _is_corrupt(exc):
            raise CorruptDatabase(f"{path}: the database is damaged ({exc})") from None
        raise
    if result != "ok":
        raise CorruptDatabase(f"{path}: the database is damaged ({result})")
    if not tables and app_id == 0:
        return False
    if app_id != APP_ID or "schema_version" not in tables:
        listed = ", ".join(sorted(tables)[:5]) or "none"
        raise ForeignDatabase(f"{path}: not a kiosk statistics database (its tables: {listed})")
    for name, columns in (("events", COLUMNS), ("schema_version", ("app", "version"))):
        kind, sql = kinds.get(name, ("missing", ""))
        if kind == "table" and sql.upper().startswith("CREATE VIRTUAL"):
            kind = "virtual table"
        if kind != "table":
            found = "missing" if kind == "missing" else f"a {kind}"
            raise ForeignDatabase(f"{path}: not a kiosk statistics database ({name} is "
                                  f"{found}, expected a table)")
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
        if lacking := [c for c in columns if c not in have]:
            raise ForeignDatabase(f"{path}: not a kiosk statistics database ({name} lacks "
                                  f"the column(s) {', '.join(lacking)})")
    row = conn.execute("SELECT app, version FROM schema_version LIMIT 1").fetchone()
    if row is None or row[0] != APP:
        raise ForeignDatabase(f"{path}: not a kiosk statistics database")
    if not isinstance(row[1], int) or row[1] < 1:
        raise ForeignDatabase(f"{path}: not a kiosk statistics database (schema_version is "
                              f"{_brief(row[1])}, expected a whole number)")
    if row[1] > SCHEMA_VERSION:
        raise ForeignDatabase(f"{path}: made by a newer kiosk (schema {row[1]}; this kiosk "
                              f"reads up to {SCHEMA_VERSION})")
    return True


def open_for_writing(path: Path, max_pages: int | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the database for recording; raise StoreError or OSError.

    ``max_pages`` caps the file's size; SQLite then reports SQLITE_FULL exactly as for a
    full disk, which is how the tests play one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        if not check(conn, path):
            conn.executescript(_CREATE)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        if max_pages is not None:
            conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
    except BaseException:
        conn.close()
        raise
    return conn


def open_for_reading(path: Path) -> sqlite3.Connection:
    """Open an existing database read-only (never changing it) for a report.

    With no ``-wal`` file beside it (no kiosk is writing) or in a folder we may not write,
    the file is opened ``immutable``: SQLite then needs no ``-shm`` file, creates none, and
    takes no lock. A kiosk that is writing keeps its ``-wal`` and ``-shm`` files, which a
    read-only connection shares.
    """
    try:
        exists, plain = path.exists(), path.is_file()
        writing = Path(f"{path}-wal").exists() and os.access(path.parent, os.W_OK)
    except OSError as exc:  # a name too long, a loop of links
        raise StoreError(f"{_short(path)}: cannot be opened ({exc.strerror})") from None
    if not exists:
        raise MissingDatabase(f"no statistics database at {path}")
    if not plain:
        raise MissingDatabase(f"{path}: not a file")
    try:
        uri = path.resolve().as_uri() + ("?mode=ro" if writing else "?mode=ro&immutable=1")
        conn = sqlite3.connect(uri, uri=True)
    except (sqlite3.Error, OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from None
    try:
        if not check(conn, path):
            raise ForeignDatabase(f"{path}: not a kiosk statistics database (it is empty)")
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{path}: cannot read the database ({exc})") from None
    except StoreError:
        conn.close()
        raise
    return conn


def move_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal and -shm files) with a timestamp; return it."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    # The -wal file belongs to the old database: left behind, SQLite would replay it into
    # the new one.
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, f"{target}{suffix}")
    os.replace(path, target)
    return target


def ownership(path: Path) -> str | None:
    """Why the recorder must leave the file at ``path`` alone, or None when it may use it.

    It may use a file it will create, an empty one, and an SQLite database whose header
    carries our ``application_id`` (or none yet: ``check`` then looks at its tables). It
    never touches anything else: not a text file, not a FIFO, not a file it cannot read.
    """
    from kiosk.plainfile import skip_reason

    try:
        if not path.exists() and not path.is_symlink():
            return None
        if path.is_dir():
            return f"{path}: is a folder, not a database file; it is left alone"
        if (reason := skip_reason(path)) is not None:
            return f"{path}: {reason}; it is left alone"
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            header = os.read(fd, 100)
        finally:
            os.close(fd)
    except (OSError, ValueError) as exc:
        return f"{path}: cannot be read ({_reason(exc)}); it is left alone"
    if not header:
        return None
    if not header.startswith(_HEADER):
        return (f"{path}: not a kiosk statistics database (not an SQLite file); it is left "
                "alone: point stats_db at a new file")
    return None  # an SQLite file: check() tells ours from another application's


def _ours(path: Path) -> bool:
    """True when ``path`` is an SQLite file carrying our application id (so ours to move)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            header = os.read(fd, 100)
        finally:
            os.close(fd)
    except OSError:
        return False
    return header.startswith(_HEADER) and header[68:72] == APP_ID.to_bytes(4, "big")


def open_recording(path: Path, max_pages: int | None = None) -> tuple[sqlite3.Connection | None,
                                                                       str | None]:
    """Open the database to record into, handling damage; return (connection, problem).

    A damaged database of ours is moved aside and a new one begins (with a warning). Any
    other file, foreign database or not a database at all, is left alone (see
    :func:`ownership`). A read-only folder or a full disk gives no connection: recording is
    off, and ``problem`` says why.
    """
    if (refused := ownership(path)) is not None:
        return None, refused
    for attempt in (1, 2):
        try:
            return open_for_writing(path, max_pages), None
        except ForeignDatabase as exc:
            return None, f"{exc}; it is left alone"
        except (CorruptDatabase, sqlite3.Error, OSError) as exc:
            damaged = isinstance(exc, CorruptDatabase) or (
                isinstance(exc, sqlite3.Error) and _is_corrupt(exc))
            if attempt == 2 or not (damaged and _ours(path)):
                if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
                    return None, f"{path}: cannot record: the folder is read-only"
                return None, f"{path}: cannot record: {_reason(exc)}"
            try:
                target = move_aside(path)
            except OSError as move_error:
                return None, f"{path}: damaged and cannot be moved aside: {_reason(move_error)}"
            log.warning("statistics: %s was damaged or unreadable (%s); moved it to %s and "
                        "began a new one", path, _reason(exc).removeprefix(f"{path}: "),
                        target.name)
    raise AssertionError("unreachable")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return str(exc).removeprefix(f"{exc.__class__.__name__}: ")


def insert(conn: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Write ``events`` in one transaction."""
    rows = [tuple(getattr(e, c) for c in COLUMNS) for e in events]
    conn.execute("BEGIN")
    try:
        conn.executemany(f"INSERT INTO events ({', '.join(COLUMNS)}) "
                         f"VALUES ({', '.join('?' * len(COLUMNS))})", rows)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def purge(conn: sqlite3.Connection, older_than: float) -> int:
    """Delete events recorded before ``older_than`` (seconds since 1970); return how many."""
    return conn.execute("DELETE FROM events WHERE ts < ?", (older_than,)).rowcount


def read_events(conn: sqlite3.Connection, since: float | None = None,
                path: Path | str = "the database") -> list[Event]:
    """Every event (from ``since`` on), oldest first; ForeignDatabase names a bad value."""
    sql = f"SELECT rowid, {', '.join(COLUMNS)} FROM events"
    rows = (conn.execute(sql + " WHERE ts >= ? ORDER BY ts", (since,)) if since is not None
            else conn.execute(sql + " ORDER BY ts"))
    events = []
    for rowid, *values in rows:
        row = dict(zip(COLUMNS, values, strict=True))
        for column, value in row.items():
            if (expected := _CHECKS[column](value)) is not None:
                raise ForeignDatabase(f"{path}: event {rowid}: {column} is {_brief(value)}, "
                                      f"expected {expected}")
        events.append(Event(**row))
    return events


def _number(value: object, low: float, high: float, whole: bool = False) -> bool:
    kinds = int if whole else int | float
    return (isinstance(value, kinds) and not isinstance(value, bool)
            and math.isfinite(value) and low <= value <= high)


def _text(value: object, limit: int = 200) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _optional(check, expected: str):
    return lambda v: None if v is None or check(v) else f"{expected} or nothing"


#: Each column's check: None when the value is fine, else what was expected.
_CHECKS = {
    "ts": lambda v: None if _number(v, MIN_TS, MAX_TS) else
    "seconds since 1970 up to the year 3000",
    "kiosk": lambda v: None if _text(v) else "a kiosk name",
    "session": _optional(lambda v: _number(v, 0, 2**53, whole=True), "a session number"),
    "kind": lambda v: None if _text(v, 64) else "an event kind",
    "page": _optional(_text, "a page name"),
    "position": _optional(lambda v: _number(v, 0, 10**6, whole=True), "a page position"),
    "value": _optional(_text, "a short word"),
    "seconds": _optional(lambda v: _number(v, 0, MAX_SECONDS), f"0 to {MAX_SECONDS} seconds"),
}


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 200 else text[:100] + "..." + text[-40:]


def _brief(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
