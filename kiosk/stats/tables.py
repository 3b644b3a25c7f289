"""The report as tables: rows for a terminal and staff-menu lines (no Qt; CSV: kiosk.stats.tidy)."""

from __future__ import annotations

from kiosk.stats.report import Report

REASONS = {"idle": "idle reset", "staff": "staff", "exit": "kiosk stopped", "tap": "patient"}
Table = tuple[str, list[str], list[list[str]]]


def _duration(seconds: float | None) -> str:
    """Seconds as ``42 s``, ``3 min 05 s`` or ``1 h 02 min``; a dash when unknown."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def percent(share: float) -> str:
    """A share as a whole percentage."""
    return f"{share * 100:.0f}%"


def tables(report: Report) -> list[Table]:
    """The report's tables for the terminal: (title, header, rows)."""
    duration, unit = _duration, ""
    per_day = [[day.isoformat(), day.strftime("%a"), str(count)] for day, count in report.days]
    pages = [[str(i + 1), p.title, str(p.sessions), percent(p.reached), percent(p.got_this_far),
              duration(p.median_seconds)] for i, p in enumerate(report.pages)]
    summary = [
        ["Sessions", str(report.sessions)],
        ["Sessions ended", str(report.ended)],
        [f"Median session length{unit}", duration(report.median_length)],
        [f"90th percentile session length{unit}", duration(report.p90_length)],
    ]
    summary += [[f"Ended by {REASONS.get(r.name, r.name)}", f"{r.sessions} ({percent(r.share)})"]
                for r in report.end_reasons]
    summary += [[f"Kiosk {k.name}", f"{k.sessions} sessions"] for k in report.kiosks]
    summary.append(["Presentation loops", str(report.presentation_loops)])
    return [
        ("Summary", ["Measure", "Value"], summary),
        ("Sessions per day", ["Date", "Day", "Sessions"], per_day),
        ("Pages in reading order (share of sessions)",
         ["#", "Page", "Sessions", "Reached", "Got this far", f"Median time on page{unit}"], pages),
        ("Languages (share of sessions that used each)", ["Language", "Sessions", "Share"],
         [[s.name, str(s.sessions), percent(s.share)] for s in report.languages]),
        ("Accessibility and help (share of sessions that used each)",
         ["Feature", "Sessions", "Share", "Times used"],
         [[s.name, str(s.sessions), percent(s.share), str(s.uses)] for s in report.features]),
    ]


def period(report: Report) -> str:
    """``2026-10-01 to 2026-10-31 (31 days)``, or a note that there is nothing."""
    if report.first_day is None or report.last_day is None:
        return "no sessions recorded"
    days = (report.last_day - report.first_day).days + 1
    return f"{report.first_day} to {report.last_day} ({days} day{'s' * (days != 1)})"


def text(report: Report) -> str:
    """The report for a terminal: aligned columns, a bar per day, and what the funnel means."""
    out = [f"Kiosk statistics: {period(report)}"]
    peak = max((count for _, count in report.days), default=0)
    for title, header, rows in tables(report):
        out += ["", title]
        if not rows:
            out.append("  (none)")
            continue
        if title == "Sessions per day" and peak:
            header = [*header, ""]
            rows = [[*row, "#" * round(30 * int(row[2]) / peak)] for row in rows]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        numeric = [all(_numeric(r[i]) for r in rows) for i in range(len(header))]
        for row in [header, *rows]:
            cells = [c.rjust(w) if num else c.ljust(w)
                     for c, w, num in zip(row, widths, numeric, strict=True)]
            out.append("  " + "  ".join(cells).rstrip())
    out += ["",
            "Reached: the share of sessions that showed the page.",
            "Got this far: the share of sessions whose furthest page in reading order is this",
            "  one or a later one (the funnel). A session in two languages counts for both."]
    return "\n".join(out) + "\n"


def _numeric(cell: str) -> bool:
    return cell.replace("%", "").replace(".", "").isdigit() or cell == "-" or cell.endswith(" s")


def staff_lines(report: Report) -> list[str]:
    """Today's sessions and the page funnel for the staff menu: short lines, a page a line."""
    lines = [f"Sessions today: {report.sessions}"]
    if report.pages:
        lines.append("Read this far today:")
        lines += [f"  {p.title} {percent(p.got_this_far)}" for p in report.pages]
    return lines
