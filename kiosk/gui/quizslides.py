"""The teach-back questions as presentation slides: after the last page, each question on a
slide of its own, and its answer on the next (the next key or the page clock shows it).

Slides are numbered after the pages: slide ``i`` of :class:`QuizSlides` is the talk's
``len(pages) + i``. They are drawn by the window's quiz overlay (``kiosk.gui.quiz``).
"""

from __future__ import annotations

from kiosk.gui.i18n import tr
from kiosk.quiz import Question, load_quiz


class QuizSlides:
    """Two slides per question of the window's quiz (none when the language has no quiz)."""

    def __init__(self, window) -> None:
        self.window = window
        quiz = load_quiz(window.settings.content, window.lang)
        questions = quiz.questions if quiz is not None and quiz.usable else []
        self.title = quiz.title if questions else ""
        #: (question, answer shown?) per slide.
        self.slides: list[tuple[Question, bool]] = [
            (q, reveal) for q in questions for reveal in (False, True)]

    def __len__(self) -> int:
        return len(self.slides)

    def titles(self) -> list[str]:
        """What the presenter view calls each slide."""
        return [(tr("Answer {number}") if reveal else tr("Question {number}")).format(
            number=i // 2 + 1) for i, (_q, reveal) in enumerate(self.slides)]

    def words(self, index: int) -> str:
        """The words on slide ``index`` (its time on screen follows their number)."""
        q, reveal = self.slides[index]
        return " ".join([q.text, *q.choices, q.why if reveal else ""])

    def show(self, index: int) -> None:
        """Put slide ``index`` on the audience screen."""
        q, reveal = self.slides[index]
        self.window.quiz.show_slide(self.title, q, reveal, index // 2 + 1, len(self.slides) // 2)

    def hide(self) -> None:
        """Back to the pages."""
        self.window.quiz.hide()
