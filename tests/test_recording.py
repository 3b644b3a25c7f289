"""A patient's visit, recorded from the real window and read back from the database."""

import dataclasses
import logging

from conftest import ManualClock, tap
from PySide6.QtCore import Qt

from kiosk import stats
from kiosk.config import Settings
from kiosk.gui.recording import SessionRecording, attach
from kiosk.stats import store
from kiosk.stats.recorder import Recorder
from kiosk.stats.report import build


def tap_tab(qtbot, window, index: int) -> None:
    bar = window.tabs.tabBar()
    tap(qtbot, bar, bar.tabRect(index).center())


def stored(rec: Recorder) -> list:
    assert rec.flush()
    conn = store.open_for_reading(rec.path)
    try:
        return store.read_events(conn)
    finally:
        conn.close()


def test_a_patient_reads_three_pages_walks_away_and_the_visit_is_recorded(make_kiosk, qtbot,
                                                                           recorder):
    window = make_kiosk(attract=True, idle_timeout=0.3, countdown=0.3)
    clock = ManualClock()
    SessionRecording(window, recorder, clock=clock)
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.attract)
    clock.now += 40
    tap_tab(qtbot, window, 1)
    clock.now += 25
    tap_tab(qtbot, window, 3)
    clock.now += 10
    qtbot.wait(20)  # the idle watcher counts one activity per 10 ms
    qtbot.keyClick(window.current_view, Qt.Key.Key_Down)  # a last scroll on Timeline
    clock.now += 200  # then nobody: the idle wait and the countdown are not reading
    with qtbot.waitSignal(window.sessionEnded, timeout=5000) as ended:
        pass
    assert ended.args == ["idle"] and window.showing_attract

    events = stored(recorder)
    assert [(e.kind, e.page, e.position, e.value, e.seconds) for e in events] == [
        ("session_start", None, None, "en", None),
        ("page_view", "overview", 0, None, 40.0),
        ("page_view", "how-it-works", 1, None, 25.0),
        ("page_view", "timeline", 3, None, 10.0),
        ("session_end", None, None, "idle", 75.0),
    ]
    assert {e.kiosk for e in events} == {"test-kiosk"}
    assert len({e.session for e in events}) == 1 and events[0].session is not None
    report = build(events)
    assert report.sessions == 1 and report.median_length == 75
    assert [(p.slug, p.got_this_far) for p in report.pages] == [
        ("overview", 1.0), ("how-it-works", 1.0), ("timeline", 1.0)]


def test_the_staff_menu_shows_todays_sessions_and_funnel(make_kiosk, qtbot, recorder):
    window = make_kiosk(attract=True)
    clock = ManualClock()
    SessionRecording(window, recorder, clock=clock)
    tap(qtbot, window.attract)
    clock.now += 30
    tap_tab(qtbot, window, 2)
    clock.now += 5
    window.reset("staff")
    tap(qtbot, window.attract)
    window.reset("staff")
    lines = window.status.text().splitlines()
    assert "Sessions today: 2" in lines
    assert lines[lines.index("Read this far today:"):][:3] == [
        "Read this far today:", "  Overview 100%", "  Who benefits 50%"]
    events = stored(recorder)
    assert [e.value for e in events if e.kind == "session_end"] == ["staff", "staff"]
    assert [e.seconds for e in events if e.kind == "session_end"] == [35.0, 0.0]


def test_stopping_the_kiosk_ends_the_open_session_and_writes_it(make_kiosk, qtbot, recorder):
    window = make_kiosk(attract=True)
    clock = ManualClock()
    recording = SessionRecording(window, recorder, clock=clock)
    tap(qtbot, window.attract)
    clock.now += 12
    recording.stop()
    conn = store.open_for_reading(recorder.path)
    events = store.read_events(conn)
    conn.close()
    assert [(e.kind, e.value, e.seconds) for e in events][-2:] == [
        ("page_view", None, 12.0), ("session_end", "exit", 12.0)]


def test_attach_follows_the_config_and_other_features_record_through_it(make_kiosk, tmp_path,
                                                                        qtbot):
    window = make_kiosk()
    settings = dataclasses.replace(Settings(), stats_db=tmp_path / "k.sqlite3",
                                   kiosk_name="lobby-1")
    recording = attach(window, settings)
    try:
        assert stats.recorder() is recording.recorder
        stats.record("qr_open", page="safety")
    finally:
        recording.stop()
    assert stats.recorder() is None
    conn = store.open_for_reading(tmp_path / "k.sqlite3")
    [event] = store.read_events(conn)
    conn.close()
    assert (event.kind, event.kiosk, event.page) == ("qr_open", "lobby-1", "safety")

    off = make_kiosk()
    assert attach(off, dataclasses.replace(settings, stats=False)) is None
    assert "Statistics: off (stats = false in the config)" in off.status.text()


def test_accessibility_and_glossary_use_is_recorded_without_free_text(make_kiosk, qtbot,
                                                                       recorder):
    window = make_kiosk(attract=True, idle_timeout=0,
                        speech_command=("no-such-voice-program",))
    SessionRecording(window, recorder)
    tap(qtbot, window.attract.language_buttons["es"])  # chosen before the session starts
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.attract)
    tap(qtbot, window.header.larger_button)
    tap(qtbot, window.header.contrast_button)
    tap(qtbot, window.header.language_buttons["en"])
    window.deck.open_term("Centrifuge")
    window.reset("staff")  # the reset puts everything back: that is not the patient's doing
    kinds = [(e.kind, e.value) for e in stored(recorder)]
    assert kinds == [("session_start", "es"), ("text_size", "125"), ("contrast", "high"),
                     ("language", "en"), ("glossary_open", "centrifuge"),
                     ("page_view", None), ("session_end", "staff")]


def test_the_first_staff_menu_shows_the_page_on_screen_in_large_short_lines(
        make_kiosk, qtbot, recorder):
    """Before: the funnel left out the page on screen, and was empty the first time."""
    from test_kiosk_mode import PIN, corner_taps, type_pin

    from kiosk.pin import hash_pin

    window = make_kiosk(attract=True, pin_hash=hash_pin(PIN, iterations=1000),
                        size=(1280, 800))
    clock = ManualClock()
    SessionRecording(window, recorder, clock=clock)
    # A long warning (as an earlier fault would leave in the panel) wraps into short lines too.
    logging.getLogger("kiosk").warning("statistics: recording is off: /var/lib/hair-kiosk/"
                                       "a-very-long-folder-name/stats.sqlite3 is read-only")
    tap(qtbot, window.attract)
    clock.now += 20
    tap_tab(qtbot, window, 3)  # Timeline: on screen, not yet left, so not yet recorded
    clock.now += 40
    corner_taps(qtbot, window)
    type_pin(qtbot, window, PIN)
    assert window.staff_menu.isVisible()
    panel = window.staff_menu.status
    shown = [column.text() for column in panel.columns if column.isVisible()]
    assert len(shown) == 2  # two columns of short lines
    lines = "\n".join(shown).splitlines()
    today = lines[lines.index("Read this far today:"):]
    assert today == ["Read this far today:", "  Overview 100%", "  Timeline 100%"]
    assert "Sessions today: 1" in lines
    assert max(len(line) for line in lines) <= 45
    # Large type: the status is as large as the page's body text.
    body = window.current_view.text.body_px()
    assert all(column.font().pixelSize() >= body for column in panel.columns), body
