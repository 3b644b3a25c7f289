"""Unattended all day: attract screen, idle reset with a countdown, lockdown, staff exit."""

import pytest
from conftest import tap
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest

from kiosk.pin import hash_pin

PIN = "2468"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN, iterations=1000)



def test_attract_screen_welcomes_and_a_tap_anywhere_opens_overview(make_kiosk, qtbot):
    window = make_kiosk(attract=True)
    assert window.showing_attract
    # What shows (the last two words held together by a no-break space) and what is read out.
    assert window.attract.title.text() == "Stem cell therapy for hair loss: what to\u00a0know"
    assert window.attract.title.accessibleName() == "Stem cell therapy for hair loss: what to know"
    assert window.attract.touch.isVisible()
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.attract, QPoint(30, 30))
    assert not window.showing_attract
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Overview"
    assert window.current_view.isVisible()


def test_dimmed_attract_screen_wakes_on_the_first_tap_and_starts_on_the_second(make_kiosk,
                                                                               qtbot):
    window = make_kiosk(attract=True, attract_dim_after=0.05)
    qtbot.waitUntil(lambda: window.attract.dimmed)
    with qtbot.assertNotEmitted(window.sessionStarted):
        tap(qtbot, window.attract)
    assert window.showing_attract and not window.attract.dimmed
    with qtbot.waitSignal(window.sessionStarted):
        tap(qtbot, window.attract)


def test_the_question_comes_after_the_idle_time_and_keep_reading_keeps_the_page(make_kiosk,
                                                                                qtbot):
    window = make_kiosk(attract=True, idle_timeout=0.3, countdown=20)
    tap(qtbot, window.attract)
    tap(qtbot, window.tabs.tabBar(), window.tabs.tabBar().tabRect(1).center())
    bar = window.current_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200)  # laid out once shown
    bar.setValue(200)
    qtbot.waitUntil(window.countdown.isVisible, timeout=3000)
    assert window.countdown.question.text() == "Are you still reading?"
    assert "start over in 20 seconds" in window.countdown.remaining.text()
    with qtbot.waitSignal(window.countdown.kept):
        tap(qtbot, window.countdown.keep)
    assert not window.countdown.isVisible()
    assert window.tabs.currentIndex() == 1
    assert window.current_view.verticalScrollBar().value() == 200
    # The idle clock starts again: the question comes back later.
    qtbot.waitUntil(window.countdown.isVisible, timeout=3000)


def test_a_touch_anywhere_on_the_dimmed_page_also_keeps_reading(make_kiosk, qtbot):
    window = make_kiosk(idle_timeout=0.2, countdown=20)
    qtbot.waitUntil(window.countdown.isVisible, timeout=3000)
    with qtbot.waitSignal(window.countdown.kept):
        tap(qtbot, window.countdown, QPoint(20, window.height() - 20))


def test_touch_and_keys_count_as_activity(make_kiosk, qtbot):
    window = make_kiosk(idle_timeout=0.4, countdown=20)
    device = QTest.createTouchDevice()
    for _ in range(6):
        qtbot.wait(120)
        QTest.touchEvent(window, device).press(0, QPoint(600, 400)).commit()
        QTest.touchEvent(window, device).release(0, QPoint(600, 400)).commit()
    assert not window.countdown.isVisible()
    for _ in range(6):
        qtbot.wait(120)
        qtbot.keyClick(window.current_view, Qt.Key.Key_Down)
    assert not window.countdown.isVisible()


def test_when_the_countdown_ends_the_next_patient_finds_a_clean_start(make_kiosk, qtbot):
    window = make_kiosk(attract=True, idle_timeout=0.2, countdown=0.3)
    tap(qtbot, window.attract)
    tap(qtbot, window.tabs.tabBar(), window.tabs.tabBar().tabRect(3).center())
    for index in (1, 0):
        window.navigator.go(index)
        bar = window.views[index].verticalScrollBar()
        qtbot.waitUntil(lambda bar=bar: bar.maximum() > 150)
        bar.setValue(150)
    window.navigator.go(3)
    with qtbot.waitSignal(window.sessionEnded, timeout=5000) as ended:
        pass
    assert ended.args == ["idle"]
    assert window.showing_attract
    assert not window.countdown.isVisible()
    # The selected tab really changed (a screen reader asks the tab bar, not the paint).
    assert window.tabs.currentIndex() == 0 and window.tabs.tabBar().currentIndex() == 0
    assert all(view.verticalScrollBar().value() == 0 for view in window.views)


def test_reset_closes_the_pin_pad_too(make_kiosk, qtbot, pin_hash):
    window = make_kiosk(pin_hash=pin_hash)
    window.pin_pad.open_pad()
    window.reset()
    assert not window.pin_pad.isVisible()


@pytest.mark.parametrize(("key", "mods"), [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
])
def test_exit_keys_do_nothing_in_kiosk_mode(make_kiosk, qtbot, key, mods):
    window = make_kiosk(mode="kiosk")
    qtbot.keyClick(window.current_view, key, mods)
    qtbot.keyClick(window, key, mods)
    assert window.isVisible()
    assert window.close() is False
    assert window.isVisible()


def test_close_request_is_refused_in_kiosk_mode_and_accepted_windowed(make_kiosk):
    kiosk = make_kiosk(mode="kiosk")
    event = QCloseEvent()
    kiosk.closeEvent(event)
    assert not event.isAccepted()
    windowed = make_kiosk(mode="windowed")
    assert windowed.close() is True
    assert not windowed.isVisible()


def test_no_context_menu_or_tooltip_in_kiosk_mode(make_kiosk, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    window = make_kiosk(mode="kiosk")
    viewport = window.current_view.text.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10),
                              viewport.mapToGlobal(QPoint(10, 10)))
    QApplication.sendEvent(viewport, event)
    assert QApplication.activePopupWidget() is None
    # A tooltip asked for through the whole stack (the router eats it) never shows.
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    button = window.header.larger_button
    button.setToolTip("a tooltip")
    QApplication.sendEvent(button, QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5),
                                              button.mapToGlobal(QPoint(5, 5))))
    assert not QToolTip.isVisible()


def corner_taps(qtbot, window, count: int = 5) -> None:
    corner = QPoint(window.width() - 20, 20)
    for _ in range(count):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=corner)


def type_pin(qtbot, window, digits: str) -> None:
    for digit in digits:
        tap(qtbot, window.pin_pad.keys[digit])
    tap(qtbot, window.pin_pad.keys["OK"])


def test_staff_gesture_and_right_pin_open_the_menu_and_exit(make_kiosk, qtbot, pin_hash):
    window = make_kiosk(mode="kiosk", pin_hash=pin_hash)
    corner_taps(qtbot, window)
    assert window.pin_pad.isVisible()
    type_pin(qtbot, window, PIN)
    assert window.staff_menu.isVisible()
    status = window.staff_menu.status.text()
    assert "Sessions since start" in status and "Overview: reviewed" in status
    assert PIN not in status
    with qtbot.waitSignal(window.exitRequested):
        tap(qtbot, window.staff_menu.exit_button)


def test_wrong_pin_shakes_waits_and_does_not_open(make_kiosk, qtbot, pin_hash, caplog):
    window = make_kiosk(mode="kiosk", pin_hash=pin_hash)
    corner_taps(qtbot, window)
    type_pin(qtbot, window, "1111")
    assert not window.staff_menu.isVisible()
    assert window.pin_pad.locked and not window.pin_pad.keys["1"].isEnabled()
    assert window.pin_pad.prompt.text() == "Wrong PIN. Please wait."
    assert "1111" not in caplog.text
    qtbot.waitUntil(lambda: not window.pin_pad.locked, timeout=3000)
    type_pin(qtbot, window, "2222")
    # The second failure waits twice as long.
    assert window.pin_pad._unlock.interval() == 2000


def test_with_no_pin_the_gesture_does_nothing(make_kiosk, qtbot):
    window = make_kiosk(mode="kiosk", pin_hash="")
    corner_taps(qtbot, window)
    assert not window.pin_pad.isVisible()


def test_four_taps_or_taps_elsewhere_do_not_open_the_pad(make_kiosk, qtbot, pin_hash):
    window = make_kiosk(mode="kiosk", pin_hash=pin_hash)
    corner_taps(qtbot, window, 4)
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    corner_taps(qtbot, window, 1)
    assert not window.pin_pad.isVisible()


def test_staff_reload_reads_changed_pages(make_kiosk, qtbot, pin_hash, content_dir):
    window = make_kiosk(content=content_dir, pin_hash=pin_hash)
    page = content_dir / "en" / "overview.md"
    page.write_text(page.read_text().replace("# Stem cells and hair loss: the basics",
                                             "# A new first heading"))
    corner_taps(qtbot, window)
    type_pin(qtbot, window, PIN)
    tap(qtbot, window.staff_menu.reload_button)
    tap(qtbot, window.staff_menu.back_button)
    assert window.current_view.text.document().toPlainText().startswith("A new first heading")
