"""Issue 11: the kiosk's state: its rules without Qt, and the controls that follow the model."""

from kiosk.state import PAGES, TEXT_SCALES, WELCOME, KioskState


def test_settings_clamp_and_say_whether_they_changed():
    state = KioskState("en")
    assert state.lang == "en" and state.screen == PAGES and state.text_scale == 1.0
    assert not state.set_text_size(-1) and state.text_size == 0
    assert state.set_text_size(99) and state.text_size == len(TEXT_SCALES) - 1
    assert state.set_contrast(True) and not state.set_contrast(True)
    assert state.set_language("es") and not state.set_language("es")


def test_pages_move_within_range_and_next_loops():
    state = KioskState("en")
    state.set_page_count(6)
    assert not state.go(6) and not state.go(-1) and state.page == 0
    assert state.step_target(-1) == 0 and state.step_target(9) == 5
    assert state.go(5) and state.next_target() == 0


def test_a_session_runs_only_on_the_pages_and_ends_once():
    state = KioskState("en", start_screen=WELCOME)
    assert not state.begin_session()
    state.set_screen(PAGES)
    assert state.begin_session() and not state.begin_session()
    assert state.end_session() and not state.end_session()


def test_reset_puts_everything_back_and_names_what_changed():
    state = KioskState("en", start_screen=WELCOME)
    state.set_page_count(6)
    state.set_screen(PAGES)
    state.set_language("es")
    state.set_text_size(3)
    state.set_contrast(True)
    state.go(4)
    state.set_overlay("takeHome")
    changed = state.reset()
    assert sorted(changed) == ["contrast", "lang", "overlay", "page", "screen", "text_size"]
    assert state == KioskState("en", start_screen=WELCOME, page_count=6)
    assert state.reset() == []


def test_an_accessibility_toggle_on_a_control_does_what_a_tap_does(make_kiosk):
    """Assistive technology calls QAbstractButton.toggle() (AT-SPI "Toggle"), not a click."""
    window = make_kiosk()
    contrast = window.header.contrast_button
    contrast.toggle()
    assert window.state.contrast and contrast.isChecked()
    assert window.styler.theme == "contrast"
    contrast.toggle()
    assert not window.state.contrast and not contrast.isChecked()
    spanish, english = window.header.language_buttons["es"], window.header.language_buttons["en"]
    spanish.toggle()
    assert window.state.lang == "es" and spanish.isChecked() and not english.isChecked()
    assert window.pages[0].title != "Overview"
    spanish.toggle()  # "unchecking" the language in use: it stays in use, and shows so
    assert window.state.lang == "es" and spanish.isChecked()


def test_a_reset_shows_the_start_state_on_every_control(make_kiosk, qtbot):
    window = make_kiosk(attract=True)
    window.attract.language_buttons["es"].click()
    window.visit.start_reading()
    window.header.larger_button.click()
    window.header.contrast_button.click()
    window.navigator.go(3)
    window.take_home.show_page(window.pages[3])
    assert window.state.overlay == "takeHome"
    window.reset("idle")
    assert window.showing_attract and window.state.overlay == ""
    assert not window.take_home.isVisible()
    assert window.attract.language_buttons["en"].isChecked()
    assert not window.attract.language_buttons["es"].isChecked()
    assert not window.header.contrast_button.isChecked()
    assert not window.header.smaller_button.isEnabled()
    assert window.tabs.currentIndex() == 0
