"""Everything by keyboard, and the roles and actions a screen reader or a switch uses (issues 13
and 19), inside the real window. The same visit with real keys and the real screen reader is in
test_orca.py."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QApplication

from kiosk.gui import access


def active(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def key(qtbot, k, text=""):
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k)


def iface(widget):
    return QAccessible.queryAccessibleInterface(widget)


@pytest.mark.parametrize("k", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_the_welcome_screen_has_a_start_button_with_the_focus_and_a_key_starts(
        make_kiosk, qtbot, k):
    window = active(make_kiosk(attract=True), qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.attract.touch)
    assert iface(window.attract.touch).role() == QAccessible.Role.Button
    assert iface(window.attract.touch).text(QAccessible.Text.Name) == "Start"
    with qtbot.waitSignal(window.sessionStarted, timeout=2000):
        key(qtbot, k)
    assert not window.showing_attract
    # The page's text has the focus: a screen reader is on the document at once.
    assert QApplication.focusWidget() is window.current_view.text


def test_the_language_buttons_are_one_exclusive_group_of_radio_buttons(make_kiosk, qtbot):
    window = make_kiosk(attract=True)
    for buttons in (window.attract.language_buttons, window.header.language_buttons):
        assert iface(buttons["en"]).role() == QAccessible.Role.RadioButton
        assert iface(buttons["en"]).state().checked
        buttons["en"].click()  # the language in use, pressed again
        assert buttons["en"].isChecked() and not buttons["es"].isChecked()
        assert window.lang == "en"


def test_high_contrast_is_a_switch_and_listen_a_button_named_for_what_a_press_does(make_kiosk):
    """Orca 43 never speaks a push button's checked state: an on/off setting is a switch (a
    check box on AT-SPI 2.46), whose state it speaks. Listen says what a press does instead."""
    window = make_kiosk()
    contrast = iface(window.header.contrast_button)
    assert contrast.role() == QAccessible.Role.Switch and contrast.state().checkable
    assert not contrast.state().checked
    window.header.contrast_button.click()
    assert contrast.state().checked and window.contrast
    listen = iface(window.header.listen_button)
    assert listen.role() == QAccessible.Role.Button and not listen.state().checkable
    assert listen.actionNames()[0] == QAccessibleActionInterface.pressAction()
    assert QAccessibleActionInterface.toggleAction() not in listen.actionNames()


def test_every_action_counts_as_the_patients_activity_as_a_tap_does(make_kiosk, qtbot):
    """A switch user pressing away through actions is not idle: each action is activity (the
    idle timer starts again, a session begins), for buttons, popups and tabs alike."""
    window = make_kiosk(idle_timeout=60)
    now = [1000.0]
    window.idle.clock = lambda: now[0]
    window.idle.start()
    idle = []
    window.idle.idle.connect(lambda: idle.append(now[0]))
    assert not window.state.in_session
    press = QAccessibleActionInterface.pressAction()
    tab = iface(window.tabs.tabBar()).child(2)
    steps = [lambda: iface(window.header.larger_button).doAction(press),
             lambda: tab.actionInterface().doAction(press),
             lambda: iface(window.current_view.take_home_button).doAction(press),
             lambda: iface(window.take_home).doAction(press)]  # a tap on it closes: Press too
    for step in steps:
        now[0] += 50
        step()
        now[0] += 50  # 100 s since the last step: only this step's activity keeps it awake
        window.idle.check()
        assert idle == []
    assert window.state.in_session and window.state.text_size == 1
    assert window.state.current == 2 and not window.take_home.isVisible()
    now[0] += 61
    window.idle.check()
    assert idle == [now[0]]  # and with no action for 61 s, the kiosk is idle


def test_each_accessibility_action_does_what_a_tap_does(make_kiosk, qtbot):
    """Issue 19: Toggle on High contrast turns the theme on, not only the check mark."""
    window = make_kiosk()
    contrast = iface(window.header.contrast_button)
    assert QAccessibleActionInterface.toggleAction() in contrast.actionNames()
    contrast.doAction(QAccessibleActionInterface.toggleAction())
    assert window.contrast and window.styler.theme == "contrast"
    assert window.header.contrast_button.isChecked()
    contrast.doAction(QAccessibleActionInterface.pressAction())
    assert not window.contrast and not window.header.contrast_button.isChecked()
    iface(window.header.language_buttons["es"]).doAction(QAccessibleActionInterface.pressAction())
    assert window.lang == "es" and window.tabs.tabText(0) == "Resumen"


def test_take_this_home_takes_the_focus_and_escape_gives_it_back(make_kiosk, qtbot):
    window = active(make_kiosk(mode="kiosk"), qtbot)
    button = window.current_view.take_home_button
    button.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    popup = window.take_home
    assert popup.isVisible() and QApplication.focusWidget() is popup
    assert iface(popup).role() == QAccessible.Role.Dialog
    assert iface(popup).text(QAccessible.Text.Name).startswith("Take this home: Overview")
    assert iface(popup.code).text(QAccessible.Text.Name) == \
        "QR code: the key facts of this page"
    key(qtbot, Qt.Key.Key_Tab)  # Tab stays inside: nothing behind the popup is reachable
    assert QApplication.focusWidget() is popup
    # Escape closes it, in kiosk mode too, where the lockdown eats Escape for everything else.
    key(qtbot, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert QApplication.focusWidget() is button


def test_a_link_qr_code_is_named_with_its_address(make_kiosk, qtbot):
    window = make_kiosk()
    window.take_home.show_link("NHS", "https://www.nhs.uk/conditions/hair-loss/")
    name = iface(window.take_home.code).text(QAccessible.Text.Name)
    assert name.startswith("QR code: ") and "nhs.uk" in name


def test_a_glossary_word_is_a_tab_stop_and_its_card_closes_by_escape(make_kiosk, qtbot):
    window = active(make_kiosk(), qtbot)
    text = window.current_view.text
    text.setFocus()
    key(qtbot, Qt.Key.Key_Tab)  # the first link or glossary word of the page
    assert text.textCursor().hasSelection()
    assert access.spoken[-1] == f"{text.textCursor().selectedText()}, link"
    with qtbot.waitSignal(window.deck.termOpened, timeout=2000):
        key(qtbot, Qt.Key.Key_Return)
    card = window.glossary_popup
    assert card.isVisible() and card.isAncestorOf(QApplication.focusWidget())
    key(qtbot, Qt.Key.Key_Escape)
    assert not card.isVisible()
    assert QApplication.focusWidget() is text


def test_the_countdown_is_an_alert_keep_reading_has_the_focus_and_any_key_answers(
        make_kiosk, qtbot):
    window = active(make_kiosk(idle_timeout=0.3, countdown=30), qtbot)
    countdown = window.countdown
    qtbot.waitUntil(countdown.isVisible, timeout=5000)
    assert iface(countdown).role() == QAccessible.Role.AlertMessage
    assert QApplication.focusWidget() is countdown.keep
    with qtbot.waitSignal(countdown.kept, timeout=2000):
        key(qtbot, Qt.Key.Key_A)
    assert not countdown.isVisible()
    assert window.current_view.isVisible()


def test_a_plus_disabled_at_200_percent_never_hands_space_to_high_contrast(make_kiosk, qtbot):
    window = active(make_kiosk(), qtbot)
    larger = window.header.larger_button
    larger.setFocus()
    for _ in range(4):
        key(qtbot, Qt.Key.Key_Space)
    assert window.text_scale == 2.0 and not larger.isEnabled()
    assert access.spoken[-1] == "Text size 200 percent"
    assert QApplication.focusWidget() is window.header.smaller_button
    key(qtbot, Qt.Key.Key_Space)  # the next Space: a size smaller, contrast untouched
    assert window.text_scale == 1.75 and not window.contrast


def test_next_moves_the_focus_to_the_new_page_and_announces_it(make_kiosk, qtbot):
    window = active(make_kiosk(), qtbot)
    window.current_view.next_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert window.navigator.current == 1
    assert QApplication.focusWidget() is window.current_view.text
    assert access.spoken[-1] == "How it works, page 2 of 6"


def test_the_application_and_its_widgets_carry_the_language(make_kiosk, qtbot):
    from PySide6.QtCore import QLocale

    window = make_kiosk(lang="es")
    assert QLocale().name().startswith("es")
    assert window.header.smaller_button.locale().name().startswith("es")
    window.state.set_language("en")
    assert QLocale().name().startswith("en")
    assert window.current_view.text.locale().name().startswith("en")


def test_no_screen_reader_is_seen_where_none_runs():
    assert access.screen_reader_running() is False
