"""The kiosk's settings: defaults, checked values and where the content lives (no Qt)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = PROJECT / "content"


class Exit(enum.IntEnum):
    """Process exit statuses."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2


@dataclass(frozen=True)
class Settings:
    """Everything that shapes one run of the kiosk."""

    content: Path = DEFAULT_CONTENT
    lang: str = "en"
    windowed: bool = False
    idle_timeout: int = 90
    window_size: tuple[int, int] = (1280, 800)
    watch: bool = False


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``WIDTHxHEIGHT``; raise ValueError with a message a person can act on."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"expected WIDTHxHEIGHT such as 1920x1080, got {text!r}")
    width, height = (int(p) for p in parts)
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise ValueError(f"expected a size from 320x240 to 7680x4320, got {text!r}")
    return width, height


def parse_seconds(text: str) -> int:
    """Parse a whole number of seconds >= 0."""
    if not text.strip().isdigit():
        raise ValueError(f"expected a whole number of seconds >= 0, got {text!r}")
    return int(text)
