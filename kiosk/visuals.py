"""Pictures drawn from a page's markdown, with no Qt: the timeline figure and the step cards.

**Timeline.** A list whose items start with a bold time range becomes a drawn timeline
(the list stays below it as text)::

    - **1 to 2 months:** You may notice less shedding. ...
    - **Every 1 to 2 years:** Dr Bhatt suggests a top-up visit. ...

A range is ``A to B`` (Spanish ``A a B``, or ``A-B`` in any language) followed by weeks,
months or years (``semanas``, ``meses``, ``años``); a single ``A months`` is a point.
``Every``/``Cada`` in front makes a repeating visit, drawn as markers. The words are the
page language's, from ``assets/i18n/<lang>.toml`` (:mod:`kiosk.language`), as is the axis
title. The first sentence after the label is
the figure's caption for that stage. When any item of such a list does not parse (or ends
before it starts), the page shows the lists as text and a warning instead of a figure.

**Steps.** An ordered list whose every item starts with a bold label becomes numbered cards,
with the icons in :data:`STEP_ICONS` by position (the fifth step on has a number only).

The SVG is a template: ``{{ accent }}`` and the other theme colours are filled in by the
view (see ``kiosk.theme.colours``), so one figure suits every theme.
"""

from __future__ import annotations

import functools
import math
import re
import textwrap
from dataclasses import dataclass
from html import escape

from kiosk.language import language

#: Icons for step 1, 2, 3, 4 of a numbered list of steps (files in ``assets/icons/``).
STEP_ICONS = ("take-cells", "separate", "inject", "aftercare")
#: Pictures a page may show with ``![what it shows](figure:icon/<name>)`` (``assets/icons/``).
PICTURES = ("no-wash", "no-sun", "no-harsh-products", "hair-thinning", "hair-bald")
#: Every icon a page can show, step icons and pictures.
ICONS = STEP_ICONS + PICTURES
_NUMBER = r"\d{1,3}(?:[.,]\d)?"
#: Range marks every language shares, beside its own words ("to", "a").
_DASHES = ("-", "–", "—")


def _any(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=16)
def _patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """(looks like a time, a time range) in the words of ``lang``."""
    words = language(lang)
    unit = _any(words.units)
    looks = re.compile(rf"\b{unit}\b", re.IGNORECASE)
    span = re.compile(
        rf"^(?P<every>{_any(words.every_words)})?\s*(?P<a>{_NUMBER})"
        rf"(?:\s*{_any((*words.range_words, *_DASHES))}\s*(?P<b>{_NUMBER}))?"
        rf"\s+(?P<unit>{unit})$",
        re.IGNORECASE,
    )
    return looks, span
#: Longest span the figure draws, in months (ten years).
MAX_MONTHS = 120


class TimelineError(ValueError):
    """A timeline item's label cannot be read as a time range; the message says why."""


@dataclass(frozen=True)
class Stage:
    """One item of a timeline: a span of months (or a repeating visit) with its words."""

    label: str
    caption: str
    start: float
    end: float
    repeats: bool = False


def looks_like_time(label: str, lang: str = "en") -> bool:
    """True when a bold label names a time (so its list is meant as a timeline)."""
    return bool(_patterns(lang)[0].search(label))


def parse_stage(label: str, caption: str = "", lang: str = "en") -> Stage:
    """Read a label such as ``3 to 6 months`` (``Cada 1 a 2 años`` in es); raise TimelineError."""
    text = " ".join(label.strip().rstrip(":").split())
    match = _patterns(lang)[1].match(text)
    words = language(lang)
    if not match:
        unit = {months: word for word, months in words.units.items()}
        example = (f"'3 {words.range_words[0]} 6 {unit[1.0]}' or "
                   f"'{words.every_words[0].capitalize()} 1 {words.range_words[0]} 2 "
                   f"{unit[12.0]}'")
        raise TimelineError(f"cannot read {text!r} as a time range; write it like {example}")
    scale = words.units[match["unit"].casefold()]
    start = float(match["a"].replace(",", ".")) * scale
    end = float((match["b"] or match["a"]).replace(",", ".")) * scale
    if end < start:
        raise TimelineError(f"{text!r} ends before it starts")
    if end > MAX_MONTHS:
        raise TimelineError(f"{text!r} is longer than the figure's {MAX_MONTHS // 12} years")
    return Stage(text, caption, start, end, repeats=bool(match["every"]))


def first_sentence(text: str, limit: int = 90) -> str:
    """The first sentence of ``text`` (for a figure caption), shortened to ``limit``."""
    from kiosk.readability import sentences

    text = " ".join(text.split()).lstrip(":").strip()
    sentence = next(iter(sentences(text)), text)
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


# ---- the timeline figure ---------------------------------------------------------------------

#: Drawing units: a label is 29 units high, and the view picks the figure's width in units
#: so that labels come out as large as the page's body text (about 1000 units in a column
#: at normal text size; fewer at large text, where the labels move under their bars).
WIDTH = 1000
MIN_WIDTH, MAX_WIDTH = 560, 1600
_LABEL = 29
_CAPTION = 25
_CHAR = 0.5  # average width of a character of Atkinson Hyperlegible, in font sizes
_LEFT, _RIGHT = 24, 24
_GAP = 16


@dataclass(frozen=True)
class Timeline:
    """A timeline figure found in a page: its stages, drawn on demand at a given width."""

    stages: tuple[Stage, ...]
    lang: str = "en"

    def svg(self, width: float = WIDTH) -> str:
        """The figure as an SVG template ``width`` units wide (see :func:`timeline_svg`)."""
        return timeline_svg(list(self.stages), self.lang, width)

    @staticmethod
    def units_for(width_px: float, label_px: float) -> float:
        """Units across a figure ``width_px`` wide whose labels should be ``label_px`` high."""
        return max(MIN_WIDTH, min(MAX_WIDTH, _LABEL * width_px / max(1.0, label_px)))


def timeline_svg(stages: list[Stage], lang: str = "en", width: float = WIDTH) -> str:
    """The timeline as an SVG template (theme colours as ``{{ name }}``), ``width`` units wide."""
    width = round(width)
    spans = [s for s in stages if not s.repeats]
    horizon = max([24.0] + [s.end for s in spans] + [s.start for s in stages if s.repeats])
    horizon = 6 * math.ceil(horizon / 6)
    x0, x1 = _LEFT, width - _RIGHT

    def x(months: float) -> float:
        return x0 + (x1 - x0) * months / horizon

    rows: list[str] = []
    words: list[Box] = []
    y = 12.0
    shades = _shades(len(spans))
    for index, stage in enumerate(stages):
        height, row, boxes = _row(stage, y, x, x0, x1, shades[min(index, len(shades) - 1)],
                                  horizon)
        rows.append(row)
        words += boxes
        y += height
    axis_y = y + 6
    axis = [f'<line x1="{x0}" y1="{axis_y:.0f}" x2="{x1}" y2="{axis_y:.0f}" '
            'stroke="{{ muted }}" stroke-width="3"/>']
    step = 3 if horizon <= 24 else 6 if horizon <= 48 else 12
    for month in range(0, int(horizon) + 1, step):
        mx = x(month)
        for top, bottom in _open_stretches(mx, 4, axis_y, words):
            axis.append(f'<line x1="{mx:.1f}" y1="{top:.0f}" x2="{mx:.1f}" y2="{bottom:.0f}" '
                        'stroke="{{ border }}" stroke-width="1.5" stroke-dasharray="4 6"/>')
        axis.append(f'<line x1="{mx:.1f}" y1="{axis_y:.0f}" x2="{mx:.1f}" y2="{axis_y + 12:.0f}"'
                    ' stroke="{{ muted }}" stroke-width="3"/>')
        anchor = "start" if month == 0 else "end" if month == horizon else "middle"
        axis.append(_text(mx, axis_y + 12 + _CAPTION, str(month), _CAPTION, "{{ muted }}",
                          anchor=anchor))
    title = language(lang).axis_title
    axis.append(_text(x0, axis_y + 24 + 2 * _CAPTION, title, _CAPTION, "{{ muted }}",
                      bold=True))
    total = axis_y + 48 + 2 * _CAPTION
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total:.0f}" '
            f'width="{width}" height="{total:.0f}">'
            + "".join(axis) + "".join(rows) + "</svg>")


#: A text's extent in drawing units: (left, right, top, bottom).
Box = tuple[float, float, float, float]
_CLEAR = 10  # units kept between a grid line and the words it would cross


def _text_box(x: float, baseline: float, text: str, size: float, anchor: str,
              bold: bool = False) -> Box:
    """Roughly where ``_text`` puts its words (a little generous: a gap, never an overlap)."""
    width = len(text) * size * (_CHAR + (0.06 if bold else 0.03))
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return left, left + width, baseline - size * 0.85, baseline + size * 0.25


def _open_stretches(gx: float, top: float, bottom: float, words: list[Box]
                    ) -> list[tuple[float, float]]:
    """The parts of a vertical grid line at ``gx`` from ``top`` to ``bottom`` that cross no
    words: the line stops short of every label and caption in its way."""
    blocked = sorted((t - _CLEAR, b + _CLEAR) for left, right, t, b in words
                     if left - _CLEAR <= gx <= right + _CLEAR)
    stretches, y = [], top
    for start, end in blocked:
        if start > y:
            stretches.append((y, min(start, bottom)))
        y = max(y, end)
    if y < bottom:
        stretches.append((y, bottom))
    return [(a, b) for a, b in stretches if b - a >= 4]


def _shades(count: int) -> list[float]:
    """Opacity per stage: later stages darker, as the change builds up."""
    if count <= 1:
        return [1.0]
    return [round(0.55 + 0.45 * i / (count - 1), 2) for i in range(count)]


def _row(stage: Stage, y: float, x, x0: float, x1: float, shade: float,
         horizon: float) -> tuple[float, str, list[Box]]:
    """One stage's bar (or repeating markers) and its words; returns (height, svg, where the
    words are)."""
    bar_y, bar_h = y + 8, 30
    left, right = x(stage.start), x(max(stage.end, stage.start))
    parts: list[str] = []
    if stage.repeats:
        period = stage.start or stage.end or 1
        marks = [m for m in _multiples(period, horizon)]
        parts.append(f'<rect x="{left:.1f}" y="{bar_y}" width="{max(right - left, 8):.1f}" '
                     f'height="{bar_h}" rx="{bar_h / 2}" fill="{{{{ accent_soft }}}}" '
                     'stroke="{{ focus }}" stroke-width="2" stroke-dasharray="8 6"/>')
        for month in marks:
            parts.append(_marker(x(month), bar_y + bar_h / 2))
        right = max(right, x(marks[-1]) + 16) if marks else right
        left = min(left, x(marks[0]) - 16) if marks else left
    else:
        width = max(right - left, 14)
        parts.append(f'<rect x="{left:.1f}" y="{bar_y}" width="{width:.1f}" height="{bar_h}" '
                     f'rx="8" fill="{{{{ accent }}}}" fill-opacity="{shade}"/>')
        right = left + width
    room_right, room_left = x1 - right - _GAP, left - x0 - _GAP
    on_right = room_right >= room_left
    room = room_right if on_right else room_left
    tx = right + _GAP if on_right else left - _GAP
    anchor = "start" if on_right else "end"
    below = room < 10 * _LABEL  # no room beside the bar: write under it, full width
    if below:
        tx, anchor, room = x0, "start", x1 - x0
    chars = max(12, int(room / (_CHAR * _CAPTION)))
    lines = textwrap.wrap(stage.caption, chars)[:3]
    text_y = (bar_y + bar_h + 8 + _LABEL) if below else (y + _LABEL)
    parts.append(_text(tx, text_y, stage.label, _LABEL, "{{ text }}", anchor=anchor, bold=True))
    boxes = [_text_box(tx, text_y, stage.label, _LABEL, anchor, bold=True)]
    for i, line in enumerate(lines):
        line_y = text_y + (i + 1) * _CAPTION * 1.3
        parts.append(_text(tx, line_y, line, _CAPTION, "{{ muted }}", anchor=anchor))
        boxes.append(_text_box(tx, line_y, line, _CAPTION, anchor))
    height = (text_y - y) + len(lines) * _CAPTION * 1.3 + 22
    return max(height, bar_h + 30), f'<g class="stage">{"".join(parts)}</g>', boxes


def _multiples(period: float, horizon: float) -> list[float]:
    count = max(1, int(horizon // period))
    return [period * k for k in range(1, count + 1)]


def _marker(cx: float, cy: float) -> str:
    """A repeat marker: a filled circle with a circular arrow."""
    return (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="17" fill="{{{{ focus }}}}"/>'
            f'<path d="M {cx + 8:.1f} {cy - 3:.1f} A 8 8 0 1 0 {cx + 3:.1f} {cy + 7:.1f}" '
            'fill="none" stroke="{{ accent_text }}" stroke-width="3" stroke-linecap="round"/>'
            f'<path d="M {cx + 3:.1f} {cy - 7:.1f} L {cx + 9:.1f} {cy - 3:.1f} '
            f'L {cx + 12:.1f} {cy - 10:.1f}" fill="none" stroke="{{{{ accent_text }}}}" '
            'stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>')


def _text(x: float, y: float, text: str, size: float, fill: str, anchor: str = "start",
          bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="Atkinson Hyperlegible" '
            f'font-size="{size}"{weight} fill="{escape(fill)}" text-anchor="{anchor}">'
            f"{escape(text, quote=False)}</text>")


def timeline_alt(stages: list[Stage]) -> str:
    """A text alternative for the figure: each stage's label and caption."""
    return " ".join(f"{s.label}: {s.caption}".rstrip(": ") for s in stages)
