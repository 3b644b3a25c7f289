"""Local, anonymous usage statistics: which pages patients reach, and for how long (no Qt).

Any part of the kiosk records an event with one call, whether statistics are on or not::

    from kiosk import stats
    stats.record("listen", page="side-effects")

The event is checked against its kind's allow-list even when nothing records (so a wrong
field fails in the tests), then handed to the running :class:`Recorder`, if any.
Modules: ``events`` (kinds and checks), ``store`` (SQLite), ``recorder`` (the writer thread),
``report`` (tables), ``command`` (``kiosk stats``).
"""

from __future__ import annotations

from typing import Any

from kiosk.stats.events import KINDS, Event, make_event
from kiosk.stats.recorder import Recorder

__all__ = ["KINDS", "Event", "Recorder", "install", "record", "recorder"]

_current: Recorder | None = None


def install(rec: Recorder | None) -> None:
    """Make ``rec`` the recorder that :func:`record` hands events to (None: record nothing)."""
    global _current
    _current = rec


def recorder() -> Recorder | None:
    """The installed recorder, if statistics are on."""
    return _current


def record(kind: str, **fields: Any) -> Event | None:
    """Record one event with the installed recorder; check it even when there is none."""
    if _current is None:
        make_event(kind, fields, ts=0.0, kiosk="kiosk", session=None)
        return None
    return _current.record(kind, **fields)
