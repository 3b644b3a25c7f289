"""The teach-back questions: the file format, ``kiosk check`` on it, and ``kiosk stats`` (no Qt)."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT

from kiosk.check import check_content
from kiosk.cli import main
from kiosk.content import load_pages
from kiosk.quiz import load_quiz, parse_quiz
from kiosk.stats import store
from kiosk.stats.events import Event, make_event
from kiosk.stats.quizreport import question_rows

GOOD = """---
title: Check what you learned
---

## Is it approved?
- Yes
- [x] No
Why: The FDA has not approved it.
Page: safety
"""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_shipped_quiz_has_three_to_five_questions_each_from_a_real_page(lang):
    quiz = load_quiz(CONTENT, lang)
    slugs = {p.slug for p in load_pages(CONTENT, lang)}
    assert quiz.usable and quiz.problems == []
    assert 3 <= len(quiz.questions) <= 5
    for q in quiz.questions:
        assert q.page in slugs and q.right in q.choices and q.why and q.text.endswith("?")
    # Counted by place in the statistics: the same pages in the same order in each language.
    english = load_quiz(CONTENT, "en")
    assert [q.page for q in quiz.questions] == [q.page for q in english.questions]


def test_quiz_is_not_a_page():
    assert "quiz" not in {p.slug for p in load_pages(CONTENT, "en")}


def test_a_question_is_read_with_its_right_answer_why_and_page(tmp_path):
    quiz = parse_quiz(tmp_path / "quiz.md", GOOD)
    (q,) = quiz.questions
    assert (q.id, q.text, q.choices, q.right, q.why, q.page) == (
        "q1", "Is it approved?", ("Yes", "No"), "No", "The FDA has not approved it.", "safety")


@pytest.mark.parametrize(("body", "message"), [
    ("- Yes\n- No\nWhy: x.\nPage: safety", "mark exactly one choice as right"),
    ("- [x] Yes\n- [x] No\nWhy: x.\nPage: safety", "(found 2)"),
    ("- [x] Yes\nWhy: x.\nPage: safety", "has 1 choices"),
    ("- [x] Yes\n- No\nPage: safety", "no 'Why:' line"),
    ("- [x] Yes\n- No\nWhy: x.", "no 'Page:' line"),
    ("- [x] Yes\n- No\nWhy: x.\nPage: safety\nSomething else", "cannot read 'Something else'"),
])
def test_a_broken_question_names_what_is_wrong_and_its_line(tmp_path, body, message):
    quiz = parse_quiz(tmp_path / "quiz.md", f"---\ntitle: T\n---\n\n## Is it?\n{body}\n")
    assert any(message in p.message and p.line for p in quiz.problems), quiz.problems
    assert not quiz.usable


def copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def test_kiosk_check_reports_a_missing_page_an_unmarked_answer_and_long_sentences(tmp_path):
    root = copy_content(tmp_path)
    path = root / "en" / "quiz.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Page: timeline", "Page: time-line", 1)
    text = text.replace("- [x] People who are bald", "- People who are bald", 1)
    text = text.replace("Why: The FDA has not", "Why: " + "very " * 20 + "so the FDA has not")
    path.write_text(text, encoding="utf-8")
    report = check_content(root, today=dt.date(2026, 12, 1), langs=["en"])
    found = [(p.severity, p.message) for p in report.problems if p.path == path]
    assert ("error", next(m for s, m in found if "'time-line' does not exist" in m)) in found
    assert any("mark exactly one choice" in m for _, m in found)
    assert any(s == "warning" and "sentence of" in m for s, m in found)
    assert main(["check", "--content", str(root)]) == 1


def test_kiosk_check_is_clean_on_the_shipped_quiz():
    report = check_content(CONTENT, today=dt.date(2026, 12, 1))
    assert not [p for p in report.problems if p.path.name == "quiz.md"]


def test_quiz_events_hold_only_the_question_place_and_page():
    event = make_event("quiz_right", {"question": "q3", "page": "timeline"}, ts=1.0,
                       kiosk="k", session=5)
    assert (event.value, event.page) == ("q3", "timeline")
    with pytest.raises(ValueError, match="not allowed"):
        make_event("quiz_asked", {"question": "q1", "answer": "Yes"}, ts=1.0, kiosk="k",
                   session=None)
    with pytest.raises(ValueError, match="slug"):
        make_event("quiz_asked", {"question": "What is my name?"}, ts=1.0, kiosk="k",
                   session=None)


T0 = dt.datetime(2026, 10, 5, 10).timestamp()


def test_kiosk_stats_shows_the_most_missed_question_first(capsys, tmp_path):
    events = []
    # q1 asked 10 times, right 9; q3 asked 8 times, right 2.
    for n in range(10):
        events.append(Event(T0 + n, "quiz_asked", "k", n, page="how-it-works", value="q1"))
        if n < 9:
            events.append(Event(T0 + n + 0.5, "quiz_right", "k", n, page="how-it-works",
                                value="q1"))
    for n in range(8):
        events.append(Event(T0 + 100 + n, "quiz_asked", "k", n, page="timeline", value="q3"))
        if n < 2:
            events.append(Event(T0 + 100 + n + 0.5, "quiz_right", "k", n, page="timeline",
                                value="q3"))
    rows = question_rows(events)
    assert [(r.question, r.asked, r.right_first) for r in rows] == [("q3", 8, 2), ("q1", 10, 9)]
    db = tmp_path / "s.sqlite3"
    conn = store.open_for_writing(db)
    store.insert(conn, events)
    conn.close()
    sheets = tmp_path / "csv"
    assert main(["stats", "--db", str(db), "--csv", str(sheets)]) == 0
    out = capsys.readouterr().out
    assert (sheets / "questions.csv").read_text(encoding="utf-8").splitlines() == [
        "question,page,asked,right_first_time,missed_share", "q3,timeline,8,2,0.7500",
        "q1,how-it-works,10,9,0.1000"]
    table = out[out.index("Check what you learned"):].splitlines()
    assert table[2].split()[:5] == ["q3", "timeline", "8", "2", "75%"]
    assert table[3].split()[:5] == ["q1", "how-it-works", "10", "9", "10%"]
    assert "When might you see fuller hair" in table[2]  # the words, from content/en/quiz.md
    assert "Most missed: q3, from the page 'timeline'" in out
