"""A patient at the kiosk: tapping tabs, reading on with Next, swiping and scrolling."""

import logging
from pathlib import Path

import pytest
from conftest import SIX
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest

from kiosk.content import PLACEHOLDER


def heading(view) -> str:
    """The first line of text a patient sees on a page."""
    return view.text.document().toPlainText().splitlines()[0]


def tap_tab(qtbot, window, index: int) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_window_shows_six_tabs_in_reading_order(make_kiosk):
    window = make_kiosk()
    bar = window.tabs.tabBar()
    assert [bar.tabText(i) for i in range(bar.count())] == SIX
    assert window.tabs.currentIndex() == 0
    assert heading(window.current_view) == "Stem cells and hair loss: the basics"


@pytest.mark.parametrize("index", range(6))
def test_patient_taps_a_tab_and_sees_its_page(make_kiosk, qtbot, index):
    window = make_kiosk()
    tap_tab(qtbot, window, (index + 1) % 6)
    tap_tab(qtbot, window, index)
    view = window.views[index]
    assert window.tabs.currentIndex() == index
    assert view.isVisible()
    page_heading = next(line for line in view.page.body.splitlines() if line.startswith("# "))
    assert heading(view) == page_heading[2:]
    assert view.footer.isVisible()
    assert "Sources:" in view.footer.text() and "Last reviewed:" in view.footer.text()


def test_next_button_reads_through_all_six_and_back_to_the_start(make_kiosk, qtbot):
    window = make_kiosk()
    seen = []
    for _ in range(6):
        view = window.current_view
        seen.append(window.tabs.tabText(window.tabs.currentIndex()))
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert seen == SIX
    assert window.tabs.currentIndex() == 0
    assert window.views[0].next_button.text().startswith("Next: How it works")
    assert window.views[5].next_button.text().startswith("Back to the start")


def drag(qtbot, widget, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """A mouse drag at the pace of a hand: one move per frame (the scroller needs time)."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        qtbot.wait(16)
        qtbot.mouseMove(widget, start + (end - start) * (i / steps))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def finger(qtbot, window, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """A real touch sequence from ``start`` to ``end`` in window coordinates.

    Qt stamps touch events with the real time, and a busy machine may take more than the
    swipe's one second over these steps: the speed limit is tested on its own, with no Qt
    (test_gestures.py); here the swipe may take up to a minute.
    """
    from kiosk.gestures import SwipeRule

    window.router.swipe_rule = SwipeRule(max_seconds=60)
    device = QTest.createTouchDevice()
    QTest.touchEvent(window, device).press(0, start).commit()
    for i in range(1, steps + 1):
        qtbot.wait(16)
        QTest.touchEvent(window, device).move(0, start + (end - start) * (i / steps)).commit()
    QTest.touchEvent(window, device).release(0, end).commit()


def test_mouse_swipe_left_and_right_turns_the_page(make_kiosk, qtbot):
    window = make_kiosk()
    area = window.current_view.text.viewport()
    y = 60
    with qtbot.waitSignal(window.navigator.currentChanged) as moved:
        drag(qtbot, area, QPoint(area.width() - 40, y), QPoint(40, y))
    assert moved.args == [1]
    area = window.current_view.text.viewport()
    with qtbot.waitSignal(window.navigator.currentChanged) as moved:
        drag(qtbot, area, QPoint(40, y), QPoint(area.width() - 40, y))
    assert moved.args == [0]


def test_finger_swipe_turns_the_page(make_kiosk, qtbot):
    window = make_kiosk()
    with qtbot.waitSignal(window.navigator.currentChanged):
        finger(qtbot, window, QPoint(window.width() - 100, 300), QPoint(100, 310))
    assert window.tabs.currentIndex() == 1


def test_short_or_vertical_drag_is_not_a_swipe(make_kiosk, qtbot):
    window = make_kiosk()
    area = window.current_view.text.viewport()
    with qtbot.assertNotEmitted(window.navigator.currentChanged):
        drag(qtbot, area, QPoint(300, 100), QPoint(260, 100))  # too short
        drag(qtbot, area, QPoint(300, 300), QPoint(200, 60))  # mostly up
    assert window.tabs.currentIndex() == 0


def test_long_page_scrolls_by_wheel_key_and_drag(make_kiosk, qtbot):
    window = make_kiosk()
    view = window.current_view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0, "Overview should be longer than one screen at 1280x800"
    text = view.text.viewport()
    # A real wheel turn over the text, through the window system as a mouse would send it.
    over_text = text.mapTo(window, QPoint(200, 200))
    QTest.wheelEvent(window.windowHandle(), over_text, QPoint(0, -240))
    qtbot.waitUntil(lambda: bar.value() > 0)
    bar.setValue(0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    bar.setValue(0)
    drag(qtbot, text, QPoint(300, 500), QPoint(305, 100), steps=12)
    qtbot.waitUntil(lambda: bar.value() > 100)
    assert window.tabs.currentIndex() == 0


def test_finger_drag_up_scrolls_the_page_kinetically(make_kiosk, qtbot):
    window = make_kiosk()
    bar = window.current_view.verticalScrollBar()
    finger(qtbot, window, QPoint(640, 600), QPoint(645, 250))
    qtbot.waitUntil(lambda: bar.value() > 200)
    assert window.tabs.currentIndex() == 0


def test_page_fits_the_width_at_1280x800_and_uses_the_bundled_font(make_kiosk):
    window = make_kiosk(size=(1280, 800))
    for index, view in enumerate(window.views):
        window.navigator.go(index)
        assert view.horizontalScrollBar().maximum() == 0
        assert view.text.width() <= view.viewport().width()
    assert QFontInfo(window.current_view.text.font()).family() == "Atkinson Hyperlegible"


def test_at_1080p_tabs_are_finger_sized_and_text_is_large(make_kiosk):
    window = make_kiosk(size=(1920, 1080))
    bar = window.tabs.tabBar()
    assert all(bar.tabRect(i).height() >= 48 for i in range(bar.count()))
    assert 24 <= QFontInfo(window.current_view.text.font()).pixelSize() <= 28
    assert window.current_view.next_button.height() >= 48


def test_broken_page_shows_a_calm_placeholder_and_the_others_work(make_kiosk, qtbot,
                                                                  content_dir: Path, caplog):
    # Saved by an editor in Latin-1: the page cannot be read, but its tab keeps its place.
    (content_dir / "en" / "timeline.md").write_bytes(
        b"---\ntitle: Timeline\norder: 4\n---\n# When\n\nCaf\xe9 cr\xe8me.\n")
    window = make_kiosk(content=content_dir)
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        tap_tab(qtbot, window, 3)
    timeline = window.views[3]
    assert timeline.text.document().toPlainText().strip() == PLACEHOLDER
    assert not timeline.footer.isVisible()
    assert any("timeline.md" in r.getMessage() and "not UTF-8" in r.getMessage()
               for r in caplog.records)
    tap_tab(qtbot, window, 4)
    assert window.current_view is window.views[4]
    assert "side effects" in heading(window.views[4]).lower()
    assert window.tabs.tabText(3) == "Timeline"


def anchor_point(view, words: str) -> QPoint:
    cursor = view.text.document().find(words)
    assert not cursor.isNull(), words
    return view.text.cursorRect(cursor).center()


def test_tapping_an_outside_link_opens_nothing(make_kiosk, qtbot, content_dir: Path,
                                               monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    page = content_dir / "en" / "overview.md"
    page.write_text(page.read_text() + "\nMore at [the FDA](https://www.fda.gov) and "
                    "[the safety page](safety.md).\n")
    window = make_kiosk(content=content_dir)
    view = window.current_view
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton,
                     pos=anchor_point(view, "the FDA (scan to open"))
    assert opened == [] and window.tabs.currentIndex() == 0 and window.isVisible()
    # Issue 5: the tap shows the link's QR code instead; a tap anywhere closes it.
    assert window.take_home.isVisible()
    assert window.take_home.current.payload == "https://www.fda.gov"
    qtbot.mouseClick(window.take_home, Qt.MouseButton.LeftButton)
    assert not window.take_home.isVisible()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    with qtbot.waitSignal(window.navigator.currentChanged):
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton,
                         pos=anchor_point(view, "the safety page"))
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Safety"
    assert opened == []


def test_text_cannot_be_selected_or_given_a_context_menu(make_kiosk):
    window = make_kiosk()
    text = window.current_view.text
    assert text.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert not (text.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse)
    assert not text.openExternalLinks() and not text.openLinks()


def test_keyboard_ctrl_tab_moves_between_pages_in_windowed_mode(make_kiosk, qtbot):
    window = make_kiosk()
    qtbot.keyClick(window.current_view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
