"""What the kiosk may record: event kinds, their allowed fields, and the checks (no Qt).

Nothing here can hold personal data: every field is a number or a short token from an
allow-list or a slug pattern (a page's file name, a language code), never free text, and
the only name stored is the kiosk's own, from the config.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.textsizes import TEXT_SIZES

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
#: Session end reasons: the idle reset, staff, the kiosk stopping, or a patient's own tap.
REASONS = ("idle", "staff", "exit", "tap")
#: Contrast modes the accessibility controls may report (text sizes: kiosk.textsizes).
CONTRASTS = ("normal", "high")
#: A session longer than this is a clock or a bug, not a patient: refused.
MAX_SECONDS = 24 * 3600


def slug(value: Any) -> str:
    """A page or glossary term as its file-style name, such as ``side-effects``."""
    if isinstance(value, str) and _SLUG.match(value):
        return value
    raise ValueError(f"expected a slug such as \"side-effects\", got {value!r}")


def lang(value: Any) -> str:
    """A language code such as ``en`` or ``es``."""
    if isinstance(value, str) and _LANG.match(value):
        return value
    raise ValueError(f"expected a language code such as \"en\", got {value!r}")


def seconds(value: Any) -> float:
    """A duration in seconds, 0 or more (measured with a monotonic clock by the caller)."""
    if (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and 0 <= value <= MAX_SECONDS):
        return round(float(value), 3)
    raise ValueError(f"expected seconds from 0 to {MAX_SECONDS}, got {value!r}")


def position(value: Any) -> int:
    """A page's place in reading order, counted from 0."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1000:
        return value
    raise ValueError(f"expected a page position from 0 to 999, got {value!r}")


def one_of(*allowed: str) -> Callable[[Any], str]:
    """A validator accepting only the given words."""

    def check(value: Any) -> str:
        if value in allowed:
            return value
        raise ValueError(f"expected one of {', '.join(allowed)}, got {value!r}")

    return check


@dataclass(frozen=True)
class Field:
    """One allowed field of an event kind: the column it is stored in, and its check."""

    column: str
    check: Callable[[Any], Any]
    required: bool = False


#: Every kind of event and the only fields it may carry. Stored columns: page, position,
#: value (one short token) and seconds.
KINDS: dict[str, dict[str, Field]] = {
    "session_start": {"lang": Field("value", lang)},
    "session_end": {"reason": Field("value", one_of(*REASONS), required=True),
                    "seconds": Field("seconds", seconds)},
    "page_view": {"page": Field("page", slug, required=True),
                  "position": Field("position", position),
                  "seconds": Field("seconds", seconds, required=True)},
    "language": {"lang": Field("value", lang, required=True)},
    "text_size": {"size": Field("value", one_of(*TEXT_SIZES), required=True)},
    "contrast": {"contrast": Field("value", one_of(*CONTRASTS), required=True)},
    "listen": {"page": Field("page", slug)},
    "glossary_open": {"page": Field("page", slug), "term": Field("value", slug)},
    "qr_open": {"page": Field("page", slug)},
    "presentation_loop": {"seconds": Field("seconds", seconds)},
    # Teach-back (kiosk.quiz): a question shown, and one answered right the first time.
    # ``question`` is its place (q1, q2...), never the patient's answer.
    "quiz_asked": {"question": Field("value", slug, required=True), "page": Field("page", slug)},
    "quiz_right": {"question": Field("value", slug, required=True), "page": Field("page", slug)},
}
#: Kinds that count as using an accessibility or help feature, with their report names.
FEATURES = {"text_size": "Text size", "contrast": "High contrast", "listen": "Listen",
            "glossary_open": "Glossary", "qr_open": "QR code"}


@dataclass(frozen=True)
class Event:
    """One recorded event, as stored: ``ts`` in seconds since 1970 (UTC)."""

    ts: float
    kind: str
    kiosk: str = "kiosk"
    session: int | None = None
    page: str | None = None
    position: int | None = None
    value: str | None = None
    seconds: float | None = None


COLUMNS = ("ts", "kiosk", "session", "kind", "page", "position", "value", "seconds")


def make_event(kind: str, fields: dict[str, Any], *, ts: float, kiosk: str,
               session: int | None) -> Event:
    """Check ``fields`` against the allow-list of ``kind``; raise ValueError naming the problem."""
    spec = KINDS.get(kind)
    if spec is None:
        raise ValueError(f"unknown event kind {kind!r}; known kinds: {', '.join(KINDS)}")
    columns: dict[str, Any] = {}
    for name, value in fields.items():
        field = spec.get(name)
        if field is None:
            allowed = ", ".join(spec) or "none"
            raise ValueError(f"{kind}: field {name!r} is not allowed (allowed: {allowed})")
        try:
            columns[field.column] = field.check(value)
        except ValueError as exc:
            raise ValueError(f"{kind}: {name}: {exc}") from None
    missing = [name for name, field in spec.items() if field.required and name not in fields]
    if missing:
        raise ValueError(f"{kind}: missing {', '.join(missing)}")
    return Event(ts=ts, kind=kind, kiosk=kiosk, session=session, **columns)
