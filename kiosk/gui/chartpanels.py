"""The chart's lower panels: shares drawn as labelled horizontal bars (languages, accessibility
and help, the teach-back questions), with Qt's own painting."""

from __future__ import annotations

from kiosk.stats.quizreport import QuestionRow
from kiosk.stats.report import Report
from kiosk.stats.tables import percent

INK = "#1a1a1a"
GRID = "#d0d0d0"
MUTED = "#555555"
BAR = "#1f5f99"
MISSED = "#b3541e"  # the teach-back bars: a share missed, not a share used
#: The most questions drawn; the CSV and the terminal table have them all.
MAX_QUESTIONS = 8

Row = tuple[str, float, str]  # label, share from 0 to 1, the words after the bar


def languages_and_features(p, report: Report, box, font) -> None:
    """Two panels side by side: language share, and accessibility and help."""
    from PySide6.QtCore import QRectF

    half = (box.width() - 60) / 2
    share_bars(p, QRectF(box.left(), box.top(), half, box.height()),
               "Languages (share of sessions)",
               [(s.name, s.share, f"{percent(s.share)} ({s.sessions})")
                for s in report.languages], font, BAR)
    share_bars(p, QRectF(box.left() + half + 60, box.top(), half, box.height()),
               "Accessibility and help (share of sessions)",
               [(s.name, s.share, f"{percent(s.share)}, used {s.uses} times")
                for s in report.features], font, BAR)


def questions(p, rows: list[QuestionRow], box, font) -> None:
    """The teach-back questions, most missed first: the page to rewrite is at the top."""
    shown = rows[:MAX_QUESTIONS]
    more = f" (the {MAX_QUESTIONS} most missed of {len(rows)})" if len(rows) > len(shown) else ""
    share_bars(p, box, "Check what you learned: missed at the first answer" + more,
               [(f"{q.question} ({q.page})", q.missed, f"{percent(q.missed)} of {q.asked}")
                for q in shown], font, MISSED)


def percent_axis(p, plot) -> None:
    """Grid lines at 0, 25, 50, 75 and 100 % across ``plot``, labelled under it."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    for tick in range(0, 101, 25):
        x = plot.left() + plot.width() * tick / 100
        p.setPen(QPen(QColor(GRID), 1))
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(x - 40, plot.bottom() + 6, 80, 26), Qt.AlignmentFlag.AlignCenter,
                   f"{tick}%")


def share_bars(p, box, title: str, rows: list[Row], font, colour: str) -> None:
    """A title, then one bar per row whose length is its share of the full width."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    p.setPen(QColor(INK))
    p.setFont(font(26, bold=True))
    p.drawText(QRectF(box.left(), box.top(), box.width(), 36), Qt.AlignmentFlag.AlignLeft,
               title)
    label_width, value_width = box.width() * 0.3, 190
    # Bars no thicker than 60 px: the axis sits under the last bar, not at the panel's foot.
    plot = QRectF(box.left() + label_width, box.top() + 56,
                  box.width() - label_width - value_width,
                  min(box.height() - 96, 60 * max(1, len(rows))))
    if not rows:
        p.setFont(font(22))
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(box.left(), plot.top(), box.width(), 60), Qt.AlignmentFlag.AlignLeft,
                   "None in this period")
        return
    p.setFont(font(18))
    percent_axis(p, plot)
    row = plot.height() / len(rows)
    for i, (label, share, words) in enumerate(rows):
        y = plot.top() + i * row
        p.setPen(QColor(INK))
        p.setFont(font(20))
        p.drawText(QRectF(box.left(), y, label_width - 14, row),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight,
                                              int(label_width - 14)))
        width = plot.width() * max(0.0, min(1.0, share))
        p.fillRect(QRectF(plot.left(), y + row * 0.2, width, row * 0.6), QColor(colour))
        p.setFont(font(18))
        p.drawText(QRectF(plot.left() + width + 8, y, value_width + plot.width() - width, row),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
    p.setPen(QPen(QColor(INK), 2))
    p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
