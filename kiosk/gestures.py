"""The kiosk's gestures as plain rules, with no Qt: a sideways swipe, and the staff corner taps.

Both take their times from the caller (event timestamps, or an injectable clock), so tests
decide what time it is instead of racing the real clock on a loaded machine.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SwipeRule:
    """What counts as a swipe between pages."""

    #: A swipe covers at least this share of the area's width...
    min_share: float = 0.12
    #: ...is clearly more sideways than up or down...
    min_ratio: float = 1.8
    #: ...and takes at most this many seconds.
    max_seconds: float = 1.0


#: The kiosk's swipe.
SWIPE = SwipeRule()


def swipe_step(start: tuple[float, float], end: tuple[float, float], seconds: float,
               width: float, rule: SwipeRule | None = None) -> int:
    """+1 for a swipe to the left (next page), -1 to the right (previous), 0 for no swipe.

    ``start`` and ``end`` are where the finger went down and came up, ``seconds`` how long
    it took, ``width`` the width of the area swiped over (same units as the points).
    """
    rule = rule or SWIPE
    dx, dy = end[0] - start[0], end[1] - start[1]
    quick = 0 <= seconds <= rule.max_seconds
    far = abs(dx) >= rule.min_share * max(1.0, width)
    if quick and far and abs(dx) >= rule.min_ratio * abs(dy):
        return 1 if dx < 0 else -1
    return 0


class CornerTaps:
    """Counts taps in the top-right corner: ``count`` of them within ``within`` seconds is the
    staff gesture. A tap anywhere else starts the count over."""

    def __init__(self, count: int = 5, within: float = 3.0, size: int = 120,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.count, self.within, self.size = count, within, size
        self._clock = clock
        self._taps: deque[float] = deque(maxlen=count)

    def tap(self, x: float, y: float, width: float) -> bool:
        """A tap at ``(x, y)`` in a window ``width`` wide; True when it completes the gesture."""
        if x < width - self.size or y > self.size:
            self._taps.clear()
            return False
        now = self._clock()
        self._taps.append(now)
        if len(self._taps) == self.count and now - self._taps[0] <= self.within:
            self._taps.clear()
            return True
        return False
