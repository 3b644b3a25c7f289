"""Draw the statistics report as one PNG with Qt's own painting: every table ``kiosk stats``
prints (the summary and session length, sessions per day, the funnel with time on each page,
languages, accessibility and help, the teach-back questions)."""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

from kiosk.gui.chartpanels import GRID, INK, MUTED, percent_axis
from kiosk.stats.quizreport import QuestionRow
from kiosk.stats.report import Report
from kiosk.stats.tables import REASONS, _duration, percent, period

WIDTH, HEIGHT = 1600, 2200
MARGIN = 60
DARK = "#1f5f99"   # sessions, and "got this far"
LIGHT = "#9cc3e6"  # "reached"
#: Where each panel goes (x, y, width, height), top to bottom; "shares" holds two side by side.
PANELS = {"days": (MARGIN, 160, WIDTH - 2 * MARGIN, 440),
          "funnel": (MARGIN, 650, WIDTH - 2 * MARGIN, 470),
          "shares": (MARGIN, 1170, WIDTH - 2 * MARGIN, 420),
          "questions": (MARGIN, 1640, WIDTH - 2 * MARGIN, HEIGHT - 1680)}
_app = None  # a QGuiApplication made for painting, when the caller had none


def write_chart(report: Report, path: Path,
                questions: list[QuestionRow] | None = None) -> str | None:
    """Draw ``report`` to ``path`` (PNG); return a one-line problem, or None when written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["kiosk-stats"])
    from kiosk.gui.app import load_fonts

    load_fonts()
    image = draw(report, questions or [])
    if not image.save(str(path), "PNG"):
        return f"cannot write the chart to {path}"
    return None


def draw(report: Report, questions: list[QuestionRow] | None = None):
    """Return a QImage of the chart."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from kiosk.gui import chartpanels

    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    family = "Atkinson Hyperlegible"

    def font(size: int, bold: bool = False) -> QFont:
        f = QFont(family)
        f.setPixelSize(size)
        f.setBold(bold)
        return f

    p.setPen(QColor(INK))
    p.setFont(font(34, bold=True))
    p.drawText(QRectF(MARGIN, 20, WIDTH - 2 * MARGIN, 50), Qt.AlignmentFlag.AlignLeft,
               "Kiosk use: " + period(report))
    kiosks = ", ".join(f"{k.name} {k.sessions}" for k in report.kiosks) or "none"
    p.setFont(font(22))
    p.setPen(QColor(MUTED))
    p.drawText(QRectF(MARGIN, 68, WIDTH - 2 * MARGIN, 34), Qt.AlignmentFlag.AlignLeft,
               f"{report.sessions} sessions on {len(report.days)} days · kiosks: {kiosks}")
    p.drawText(QRectF(MARGIN, 102, WIDTH - 2 * MARGIN, 34), Qt.AlignmentFlag.AlignLeft,
               _lengths(report))
    box = {name: QRectF(*where) for name, where in PANELS.items()}
    _sessions_per_day(p, report, box["days"], font)
    _funnel(p, report, box["funnel"], font)
    chartpanels.languages_and_features(p, report, box["shares"], font)
    chartpanels.questions(p, questions or [], box["questions"], font)
    p.end()
    return image


def _lengths(report: Report) -> str:
    """The session-length line: median, 90th percentile, and how sessions ended."""
    ended = ", ".join(f"{REASONS.get(r.name, r.name)} {percent(r.share)}"
                      for r in report.end_reasons)
    return (f"Session length: median {_duration(report.median_length)}, 90th percentile "
            f"{_duration(report.p90_length)}" + (f" · ended by {ended}" if ended else ""))


def _nice_step(peak: int) -> int:
    """A round step for the count axis giving about five grid lines."""
    if peak <= 5:
        return 1
    raw = peak / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _sessions_per_day(p, report: Report, box, font) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    p.setPen(QColor(INK))
    p.setFont(font(26, bold=True))
    p.drawText(QRectF(box.left(), box.top(), box.width(), 36), Qt.AlignmentFlag.AlignLeft,
               "Sessions per day")
    days = report.days
    peak = max((c for _, c in days), default=0)
    step = _nice_step(peak)
    top_value = max(step, math.ceil(peak / step) * step)
    plot = QRectF(box.left() + 80, box.top() + 56, box.width() - 90, box.height() - 150)
    p.setFont(font(20))
    for value in range(0, top_value + 1, step):
        y = plot.bottom() - plot.height() * value / top_value
        p.setPen(QPen(QColor(GRID), 1))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(box.left(), y - 14, 70, 28),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
    # The axis titles.
    p.save()
    p.translate(box.left() + 6, plot.center().y())
    p.rotate(-90)
    p.setFont(font(20, bold=True))
    p.setPen(QColor(INK))
    p.drawText(QRectF(-100, -24, 200, 24), Qt.AlignmentFlag.AlignCenter, "Sessions")
    p.restore()
    daily = len(days) <= 45  # room for a label under every bar
    months = sorted({(d.year, d.month) for d, _ in days})
    span = " to ".join(dict.fromkeys(
        dt.date(y, m, 1).strftime("%B %Y") for y, m in (months[0], months[-1]))) if days else ""
    p.setFont(font(20, bold=True))
    p.setPen(QColor(INK))
    p.drawText(QRectF(plot.left(), box.bottom() - 30, plot.width(), 30),
               Qt.AlignmentFlag.AlignCenter,
               f"Day of the month, {span}" if daily else "Day (labels on Mondays)")
    if not days:
        p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No sessions in this period")
        return
    slot = plot.width() / len(days)
    bar = max(1.0, slot * 0.75)
    for i, (day, count) in enumerate(days):
        x = plot.left() + i * slot + (slot - bar) / 2
        centre = x + bar / 2
        height = plot.height() * count / top_value
        p.fillRect(QRectF(x, plot.bottom() - height, bar, height), QColor(DARK))
        if slot >= 24:  # the count on top of its bar, so zero days read as zero
            p.setPen(QColor(INK))
            p.setFont(font(16))
            p.drawText(QRectF(centre - 30, plot.bottom() - height - 24, 60, 22),
                       Qt.AlignmentFlag.AlignCenter, str(count))
        p.setPen(QColor(MUTED))
        monday = day.weekday() == 0
        if daily:
            p.setFont(font(18, bold=monday))
            p.drawText(QRectF(centre - 30, plot.bottom() + 6, 60, 24),
                       Qt.AlignmentFlag.AlignCenter, str(day.day))
            if monday or i == 0:
                p.setFont(font(16))
                p.drawText(QRectF(centre - 40, plot.bottom() + 30, 80, 22),
                           Qt.AlignmentFlag.AlignCenter, day.strftime("%a"))
        elif monday:
            p.setFont(font(18))
            p.drawText(QRectF(centre - 60, plot.bottom() + 10, 120, 26),
                       Qt.AlignmentFlag.AlignCenter, day.strftime("%d %b"))
    p.setPen(QPen(QColor(INK), 2))
    p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))


def _funnel(p, report: Report, box, font) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    p.setPen(QColor(INK))
    p.setFont(font(26, bold=True))
    p.drawText(QRectF(box.left(), box.top(), box.width(), 36), Qt.AlignmentFlag.AlignLeft,
               "How far patients read: pages in reading order (share of sessions)")
    # The legend.
    p.setFont(font(20))
    legend_y = box.top() + 46
    x = box.left()
    for colour, label in ((DARK, "Got this far (this page or a later one)"),
                          (LIGHT, "Reached this page")):
        p.fillRect(QRectF(x, legend_y + 4, 22, 22), QColor(colour))
        p.setPen(QColor(INK))
        p.drawText(QRectF(x + 30, legend_y, 520, 30),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        x += 520
    pages = report.pages
    label_width, time_width = 260, 230
    plot = QRectF(box.left() + label_width, legend_y + 46,
                  box.width() - label_width - 90 - time_width,
                  box.height() - (legend_y + 46 - box.top()) - 40)
    times = QRectF(box.right() - time_width, plot.top(), time_width, plot.height())
    if not pages:
        p.setPen(QColor(INK))
        p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No pages shown in this period")
        return
    percent_axis(p, plot)
    p.setPen(QColor(INK))
    p.setFont(font(20, bold=True))
    p.drawText(QRectF(times.left(), legend_y, time_width, 30),
               Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "Median time on page")
    row = plot.height() / len(pages)
    for i, page in enumerate(pages):
        y = plot.top() + i * row
        p.setPen(QColor(INK))
        p.setFont(font(22))
        p.drawText(QRectF(times.left(), y, time_width, row),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   _duration(page.median_seconds))
        p.drawText(QRectF(box.left(), y, label_width - 16, row),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   f"{i + 1}. {page.title}")
        thick = row * 0.36
        for offset, share, colour in ((row * 0.12, page.got_this_far, DARK),
                                      (row * 0.12 + thick, page.reached, LIGHT)):
            width = plot.width() * share
            p.fillRect(QRectF(plot.left(), y + offset, width, thick), QColor(colour))
            p.setPen(QColor(INK))
            p.setFont(font(18))
            p.drawText(QRectF(plot.left() + width + 8, y + offset, 80, thick),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, percent(share))
    p.setPen(QPen(QColor(INK), 2))
    p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
