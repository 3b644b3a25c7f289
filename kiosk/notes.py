"""Speaker notes: a fenced ``notes`` block in a page's markdown that only the presenter sees.

A page may hold any number of blocks written as::

    ```notes
    Pause here and ask who has tried other treatments.
    ```

:func:`split_notes` takes them out before the page is rendered for patients, so the
renderer never sees them; the presenter view shows what it returns as notes.
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[ \t]*notes[ \t]*$", re.IGNORECASE)


def split_notes(body: str) -> tuple[str, str, bool]:
    """Return ``(patient_body, notes, unclosed)`` for a page body.

    The patient body keeps one empty line per removed line, so line numbers in warnings
    still point into the file. An unclosed block runs to the end of the page (better to
    hide too much from patients than to show them the notes); ``unclosed`` says so.
    """
    kept: list[str] = []
    notes: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        if fence is None:
            match = _OPEN.match(line)
            if match:
                fence = match.group(1)
                kept.append("")
                continue
            kept.append(line)
        else:
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
                notes.append("")
            else:
                notes.append(line)
            kept.append("")
    text = "\n".join(notes).strip()
    return "\n".join(kept), re.sub(r"\n{3,}", "\n\n", text), fence is not None
