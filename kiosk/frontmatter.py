"""Split a page into its YAML front matter and markdown body, and check the front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kiosk.content import Problem

#: Keys every page must have, with what a reader of the error needs to hear.
REQUIRED = {
    "title": "a short text (the tab's label)",
    "order": "a whole number (the page's place in reading order)",
    "reviewed": "a date written YYYY-MM-DD (when the page was last medically reviewed)",
    "sources": "a list of the sources the page draws on",
}


def split(path: Path, text: str, keys: bool = True,
          ) -> tuple[dict[str, Any], str, int, list[Problem]]:
    """Return ``(meta, body, body_line, problems)`` for a page's normalised text.

    ``keys=False`` skips the check of a page's required keys (for files that are not pages).
    """
    # Line by line up to the closing '---' only: the body is one slice of the text, not
    # split into lines and joined again (600 pages are read at start).
    lines: list[str] = []
    start = 0
    while True:
        stop = text.find("\n", start)
        line = text[start:] if stop < 0 else text[start:stop]
        start = len(text) if stop < 0 else stop + 1
        if not lines and line.strip() != "---":
            missing = Problem(path, "no front matter: the file must start with a line '---'", 1)
            return {}, text, 1, [missing]
        if lines and line.strip() in ("---", "..."):
            break
        lines.append(line)
        if stop < 0:
            return {}, "", 1, [Problem(path, "front matter is not closed by a line '---'", 1)]
    end = len(lines)
    meta, problems = parse_meta(path, "\n".join(lines[1:end]), keys)
    body = text[start:]
    if not body.strip():
        problems.append(Problem(path, "page has no text after its front matter", end + 2))
    return meta, body, end + 2, problems


def parse_meta(path: Path, source: str, keys: bool = True,
               ) -> tuple[dict[str, Any], list[Problem]]:
    """Parse and check front matter YAML; problems carry the file's line numbers."""
    from kiosk.quickyaml import quick_load

    meta = quick_load(source)
    if meta is not None:  # plain 'key: value' lines: PyYAML would read them the same
        return meta, check(path, meta, source) if keys else []
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        meta = yaml.load(source, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, [Problem(path, f"front matter is not valid YAML: {reason}", line)]
    except (RecursionError, ValueError) as exc:
        # A date such as 2026-13-45 fails inside the loader, not as a YAMLError.
        return {}, [Problem(path, f"front matter cannot be read: {exc}", 1)]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, [Problem(path, f"front matter must be 'key: value' lines, found "
                                  f"{type(meta).__name__}", 2)]
    return meta, check(path, meta, source) if keys else []


def check(path: Path, meta: dict[str, Any], source: str) -> list[Problem]:
    """Check the required keys' presence and types."""
    problems = []

    def bad(key: str, found: object) -> None:
        problems.append(Problem(path, f"{key}: expected {REQUIRED[key]}, got {found!r}",
                                _line_of(source, key)))

    for key in REQUIRED:
        if key not in meta:
            problems.append(Problem(path, f"front matter lacks '{key}': expected {REQUIRED[key]}",
                                    1))
    title = meta.get("title")
    if "title" in meta and not (isinstance(title, str) and title.strip()):
        bad("title", title)
    order = meta.get("order")
    if "order" in meta and (isinstance(order, bool) or not isinstance(order, int)):
        bad("order", order)
    reviewed = meta.get("reviewed")
    if "reviewed" in meta and (isinstance(reviewed, dt.datetime)
                               or not isinstance(reviewed, dt.date)):
        bad("reviewed", reviewed)
    sources = meta.get("sources")
    if "sources" in meta and not (
        isinstance(sources, list) and sources
        and all(isinstance(s, str) and s.strip() for s in sources)
    ):
        bad("sources", sources)
    return problems


def _line_of(source: str, key: str) -> int:
    for number, line in enumerate(source.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1
