"""Keep the last few warnings in memory for the staff menu's status panel (no Qt)."""

from __future__ import annotations

import logging
from collections import deque


class RecentWarnings(logging.Handler):
    """A logging handler that remembers the last ``size`` warnings and errors."""

    def __init__(self, size: int = 8) -> None:
        super().__init__(level=logging.WARNING)
        self.lines: deque[str] = deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname.lower()}: {record.getMessage()}")
