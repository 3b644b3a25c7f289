"""Turn recorded events into the report's numbers: sessions, page funnel, languages (no Qt).

Definitions (also printed with the report):

- A *session* is counted on the local day of its ``session_start``. Events of a session
  whose start is missing (deleted by retention, or outside the dates) are left out.
- *Session length* comes from ``session_end``; sessions with no end (the power was cut)
  count as sessions but not in the lengths.
- *Reached*: the share of sessions that showed the page at all. Patients may jump between
  tabs, so this need not fall from page to page.
- *Got this far*: the share of sessions whose furthest page, in reading order, is this one
  or a later one. This is the funnel: it never rises from one page to the next, and a
  page's *reached* is never above its *got this far*.
- *Time on page*: per session that reached the page, the total seconds it was shown; the
  median over those sessions.
- *Sessions per day* lists every day of the period, quiet ones as 0; for a period longer
  than MAX_DAY_ROWS days, only the days with sessions (the output stays as long as the data).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kiosk.stats.events import FEATURES, Event

#: Up to this many days, every day is listed (quiet ones as 0); beyond, only busy days.
MAX_DAY_ROWS = 400


@dataclass
class PageRow:
    """One page of the funnel."""

    slug: str
    title: str
    sessions: int
    reached: float
    got_this_far: float
    median_seconds: float | None


@dataclass
class Share:
    """How many sessions used something, their share, and how many times it was used."""

    name: str
    sessions: int
    share: float
    uses: int = 0


@dataclass
class Report:
    """Everything ``kiosk stats`` prints, as numbers."""

    first_day: dt.date | None
    last_day: dt.date | None
    kiosks: list[Share] = field(default_factory=list)
    days: list[tuple[dt.date, int]] = field(default_factory=list)
    sessions: int = 0
    ended: int = 0
    end_reasons: list[Share] = field(default_factory=list)
    median_length: float | None = None
    p90_length: float | None = None
    pages: list[PageRow] = field(default_factory=list)
    languages: list[Share] = field(default_factory=list)
    features: list[Share] = field(default_factory=list)
    presentation_loops: int = 0


@dataclass
class _Session:
    start: float
    day: dt.date
    kiosk: str
    length: float | None = None
    reason: str | None = None
    pages: dict[str, float] = field(default_factory=dict)
    langs: set[str] = field(default_factory=set)
    uses: Counter = field(default_factory=Counter)


def local_day(ts: float) -> dt.date:
    """The local calendar day of a timestamp."""
    return dt.datetime.fromtimestamp(ts).date()


def percentile(values: list[float], p: float) -> float | None:
    """The nearest-rank ``p``-th percentile (a value that really occurred); None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def title_for(slug: str) -> str:
    """A page's readable name from its slug (``side-effects`` -> ``Side effects``)."""
    from kiosk.content import humanize

    return humanize(slug)


def build(events: Iterable[Event], since: dt.date | None = None,
          until: dt.date | None = None) -> Report:
    """The report for sessions that started from ``since`` to ``until`` (local days, inclusive).

    Events are de-duplicated first, so a database merged with a copy of itself counts once.
    """
    unique = sorted(set(events), key=lambda e: (e.ts, e.kind, e.session or 0))

    def inside(ts: float) -> bool:
        day = local_day(ts)
        return (since is None or day >= since) and (until is None or day <= until)

    # A session begins at its first start (a repeated start, from merged copies, is not
    # another session) and belongs to that day only.
    starts: dict[tuple[str, int], float] = {}
    for e in unique:
        if e.kind == "session_start" and e.session is not None:
            starts.setdefault((e.kiosk, e.session), e.ts)
    sessions = {key: _Session(ts, local_day(ts), key[0]) for key, ts in starts.items()
                if inside(ts)}
    positions: dict[str, Counter] = defaultdict(Counter)
    loops = 0
    for e in unique:
        if e.kind == "presentation_loop" and inside(e.ts):
            loops += 1
        s = sessions.get((e.kiosk, e.session)) if e.session is not None else None
        if s is None:
            continue
        if e.kind in ("session_start", "language") and e.value:
            s.langs.add(e.value)
        elif e.kind == "session_end" and s.reason is None:
            s.reason, s.length = e.value, e.seconds
        elif e.kind == "page_view" and e.page:
            s.pages[e.page] = s.pages.get(e.page, 0.0) + (e.seconds or 0.0)
            if e.position is not None:
                positions[e.page][e.position] += 1
        elif e.kind in FEATURES:
            s.uses[e.kind] += 1
    return _summarize(list(sessions.values()), positions, loops, since, until)


def _summarize(sessions: list[_Session], positions: dict[str, Counter], loops: int,
               since: dt.date | None, until: dt.date | None) -> Report:
    n = len(sessions)

    def share(count: int) -> float:
        return count / n if n else 0.0

    days = Counter(s.day for s in sessions)
    first = since or min(days, default=None)
    last = until or max(days, default=None)
    if first and last and first > last:
        first = last = None
    report = Report(first, last, sessions=n, presentation_loops=loops)
    if first and last and (last - first).days < MAX_DAY_ROWS:
        report.days = [(first + dt.timedelta(i), days.get(first + dt.timedelta(i), 0))
                       for i in range((last - first).days + 1)]
    elif first and last:  # a long span (say --since 0001-01-01): only the days with sessions
        report.days = sorted(days.items())
    kiosks = Counter(s.kiosk for s in sessions)
    report.kiosks = [Share(k, c, share(c)) for k, c in sorted(kiosks.items())]
    lengths = [s.length for s in sessions if s.length is not None]
    report.ended = sum(1 for s in sessions if s.reason is not None)
    reasons = Counter(s.reason for s in sessions if s.reason is not None)
    report.end_reasons = [Share(r, c, c / report.ended) for r, c in reasons.most_common()]
    report.median_length = statistics.median(lengths) if lengths else None
    report.p90_length = percentile(lengths, 90)
    # Reading order: each page's most common position, ties by name.
    seen = {page for s in sessions for page in s.pages}
    order = sorted(seen, key=lambda p: (_usual_position(positions.get(p)), p))
    rank = {page: i for i, page in enumerate(order)}
    furthest = [max((rank[p] for p in s.pages), default=-1) for s in sessions]
    for i, page in enumerate(order):
        times = [s.pages[page] for s in sessions if page in s.pages]
        report.pages.append(PageRow(
            slug=page, title=title_for(page), sessions=len(times), reached=share(len(times)),
            got_this_far=share(sum(1 for f in furthest if f >= i)),
            median_seconds=statistics.median(times) if times else None))
    langs = Counter(lang for s in sessions for lang in s.langs)
    report.languages = [Share(lang, c, share(c)) for lang, c in
                        sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))]
    for kind, name in FEATURES.items():
        users = sum(1 for s in sessions if s.uses[kind])
        report.features.append(Share(name, users, share(users),
                                     sum(s.uses[kind] for s in sessions)))
    return report


def _usual_position(counts: Counter | None) -> int:
    if not counts:
        return 10**6
    return min(counts, key=lambda pos: (-counts[pos], pos))
