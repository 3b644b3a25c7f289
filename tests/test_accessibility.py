"""Every patient can use it: text size to 200 %, high contrast, Spanish, and Listen."""

import shutil

import pytest
from conftest import VoiceClock, tap
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QAbstractButton

from kiosk.contrast import ratios
from kiosk.theme import colours

NULL_VOICE = ("espeak-ng", "-w", "/dev/null")



def body_px(window) -> int:
    return QFontInfo(window.current_view.text.font()).pixelSize()


def test_a_plus_steps_text_up_to_200_percent_and_a_minus_back(make_kiosk, qtbot):
    window = make_kiosk()
    header = window.header
    start = body_px(window)
    sizes = [start]
    while header.larger_button.isEnabled():
        tap(qtbot, header.larger_button)
        sizes.append(body_px(window))
    assert len(sizes) == 5 and sizes == sorted(sizes)
    assert sizes[-1] == pytest.approx(2 * start, abs=1)
    assert window.text_scale == 2.0
    while header.smaller_button.isEnabled():
        tap(qtbot, header.smaller_button)
    assert body_px(window) == start


@pytest.mark.parametrize("lang", ["en", "es"])
def test_at_200_percent_on_1280x800_nothing_is_clipped_or_scrolls_sideways(make_kiosk, qtbot,
                                                                           lang):
    window = make_kiosk(size=(1280, 800), lang=lang)
    window.state.set_text_size(4)
    bar = window.tabs.tabBar()
    assert sum(bar.tabRect(i).width() for i in range(bar.count())) <= window.width()
    for i in range(bar.count()):
        font = bar.font()
        font.setBold(True)
        assert QFontMetrics(font).horizontalAdvance(bar.tabText(i)) < bar.tabRect(i).width()
    for index, view in enumerate(window.views):
        window.navigator.go(index)
        qtbot.waitUntil(lambda view=view: view.rendered is not None)
        assert view.horizontalScrollBar().maximum() == 0
        assert view.text.width() <= view.viewport().width()
        for button in (view.next_button, view.take_home_button):
            needed = QFontMetrics(button.font()).horizontalAdvance(button.text())
            # Laid out at the next turn of the event loop after the page is shown.
            qtbot.waitUntil(lambda b=button, n=needed: b.width() >= n, timeout=2000)
            assert button.isVisible()
    for button in window.header.findChildren(QAbstractButton):
        assert button.isVisible()
        assert button.width() >= QFontMetrics(button.font()).horizontalAdvance(button.text())


def test_every_visible_control_is_at_least_48_pixels_square(make_kiosk):
    window = make_kiosk(size=(1280, 800))
    controls = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
    assert len(controls) >= 6
    for control in controls:
        assert control.width() >= 48 and control.height() >= 48, control.text()
    bar = window.tabs.tabBar()
    assert all(bar.tabRect(i).height() >= 48 for i in range(bar.count()))


def test_high_contrast_switches_the_theme_and_back(make_kiosk, qtbot):
    window = make_kiosk()
    text = window.current_view.text
    before = text.palette().base().color().name()
    tap(qtbot, window.header.contrast_button)
    assert window.contrast and window.header.contrast_button.isChecked()
    assert text.palette().base().color().name() == colours("contrast")["background"]
    assert text.palette().text().color().name() == colours("contrast")["text"]
    tap(qtbot, window.header.contrast_button)
    assert text.palette().base().color().name() == before


def test_contrast_ratios_meet_wcag_in_both_themes():
    default = ratios(colours("default"))
    assert default["body text"] >= 7
    assert min(default.values()) >= 4.5, default
    contrast = ratios(colours("contrast"))
    assert min(contrast.values()) >= 7, contrast


def test_switching_to_spanish_changes_pages_and_interface(make_kiosk, qtbot):
    window = make_kiosk()
    tap(qtbot, window.header.language_buttons["es"])
    bar = window.tabs.tabBar()
    assert bar.tabText(0) == "Resumen" and bar.tabText(5) == "Seguridad"
    assert window.header.title.text() == "Células madre para la caída del cabello"
    assert window.header.listen_button.text() == "Escuchar"
    assert window.current_view.next_button.text().startswith("Siguiente: Cómo funciona")
    assert "Última revisión: 30 noviembre 2026" in window.current_view.footer.text() \
        or "Última revisión: 30 de noviembre de 2026" in window.current_view.footer.text()
    assert window.header.language_buttons["es"].isChecked()
    assert window.header.language_buttons["es"].text() == "Español"
    assert window.header.language_buttons["en"].text() == "English"
    tap(qtbot, window.header.language_buttons["en"])
    assert bar.tabText(0) == "Overview"
    assert window.header.listen_button.text() == "Listen"


def test_a_page_missing_in_spanish_shows_english_with_a_note(make_kiosk, qtbot, content_dir):
    (content_dir / "es" / "timeline.md").unlink()
    window = make_kiosk(content=content_dir, lang="es")
    window.navigator.go(3)
    view = window.current_view
    assert window.tabs.tabText(3) == "Timeline"
    assert view.note.isVisible()
    assert view.note.text().startswith("Esta página todavía no está en español")
    assert view.text.document().toPlainText().startswith("What to expect") or \
        "months" in view.text.document().toPlainText()
    assert not window.views[2].note.isVisible()


def test_language_can_be_chosen_on_the_attract_screen(make_kiosk, qtbot):
    window = make_kiosk(attract=True)
    tap(qtbot, window.attract.language_buttons["es"])
    assert window.showing_attract
    assert window.attract.touch.text() == "Toque para empezar"
    assert window.tabs.tabText(0) == "Resumen"


def test_idle_reset_puts_size_contrast_and_language_back(make_kiosk, qtbot):
    window = make_kiosk(attract=True, idle_timeout=0.2, countdown=0.2,
                        speech_command=NULL_VOICE)
    tap(qtbot, window.attract.language_buttons["es"])
    tap(qtbot, window.attract)
    window.state.set_text_size(3)
    window.state.set_contrast(True)
    with qtbot.waitSignal(window.sessionEnded, timeout=5000):
        pass
    assert window.lang == "en" and window.tabs.tabText(0) == "Overview"
    assert window.text_scale == 1.0 and not window.contrast
    assert window.attract.touch.text() == "Touch to start"
    assert not window.header.contrast_button.isChecked()


needs_voice = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                 reason="needs espeak-ng (make test installs it)")


@needs_voice
def test_listen_reads_aloud_highlights_and_pauses(make_kiosk, qtbot):
    window = make_kiosk(speech_command=NULL_VOICE)
    window.speaker.clock = VoiceClock()
    listen = window.header.listen_button
    with qtbot.waitSignal(window.speaker.sentenceStarted) as started:
        tap(qtbot, listen)
    assert started.args == [0]
    assert window.speaker.state == "speaking" and listen.text() == "Pause"
    assert window.current_view.text.extraSelections()
    qtbot.waitUntil(lambda: window.speaker._index >= 1)
    tap(qtbot, listen)
    assert window.speaker.state == "paused" and listen.text() == "Listen"
    tap(qtbot, listen)
    assert window.speaker.state == "speaking"


@needs_voice
def test_listen_stops_on_page_change_language_change_and_reset(make_kiosk, qtbot):
    window = make_kiosk(speech_command=NULL_VOICE)
    window.speaker.clock = VoiceClock()
    for stop in (lambda: window.navigator.go(2), lambda: window.state.set_language("es"),
                 lambda: window.reset()):
        with qtbot.waitSignal(window.speaker.sentenceStarted):
            window.listen.listen()
        stop()
        assert window.speaker.state == "idle"
        assert window.header.listen_button.text() in ("Listen", "Escuchar")
        assert not window.current_view.text.extraSelections()


def test_with_no_voice_the_button_says_so_kindly(make_kiosk, qtbot):
    window = make_kiosk(speech_command=("no-such-voice-program",))
    tap(qtbot, window.header.listen_button)
    assert window.header.listen_button.text() == "Sound not available"
    assert window.speaker.state == "idle"


@needs_voice
@pytest.mark.parametrize("voice, why", [
    # espeak-ng on an audio device that is not there: it prints an error and exits 0.
    (("espeak-ng", "-d", "no-such-audio-device"), "reported: error"),
    # Speech that went to a file, not to ears: far faster than any voice speaks.
    (NULL_VOICE, "no audio output"),
], ids=["broken-device", "impossibly-fast"])
def test_listen_with_no_working_audio_says_so_and_warns_the_staff(make_kiosk, qtbot, caplog,
                                                                   voice, why):
    window = make_kiosk(speech_command=voice)
    with qtbot.waitSignal(window.speaker.failed, timeout=10000) as failed:
        tap(qtbot, window.header.listen_button)
    assert why in failed.args[0]
    assert window.header.listen_button.text() == "Sound not available"
    assert window.speaker.state == "idle"
    assert not window.current_view.text.extraSelections()
    assert any("speech does not reach an audio device" in r.getMessage()
               for r in caplog.records if r.levelname == "WARNING")
    window.state.set_language("es")
    assert window.header.listen_button.text() == "Sonido no disponible"


def test_controls_have_names_in_the_current_language(make_kiosk, qtbot):
    window = make_kiosk()
    assert window.header.larger_button.accessibleName() == "Larger text"
    window.state.set_language("es")
    assert window.header.larger_button.accessibleName() == "Letra más grande"
    assert window.countdown.keep.accessibleName() == "Seguir leyendo"
    assert window.pin_pad.keys["5"].accessibleName() == "Número 5"
