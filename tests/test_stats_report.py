"""The report: a worked example pinned exactly, and properties that hold for any events at all."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.stats import store
from kiosk.stats.events import FEATURES, KINDS, REASONS, TEXT_SIZES, Event, make_event
from kiosk.stats.report import build, percentile
from kiosk.stats.tables import staff_lines, text
from kiosk.stats.tidy import tidy_tables

PAGES = ["overview", "how-it-works", "who-benefits", "timeline", "side-effects", "safety"]
T0 = dt.datetime(2026, 10, 5, 9).timestamp()  # a Monday morning


def session(start: float, number: int, pages: list[tuple[int, float]], *, lang: str = "en",
            end: str | None = "idle", kiosk: str = "lobby", extra: tuple = ()) -> list[Event]:
    """A session's events as the recorder would store them."""
    out = [Event(start, "session_start", kiosk, number, value=lang)]
    t = start
    for position, seconds in pages:
        t += seconds
        out.append(Event(t, "page_view", kiosk, number, page=PAGES[position],
                         position=position, seconds=seconds))
    out += [Event(t + i / 4, kind, kiosk, number) for i, kind in enumerate(extra)]
    if end:
        out.append(Event(t + 1, "session_end", kiosk, number, value=end, seconds=t - start))
    return out


def example() -> list[Event]:
    return (session(T0, 1, [(0, 40), (1, 60), (2, 30)])
            + session(T0 + 600, 2, [(0, 20)], lang="es", extra=("listen", "listen"))
            + session(T0 + 1200, 3, [(0, 10), (3, 50)], end="staff", extra=("text_size",))
            + session(T0 + 86400 * 2, 4, [(0, 90), (1, 30), (0, 15)], end=None))


def test_a_worked_example_gives_exactly_these_numbers():
    report = build(example())
    assert report.sessions == 4 and report.ended == 3
    assert [(d.isoformat(), n) for d, n in report.days] == [
        ("2026-10-05", 3), ("2026-10-06", 0), ("2026-10-07", 1)]
    assert report.median_length == 60 and report.p90_length == 130
    rows = [(p.slug, p.sessions, p.reached, p.got_this_far, p.median_seconds)
            for p in report.pages]
    assert rows == [("overview", 4, 1.0, 1.0, 30), ("how-it-works", 2, 0.5, 0.75, 45),
                    ("who-benefits", 1, 0.25, 0.5, 30), ("timeline", 1, 0.25, 0.25, 50)]
    assert [(s.name, s.sessions, s.share) for s in report.languages] == [("en", 3, 0.75),
                                                                          ("es", 1, 0.25)]
    listen = next(s for s in report.features if s.name == "Listen")
    assert (listen.sessions, listen.share, listen.uses) == (1, 0.25, 2)
    assert [(r.name, r.sessions) for r in report.end_reasons] == [("idle", 2), ("staff", 1)]


def test_the_text_report_reads_as_tables():
    out = text(build(example()))
    assert out.startswith("Kiosk statistics: 2026-10-05 to 2026-10-07 (3 days)\n")
    assert "  Median session length           1 min 00 s\n" in out
    assert "  2026-10-05  Mon         3  ##############################\n" in out
    assert "  2026-10-06  Tue         0\n" in out
    assert ("  #  Page          Sessions  Reached  Got this far  Median time on page\n"
            "  1  Overview             4     100%          100%                 30 s\n"
            "  2  How it works         2      50%           75%                 45 s\n") in out
    assert "  es               1    25%\n" in out


def test_csv_tables_are_tidy_with_plain_numbers():
    tables = tidy_tables(build(example()), [])
    assert list(tables) == ["summary.csv", "sessions_per_day.csv", "session_end.csv",
                            "kiosks.csv", "pages.csv", "languages.csv", "features.csv",
                            "questions.csv"]
    header, rows = tables["pages.csv"]
    assert header == ["order", "page", "title", "sessions", "reached_share",
                      "got_this_far_share", "median_seconds_on_page"]
    assert rows[1] == [2, "how-it-works", "How it works", 2, "0.5000", "0.7500", "45.0"]
    assert ["median_session_seconds", "60.0"] in tables["summary.csv"][1]
    assert tables["session_end.csv"][1] == [["idle", "idle reset", 2, "0.6667"],
                                            ["staff", "staff", 1, "0.3333"]]
    # Every cell after the names is a plain number a spreadsheet can sum.
    words = {"measure", "page", "title", "date", "weekday", "reason", "description", "kiosk",
             "language", "feature", "question"}
    for name, (header, rows) in tables.items():
        for row in rows:
            assert len(row) == len(header), name
            for column, cell in zip(header, row, strict=True):
                if column in words or (name == "summary.csv" and row[0].endswith("_day")):
                    continue
                assert str(cell) == "" or float(cell) >= 0, (name, row)


def test_dates_select_sessions_by_the_day_they_began():
    report = build(example(), since=dt.date(2026, 10, 6), until=dt.date(2026, 10, 7))
    assert report.sessions == 1 and [n for _, n in report.days] == [0, 1]
    assert build(example(), since=dt.date(2027, 1, 1)).sessions == 0


def test_staff_lines_show_todays_sessions_and_funnel():
    assert staff_lines(build(example())) == [
        "Sessions today: 4", "Read this far today:", "  Overview 100%", "  How it works 75%",
        "  Who benefits 50%", "  Timeline 25%"]
    assert staff_lines(build([])) == ["Sessions today: 0"]


def test_percentile_is_a_value_that_occurred():
    assert percentile([], 90) is None
    assert percentile([5], 90) == 5
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile(list(range(1, 11)), 100) == 10


# ---- properties -------------------------------------------------------------------------------

tokens = {"lang": st.sampled_from(["en", "es", "pt-BR"]),
          "reason": st.sampled_from(REASONS), "size": st.sampled_from(TEXT_SIZES),
          "contrast": st.sampled_from(["normal", "high"]), "page": st.sampled_from(PAGES),
          "term": st.sampled_from(["stem-cells", "prp"]),
          "question": st.sampled_from(["q1", "q2", "q5"]),
          "position": st.integers(0, 7),
          "seconds": st.floats(0, 5000, allow_nan=False)}


@st.composite
def events(draw) -> list[Event]:
    """Any sequence of valid events: sessions interleaved, ends without starts, strays."""
    out = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.sampled_from(sorted(KINDS)))
        fields = {name: draw(tokens[name]) for name, field in KINDS[kind].items()
                  if field.required or draw(st.booleans())}
        out.append(make_event(kind, fields, ts=T0 + draw(st.integers(0, 5 * 86400)),
                              kiosk=draw(st.sampled_from(["a", "b"])),
                              session=draw(st.none() | st.integers(1, 6))))
    return out


@settings(max_examples=300, deadline=None)
@given(events())
def test_any_events_give_a_consistent_report(evs):
    report = build(evs)
    starts = {(e.kiosk, e.session) for e in evs if e.kind == "session_start" and e.session}
    assert report.sessions == len(starts)
    assert sum(n for _, n in report.days) == report.sessions
    assert sum(k.sessions for k in report.kiosks) == report.sessions
    assert 0 <= report.ended <= report.sessions
    assert sum(r.sessions for r in report.end_reasons) == report.ended
    if report.median_length is not None:
        assert 0 <= report.median_length <= report.p90_length
    funnel = [p.got_this_far for p in report.pages]
    assert funnel == sorted(funnel, reverse=True), "the funnel never rises"
    for page in report.pages:
        assert 0 <= page.reached <= page.got_this_far <= 1
        assert page.median_seconds is None or page.median_seconds >= 0
        assert 1 <= page.sessions <= report.sessions
    if report.pages:
        # Every session that showed any page got at least as far as the first.
        shown = {(e.kiosk, e.session) for e in evs if e.kind == "page_view"} & starts
        assert round(report.pages[0].got_this_far * report.sessions) == len(shown)
    for share in report.languages + report.features:
        assert 0 <= share.share <= 1 and share.sessions <= report.sessions
    for share in report.features:
        assert share.uses >= share.sessions
    assert {f.name for f in report.features} == set(FEATURES.values())
    text(report), tidy_tables(report, [])  # and it always prints


@settings(max_examples=100, deadline=None)
@given(events(), st.dates(dt.date(2026, 10, 4), dt.date(2026, 10, 12)),
       st.dates(dt.date(2026, 10, 4), dt.date(2026, 10, 12)))
def test_splitting_the_dates_splits_the_sessions(evs, a, b):
    since, until = min(a, b), max(a, b)
    whole = build(evs, since, until).sessions
    parts = [build(evs, day, day).sessions for day in
             (since + dt.timedelta(i) for i in range((until - since).days + 1))]
    assert sum(parts) == whole


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events())
def test_the_database_gives_back_what_was_stored_and_a_copy_counts_once(tmp_path, evs):
    path = tmp_path / "stats.sqlite3"
    path.unlink(missing_ok=True)
    conn = store.open_for_writing(path)
    store.insert(conn, evs)
    back = store.read_events(conn)
    conn.close()
    assert sorted(back, key=repr) == sorted(evs, key=repr)
    assert build(back) == build(evs) == build(back + back)


@pytest.mark.parametrize(("kind", "fields", "message"), [
    ("page_view", {"page": "Overview!", "position": 0, "seconds": 3},
     "page_view: page: expected a slug"),
    ("page_view", {"page": "overview", "position": 0, "seconds": -1},
     "page_view: seconds: expected seconds from 0 to 86400, got -1"),
    ("page_view", {"page": "overview", "seconds": float("nan")}, "page_view: seconds"),
    ("page_view", {"page": "overview", "seconds": 2}, None),
    ("session_end", {"reason": "bored"}, "session_end: reason: expected one of idle, staff"),
    ("session_end", {}, "session_end: missing reason"),
    ("language", {"lang": "English please"}, "language: lang: expected a language code"),
    ("listen", {"text": "my scalp itches"}, "listen: field 'text' is not allowed"),
    ("search", {}, "unknown event kind 'search'"),
])
def test_only_allowed_fields_and_tokens_are_recorded(kind, fields, message):
    if message is None:
        make_event(kind, fields, ts=0, kiosk="k", session=None)
        return
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        make_event(kind, fields, ts=0, kiosk="k", session=None)
