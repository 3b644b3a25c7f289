"""The text sizes a patient can step through with A- and A+, declared once (no Qt).

The window scales its type by :data:`TEXT_SCALES`; statistics record each size by its
:func:`size_name`, and accept exactly the names of this table, so a new size here is a new
size everywhere.
"""

from __future__ import annotations

#: Text scales, smallest first; the first is the size every session starts at.
TEXT_SCALES: tuple[float, ...] = (1.0, 1.25, 1.5, 1.75, 2.0)


def size_name(scale: float) -> str:
    """The size as statistics store it: a percentage such as ``"125"``."""
    return str(round(scale * 100))


#: The size names statistics accept, in the order of TEXT_SCALES.
TEXT_SIZES: tuple[str, ...] = tuple(size_name(scale) for scale in TEXT_SCALES)
