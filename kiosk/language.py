"""What the kiosk knows about each language, read from ``assets/i18n/<lang>.toml`` (no Qt).

Beside each language's interface translation (``kiosk_<lang>.ts``) sits a small TOML file
with everything else that differs by language: its own name, the words of the link chips,
the timeline's axis title and time words, and the reading formulas and bars ``kiosk check``
holds its pages to. Adding a language is adding files: no code names a language.

A language without a file falls back to the reference language's data (``kiosk check``
warns), so a page still shows.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.resources import I18N  # beside the .ts files, in the wheel too

REFERENCE = "en"
#: textstat's formulas a language file may name (a fixed list: never any attribute).
FORMULAS = frozenset({
    "flesch_reading_ease", "flesch_kincaid_grade", "smog_index", "gunning_fog",
    "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
    "linsear_write_formula", "fernandez_huerta", "szigriszt_pazos", "gutierrez_polini",
    "crawford",
})
#: Months in one unit of time, for the timeline's unit words.
UNIT_MONTHS = {"weeks": 12 / 52, "months": 1.0, "years": 12.0}


class LanguageError(ValueError):
    """A language file is missing a key or has a wrong value; the message names both."""


@dataclass(frozen=True)
class Bar:
    """A reading bar: the score ``name`` (``short`` in tables) must be at most/least ``limit``."""

    name: str
    short: str
    formula: str
    kind: str
    limit: float


@dataclass(frozen=True)
class Language:
    """One language's data (see the module docstring)."""

    code: str
    name: str
    link_chip: str
    axis_title: str
    range_words: tuple[str, ...]
    every_words: tuple[str, ...]
    units: dict[str, float]
    textstat: str
    bars: tuple[Bar, ...]
    path: Path | None = None


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LanguageError(f"{where}: {key}: expected a non-empty string, got {value!r}")
    return value.strip()


def _words(data: dict, key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if (not isinstance(value, list) or not value
            or not all(isinstance(w, str) and w.strip() for w in value)):
        raise LanguageError(f"{where}: {key}: expected a list of words, got {value!r}")
    return tuple(w.strip() for w in value)


def _bar(item: object, where: str) -> Bar:
    if not isinstance(item, dict):
        raise LanguageError(f"{where}: reading.bars: expected a table, got {item!r}")
    formula = _text(item, "formula", where)
    if formula not in FORMULAS:
        raise LanguageError(f"{where}: formula: expected one of {', '.join(sorted(FORMULAS))}, "
                            f"got {formula!r}")
    kinds = [k for k in ("max", "min") if k in item]
    if len(kinds) != 1 or isinstance(item[kinds[0]], bool) \
            or not isinstance(item[kinds[0]], (int, float)):
        raise LanguageError(f"{where}: {formula}: expected one number as max or min")
    return Bar(_text(item, "score", where), _text(item, "short", where), formula, kinds[0],
               float(item[kinds[0]]))


def parse_language(code: str, data: dict, where: str = "") -> Language:
    """Check ``data`` (a language file's table); raise LanguageError naming the key."""
    where = where or f"{code}.toml"
    timeline = data.get("timeline")
    reading = data.get("reading")
    if not isinstance(timeline, dict):
        raise LanguageError(f"{where}: timeline: expected a table")
    if not isinstance(reading, dict) or not isinstance(reading.get("bars"), list):
        raise LanguageError(f"{where}: reading.bars: expected a list of tables")
    units = {}
    for unit, months in UNIT_MONTHS.items():
        for word in _words(timeline, unit, where):
            units[word.casefold()] = months
    return Language(
        code=code, name=_text(data, "name", where), link_chip=_text(data, "link_chip", where),
        axis_title=_text(timeline, "axis_title", where),
        range_words=_words(timeline, "range", where),
        every_words=_words(timeline, "every", where), units=units,
        textstat=_text(reading, "textstat", where),
        bars=tuple(_bar(item, where) for item in reading["bars"]),
    )


def path_of(code: str, folder: Path = I18N) -> Path:
    """Where the file of language ``code`` lives."""
    return folder / f"{code}.toml"


def has_file(code: str, folder: Path = I18N) -> bool:
    """True when ``code`` has its own language file."""
    return path_of(code.split("-")[0], folder).is_file()


@functools.lru_cache(maxsize=32)
def _load(code: str, folder: Path) -> Language:
    path = path_of(code, folder)
    with path.open("rb") as f:
        data = tomllib.load(f)
    language = parse_language(code, data, str(path))
    return Language(**{**language.__dict__, "path": path})


def language(code: str, folder: Path = I18N) -> Language:
    """The data of language ``code`` (``es-MX`` reads ``es``); the reference one if it has none."""
    base = code.split("-")[0]
    return _load(base if has_file(base, folder) else REFERENCE, folder)


def shipped(folder: Path = I18N) -> list[str]:
    """The languages that have a file, sorted."""
    return sorted(p.stem for p in folder.glob("*.toml"))


class _Bars(Mapping):
    """``BARS[lang]``: the reading bars of a language with a file, as (name, kind, limit)."""

    def __getitem__(self, code: str) -> tuple[tuple[str, str, float], ...]:
        if not has_file(code):
            raise KeyError(code)
        return tuple((b.name, b.kind, b.limit) for b in language(code).bars)

    def __iter__(self) -> Iterator[str]:
        return iter(shipped())

    def __len__(self) -> int:
        return len(shipped())


class _Short(Mapping):
    """``SHORT[score]``: the short name of a score, from every language file."""

    def _names(self) -> dict[str, str]:
        return {b.name: b.short for code in shipped() for b in language(code).bars}

    def __getitem__(self, name: str) -> str:
        return self._names()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


BARS: Mapping[str, tuple[tuple[str, str, float], ...]] = _Bars()
SHORT: Mapping[str, str] = _Short()
