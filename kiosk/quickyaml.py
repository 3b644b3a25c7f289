"""Read the plainest front matter without PyYAML: the same values, or None to ask PyYAML.

Importing PyYAML and running its loader is most of what reading six pages costs at start
(and of 600 pages, most of it). Pages' front matter is nearly always ``key: value`` lines
and short lists; this reads exactly those, where YAML has one reading, and hands anything
else (comments, escapes, flow style, anchors, block scalars, words YAML reads as booleans or
nulls, numbers other than plain whole ones, an invalid date) back to PyYAML, which decides
and reports problems as before. tests/test_quickyaml.py checks it against PyYAML.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?:[ ]+(.*?))?[ ]*$")
_ITEM = re.compile(r"([ ]*)- (.*?)[ ]*$")
_INT = re.compile(r"0|[1-9][0-9]{0,17}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A plain scalar that can only be a string: starts with a letter, no ': ' or ' #' in it.
_PLAIN = re.compile(r"[^\W\d_][^\t\[\]{}]*")
#: Plain words YAML 1.1 (PyYAML) reads as booleans or null.
_SPECIAL = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def _scalar(text: str) -> tuple[bool, Any]:
    """(True, value) when ``text`` has one plain reading; (False, None) to ask PyYAML."""
    if len(text) >= 2 and text[0] == text[-1] == '"':
        inner = text[1:-1]
        return ('"' not in inner and "\\" not in inner), inner
    if len(text) >= 2 and text[0] == text[-1] == "'":
        inner = text[1:-1]
        return "'" not in inner, inner
    if _INT.fullmatch(text):
        return True, int(text)
    if _DATE.fullmatch(text):
        try:
            return True, dt.date.fromisoformat(text)
        except ValueError:  # PyYAML reports an impossible date itself
            return False, None
    if (_PLAIN.fullmatch(text) and ": " not in text and " #" not in text
            and not text.endswith(":") and text.lower() not in _SPECIAL):
        return True, text
    return False, None


def quick_load(source: str) -> dict[str, Any] | None:
    """The mapping in ``source`` if it is only plain ``key: value`` lines and lists, else None."""
    meta: dict[str, Any] = {}
    key: str | None = None  # a key with no value yet: a list may follow
    for line in source.split("\n"):
        if not line.strip():
            continue
        if "\t" in line or "\r" in line:
            return None
        item = _ITEM.fullmatch(line)
        if item is not None and key is not None:
            plain, value = _scalar(item.group(2))
            if not plain:
                return None
            if meta[key] is None:
                meta[key] = []
            elif not isinstance(meta[key], list):
                return None
            meta[key].append(value)
            continue
        found = _KEY.fullmatch(line)
        if found is None or found.group(1) in meta or found.group(1).lower() in _SPECIAL:
            return None
        name, text = found.group(1), found.group(2)
        if not text:
            meta[name], key = None, name
            continue
        plain, value = _scalar(text)
        if not plain:
            return None
        meta[name], key = value, None
    return meta
