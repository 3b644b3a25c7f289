"""The teach-back check, "Check what you learned": questions read from ``<lang>/quiz.md`` (no Qt).

The file is markdown with front matter (``title``, ``reviewed``); each question is a level-2
heading, its choices a list with the right one marked ``[x]``, then a ``Why:`` line (one
sentence, shown after the answer) and a ``Page:`` line (the file name of the page it comes
from, without ``.md``)::

    ## How long should you keep your scalp out of the sun?
    - A day
    - [x] At least a week
    - A year
    Why: Dr Bhatt says to keep your scalp out of the sun for at least a week.
    Page: how-it-works

Questions are known to the statistics by their place: ``q1``, ``q2``... so keep the same order
in every language (``kiosk check`` warns when the pages differ from the reference language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content import REFERENCE_LANG, Problem

FILE_NAME = "quiz.md"
MIN_QUESTIONS, MAX_QUESTIONS = 3, 5
MAX_CHOICES = 4
_CHOICE = re.compile(r"^\s*[-*]\s+(\[[xX ]\]\s+)?(.+?)\s*$")
_KEY = re.compile(r"^\s*(why|page|por qué|porque|página)\s*:\s*(.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """One question: its words, the choices, which one is right, why, and its page."""

    id: str
    text: str
    choices: tuple[str, ...]
    answer: int
    why: str
    page: str
    line: int = 0

    @property
    def right(self) -> str:
        """The right choice's words."""
        return self.choices[self.answer]


@dataclass
class Quiz:
    """A language's questions (possibly none) and what is wrong with the file."""

    path: Path
    title: str = ""
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """True when the kiosk can offer it: questions, and no error in the file."""
        return bool(self.questions) and not any(p.severity == "error" for p in self.problems)


def quiz_path(root: Path, lang: str) -> Path:
    """Where the quiz of ``lang`` lives under the content folder ``root``."""
    return root / lang / FILE_NAME


def load_quiz(root: Path, lang: str) -> Quiz | None:
    """The quiz of ``lang`` (None when the language has no quiz file); never raises."""
    path = quiz_path(root, lang)
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Quiz(path, problems=[Problem(path, f"cannot read the quiz: {exc}")])
    return parse_quiz(path, text)


def parse_quiz(path: Path, text: str) -> Quiz:
    """Read a quiz file's text; every mistake becomes a Problem naming its line."""
    from kiosk.frontmatter import split

    meta, body, body_line, problems = split(path, text.replace("\r\n", "\n"), keys=False)
    quiz = Quiz(path, str(meta.get("title") or "Check what you learned"), problems=problems)
    blocks: list[tuple[int, str, list[tuple[int, str]]]] = []
    for number, line in enumerate(body.split("\n"), start=body_line):
        if line.startswith("## "):
            blocks.append((number, line[3:].strip(), []))
        elif line.strip() and blocks:
            blocks[-1][2].append((number, line))
        elif line.strip() and not line.startswith("# "):
            quiz.problems.append(Problem(path, "text before the first question (a '## ' "
                                               "heading) is not shown", number, "warning"))
    for index, (line, text_, rest) in enumerate(blocks, start=1):
        question = _question(path, f"q{index}", line, text_, rest, quiz.problems)
        if question is not None:
            quiz.questions.append(question)
    if not MIN_QUESTIONS <= len(blocks) <= MAX_QUESTIONS:
        quiz.problems.append(Problem(path, f"has {len(blocks)} questions; expected "
                                           f"{MIN_QUESTIONS} to {MAX_QUESTIONS}"))
    return quiz


def _question(path: Path, qid: str, line: int, text: str, rest: list[tuple[int, str]],
              problems: list[Problem]) -> Question | None:
    choices: list[str] = []
    right: list[int] = []
    why = page = ""
    for number, raw in rest:
        if (key := _KEY.match(raw)) is not None:
            if key.group(1).lower().startswith("p") and "qu" not in key.group(1).lower():
                page = key.group(2).removesuffix(".md")
            else:
                why = key.group(2)
        elif (choice := _CHOICE.match(raw)) is not None:
            if choice.group(1) and choice.group(1).strip().lower() == "[x]":
                right.append(len(choices))
            choices.append(choice.group(2))
        else:
            problems.append(Problem(path, f"{text[:40]!r}: cannot read {raw.strip()[:40]!r}; "
                                          "expected a choice ('- ...'), 'Why:' or 'Page:'",
                                    number))
    before = len(problems)
    if not text.endswith("?"):
        problems.append(Problem(path, f"{text[:40]!r}: a question ends with '?'", line,
                                "warning"))
    if not 2 <= len(choices) <= MAX_CHOICES:
        problems.append(Problem(path, f"{text[:40]!r}: has {len(choices)} choices; expected "
                                      f"2 to {MAX_CHOICES}", line))
    if len(right) != 1:
        problems.append(Problem(path, f"{text[:40]!r}: mark exactly one choice as right with "
                                      f"'- [x] ...' (found {len(right)})", line))
    if not why:
        problems.append(Problem(path, f"{text[:40]!r}: no 'Why:' line", line))
    if not page:
        problems.append(Problem(path, f"{text[:40]!r}: no 'Page:' line naming the page it "
                                      "comes from", line))
    if any(p.severity == "error" for p in problems[before:]):
        return None
    return Question(qid, text, tuple(choices), right[0], why, page, line)


def check_quiz(root: Path, lang: str, slugs: set[str], glossary=None, grading: bool = True,
               max_words: int = 20, max_syllables: int = 4) -> list[Problem]:
    """What ``kiosk check`` says about ``lang``'s quiz: the file's own problems, pages that
    do not exist, and the plain-language bars of the pages (sentences of at most
    ``max_words`` words; with ``grading``, words over ``max_syllables`` syllables only if the
    ``glossary`` explains them). Nothing when the language has no quiz file."""
    from kiosk import readability

    quiz = load_quiz(root, lang)
    if quiz is None:
        return []

    def long_word(word: str) -> str | None:
        forms = {word, word.removesuffix("s"), word.removesuffix("es")}
        if any(c.isdigit() for c in word) or (glossary is not None and any(
                f in glossary for f in forms if f)):
            return None
        count = readability.syllables(word, lang)
        return (f"{word!r} has {count} syllables and is not in {lang}/glossary.md: use a "
                "plainer word") if count > max_syllables else None

    problems = list(quiz.problems)
    for q in quiz.questions:
        if q.page not in slugs:
            problems.append(Problem(quiz.path, f"{q.id}: page {q.page!r} does not exist "
                                               f"(pages: {', '.join(sorted(slugs))})", q.line))
        for part in (q.text, *q.choices, q.why):
            for sentence in readability.sentences(part):
                count = len(readability.words(sentence))
                if count > max_words:
                    problems.append(Problem(quiz.path, f"{q.id}: sentence of {count} words "
                                                       f"(more than {max_words}): "
                                                       f"{sentence[:30]!r}", q.line, "warning"))
            for word in readability.words(part) if grading else ():
                if (message := long_word(word)) is not None:
                    problems.append(Problem(quiz.path, f"{q.id}: {message}", q.line,
                                            "warning"))
    reference = load_quiz(root, REFERENCE_LANG) if lang != REFERENCE_LANG else None
    if reference is not None and [q.page for q in reference.questions] != \
            [q.page for q in quiz.questions]:
        problems.append(Problem(quiz.path, "questions differ from "
                                           f"{REFERENCE_LANG}/{FILE_NAME} (their pages, in "
                                           "order): the statistics count them by place",
                                severity="warning"))
    return problems
