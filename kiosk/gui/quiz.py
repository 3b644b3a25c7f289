""""Check what you learned": the teach-back questions as an overlay, one question at a time.

A right answer shows "That's right" and why; a wrong one shows the right answer, why, and a
button to the page it comes from. No grade or score is shown. Each question shown and each
first answer that is right is recorded anonymously (``quiz_asked``, ``quiz_right``). The
questions come from ``kiosk.quiz`` (Qt-free); this widget only shows them and forwards taps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import stats
from kiosk.gui.i18n import tr
from kiosk.gui.overlay import Overlay
from kiosk.gui.plainlabel import PlainLabel
from kiosk.quiz import Question, Quiz, load_quiz


class ChoiceButton(QPushButton):
    """A button whose words wrap (a QPushButton's own text never does)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="quizChoice")
        self.label = PlainLabel(text, self, objectName="quizChoiceText")
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.label)
        self.setAccessibleName(text)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_words(self, text: str) -> None:
        """Change the words (a mark such as "✓ Right answer:" in front)."""
        self.label.setText(text)
        self.setAccessibleName(text)

    def sizeHint(self):  # noqa: N802 - Qt's name
        # The words' size, but never below the style's button height (min-height in QSS).
        return self.layout().sizeHint().expandedTo(super().sizeHint())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return max(self.layout().heightForWidth(width), super().sizeHint().height())


class QuizOverlay(Overlay):
    """The teach-back questions over the page.

    Signals:
        pageRequested(str): the patient wants to read the page a question comes from.
        closed(): the patient closed the questions.
    """

    pageRequested = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "quizOverlay")
        self.quiz: Quiz | None = None
        self.index = 0
        self.answered: int | None = None
        self._titles: dict[str, str] = {}
        self.title = PlainLabel(objectName="overlayTitle", wordWrap=True)
        self.progress = PlainLabel(objectName="overlayHint")
        self.question = PlainLabel(objectName="quizQuestion", wordWrap=True)
        self.feedback = PlainLabel(objectName="quizFeedback", wordWrap=True)
        self.choices: list[ChoiceButton] = []
        self._choice_box = QVBoxLayout()
        self._choice_box.setSpacing(12)
        self.page_button = QPushButton(objectName="secondaryButton")
        self.next_button = QPushButton(objectName="primaryButton")
        self.close_button = QPushButton(objectName="secondaryButton")
        for button in (self.page_button, self.next_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.page_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self.card)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(self.question)
        layout.addLayout(self._choice_box)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)
        self.next_button.clicked.connect(self.next_question)
        self.close_button.clicked.connect(self.close_quiz)
        self.page_button.clicked.connect(self._go_to_page)

    # ---- what the window calls -------------------------------------------------------------

    def open_quiz(self, root: Path, lang: str, titles: dict[str, str]) -> bool:
        """Start the questions of ``lang`` from the first; False when there are none to ask."""
        quiz = load_quiz(root, lang)
        if quiz is None or not quiz.usable:
            return False
        self.quiz, self._titles, self.index = quiz, titles, 0
        self.title.setText(quiz.title)
        self.setAccessibleName(quiz.title)  # the dialog's name, spoken as the focus enters
        self._show_question()
        self.open()
        return True

    @property
    def current(self) -> Question | None:
        """The question on screen (None on the closing card)."""
        if self.quiz is None or self.index >= len(self.quiz.questions):
            return None
        return self.quiz.questions[self.index]

    def answer(self, choice: int) -> None:
        """The patient chose ``choice``: say whether it is right, and why."""
        q = self.current
        if q is None or self.answered is not None:
            return
        self.answered = choice
        right = choice == q.answer
        if right:
            stats.record("quiz_right", question=q.id, page=q.page)
            self.feedback.setText(tr("That's right.") + " " + q.why)
        else:
            self.feedback.setText(tr("Not quite. The answer is: {answer}.").format(
                answer=q.right.rstrip(".")) + " " + q.why)
        for i, button in enumerate(self.choices):
            button.setEnabled(False)
            if i == q.answer:
                button.set_words("✓ " + q.choices[i])
            elif i == choice:
                button.set_words("✗ " + q.choices[i])
        self.feedback.show()
        self.page_button.setVisible(not right)
        self.page_button.setText(tr("Read the page: {page}").format(
            page=self._titles.get(q.page, q.page)))
        last = self.index + 1 >= len(self.quiz.questions)
        self.next_button.setText(tr("Finish") if last else tr("Next question"))
        self.next_button.show()
        self.fit_card()
        self.next_button.setFocus()

    def show_slide(self, title: str, q: Question, reveal: bool, number: int, total: int) -> None:
        """Presentation mode: ``q`` as a slide for a room, its answer only when ``reveal``."""
        self.quiz = None
        self.title.setText(title)
        for button in self.choices:
            self._choice_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.choices = []
        self.progress.setText(tr("Question {number} of {total}").format(number=number,
                                                                        total=total))
        self.progress.show()
        self.question.setText(q.text)
        for i, text in enumerate(q.choices):
            button = ChoiceButton(("✓ " if reveal and i == q.answer else "") + text)
            button.setEnabled(False)  # a slide: the room answers aloud
            self._choice_box.addWidget(button)
            self.choices.append(button)
        self.feedback.setText(tr("The answer is: {answer}.").format(answer=q.right.rstrip("."))
                              + " " + q.why)
        self.feedback.setVisible(reveal)
        for button in (self.page_button, self.next_button, self.close_button):
            button.hide()
        window = self.parentWidget()
        self.card.setFixedWidth(max(200, min(window.width() - 48,
                                             round(max(window.width() * 0.6, 640)))))
        self.open()
        # The new choices' sizes are known once laid out: size the card again then.
        QTimer.singleShot(0, self, self.fit_card)

    def next_question(self) -> None:
        """Go on to the next question, or to the closing card after the last one."""
        if self.quiz is None:
            return
        self.index += 1
        self._show_question()

    def close_quiz(self) -> None:
        """Hide the questions."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    # ---- inside --------------------------------------------------------------------------

    def _show_question(self) -> None:
        for button in self.choices:
            self._choice_box.removeWidget(button)
            button.hide()  # deleted later: hidden now, or it shows until then
            button.deleteLater()
        self.choices = []
        self.answered = None
        self.feedback.hide()
        self.page_button.hide()
        self.close_button.setText(tr("Close"))
        self.close_button.show()
        q = self.current
        total = len(self.quiz.questions)
        self.progress.setVisible(q is not None)
        if q is None:  # the end: thanks, and no score
            self.progress.setText("")
            self.question.setText(tr("Thank you. Ask your dermatologist about anything "
                                     "that is not clear."))
            self.next_button.hide()
            self.fit_card()
            self.close_button.setFocus()
            return
        stats.record("quiz_asked", question=q.id, page=q.page)
        self.progress.setText(tr("Question {number} of {total}").format(
            number=self.index + 1, total=total))
        self.question.setText(q.text)
        for i, text in enumerate(q.choices):
            button = ChoiceButton(text)
            button.clicked.connect(lambda _checked=False, i=i: self.answer(i))
            self._choice_box.addWidget(button)
            self.choices.append(button)
        self.next_button.hide()
        # One width for every question, so the card does not jump from one to the next.
        window = self.parentWidget()
        self.card.setFixedWidth(max(200, min(window.width() - 48,
                                             round(max(window.width() * 0.55, 640)))))
        self.fit_card()
        QTimer.singleShot(0, self, self.fit_card)  # again once the new choices are laid out

    def _go_to_page(self) -> None:
        q = self.current
        if q is not None:
            self.close_quiz()
            self.pageRequested.emit(q.page)
