"""What really happens to raw HTML written in a page, tag by tag, for ``kiosk check``.

The sanitizer (:func:`kiosk.render.sanitize`, nh3) keeps the tags the kiosk's own markup
uses (``<br>`` shows as a line break, ``<b>`` as bold), removes ``<script>`` and ``<style>``
with everything inside them, drops comments, and removes every other tag while keeping the
text inside it. The messages say which, per tag, with the line it is first written on.
No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kiosk.content import Problem

_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)|<!--")
#: What patients see in place of a kept tag, in words.
_KEPT = {"br": "shows as a line break", "b": "shows as bold", "strong": "shows as bold",
         "i": "shows as italics", "em": "shows as italics", "sup": "shows raised",
         "sub": "shows lowered", "hr": "shows as a rule", "del": "shows struck through"}
_WITH_CONTENT = frozenset({"script", "style"})
#: The raw tags kept (without attributes); every other raw tag is removed, its text kept.
KEPT_RAW = frozenset(_KEPT)


def tags(raw_blocks: Iterable[str]) -> list[str]:
    """The tag names (lower case; ``!--`` for a comment) in raw HTML, first use first."""
    seen: dict[str, None] = {}
    for block in raw_blocks:
        for match in _TAG.finditer(str(block)):
            seen.setdefault((match.group(1) or "!--").lower(), None)
    return list(seen)


def problems(raw_blocks: Iterable[str], allowed: Iterable[str], path: Path,
             body: str, body_line: int) -> list[Problem]:
    """One problem per raw tag, saying what patients get: kept (info) or removed (warning)."""
    allowed = set(allowed)
    found = []
    for tag in tags(raw_blocks):
        line = _line(body, tag, body_line)
        if tag == "!--":
            found.append(Problem(path, "an HTML comment <!-- --> is removed: patients never "
                                       "see it", line, "info"))
        elif tag in _WITH_CONTENT:
            found.append(Problem(path, f"raw HTML <{tag}> is removed with everything inside "
                                       "it: patients see nothing of it; write markdown",
                                 line, "warning"))
        elif tag in allowed:
            found.append(Problem(path, f"raw HTML <{tag}> is kept: it "
                                       f"{_KEPT.get(tag, 'shows as written')} (its attributes "
                                       "are dropped); markdown is easier to review", line,
                                 "info"))
        else:
            found.append(Problem(path, f"raw HTML <{tag}> is removed but the text inside it "
                                       "is shown, without its layout; write markdown instead",
                                 line, "warning"))
    return found


def _line(body: str, tag: str, body_line: int) -> int | None:
    pattern = re.compile("<!--" if tag == "!--" else rf"<\s*/?\s*{re.escape(tag)}(?![\w-])",
                         re.IGNORECASE)
    for number, text in enumerate(body.split("\n")):
        if pattern.search(text):
            return body_line + number
    return None
