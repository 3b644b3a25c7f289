"""Issue 11: every statistic the README lists is recorded from the real action, and read back
with ``kiosk stats``: QR opens (a page's code and an outside link's code), presentation loops,
and each way a session ends (idle reset, staff, the kiosk stopping)."""

from conftest import tap
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from kiosk.cli import main
from kiosk.gui.recording import SessionRecording
from kiosk.pin import hash_pin

PIN = "2468"




def stats_report(capsys, recorder, flush: bool = True) -> str:
    """What ``kiosk stats`` prints for the recorder's database."""
    assert not flush or recorder.flush()
    capsys.readouterr()
    assert main(["stats", "--db", str(recorder.path)]) == 0
    return capsys.readouterr().out


def row(report: str, name: str) -> str:
    """The value column of the report's row ``name`` (the whole line if not a table)."""
    line = next((line for line in report.splitlines() if name in line), "")
    assert line, f"no {name!r} in:\n{report}"
    return line


def tap_link(qtbot, view, href_start: str) -> None:
    """Tap the first link whose target starts with ``href_start``, where it is on screen."""
    text = view.text
    block = text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref().startswith(href_start):
                cursor = QTextCursor(text.document())
                cursor.setPosition(fragment.position() + 1)
                rect = text.cursorRect(cursor)
                view.ensureVisible(*_in(view, text, rect.center()), 50, 50)
                tap(qtbot, text.viewport(), text.cursorRect(cursor).center())
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href_start}")


def _in(view, text, point) -> tuple[int, int]:
    mapped = text.viewport().mapTo(view.widget(), point)
    return mapped.x(), mapped.y()


def test_qr_opens_of_a_page_and_of_a_link_are_counted(make_kiosk, qtbot, recorder, capsys,
                                                      content_dir):
    with open(content_dir / "en" / "overview.md", "a") as page:
        page.write("\nMore at [the NHS page on hair loss](https://www.nhs.uk/conditions/"
                   "hair-loss/).\n")
    window = make_kiosk(content_dir, attract=True)
    SessionRecording(window, recorder)
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.attract)
    view = window.current_view
    for _ in range(3):                          # three taps on "Take this home"
        view.ensureWidgetVisible(view.take_home_button)
        tap(qtbot, view.take_home_button)
        assert window.take_home.isVisible()
        tap(qtbot, window.take_home)            # a tap anywhere closes it
        assert not window.take_home.isVisible()
    tap_link(qtbot, view, "kiosk:qr/")          # an outside link shows its code
    assert window.take_home.isVisible() and window.take_home.current.kind == "link"
    report = stats_report(capsys, recorder)
    assert row(report, "QR code").split()[-1] == "4", report   # times used


def test_a_talk_counts_its_loops_from_the_presenter_keys(make_kiosk, qtbot, recorder, capsys):
    window = make_kiosk(mode="present", present_seconds=3600)
    SessionRecording(window, recorder)
    for _ in range(2):
        qtbot.keyClick(window.current_view, Qt.Key.Key_End)
        with qtbot.waitSignal(window.navigator.currentChanged):
            qtbot.keyClick(window.current_view, Qt.Key.Key_Right)   # past the last: a loop
        assert window.navigator.current == 0
    report = stats_report(capsys, recorder)
    assert row(report, "Presentation loops").split()[-1] == "2", report


def test_each_way_a_session_ends_is_counted(make_kiosk, qtbot, recorder, capsys):
    window = make_kiosk(attract=True, idle_timeout=0.2, countdown=0.2,
                        pin_hash=hash_pin(PIN, iterations=1000))
    recording = SessionRecording(window, recorder)
    # 1. idle: nobody touches; the question comes, the countdown runs out.
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.attract)
    with qtbot.waitSignal(window.sessionEnded, timeout=10000) as ended:
        pass
    assert ended.args == ["idle"] and window.showing_attract
    # 2. staff: five taps in the corner and the PIN: the patient's session is over.
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.attract)
    corner = QPoint(window.width() - 20, 20)
    for _ in range(5):
        tap(qtbot, window, corner)
    assert window.pin_pad.isVisible()
    with qtbot.waitSignal(window.sessionEnded) as ended:
        for key in [*PIN, "OK"]:
            tap(qtbot, window.pin_pad.keys[key])
    assert ended.args == ["staff"] and window.staff_menu.isVisible()
    # 3. exit: staff go back to the pages (the next touch begins a session: nobody can tell
    # staff from a patient), and the kiosk stops while it runs.
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.staff_menu.back_button)
    recording.stop()  # writes everything and stops the writer
    report = stats_report(capsys, recorder, flush=False)
    for reason in ("idle reset", "staff", "kiosk stopped"):
        assert "1 (33" in row(report, f"Ended by {reason}"), report
