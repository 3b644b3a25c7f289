"""Record events without blocking the caller: a queue, and a writer thread that batches (no Qt).

The caller (the GUI thread) only checks an event and puts it on a queue, a few microseconds.
The writer thread owns the SQLite connection: it opens the database (moving a damaged one
aside), deletes old events at start and once a day, and commits whatever has queued up every
``flush_every`` seconds and when the recorder closes. A failed write turns recording off with
a warning; nothing here ever raises into the caller except for a wrongly formed event. If
the writer thread meets anything unforeseen (a database of a strange shape, a bug), it does
not die silently: it logs a warning (which staff see in the status panel), turns recording
off so that events stop queueing, and keeps answering ``flush`` and ``close``.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.stats import store
from kiosk.stats.events import Event, make_event

log = logging.getLogger("kiosk")
DAY = 86400.0
_STOP = object()


class Recorder:
    """Collects events for one kiosk and writes them off the caller's thread.

    Args:
        path: the SQLite file.
        kiosk: the kiosk's name, stored with every event.
        retention_days: events older than this are deleted, at start and daily.
        flush_every: seconds between batch writes (a power cut loses at most about this).
        clock: wall-clock time in seconds since 1970 (tests pass a fake one).
        max_pages: optional cap on the file size, see ``store.open_for_writing``.
    """

    def __init__(self, path: Path, kiosk: str = "kiosk", retention_days: int = 365, *,
                 flush_every: float = 1.0, clock: Callable[[], float] = time.time,
                 max_pages: int | None = None) -> None:
        self.path = path
        self.kiosk = kiosk
        self.retention_days = retention_days
        self.flush_every = flush_every
        self.clock = clock
        self.max_pages = max_pages
        #: False once recording is off (a foreign database, a read-only folder, a full disk).
        self.enabled = True
        #: Why recording is off, in one line; None while it is on.
        self.problem: str | None = None
        #: Events committed to disk so far by this recorder.
        self.written = 0
        self.session: int | None = None
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="stats-writer", daemon=True)
        self._opened = threading.Event()
        self._last_session = 0
        self._waiters: list[threading.Event] = []

    # ---- the caller's side (the GUI thread) ------------------------------------------------

    def start(self) -> Recorder:
        """Start the writer thread (which opens the database); return self."""
        self._thread.start()
        return self

    def record(self, kind: str, **fields: Any) -> Event | None:
        """Queue one event of ``kind`` with ``fields``; return it (None while recording is off).

        ``session_start`` opens a session and ``session_end`` closes it; events in between
        carry the session's number. Raises ValueError for an unknown kind or a field that is
        not on that kind's allow-list (a programming mistake, which tests catch).
        """
        now = self.clock()
        if kind == "session_start":
            self._last_session = max(int(now * 1000), self._last_session + 1)
            self.session = self._last_session
        event = make_event(kind, fields, ts=now, kiosk=self.kiosk, session=self.session)
        if kind == "session_end":
            self.session = None
        if not self.enabled:
            return None
        self._queue.put(event)
        return event

    def flush(self, timeout: float = 5.0) -> bool:
        """Write everything queued so far now; True once it is on disk (or recording is off)."""
        if not self._thread.is_alive():
            return not self.enabled
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued and stop the writer thread."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    def wait_open(self, timeout: float = 5.0) -> bool:
        """Wait until the writer has opened the database (or given up); for tests and tools."""
        return self._opened.wait(timeout)

    def today(self) -> list[Event]:
        """Today's events (local date) of this kiosk, read back from the database.

        Read when staff open the menu, not kept in memory: a busy day costs no memory.
        """
        if not self.enabled or not self.flush():
            return []
        start = _local_midnight(self.clock())
        try:
            conn = store.open_for_reading(self.path)
        except store.StoreError as exc:
            log.warning("statistics: cannot read today's events: %s", exc)
            return []
        try:
            return [e for e in store.read_events(conn, since=start, path=self.path)
                    if e.kiosk == self.kiosk]
        except (store.sqlite3.Error, store.StoreError) as exc:
            log.warning("statistics: cannot read today's events: %s", exc)
            return []
        finally:
            conn.close()

    # ---- the writer thread -----------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._work()
        except Exception as exc:  # noqa: BLE001 - anything unforeseen: say so, stop cleanly
            log.exception("statistics: the writer stopped")
            self._turn_off(f"{self.path}: the statistics writer stopped: "
                           f"{type(exc).__name__}: {exc}")
            self._opened.set()
            for waiter in self._waiters:
                waiter.set()
            self._waiters = []
            self._drain()

    def _work(self) -> None:
        conn, problem = store.open_recording(self.path, self.max_pages)
        if conn is None:
            self._turn_off(problem or "cannot open the database")
            self._opened.set()
            self._drain()
            return
        try:
            self._purge(conn)
        except store.sqlite3.Error as exc:
            self._turn_off(f"{self.path}: cannot record: {exc}")
        self._opened.set()
        try:
            self._loop(conn)
        finally:
            conn.close()

    def _loop(self, conn) -> None:
        pending: list[Event] = []
        waiters = self._waiters
        next_flush = time.monotonic() + self.flush_every
        next_purge = time.monotonic() + DAY
        stopping = False
        while not stopping:
            try:
                item = self._queue.get(timeout=max(0.0, next_flush - time.monotonic()))
            except queue.Empty:
                item = None
            if item is _STOP:
                stopping = True
            elif isinstance(item, threading.Event):
                waiters.append(item)
            elif item is not None:
                pending.append(item)
            if not (stopping or waiters or time.monotonic() >= next_flush):
                continue
            if pending and self.enabled:
                try:
                    store.insert(conn, pending)
                    self.written += len(pending)
                except store.sqlite3.OperationalError as exc:
                    if "locked" not in str(exc):  # busy: keep the batch for the next try
                        self._turn_off(f"{self.path}: cannot record: {exc}")
                else:
                    pending = []
            for waiter in waiters:
                waiter.set()
            waiters.clear()
            next_flush = time.monotonic() + self.flush_every
            if time.monotonic() >= next_purge and self.enabled:
                next_purge = time.monotonic() + DAY
                self._purge(conn)

    def _purge(self, conn) -> None:
        try:
            removed = store.purge(conn, self.clock() - self.retention_days * DAY)
        except store.sqlite3.Error as exc:
            log.warning("statistics: could not delete old events: %s", exc)
            return
        if removed:
            log.info("statistics: deleted %d events older than %d days", removed,
                     self.retention_days)

    def _turn_off(self, problem: str) -> None:
        if self.enabled:
            self.enabled = False
            self.problem = problem
            log.warning("statistics: recording is off: %s", problem)

    def _drain(self) -> None:
        """With recording off, keep answering flush() and close() until stopped."""
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if isinstance(item, threading.Event):
                item.set()


def _local_midnight(ts: float) -> float:
    day = dt.datetime.fromtimestamp(ts).date()
    return dt.datetime.combine(day, dt.time()).timestamp()
