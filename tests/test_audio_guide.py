"""The audio guide, tested through the speech commands it issues: a voice command writes each
utterance (and its voice) to a file instead of a sound card; keys pressed in the real window."""

from pathlib import Path

import pytest
from conftest import ManualClock, VoiceClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def recorder(path: Path) -> tuple[str, ...]:
    # Speaker runs: sh -c SCRIPT PATH -v LANG -- TEXT   ($0 is PATH, $* the rest)
    return ("sh", "-c", 'printf "%s\\n" "$*" >> "$0"', str(path))


@pytest.fixture
def guided(make_kiosk, qtbot, tmp_path):
    said = tmp_path / "said.txt"
    said.touch()

    def make(**options):
        window = make_kiosk(speech_command=recorder(said), **options)
        window.guide.speaker.clock = VoiceClock()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    def heard(text: str, timeout: int = 5000) -> str:
        qtbot.waitUntil(lambda: text in said.read_text(), timeout=timeout)
        return said.read_text()

    return make, heard


def press(qtbot, key) -> None:
    if QApplication.focusWidget() is None:
        # The offscreen platform drops the window's activation after the first page shows (on
        # main too; on X it stays): take it back, as the kiosk's lockdown does on real screens.
        QApplication.topLevelWidgets()[0].window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_a_key_on_the_welcome_screen_turns_the_guide_on_and_it_reads_by_paragraph(
        guided, qtbot):
    make, heard = guided
    window = make(attract=True)
    assert not window.guide.on
    press(qtbot, Qt.Key.Key_A)  # any key of a keypad
    assert "Audio guide on. Press H for help.\n-v en -- Start, button" in heard("Start, button")
    press(qtbot, Qt.Key.Key_Return)
    heard("-v en -- Overview, page text. Down arrow reads on.")
    heard("-v en -- Overview, page 1 of 6")
    press(qtbot, Qt.Key.Key_Down)
    heard("-- Heading: Stem cells and hair loss: the basics")
    press(qtbot, Qt.Key.Key_Down)
    heard("-- This guide helps you learn about stem cell treatment for hair loss.")
    press(qtbot, Qt.Key.Key_N)
    heard("-- Heading: The whole guide in short")
    press(qtbot, Qt.Key.Key_P)  # back to the heading before
    qtbot.waitUntil(lambda: heard("").count("Heading: Stem cells and hair loss: the basics") == 2)
    press(qtbot, Qt.Key.Key_H)
    heard("Down arrow reads the next paragraph")


def test_the_guide_speaks_spanish_with_the_spanish_voice_and_ends_at_the_reset(guided, qtbot):
    make, heard = guided
    window = make(attract=True, lang="es")
    press(qtbot, Qt.Key.Key_A)
    heard("-v es -- Empezar, botón")
    press(qtbot, Qt.Key.Key_Return)
    heard("-v es -- Resumen, página 1 de 6")
    window.reset("idle")
    assert not window.guide.on


def test_the_config_turns_the_guide_on_for_every_patient_and_it_says_the_text_size(guided):
    make, heard = guided
    window = make(audio_guide=True)
    assert window.guide.on
    window.header.larger_button.click()
    heard("-v en -- Text size 125 percent")
    window.reset("idle")
    assert window.guide.on  # the config keeps it on for every patient


def test_reading_with_the_guide_counts_as_using_the_kiosk(guided, qtbot):
    """A patient listening paragraph by paragraph is using the kiosk: the keys the guide
    answers keep "Are you still reading?" away, like a tap would."""
    make, heard = guided
    window = make(attract=True, audio_guide=True, idle_timeout=60)
    clock = window.idle.clock = ManualClock()
    press(qtbot, Qt.Key.Key_Return)
    heard("Overview, page 1 of 6")
    window.idle.start()
    for minute in range(3):  # three minutes of reading, a paragraph every 40 s
        clock.now += 40
        press(qtbot, Qt.Key.Key_Down)
        clock.now += 40
        press(qtbot, Qt.Key.Key_Down)
        window.idle.check()
        assert not window.countdown.isVisible(), f"asked after {minute + 1} minutes"
    clock.now += 61  # and then nobody: the question comes
    window.idle.check()
    assert window.countdown.isVisible()
