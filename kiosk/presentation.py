"""Presentation mode's rules, with no Qt: how long a page stays, how it scrolls, which key acts.

A page stays for the time a slow reader needs for its words (:data:`WORDS_PER_MINUTE`),
never less than ``present_min`` nor more than ``present_max`` seconds; ``present_seconds``
> 0 fixes the time for every page instead. A page longer than the screen holds still at its
top for a while, scrolls smoothly to its end, and holds there before the next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.readability import WORDS_PER_MINUTE

#: Presenter keys, as slide software and USB clickers send them (Qt key names without
#: ``Key_``). Clickers differ: the blank key is B, ".", V, ";" or "/" depending on the make,
#: and their start/stop buttons send F5 and Esc.
KEYS: dict[str, str] = {
    "Right": "next", "Down": "next", "PageDown": "next", "Space": "next", "N": "next",
    "Left": "previous", "Up": "previous", "PageUp": "previous", "P": "previous",
    "Backspace": "previous",
    "Home": "first", "End": "last",
    "B": "toggle_blank", "Period": "toggle_blank", "V": "toggle_blank",
    "Semicolon": "toggle_blank", "Slash": "toggle_blank",
    "F5": "resume", "Escape": "pause", "A": "toggle_pause",
}


@dataclass(frozen=True)
class Timing:
    """How long pages stay: a fixed time, or by length between a minimum and a maximum."""

    fixed: float = 0
    minimum: float = 20
    maximum: float = 120
    words_per_minute: float = WORDS_PER_MINUTE

    def seconds(self, words: int) -> float:
        """Seconds a page of ``words`` words stays on screen."""
        if self.fixed > 0:
            return self.fixed
        reading = 60 * max(0, words) / self.words_per_minute
        low, high = sorted((self.minimum, self.maximum))
        return min(high, max(low, reading))


def scroll_plan(seconds: float) -> tuple[float, float]:
    """``(hold, scroll)`` seconds: hold at the top, then scroll to the end in ``scroll``.

    The top holds for a fifth of the time, the scroll takes the next two thirds, and the
    end of the page stays for what is left, so the last lines can be read too.
    """
    return seconds * 0.2, seconds * 0.65


def action_for(key_name: str) -> str | None:
    """The presenter action for a key (``"Right"`` -> ``"next"``), or None for other keys."""
    return KEYS.get(key_name)


def count_words(html: str) -> int:
    """Words a patient reads in a page's rendered HTML."""
    from kiosk.readability import visible_text

    return len(visible_text(html).split())


def clock(seconds: float) -> str:
    """``seconds`` as ``m:ss`` (or ``h:mm:ss`` past an hour), for the presenter view."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
