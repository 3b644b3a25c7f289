"""Every setting of ``kiosk.toml``, declared once: key, kind, default, range and help (no Qt).

:data:`TABLE` is the single source. :class:`kiosk.config.Settings` takes its fields and
defaults from it, :func:`kiosk.config.read_config` checks a file with it, and
``kiosk.example.toml`` is written from it by :func:`example_text` (``tests/test_config.py``
fails when the shipped example is out of date).

Every number has a range. Times are whole seconds; Qt's timers hold at most
2,147,483 seconds (an ``int`` of milliseconds, about 24.8 days), so every timed setting stops
well short of that, at a day or a week.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.resources import CONTENT

MODES = ("kiosk", "windowed", "present")
MINUTE, HOUR, DAY, WEEK = 60, 3600, 86400, 7 * 86400
#: The longest time Qt's timers can hold (milliseconds in a signed 32-bit int), in seconds.
QT_TIMER_MAX_SECONDS = (2**31 - 1) // 1000


def found(value: Any) -> str:
    """``value`` as it was written in the file, for "got ..." in a message."""
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:60] + "…" + value[-10:]
        return '"' + shown.replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:70] + "…"


def _duration(seconds: int) -> str:
    for size, name in ((WEEK, "week"), (DAY, "day"), (HOUR, "hour"), (MINUTE, "minute")):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {name}{'s' if count != 1 else ''}"
    return f"{seconds} s"


@dataclass(frozen=True)
class Setting:
    """One key of ``kiosk.toml``.

    ``kind`` names the parser; ``minimum``/``maximum`` bound numbers (inclusive);
    ``help`` becomes the comment above the key in the example file; ``annotation`` is the
    field's type in Settings; ``in_example`` False writes the key commented out.
    """

    key: str
    kind: str
    default: Any
    help: str
    annotation: str
    minimum: int | None = None
    maximum: int | None = None
    in_example: bool = True
    example_value: Any = None
    #: Said after the range in messages, e.g. a better value within it.
    advice: str = ""

    def parse(self, value: Any) -> Any:
        """The value in Settings' terms; raise ValueError("expected ..., got ...")."""
        return PARSERS[self.kind](self, value)

    @property
    def expected_range(self) -> str:
        """The range as the messages and the example file say it."""
        unit = {"seconds": "seconds", "days": "days"}.get(self.kind, "")
        top = self.maximum if self.maximum is not None else 0
        limit = f" ({_duration(top)})" if self.kind == "seconds" else ""
        return f"a whole number of {unit} from {self.minimum} to {top}{limit}{self.advice}"


# ---- parsers: each returns the value or raises ValueError("expected ..., got ...") ----------

def _number(setting: Setting, value: Any) -> int:
    """A whole number in range (a TOML integer, or digits from the command line)."""
    number = None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 18:
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    low, high = setting.minimum, setting.maximum
    if number is None or (low is not None and number < low) or (high is not None
                                                                and number > high):
        raise ValueError(f"expected {setting.expected_range}, got {found(value)}")
    return number


def _bool(setting: Setting, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, got {found(value)}")


def _mode(setting: Setting, value: Any) -> str:
    if isinstance(value, str) and value in MODES:
        return value
    raise ValueError(f"expected one of {', '.join(MODES)}, got {found(value)}")


def _lang(setting: Setting, value: Any) -> str:
    if (isinstance(value, str) and 0 < len(value) <= 16 and value.isascii()
            and value.replace("-", "").isalnum()):
        return value
    raise ValueError(f"expected a language code such as \"en\", got {found(value)}")


def expand(text: str) -> Path:
    """``text`` as a path with ``~`` expanded; ValueError naming the problem."""
    if "\x00" in text:
        raise ValueError("it contains a NUL character")
    if len(text) > 4096:
        raise ValueError(f"it is {len(text)} characters long (the limit is 4096)")
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~someone who has no account here
        user = text.split("/", 1)[0]
        raise ValueError(f"{user} names no user on this computer") from None


def _folder(setting: Setting, value: Any) -> Path:
    if isinstance(value, str) and value.strip():
        try:
            return expand(value)
        except ValueError as exc:
            raise ValueError(f"expected a folder path, got {found(value)}: {exc}") from None
    raise ValueError(f"expected a folder path, got {found(value)}")


def _file(setting: Setting, value: Any) -> Path:
    if isinstance(value, str) and value.strip() and not value.endswith(("/", "\\")):
        try:
            return expand(value)
        except ValueError as exc:
            raise ValueError(f"expected a file path, got {found(value)}: {exc}") from None
    raise ValueError(f"expected a file path, got {found(value)}")


def _pin_hash(setting: Setting, value: Any) -> str:
    from kiosk.pin import is_pin_hash

    if isinstance(value, str) and (value == "" or is_pin_hash(value)):
        return value
    raise ValueError("expected a hash made by 'kiosk hash-pin' (pbkdf2_sha256$...), got "
                     + ("a plain PIN" if isinstance(value, (str, int)) else found(value)))


def _command(setting: Setting, value: Any) -> tuple[str, ...]:
    if (isinstance(value, list) and 0 < len(value) <= 64
            and all(isinstance(v, str) and v and "\x00" not in v for v in value)):
        return tuple(value)
    raise ValueError(f"expected a list of strings such as [\"espeak-ng\", \"-s\", \"150\"], "
                     f"got {found(value)}")


def _name(setting: Setting, value: Any) -> str:
    if (isinstance(value, str) and 1 <= len(value) <= 32 and value.isascii()
            and value[0].isalnum() and all(c.isalnum() or c in " ._-" for c in value)):
        return value
    raise ValueError("expected a short name of 1 to 32 letters, digits, spaces, '.', '_' or "
                     f"'-' such as \"lobby-1\", got {found(value)}")


def _url(setting: Setting, value: Any) -> str:
    from kiosk.takehome import parse_url

    return parse_url(value)


def parse_size(text: str) -> tuple[int, int]:
    """``WIDTHxHEIGHT`` (the ``--size`` of ``kiosk shots``), from 320x240 to 7680x4320."""
    parts = text.lower().split("x") if isinstance(text, str) else []
    if len(parts) != 2 or not all(p.strip().isdigit() and len(p) < 6 for p in parts):
        raise ValueError(f"expected WIDTHxHEIGHT such as 1920x1080, got {found(text)}")
    width, height = (int(p) for p in parts)
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise ValueError(f"expected a size from 320x240 to 7680x4320, got {found(text)}")
    return width, height


PARSERS: dict[str, Callable[[Setting, Any], Any]] = {
    "seconds": _number, "days": _number, "times": _number, "bool": _bool, "mode": _mode,
    "lang": _lang,
    "folder": _folder, "file": _file, "pin_hash": _pin_hash, "command": _command,
    "name": _name, "url": _url,
}

#: The checkout (where kiosk.example.toml is written from this table).
PROJECT = Path(__file__).resolve().parent.parent
#: The pages that come with the kiosk: the checkout's content/, or the installed wheel's.
DEFAULT_CONTENT = CONTENT


def _s(key: str, kind: str, default: Any, annotation: str, help: str, **extra: Any) -> Setting:
    return Setting(key, kind, default, help, annotation, **extra)


#: Every key of kiosk.toml, in the order the example file lists them.
TABLE: tuple[Setting, ...] = (
    _s("mode", "mode", "kiosk", "str",
       '"kiosk" (full screen, locked), "windowed" (a normal window for a laptop demo),\n'
       'or "present" (full screen, locked, for presentations).'),
    _s("content", "folder", DEFAULT_CONTENT, "Path",
       "Folder with one sub-folder of markdown pages per language, relative to this file. Unset:\n"
       "the pages that come with the kiosk (also when installed as a package).",
       in_example=False, example_value="/srv/kiosk/content"),
    _s("lang", "lang", "en", "str",
       "Language to start in (a folder name inside the content folder)."),
    _s("idle_timeout", "seconds", 90, "float",
       'Seconds with no touch before the kiosk asks "Are you still reading?"; 0 turns it off.\n'
       "Longer than countdown.", minimum=0, maximum=DAY),
    _s("countdown", "seconds", 20, "float",
       "Seconds the question stays before the kiosk starts over (WCAG 2.2.1: at least 20).\n"
       "Shorter than idle_timeout.", minimum=5, maximum=HOUR, advice=", 20 or more is best"),
    _s("screen_reader_time", "times", 10, "float",
       "While a screen reader runs, the idle timeout is this many times longer (WCAG 2.2.1),\n"
       "and any key answers \"Are you still reading?\"; 1 keeps it as it is.",
       minimum=1, maximum=100),
    _s("audio_guide", "bool", False, "bool",
       "The kiosk's own voice for blind patients on a touch kiosk with a keypad: it says where\n"
       "the focus is and reads the page paragraph by paragraph. false: any key on the welcome\n"
       "screen turns it on for that patient (not while a screen reader runs)."),
    _s("attract", "bool", True, "bool",
       'Show the "Touch to start" screen at start and after every reset.'),
    _s("attract_dim_after", "seconds", 0, "float",
       "Seconds on the start screen before it dims to save power; 0 never dims.",
       minimum=0, maximum=WEEK),
    _s("hide_cursor", "bool", False, "bool", "Hide the mouse pointer (for touch screens)."),
    _s("motion", "bool", True, "bool",
       'Gentle motion (the pulsing "Touch to start"). false keeps everything still.'),
    _s("pin_hash", "pin_hash", "", "str",
       "Staff PIN, as made by:  kiosk hash-pin   (never the PIN itself).\n"
       "Empty: the hidden staff gesture does nothing in kiosk mode."),
    _s("speech_command", "command", ("espeak-ng", "-s", "150"), "tuple[str, ...]",
       'The offline voice for "Listen": a program and its arguments (the sentence and '
       '"-v <lang>"\nare added). espeak-ng comes with the setup; "-s 150" is a calm pace.'),
    _s("stats", "bool", True, "bool",
       "Anonymous usage statistics (which pages patients reach, for how long; never anything "
       "about\nthe patient). false records nothing. See them with:  kiosk stats"),
    _s("stats_db", "file", None, "Path | None",
       "Where the statistics are kept (an SQLite file). Relative to this file.\n"
       "Default: stats.sqlite3 in the user's data folder (~/.local/share/hair-kiosk/ on "
       "Linux).", in_example=False, example_value="stats.sqlite3"),
    _s("kiosk_name", "name", "kiosk", "str",
       "This kiosk's name, stored with its statistics so that reports from several kiosks "
       "can be\nmerged (kiosk stats --merge). A place, not a person: 1 to 32 letters, digits, "
       '" ._-".'),
    _s("stats_retention_days", "days", 365, "int",
       "Days to keep statistics; older events are deleted at start and once a day.",
       minimum=1, maximum=3650),
    _s("present_seconds", "seconds", 0, "float",
       "Presentation mode (mode = \"present\", or --present): seconds each page stays.\n"
       "0 gives each page the time its length needs at a slow reading pace, at least\n"
       "present_min and at most present_max seconds.", minimum=0, maximum=DAY),
    _s("present_min", "seconds", 20, "float",
       "The shortest time a page stays when present_seconds is 0 (at most present_max).",
       minimum=0, maximum=DAY),
    _s("present_max", "seconds", 120, "float",
       "The longest time a page stays when present_seconds is 0.", minimum=1, maximum=DAY),
    _s("qr_url", "url", "", "str",
       'What the "Take this home" QR codes open: a web address (https://...) for every page,\n'
       'or "" for a short summary of the page that a phone shows with no internet.\n'
       "A page's own  qr_url:  front-matter key wins over this."),
)
BY_KEY = {setting.key: setting for setting in TABLE}

_HEADER = """\
# Settings for the stem cell therapy kiosk. Copy to kiosk.toml (in the folder the kiosk starts
# in, or in ~/.config/hair-kiosk/) and change what you need. Options on the command line win.
# A mistake here stops the kiosk with a message naming the key, what was expected and what
# was found (exit status 2), so check a change with:  kiosk --config kiosk.toml --windowed
#
# This file is written from kiosk/configtable.py by:  python -m kiosk.configtable
"""


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def example_text() -> str:
    """The text of ``kiosk.example.toml``: every key with its help, range and default."""
    parts = [_HEADER]
    for setting in TABLE:
        lines = setting.help.split("\n")
        if setting.minimum is not None:
            lines.append(f"Range: {setting.minimum} to {setting.maximum}"
                         + (f" ({_duration(setting.maximum or 0)})."
                            if setting.kind == "seconds" else "."))
        value = setting.example_value if setting.example_value is not None else setting.default
        line = f"{setting.key} = {_toml(value)}"
        parts.append("\n".join(["", *(f"# {text}" for text in lines),
                                line if setting.in_example else f"# {line}"]) + "\n")
    return "".join(parts)


if __name__ == "__main__":
    (PROJECT / "kiosk.example.toml").write_text(example_text(), encoding="utf-8")
