"""Faults surface: an exception nobody caught (in a slot, a timer, an event handler) is logged
with its traceback, listed in the staff panel's warnings, and the kiosk goes back to its start
screen, so the next patient does not meet a half-broken screen."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger("kiosk")


class FaultHandler:
    """``sys.excepthook`` for the running kiosk; ``recover`` puts the kiosk back to its start."""

    def __init__(self, recover: Callable[[], None]) -> None:
        self._recover = recover
        self._recovering = False
        self._previous = sys.excepthook
        self.faults = 0

    def install(self) -> FaultHandler:
        """Become ``sys.excepthook``."""
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        """Give ``sys.excepthook`` back."""
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], error: BaseException,
                 trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        self.faults += 1
        # The message (what staff read in the panel) names the error and where it happened;
        # the log gets the whole traceback.
        where = traceback.extract_tb(trace)[-1] if trace else None
        place = f" ({where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
        log.error("unexpected error, the kiosk starts over: %s: %s%s", kind.__name__, error,
                  place, exc_info=(kind, error, trace))
        if self._recovering:
            return  # the recovery itself failed: do not loop
        self._recovering = True
        try:
            self._recover()
        except Exception:  # noqa: BLE001 - the last line of defence must not raise
            log.exception("could not go back to the start screen")
        finally:
            self._recovering = False
