"""The kiosk's settings: one schema, the TOML config file, and exact errors (no Qt)."""

from __future__ import annotations

import dataclasses
import difflib
import enum
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.resources import CONTENT as DEFAULT_CONTENT

CONFIG_NAME = "kiosk.toml"
MODES = ("kiosk", "windowed", "present")


class Exit(enum.IntEnum):
    """Process exit statuses."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2


@dataclass(frozen=True)
class Settings:
    """Everything that shapes one run of the kiosk (times in seconds)."""

    content: Path = DEFAULT_CONTENT
    lang: str = "en"
    mode: str = "kiosk"
    idle_timeout: float = 90
    countdown: float = 20
    attract: bool = True
    attract_dim_after: float = 0
    hide_cursor: bool = False
    motion: bool = True
    pin_hash: str = ""
    speech_command: tuple[str, ...] = ("espeak-ng", "-s", "150")
    window_size: tuple[int, int] = (1280, 800)
    watch: bool = False
    config_file: Path | None = None
    stats: bool = True
    stats_db: Path | None = None
    kiosk_name: str = "kiosk"
    stats_retention_days: int = 365
    present: bool = False
    present_seconds: float = 0
    present_min: float = 20
    present_max: float = 120
    qr_url: str = ""

    @property
    def windowed(self) -> bool:
        """True when the kiosk runs as an ordinary window (a laptop demo)."""
        return self.mode == "windowed"

    @property
    def locked(self) -> bool:
        """True when no key, close request or link may take a patient out of the app."""
        return self.mode != "windowed"

    @property
    def presenting(self) -> bool:
        """True in presentation mode (``mode = "present"``, or ``--present`` with any mode)."""
        return self.present or self.mode == "present"


class ConfigError(Exception):
    """One or more problems in the config file or options, each on its own line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# ---- value parsers: each returns the value or raises ValueError("expected ..., got ...") ----

def _found(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def parse_seconds(value: Any) -> float:
    """A whole number of seconds >= 0 (a string from the command line or a TOML integer)."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ValueError(f"expected a whole number of seconds >= 0, got {_found(value)}")


def parse_countdown(value: Any) -> float:
    """Seconds of warning before a reset: WCAG 2.2.1 asks for at least 20."""
    seconds = parse_seconds(value)
    if seconds < 5:
        raise ValueError(f"expected a whole number of seconds >= 5 (20 or more is best), "
                         f"got {_found(value)}")
    return seconds


def parse_bool(value: Any) -> bool:
    """true or false."""
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, got {_found(value)}")


def parse_mode(value: Any) -> str:
    """One of the modes."""
    if value in MODES:
        return value
    raise ValueError(f"expected one of {', '.join(MODES)}, got {_found(value)}")


def parse_lang(value: Any) -> str:
    """A language folder name such as en or es."""
    if isinstance(value, str) and value.isascii() and value.replace("-", "").isalnum():
        return value
    raise ValueError(f"expected a language code such as \"en\", got {_found(value)}")


def parse_path(value: Any) -> Path:
    """A folder path (relative paths are relative to the config file)."""
    if isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    raise ValueError(f"expected a folder path, got {_found(value)}")


def parse_pin_hash(value: Any) -> str:
    """A hash made by ``kiosk hash-pin``, never the PIN itself."""
    from kiosk.pin import is_pin_hash

    if isinstance(value, str) and (value == "" or is_pin_hash(value)):
        return value
    raise ValueError("expected a hash made by 'kiosk hash-pin' (pbkdf2_sha256$...), got "
                     + ("a plain PIN" if isinstance(value, (str, int)) else _found(value)))


def parse_command(value: Any) -> tuple[str, ...]:
    """A program and its arguments, as a list of strings."""
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise ValueError(f"expected a list of strings such as [\"espeak-ng\", \"-s\", \"150\"], "
                     f"got {_found(value)}")


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``WIDTHxHEIGHT``."""
    parts = text.lower().split("x") if isinstance(text, str) else []
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"expected WIDTHxHEIGHT such as 1920x1080, got {_found(text)}")
    width, height = (int(p) for p in parts)
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise ValueError(f"expected a size from 320x240 to 7680x4320, got {_found(text)}")
    return width, height


def parse_file_path(value: Any) -> Path:
    """A file path (relative paths are relative to the config file)."""
    if isinstance(value, str) and value.strip() and not value.endswith(("/", "\\")):
        return Path(value).expanduser()
    raise ValueError(f"expected a file path, got {_found(value)}")


def parse_kiosk_name(value: Any) -> str:
    """A short name for this kiosk (stored with its statistics): no people's names."""
    if (isinstance(value, str) and 1 <= len(value) <= 32 and value.isascii()
            and value[0].isalnum() and all(c.isalnum() or c in " ._-" for c in value)):
        return value
    raise ValueError("expected a short name of 1 to 32 letters, digits, spaces, '.', '_' or "
                     f"'-' such as \"lobby-1\", got {_found(value)}")


def parse_days(value: Any) -> int:
    """A whole number of days >= 1."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ValueError(f"expected a whole number of days >= 1, got {_found(value)}")


def parse_qr_url(value: Any) -> str:
    """A web address for the take-home QR codes (https://...), or "" for the page summary."""
    from kiosk.takehome import parse_url

    return parse_url(value)


#: The config file's keys: what parses each one. Defaults and meanings live in Settings
#: and in kiosk.example.toml.
SCHEMA: dict[str, Callable[[Any], Any]] = {
    "mode": parse_mode,
    "content": parse_path,
    "lang": parse_lang,
    "idle_timeout": parse_seconds,
    "countdown": parse_countdown,
    "attract": parse_bool,
    "attract_dim_after": parse_seconds,
    "hide_cursor": parse_bool,
    "motion": parse_bool,
    "pin_hash": parse_pin_hash,
    "speech_command": parse_command,
    "stats": parse_bool,
    "stats_db": parse_file_path,
    "kiosk_name": parse_kiosk_name,
    "stats_retention_days": parse_days,
    "present_seconds": parse_seconds,
    "present_min": parse_seconds,
    "present_max": parse_seconds,
    "qr_url": parse_qr_url,
}


def find_config(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """The config file to read: ``--config``, else ./kiosk.toml, else the user's config folder."""
    if explicit is not None:
        return explicit
    here = (cwd or Path.cwd()) / CONFIG_NAME
    if here.is_file():
        return here
    from platformdirs import user_config_path

    user = user_config_path("hair-kiosk") / CONFIG_NAME
    return user if user.is_file() else None


def read_config(path: Path) -> dict[str, Any]:
    """Read and check a config file; raise ConfigError listing every problem at once."""
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError([f"{path}: config file not found"]) from None
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read the config file: {exc.strerror}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{path}: not UTF-8 text"]) from None
    values: dict[str, Any] = {}
    problems = []
    for key, value in raw.items():
        parse = SCHEMA.get(key)
        if parse is None:
            close = difflib.get_close_matches(key, SCHEMA, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{path}: {key}: unknown key{hint}; known keys: "
                            f"{', '.join(SCHEMA)}")
            continue
        try:
            values[key] = parse(value)
        except ValueError as exc:
            problems.append(f"{path}: {key}: {exc}")
    if problems:
        raise ConfigError(problems)
    if "content" in values and not values["content"].is_absolute():
        values["content"] = (path.parent / values["content"]).resolve()
    if "stats_db" in values and not values["stats_db"].is_absolute():
        values["stats_db"] = (path.parent / values["stats_db"]).resolve()
    return values


def build_settings(config_file: Path | None, options: dict[str, Any]) -> Settings:
    """Defaults, then the config file, then command-line ``options`` (None means not given)."""
    values: dict[str, Any] = {}
    if config_file is not None:
        values.update(read_config(config_file))
        values["config_file"] = config_file
    values.update({k: v for k, v in options.items() if v is not None})
    fields = {f.name for f in dataclasses.fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in fields})

