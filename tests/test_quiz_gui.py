"""A patient takes "Check what you learned" in the real window: taps, answers, the page link,
the idle reset, and what reaches the statistics database."""

import pytest
from conftest import CONTENT, tap

from kiosk import stats
from kiosk.quiz import load_quiz
from kiosk.stats import store
from kiosk.stats.recorder import Recorder


@pytest.fixture
def recorder(tmp_path):
    rec = Recorder(tmp_path / "stats.sqlite3", "test-kiosk", flush_every=0.05).start()
    stats.install(rec)
    yield rec
    stats.install(None)
    rec.close()



def open_quiz(qtbot, window, page: int = 5):
    window.navigator.go(page)
    view = window.current_view
    view.ensureWidgetVisible(view.quiz_button)
    label = {"en": "Check what you learned", "es": "Compruebe lo que aprendió"}[window.lang]
    assert view.quiz_button.isVisible() and view.quiz_button.text() == label
    tap(qtbot, view.quiz_button)
    qtbot.waitUntil(window.quiz.isVisible)
    return window.quiz


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_wrong_answer_shows_the_right_one_why_and_the_page(make_kiosk, qtbot, recorder, lang):
    window = make_kiosk(lang=lang, size=(1920, 1080))
    quiz = open_quiz(qtbot, window)
    first = load_quiz(CONTENT, lang).questions[0]
    assert quiz.question.text() == first.text
    assert [b.label.text() for b in quiz.choices] == list(first.choices)
    wrong = next(i for i in range(len(first.choices)) if i != first.answer)
    tap(qtbot, quiz.choices[wrong])
    shown = quiz.feedback.text()
    assert first.right.rstrip(".") in shown and first.why in shown
    assert quiz.choices[first.answer].label.text().startswith("✓ ")
    assert quiz.choices[wrong].label.text().startswith("✗ ")
    assert not any(b.isEnabled() for b in quiz.choices)  # one answer per question
    # No grade or score anywhere on the card.
    assert "%" not in shown and "score" not in shown.lower()
    assert quiz.page_button.isVisible()
    tap(qtbot, quiz.page_button)
    qtbot.waitUntil(lambda: not quiz.isVisible())
    assert window.pages[window.navigator.current].slug == first.page


def test_right_answers_say_so_and_the_end_thanks_without_a_score(make_kiosk, qtbot, recorder):
    window = make_kiosk(size=(1280, 800))
    quiz = open_quiz(qtbot, window, page=2)
    questions = load_quiz(CONTENT, "en").questions
    for number, q in enumerate(questions, start=1):
        assert quiz.progress.text() == f"Question {number} of {len(questions)}"
        if number == 3:
            tap(qtbot, quiz.choices[(q.answer + 1) % len(q.choices)])  # one miss
        else:
            tap(qtbot, quiz.choices[q.answer])
            assert quiz.feedback.text() == "That's right. " + q.why
            assert not quiz.page_button.isVisible()
        tap(qtbot, quiz.next_button)
    assert quiz.current is None and "Thank you" in quiz.question.text()
    assert not quiz.next_button.isVisible() and not quiz.progress.isVisible()
    tap(qtbot, quiz.close_button)
    qtbot.waitUntil(lambda: not quiz.isVisible())
    assert recorder.flush()
    conn = store.open_for_reading(recorder.path)
    try:
        events = store.read_events(conn)
    finally:
        conn.close()
    asked = [e.value for e in events if e.kind == "quiz_asked"]
    right = [e.value for e in events if e.kind == "quiz_right"]
    assert asked == ["q1", "q2", "q3", "q4", "q5"]
    assert right == ["q1", "q2", "q4", "q5"]
    assert {e.page for e in events if e.kind == "quiz_asked"} == {q.page for q in questions}


def test_the_idle_reset_closes_the_questions_for_the_next_patient(make_kiosk, qtbot):
    window = make_kiosk()
    quiz = open_quiz(qtbot, window)
    tap(qtbot, quiz.choices[0])
    window.reset("idle")
    assert not quiz.isVisible()
    quiz = open_quiz(qtbot, window)
    assert quiz.progress.text() == "Question 1 of 5" and not quiz.feedback.isVisible()


def test_no_quiz_file_means_no_button(make_kiosk, content_dir):
    (content_dir / "en" / "quiz.md").unlink()
    window = make_kiosk(content=content_dir)
    window.navigator.go(5)
    assert not window.current_view.quiz_button.isVisibleTo(window.current_view)


def test_a_broken_quiz_file_is_not_offered_as_questions(make_kiosk, qtbot, content_dir):
    (content_dir / "en" / "quiz.md").write_text("---\ntitle: x\n---\n\n## Broken?\n- a\n",
                                                 encoding="utf-8")
    window = make_kiosk(content=content_dir)
    window.navigator.go(0)
    tap(qtbot, window.current_view.quiz_button)
    assert not window.quiz.isVisible()  # nothing half-made; the page stays usable
    assert window.current_view.isVisible()
