"""The kiosk's settings: found, read and checked one way for every command (no Qt).

:func:`load_settings` is the only way in: the kiosk and every sub-command call it. It finds
``kiosk.toml`` (``--config``, else ./kiosk.toml, else ~/.config/hair-kiosk/kiosk.toml),
reads it with bounded size and nesting, checks each key against
:data:`kiosk.configtable.TABLE`, lets command-line options win, then checks the relations
between settings and that the content folder can show the language, and reports every
problem found in one pass (:class:`ConfigError`; the commands exit 2).
"""

from __future__ import annotations

import dataclasses
import enum
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from kiosk.configtable import BY_KEY, DEFAULT_CONTENT, MODES, PROJECT, TABLE, expand

__all__ = ["DEFAULT_CONTENT", "MODES", "PROJECT", "ConfigError", "Exit", "Settings",
           "build_settings", "find_config", "load_settings", "read_config"]

CONFIG_NAME = "kiosk.toml"
#: A kiosk.toml is a few kilobytes; anything larger is a mistake (checked before parsing).
MAX_CONFIG_BYTES = 64 * 1024
#: Tables, arrays and dotted keys nested deeper than this are refused before parsing:
#: Python's TOML reader needs memory that grows with the square of a dotted key's depth.
MAX_NESTING = 8


class Exit(enum.IntEnum):
    """Process exit statuses."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2


def _windowed(self) -> bool:
    """True when the kiosk runs as an ordinary window (a laptop demo)."""
    return self.mode == "windowed"


def _locked(self) -> bool:
    """True when no key, close request or link may take a patient out of the app."""
    return self.mode != "windowed"


def _presenting(self) -> bool:
    """True in presentation mode (``mode = "present"``, or ``--present`` with any mode)."""
    return self.present or self.mode == "present"


#: Settings that are not keys of kiosk.toml: they come from options or from the loader.
_RUN_ONLY = (
    ("window_size", "tuple[int, int]", (1280, 800)),
    ("watch", "bool", False),
    ("config_file", "Path | None", None),
    ("present", "bool", False),
)

#: Everything that shapes one run of the kiosk (times in seconds): the fields and defaults
#: of :data:`kiosk.configtable.TABLE`, plus the run-only ones above.
Settings = dataclasses.make_dataclass(
    "Settings",
    [(s.key, s.annotation, dataclasses.field(default=s.default)) for s in TABLE]
    + [(name, annotation, dataclasses.field(default=default))
       for name, annotation, default in _RUN_ONLY],
    frozen=True,
    namespace={"windowed": property(_windowed), "locked": property(_locked),
               "presenting": property(_presenting),
               "__doc__": "Everything that shapes one run of the kiosk (times in seconds)."},
)
Settings.__module__ = __name__


class ConfigError(Exception):
    """One or more problems in the config file or options, each on its own line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def one_line(text: str) -> str:
    """``text`` with control characters written as escapes: a message stays one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown(path: Path | str) -> str:
    """A path as a message shows it: one line, shortened in the middle when very long."""
    text = one_line(str(path)).replace("\\x00", "\\0")
    return text if len(text) <= 160 else f"{text[:100]}…{text[-50:]}"


def find_config(explicit: Path | str | None, cwd: Path | None = None) -> Path | None:
    """The config file to read: ``--config``, else ./kiosk.toml, else the user's config folder.

    Raises ConfigError when ``explicit`` cannot be a path at all (NUL, ~nosuchuser, ...).
    """
    if explicit is not None:
        try:
            return expand(str(explicit))
        except ValueError as exc:
            raise ConfigError([f"{shown(explicit)}: config file path is not usable: {exc}"]) \
                from None
    here = (cwd or Path.cwd()) / CONFIG_NAME
    if here.is_file():
        return here
    from platformdirs import user_config_path

    user = user_config_path("hair-kiosk") / CONFIG_NAME
    return user if user.is_file() else None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing folders, FIFOs, devices and oversized files before reading."""
    name = shown(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ConfigError([f"{name}: config file not found"]) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError([f"{name}: cannot read the config file: {reason}"]) from None
    if stat.S_ISDIR(info.st_mode):
        raise ConfigError([f"{name}: expected a config file, found a folder"])
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError([f"{name}: expected a config file, found a FIFO, device or socket"])
    if info.st_size > MAX_CONFIG_BYTES:
        raise ConfigError([f"{name}: expected a config file of at most "
                           f"{MAX_CONFIG_BYTES // 1024} KB, found {info.st_size // 1024} KB"])
    try:
        # O_NONBLOCK: a file swapped for a FIFO after the check above cannot hang us.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            return f.read(MAX_CONFIG_BYTES + 1)[:MAX_CONFIG_BYTES + 1]
    except OSError as exc:
        raise ConfigError([f"{name}: cannot read the config file: {exc.strerror}"]) from None


def nesting(text: str) -> int:
    """How deep ``text`` (TOML) nests tables, arrays and dotted keys, outside strings."""
    deepest = depth = dots = 0
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote)
            while i < end and not text.startswith(quote, i):
                if char == '"' and text[i] == "\\":
                    i += 1
                elif len(quote) == 1 and text[i] == "\n":
                    break
                i += 1
            i += len(quote)
            continue
        if char == "#":
            newline = text.find("\n", i)
            i = end if newline < 0 else newline
            continue
        if char in "[{":
            depth, dots = depth + 1, 0
        elif char in "]}":
            depth, dots = max(0, depth - 1), 0
        elif char == "." and not (text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()):
            dots += 1
        elif char in "=,\n":
            dots = 0
        deepest = max(deepest, depth + dots)
        i += 1
    return deepest


def _parse_file(path: Path) -> dict[str, Any]:
    raw = _read_bytes(path)
    name = shown(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError([f"{name}: expected UTF-8 text, found other bytes"]) from None
    if (deep := nesting(text)) > MAX_NESTING:
        raise ConfigError([f"{name}: expected flat settings (key = value), found tables or "
                           f"dotted keys nested {deep} deep (the limit is {MAX_NESTING})"])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{name}: not valid TOML: {exc}"]) from None
    except (RecursionError, MemoryError):
        raise ConfigError([f"{name}: not valid TOML: nested too deeply"]) from None


def _check_keys(path: Path, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str], set[str]]:
    """(good values, problems, keys that were written but refused)."""
    values: dict[str, Any] = {}
    problems = []
    refused = set()
    name = shown(path)
    for key, value in raw.items():
        setting = BY_KEY.get(key)
        if setting is None:
            import difflib  # only for a misspelt key: not at every start

            close = difflib.get_close_matches(key, BY_KEY, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{name}: {shown(key)}: unknown key{hint}; known keys: "
                            f"{', '.join(BY_KEY)}")
            continue
        try:
            values[key] = setting.parse(value)
        except ValueError as exc:
            problems.append(f"{name}: {key}: {one_line(str(exc))}")
            refused.add(key)
    for key in ("content", "stats_db"):
        if key in values and not values[key].is_absolute():
            # Absolute, but links kept: content = "bundles/current" must stay that link, so
            # an installed bundle is seen and install-bundle finds its bundles folder.
            values[key] = Path(os.path.abspath(path.parent / values[key]))
    return values, problems, refused


def read_config(path: Path) -> dict[str, Any]:
    """Read and check a config file; raise ConfigError listing every problem at once."""
    values, problems, _refused = _check_keys(path, _parse_file(path))
    if problems:
        raise ConfigError(problems)
    return values


def _relations(settings: Any, origin: dict[str, str], refused: set[str],
               check_content: bool) -> list[str]:
    """Problems between settings: each names where the value came from.

    A key that was written but refused is not checked again against its neighbours.
    """
    def where(key: str) -> str:
        return origin.get(key, f"{key} (the default)")

    def chosen(*keys: str) -> str:
        # Blame the setting someone wrote, not a default beside it.
        return next((k for k in keys if k in origin), keys[0])

    problems = []
    if not refused & {"present_min", "present_max"} and \
            settings.present_min > settings.present_max:
        key = chosen("present_min", "present_max")
        other = "present_max" if key == "present_min" else "present_min"
        relation = "at most" if key == "present_min" else "at least"
        problems.append(f"{where(key)}: expected {relation} {other} "
                        f"({getattr(settings, other)}), got {getattr(settings, key)}")
    if not refused & {"idle_timeout", "countdown"} and settings.idle_timeout and \
            settings.countdown >= settings.idle_timeout:
        if chosen("countdown", "idle_timeout") == "countdown":
            problems.append(f"{where('countdown')}: expected less than idle_timeout "
                            f"({settings.idle_timeout} s), got {settings.countdown}")
        else:
            problems.append(f"{where('idle_timeout')}: expected more than countdown "
                            f"({settings.countdown} s), or 0 (off), got "
                            f"{settings.idle_timeout}")
    if check_content and not refused & {"content", "lang"}:
        from kiosk.content import ContentError, check_root, languages

        try:
            check_root(settings.content, settings.lang)
        except ContentError as exc:
            key = "lang" if languages(settings.content) else "content"
            from_file = origin.get(key, "").endswith(f": {key}")
            problems.append(f"{origin[key]}: {exc}" if from_file else str(exc))
    return problems


def build_settings(config_file: Path | None, options: dict[str, Any], *,
                   check_content: bool = False) -> Settings:
    """Defaults, then the config file, then command-line ``options`` (None means not given).

    Every problem (bad keys, relations, and with ``check_content`` a content folder that
    cannot show the language) is raised in one ConfigError.
    """
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    problems: list[str] = []
    refused: set[str] = set()
    if config_file is not None:
        file_values, problems, refused = _check_keys(config_file, _parse_file(config_file))
        values.update(file_values, config_file=config_file)
        origin.update({key: f"{shown(config_file)}: {key}" for key in file_values})
    given = {k: v for k, v in options.items() if v is not None}
    values.update(given)
    origin.update({k: f"--{k.replace('_', '-')}" for k in given if k in BY_KEY})
    fields = {f.name for f in dataclasses.fields(Settings)}
    settings = Settings(**{k: v for k, v in values.items() if k in fields})
    problems += map(one_line, _relations(settings, origin, refused, check_content))
    if problems:
        raise ConfigError(problems)
    return settings


def load_settings(config: Path | str | None, options: dict[str, Any] | None = None, *,
                  cwd: Path | None = None, check_content: bool = True) -> Settings:
    """The one way to load settings: find kiosk.toml, read it, apply ``options``, check all.

    ``config`` is ``--config`` (None: ./kiosk.toml, else the user's config folder).
    ``check_content`` also checks that the content folder can show the language (commands
    that never show content, such as ``kiosk stats``, pass False). Raises ConfigError.
    """
    return build_settings(find_config(config, cwd), dict(options or {}),
                          check_content=check_content)
