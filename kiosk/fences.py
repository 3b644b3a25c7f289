"""Fenced blocks in a page: speaker notes, plain text blocks, and every other fence (hidden).

A page may hold three kinds of fenced block::

    ```notes              speaker notes: the presenter sees them, patients never do
    ```                   no name: text shown to patients as it is written (a code block)
    ```anything-else      not a fence the kiosk knows: hidden from patients, and an error

An unknown fence is hidden rather than shown because the usual reason for one is a
misspelt ``notes`` (``note``, ``Notes``): showing it would put the presenter's words in
front of a patient. Close misspellings of ``notes`` go to the presenter's notes as well.
:func:`split_fences` does this before the page is rendered, keeping one empty line per
removed line so line numbers still point into the file. No Qt, no markdown here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content import Problem

#: The fence names the kiosk defines, with what each is for.
KNOWN = {"notes": "speaker notes, for the presenter only"}
NOTES = "notes"
#: Any indentation, quote marks and list markers before it: a fence in a list item or a
#: quote is still a fence to a CommonMark preview (and hiding is the safe side).
_PREFIX = r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*"
_OPEN = re.compile(rf"^(?P<indent>{_PREFIX})(?P<fence>`{{3,}}|~{{3,}})(?P<info>.*)$")
_CLOSE = re.compile(rf"^{_PREFIX}(?P<fence>`{{3,}}|~{{3,}})[ \t]*$")


@dataclass(frozen=True)
class Fence:
    """One fenced block: where it starts in the body (0-based) and what its opening line says."""

    line: int
    opening: str
    name: str
    kind: str  # "notes", "text" (no name: shown) or "unknown" (hidden)
    closed: bool = True

    @property
    def canonical(self) -> bool:
        """True for a notes fence written exactly as ```notes."""
        return self.opening.strip() == "```notes"

    @property
    def near_notes(self) -> bool:
        """True when the name looks like a misspelt ``notes``."""
        name = self.name.casefold()
        return "note" in name or bool(
            difflib.get_close_matches(name, [NOTES], n=1, cutoff=0.6))


@dataclass
class Split:
    """A page body with its hidden fences taken out, and what was found."""

    body: str
    notes: str
    fences: list[Fence] = field(default_factory=list)

    @property
    def unclosed(self) -> bool:
        """True when a hidden block runs to the end of the page."""
        return any(not f.closed and f.kind != "text" for f in self.fences)

    def problems(self, path: Path, body_line: int) -> list[Problem]:
        """What ``kiosk check`` and the kiosk's log say about the fences (file line numbers)."""
        found = []
        for fence in self.fences:
            message, severity = _message(fence)
            if message:
                found.append(Problem(path, message, body_line + fence.line, severity))
        return found


def _message(fence: Fence) -> tuple[str | None, str]:
    written = fence.opening.strip()
    if fence.kind == "notes":
        if not fence.closed:
            return ("a ```notes block is not closed: everything after it is hidden from "
                    "patients; end it with a line ```", "warning")
        if not fence.canonical:
            return (f"speaker notes fence written {written!r}: the kiosk hides it, but other "
                    "tools show it to readers; write it as ```notes", "warning")
        return None, ""
    if fence.kind == "unknown":
        guess = "; did you mean ```notes?" if fence.near_notes else ""
        tail = " (and everything after it: it is not closed)" if not fence.closed else ""
        return (f"unknown fence {written!r}: hidden from patients{tail}; the kiosk knows "
                f"only ```notes (speaker notes) and a plain ``` (text shown as written){guess}",
                "error")
    if not fence.closed:
        return ("a ``` block is not closed: the rest of the page is shown as code; end it "
                "with a line ```", "warning")
    return ("a plain ``` block is shown to patients as written; if it is for the presenter, "
            "write ```notes", "info")


def _kind(name: str) -> str:
    if not name:
        return "text"
    return "notes" if name.casefold() == NOTES else "unknown"


def _closes(line: str, fence: str) -> bool:
    match = _CLOSE.match(line)
    return bool(match) and match.group("fence")[0] == fence[0] and \
        len(match.group("fence")) >= len(fence)


def split_fences(body: str) -> Split:
    """Take notes and unknown fences out of ``body``; plain ``` blocks stay in it."""
    kept: list[str] = []
    notes: list[str] = []
    fences: list[Fence] = []
    open_fence: str | None = None
    current: Fence | None = None
    for number, line in enumerate(body.split("\n")):
        if open_fence is None:
            match = _OPEN.match(line)
            info = match.group("info").strip() if match else ""
            # A backtick fence's info string holds no backtick (```like this``` is code).
            if match and not (match.group("fence")[0] == "`" and "`" in info):
                open_fence = match.group("fence")
                name = info.split()[0] if info else ""
                current = Fence(number, line, name, _kind(name))
                fences.append(current)
                kept.append(line if current.kind == "text" else "")
                continue
            kept.append(line)
            continue
        assert current is not None
        hidden = current.kind != "text"
        if _closes(line, open_fence):
            open_fence = None
            if hidden and (current.kind == "notes" or current.near_notes):
                notes.append("")
            kept.append("" if hidden else line)
            continue
        if hidden and (current.kind == "notes" or current.near_notes):
            notes.append(line)
        kept.append("" if hidden else line)
    if open_fence is not None and current is not None:
        fences[-1] = Fence(current.line, current.opening, current.name, current.kind, False)
    text = "\n".join(notes).strip()
    return Split("\n".join(kept), re.sub(r"\n{3,}", "\n\n", text), fences)
