"""Issue 5: presentation mode on the real window: pages move on, clicker keys, blank, touch."""

import pytest
from conftest import CONTENT, SIX, ManualClock
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.gui.presentmode import TEXT_SCALE
from kiosk.presentation import Timing, count_words
from kiosk.quiz import load_quiz
from kiosk.theme import Metrics

#: A clicker in front of a locked presentation: keys go to the focused page, as in real use.
K = Qt.Key
#: The talk: the six pages, then each teach-back question and its answer (content/en/quiz.md).
QUESTIONS = load_quiz(CONTENT, "en").questions
TALK = len(SIX) + 2 * len(QUESTIONS)


@pytest.fixture
def talk(make_kiosk):
    """A locked presentation (mode "present") whose pages stay an hour unless told."""

    def make(**options):
        settings = dict(mode="present", present_seconds=3600, idle_timeout=0) | options
        window = make_kiosk(**settings)
        window.current_view.setFocus()
        return window

    return make


def title(window) -> str:
    return window.pages[window.navigator.current].title


def press(qtbot, window, key) -> None:
    """A real key event sent to the page that has the keyboard focus."""
    qtbot.keyClick(window.current_view, key)


def test_presentation_starts_on_the_first_page_with_large_type_and_no_tabs(talk):
    window = talk(attract=True)
    assert not window.showing_attract
    assert title(window) == "Overview"
    assert not window.tabs.tabBar().isVisible()
    assert not window.header.larger_button.isVisible()  # no patient controls for a room
    body = Metrics.for_size(1280, 800).body
    from PySide6.QtGui import QFontInfo

    assert QFontInfo(window.current_view.text.font()).pixelSize() == round(body * TEXT_SCALE)
    bar = window.presentation.bar
    assert bar.isVisible() and bar.count.text() == f"1 / {TALK}"
    assert bar.progress.value() == 1 and bar.progress.maximum() == TALK
    assert window.lockdown is not None  # locked like the kiosk


def test_pages_advance_in_order_and_loop_after_the_last(talk, qtbot):
    window = talk(present_seconds=0.15)
    seen = [title(window)]
    for _ in range(6):
        with qtbot.waitSignal(window.navigator.currentChanged, timeout=3000):
            pass
        seen.append(title(window))
    assert seen == SIX + ["Overview"]
    assert window.presentation.bar.count.text() == f"1 / {TALK}"


def test_each_page_stays_the_time_its_length_needs(talk, qtbot):
    import time

    window = talk(present_seconds=0, present_min=0, present_max=0.4)
    presenter = window.presentation.presenter
    expected = Timing(0, 0, 0.4).seconds(count_words(window.views[0].rendered.html))
    assert presenter.page_seconds == pytest.approx(expected) == pytest.approx(0.4)
    shown_at = presenter.page_started
    with qtbot.waitSignal(window.navigator.currentChanged, timeout=3000):
        pass
    # Measured from when the page was shown (a busy machine only makes it later).
    assert time.monotonic() - shown_at >= 0.39
    # Words decide when the limits do not, at the one reading pace.
    from kiosk.readability import WORDS_PER_MINUTE

    words = count_words(window.views[1].rendered.html)
    assert Timing(0, 0, 9999).seconds(words) == pytest.approx(words * 60 / WORDS_PER_MINUTE)


def test_a_long_page_scrolls_smoothly_to_its_end_before_the_next(talk, qtbot):
    # 5 s: the scroll takes 3.25 s, long enough to be seen half way even when a busy
    # machine delays a frame or two.
    window = talk(present_seconds=5)
    bar = window.current_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=10000)
    qtbot.waitUntil(lambda: 0 < bar.value() < bar.maximum(), timeout=6000)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=6000)
    assert title(window) == "Overview"  # the end is shown before the page changes
    with qtbot.waitSignal(window.navigator.currentChanged, timeout=6000):
        pass


@pytest.mark.parametrize("key", [K.Key_Right, K.Key_Down, K.Key_PageDown, K.Key_Space, K.Key_N])
def test_next_keys_turn_to_the_next_page(talk, qtbot, key):
    window = talk()
    bar = window.current_view.verticalScrollBar()
    press(qtbot, window, key)
    assert title(window) == "How it works"
    assert bar.value() == 0  # the key moved the talk, not the page's scroll bar


@pytest.mark.parametrize("key", [K.Key_Left, K.Key_Up, K.Key_PageUp, K.Key_P, K.Key_Backspace])
def test_previous_keys_turn_back(talk, qtbot, key):
    window = talk()
    window.navigator.go(3)
    press(qtbot, window, key)
    assert title(window) == "Who benefits"


def test_home_and_end_go_to_the_first_and_last_page(talk, qtbot):
    window = talk()
    press(qtbot, window, K.Key_End)  # the last slide: the last question's answer
    assert title(window) == "Safety" and window.quiz.feedback.isVisible()
    assert window.quiz.question.text() == QUESTIONS[-1].text
    press(qtbot, window, K.Key_Home)
    assert title(window) == "Overview" and not window.quiz.isVisible()


@pytest.mark.parametrize("key", [K.Key_B, K.Key_Period, K.Key_V, K.Key_Semicolon, K.Key_Slash])
def test_blank_keys_black_out_the_screen_and_back(talk, qtbot, key):
    window = talk()
    presenter = window.presentation.presenter
    press(qtbot, window, key)
    blank = window.presentation.blank
    assert blank.isVisible() and blank.geometry() == window.rect()
    assert not presenter.running  # the page's time waits while the screen is black
    press(qtbot, window, key)
    assert not blank.isVisible() and presenter.running


def test_escape_pauses_and_f5_resumes_through_the_lockdown(talk, qtbot):
    window = talk()
    presenter = window.presentation.presenter
    press(qtbot, window, K.Key_Escape)
    assert presenter.paused and not presenter.running
    assert window.isVisible()  # Esc never leaves the presentation
    assert window.presentation.bar.state.text() == "Paused"
    press(qtbot, window, K.Key_F5)
    assert presenter.running and not window.presentation.bar.state.isVisible()
    press(qtbot, window, K.Key_A)
    assert presenter.paused
    press(qtbot, window, K.Key_A)
    assert presenter.running


def test_f5_also_brings_back_a_blank_screen(talk, qtbot):
    window = talk()
    press(qtbot, window, K.Key_B)
    press(qtbot, window, K.Key_F5)
    assert not window.presentation.blank.isVisible() and window.presentation.presenter.running


def test_paused_talk_does_not_move_on(talk, qtbot):
    window = talk(present_seconds=0.1)
    press(qtbot, window, K.Key_Escape)
    with qtbot.assertNotEmitted(window.navigator.currentChanged, wait=300):
        pass
    press(qtbot, window, K.Key_F5)
    with qtbot.waitSignal(window.navigator.currentChanged, timeout=3000):
        pass


@pytest.mark.parametrize(("key", "mods"), [
    (K.Key_X, Qt.KeyboardModifier.NoModifier),
    (K.Key_F4, Qt.KeyboardModifier.AltModifier),
    (K.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (K.Key_Right, Qt.KeyboardModifier.AltModifier),
])
def test_other_keys_and_exit_chords_do_nothing(talk, qtbot, key, mods):
    window = talk()
    presenter = window.presentation.presenter
    with qtbot.assertNotEmitted(window.navigator.currentChanged):
        qtbot.keyClick(window.current_view, key, mods)
    assert presenter.running and window.isVisible() and window.close() is False


def test_a_touch_pauses_and_the_talk_goes_on_after_the_idle_time(talk, qtbot):
    window = talk(present_seconds=0.3, idle_timeout=0.2)
    presenter = window.presentation.presenter
    presenter.clock = clock = ManualClock()
    press(qtbot, window, K.Key_Home)  # the page's time starts over, on this clock
    device = QTest.createTouchDevice()
    point = QPoint(600, 300)
    QTest.touchEvent(window, device).press(0, point).commit()
    QTest.touchEvent(window, device).release(0, point).commit()
    assert presenter.touch_paused and not presenter.running
    assert window.presentation.bar.state.text() == "Paused while you read"
    # Its clock has not moved: however long the machine takes, the talk waits.
    with qtbot.assertNotEmitted(window.navigator.currentChanged, wait=700):
        pass
    assert presenter.touch_paused
    clock.now += 0.2
    qtbot.waitUntil(lambda: presenter.running, timeout=3000)
    clock.now += 0.3                  # and the page's own time
    assert not window.countdown.isVisible()  # no "Are you still reading?" in a talk
    with qtbot.waitSignal(window.navigator.currentChanged, timeout=3000):
        pass


def test_a_tap_with_the_mouse_pauses_too(talk, qtbot):
    window = talk(idle_timeout=5)
    qtbot.mouseClick(window.current_view.text.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(5, 5))
    assert window.presentation.presenter.touch_paused


def test_swipe_turns_the_page_and_pauses(talk, qtbot):
    from test_window import finger

    window = talk(idle_timeout=5)
    with qtbot.waitSignal(window.navigator.currentChanged):
        finger(qtbot, window, QPoint(window.width() - 100, 300), QPoint(100, 310))
    assert title(window) == "How it works" and window.presentation.presenter.paused


def test_presenter_view_shows_notes_the_audience_never_sees(talk, qtbot):
    window = talk()
    view = window.presentation.open_presenter_view(None)
    qtbot.addWidget(view)
    assert view.isVisible() and view.now.text() == f"Now 1 / {TALK}: Overview"
    assert view.next.text() == "Next: How it works"
    assert view.notes.text().startswith("Welcome the room.")
    for page_view in window.views:
        page_view.ensure_rendered()
        assert "Welcome the room" not in page_view.text.document().toPlainText()
    window.navigator.go(5)
    assert view.now.text() == f"Now 6 / {TALK}: Safety"
    assert view.next.text() == "Next: Question 1"
    assert "Take this home" in view.notes.text()
    press(qtbot, window, K.Key_End)
    assert view.now.text() == f"Now {TALK} / {TALK}: Answer 5"
    assert view.next.text() == "Next: Overview (back to the start)"
    assert view.notes.text() == "No notes for this page."
    # Keys work from the presenter's own screen too; blanking blanks the audience only.
    qtbot.keyClick(view, K.Key_B)
    assert window.presentation.blank.isVisible()
    assert view.isVisible() and "black" in view.state.text()
    qtbot.keyClick(view, K.Key_B)
    assert not window.presentation.blank.isVisible()
    assert view.elapsed.text() == "0:00"


def test_windowed_present_is_a_demo_that_is_not_locked(make_kiosk, qtbot):
    window = make_kiosk(mode="windowed", present=True, present_seconds=3600)
    assert window.presentation is not None and window.lockdown is None
    qtbot.keyClick(window.current_view, K.Key_Right)
    assert title(window) == "How it works"
    assert window.close() is True


def test_kiosk_mode_has_no_presentation(make_kiosk):
    window = make_kiosk(mode="kiosk")
    assert window.presentation is None and window.tabs.tabBar().isVisible()


def test_after_the_last_page_each_question_is_a_slide_and_its_answer_the_next(talk, qtbot):
    window = talk()
    quiz = window.quiz
    window.navigator.go(5)
    press(qtbot, window, K.Key_Right)
    first = QUESTIONS[0]
    assert quiz.isVisible() and quiz.question.text() == first.text
    assert [b.label.text() for b in quiz.choices] == list(first.choices)
    assert not quiz.feedback.isVisible()  # the room answers first
    assert not any(b.isEnabled() for b in quiz.choices)
    assert window.presentation.bar.count.text() == f"7 / {TALK}"
    press(qtbot, window, K.Key_Right)
    assert quiz.feedback.isVisible() and first.why in quiz.feedback.text()
    assert quiz.choices[first.answer].label.text() == "✓ " + first.right
    press(qtbot, window, K.Key_Right)
    assert quiz.question.text() == QUESTIONS[1].text and not quiz.feedback.isVisible()
    # Back past the first question: the last page again, with no card over it.
    for _ in range(3):
        press(qtbot, window, K.Key_Left)
    assert not quiz.isVisible() and title(window) == "Safety"
    assert window.presentation.bar.count.text() == f"6 / {TALK}"
    # After the last answer the talk starts again at the first page.
    press(qtbot, window, K.Key_End)
    assert quiz.feedback.isVisible() and quiz.question.text() == QUESTIONS[-1].text
    press(qtbot, window, K.Key_Right)
    assert not quiz.isVisible() and title(window) == "Overview"


def test_question_slides_move_on_by_themselves(talk, qtbot):
    window = talk(present_seconds=0.15)
    window.navigator.go(5)
    qtbot.waitUntil(window.quiz.isVisible, timeout=3000)
    qtbot.waitUntil(window.quiz.feedback.isVisible, timeout=3000)
    with qtbot.waitSignal(window.navigator.currentChanged, timeout=5000):
        pass
    assert title(window) == "Overview" and not window.quiz.isVisible()


def test_a_page_moves_on_when_the_presenters_clock_says_its_time_is_up(talk, qtbot):
    """The page time is measured on the presenter's clock: held still, the talk waits however
    long the machine takes; moved on by the page's time, the next page comes."""
    window = talk(present_seconds=0.2)
    presenter = window.presentation.presenter
    presenter.clock = clock = ManualClock()
    press(qtbot, window, K.Key_Home)  # the page's time starts over, on this clock
    with qtbot.assertNotEmitted(window.navigator.currentChanged, wait=700):
        pass
    assert presenter.seconds_left == pytest.approx(0.2)
    clock.now += 0.15
    assert presenter.seconds_left == pytest.approx(0.05)
    clock.now += 0.05
    with qtbot.waitSignal(window.navigator.currentChanged, timeout=3000):
        pass
    assert title(window) == "How it works"
