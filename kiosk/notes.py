"""Speaker notes: a fenced ``notes`` block in a page's markdown that only the presenter sees.

A page may hold any number of blocks written as::

    ```notes
    Pause here and ask who has tried other treatments.
    ```

:func:`split_notes` takes them out before the page is rendered for patients, so the
renderer never sees them; the presenter view shows what it returns as notes. Fences of any
other name are hidden too (see :mod:`kiosk.fences`, which does the work).
"""

from __future__ import annotations

from kiosk.fences import split_fences


def split_notes(body: str) -> tuple[str, str, bool]:
    """Return ``(patient_body, notes, unclosed)`` for a page body.

    The patient body keeps one empty line per removed line, so line numbers in warnings
    still point into the file. An unclosed block runs to the end of the page (better to
    hide too much from patients than to show them the notes); ``unclosed`` says so.
    """
    split = split_fences(body)
    return split.body, split.notes, split.unclosed
