"""``kiosk check``: one deliberately wrong content folder per check, with exact messages."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from conftest import CONTENT

from kiosk.check import check_content, format_problem, format_text, to_json
from kiosk.cli import main

TODAY = dt.date(2026, 11, 25)
EASY = "# {title}\n\nThis page is short. It uses small words. You can read it fast.\n"


def page(root: Path, lang: str, slug: str, order: int, body: str | None = None,
         head: str | None = None) -> Path:
    """Write a page whose front matter is right unless ``head`` replaces it."""
    title = slug.capitalize()
    head = head if head is not None else (
        f"title: {title}\norder: {order}\nreviewed: 2026-10-01\nsources:\n  - \"A leaflet\"\n")
    path = root / lang / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}---\n\n" + (body or EASY.format(title=title)), encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A clean two-page English content folder."""
    root = tmp_path / "content"
    page(root, "en", "first", 1)
    page(root, "en", "second", 2)
    return root


def found(root: Path, **options) -> list[str]:
    """Every problem as ``lang/file:line: severity: message``."""
    report = check_content(root, today=TODAY, **options)
    return [format_problem(p).replace(f"{root}/", "") for p in report.problems]


def test_a_clean_folder_has_no_problems_and_exits_0(root: Path):
    report = check_content(root, today=TODAY)
    assert report.problems == [] and report.status == 0
    assert [(p.slug, p.status, p.words) for p in report.pages] == [
        ("first", "ok", 15), ("second", "ok", 15)]


def test_missing_key_wrong_type_and_impossible_date_are_errors(root: Path):
    page(root, "en", "first", 1, head="title: First\norder: first\nreviewed: 2026-10-01\n")
    page(root, "en", "second", 2,
         head="title: Second\norder: 2\nreviewed: 2026-02-30\nsources: [x]\n")
    assert found(root) == [
        "en/first.md:1: error: front matter lacks 'sources': expected a list of the sources "
        "the page draws on",
        "en/first.md:3: error: order: expected a whole number (the page's place in reading "
        "order), got 'first'",
        "en/second.md:1: error: front matter cannot be read: day is out of range for month",
    ]
    assert check_content(root, today=TODAY).status == 1


def test_two_pages_with_one_order_is_an_error(root: Path):
    page(root, "en", "second", 1)
    assert found(root) == [
        "en/second.md:3: error: order 1 is also the order of first.md: each page needs its own"]


def test_a_missing_translation_is_a_warning_not_an_error(root: Path):
    page(root, "es", "first", 1, body="# Primero\n\nEsta página es corta. Se lee rápido.\n")
    report = check_content(root, today=TODAY)
    assert found(root) == ["es/second.md: warning: missing translation: en/second.md has no "
                           "es version (the kiosk shows it in en)"]
    assert report.status == 0
    assert [(p.lang, p.slug, p.status) for p in report.pages][-1] == ("es", "second", "missing")


def test_pictures_must_exist_inside_the_content_folder(root: Path):
    (root / "en" / "img").mkdir()
    (root / "en" / "img" / "scalp.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    body = EASY.format(title="First") + ("\n![Scalp](img/scalp.png)\n\n![Gone](img/gone.png)"
                                         "\n\n![Secret](../../../etc/passwd.png)\n")
    page(root, "en", "first", 1, body=body)
    assert found(root) == [
        "en/first.md:15: error: image 'img/gone.png' does not exist (looked for en/img/gone.png)",
        "en/first.md:17: error: image '../../../etc/passwd.png' points outside the content "
        "folder",
    ]


def test_a_link_to_a_page_that_does_not_exist_is_an_error(root: Path):
    body = EASY.format(title="First") + "\nRead [the next page](second.md) and [more](thrid.md).\n"
    page(root, "en", "first", 1, body=body)
    assert found(root) == ["en/first.md:13: error: link to 'thrid.md' leads to no page in en/"]


def test_outside_links_are_listed_as_notes_for_qr_codes(root: Path):
    body = EASY.format(title="First") + "\nAsk [the FDA](https://www.fda.gov) for more.\n"
    page(root, "en", "first", 1, body=body)
    report = check_content(root, today=TODAY)
    assert found(root) == ["en/first.md:13: info: outside link https://www.fda.gov (the FDA): "
                           "shown as text, to become a QR code"]
    assert report.status == 0
    assert to_json(report)["links"] == [
        {"file": "en/first.md", "line": 13, "text": "the FDA", "url": "https://www.fda.gov"}]


def test_sentences_over_twenty_words_are_warned_with_their_line(root: Path):
    long = " ".join(["We"] + ["all"] * 22) + "."
    body = EASY.format(title="First") + f"\nA short one.\n\n- {long}\n"
    page(root, "en", "first", 1, body=body)
    report = check_content(root, today=TODAY)
    assert found(root) == ["en/first.md:15: warning: sentence of 23 words (more than 20): "
                           "'We all all all all all ...'"]
    assert report.pages[0].long_sentences == ((15, 23),)


def test_long_words_need_a_glossary_entry(root: Path):
    body = EASY.format(title="First") + "\nA dermatologist can help you.\n"
    page(root, "en", "first", 1, body=body)
    assert found(root) == [
        "en/first.md:13: warning: 'dermatologist' has 5 syllables and is not in "
        "en/glossary.md: use a plainer word or add it there"]
    (root / "en" / "glossary.md").write_text(
        "---\ntitle: Words\n---\n## Dermatologist\nA doctor for skin and hair.\n")
    assert found(root) == []


def test_glossary_terms_defined_twice_or_never_used_are_reported(root: Path):
    (root / "en" / "glossary.md").write_text(
        "---\ntitle: Words\n---\n## Page\nA screen of text.\n\n## Pages\nScreens of text.\n\n"
        "## Follicle\nA small pocket in the skin that a hair grows from.\n")
    assert found(root) == [
        "en/glossary.md:7: warning: 'Pages' is not used on any page",
        "en/glossary.md:10: warning: 'Follicle' is not used on any page",
    ]
    (root / "en" / "glossary.md").write_text(
        "---\ntitle: Words\n---\n## Page\nA screen of text.\n\n## page\nAgain.\n")
    assert found(root) == [
        "en/glossary.md:7: error: 'page' is defined twice (first as 'Page' at line 4)"]


def test_hard_english_fails_the_reading_bar(root: Path):
    body = ("# Considerations\n\nAutologous mesenchymal regenerative interventions demonstrate "
            "considerable heterogeneity regarding methodological characteristics.\n")
    page(root, "en", "first", 1, body=body)
    problems = [p for p in found(root) if ": error: " in p]
    assert problems == [
        "en/first.md: error: reading level: FK 40.2 is above the most allowed (6); use shorter "
        "sentences and words",
        "en/first.md: error: reading level: SMOG 22.1 is above the most allowed (9); use "
        "shorter sentences and words",
    ]
    assert check_content(root, today=TODAY).status == 1


def test_spanish_pages_are_measured_with_spanish_formulas(root: Path):
    page(root, "es", "first", 1, body="# Primero\n\nEsta página es corta. Se lee rápido.\n")
    page(root, "es", "second", 2, body=(
        "# Consideraciones\n\nLas intervenciones regenerativas autólogas mesenquimales "
        "demuestran considerable heterogeneidad metodológica internacionalmente.\n"))
    report = check_content(root, today=TODAY)
    es = {p.slug: p for p in report.pages if p.lang == "es"}
    assert set(es["first"].scores) == {"fernandez_huerta", "szigriszt_pazos"}
    assert es["first"].scores["fernandez_huerta"] >= 70 and es["first"].status == "ok"
    errors = [p for p in found(root) if p.startswith("es/second.md: error")]
    assert [e.split(" is ")[0].split(": ")[-1][:2] for e in errors] == ["FH", "SP"]


def test_an_old_review_is_a_warning_and_the_age_is_configurable(root: Path):
    page(root, "en", "first", 1, head="title: First\norder: 1\nreviewed: 2025-09-30\n"
                                      "sources:\n  - \"A leaflet\"\n")
    assert found(root) == ["en/first.md:4: warning: last reviewed 2025-09-30, more than 12 "
                           "months ago: have the page reviewed again"]
    assert found(root, max_age_months=24) == []


def test_without_textstat_grades_are_skipped_with_a_warning(root: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "textstat", None)
    report = check_content(root, today=TODAY)
    assert [format_problem(p) for p in report.problems] == [
        f"{root}: warning: textstat is not installed: reading grades and long words are skipped"]
    assert report.pages[0].scores == {} and report.pages[0].words == 15
    assert report.status == 0


def test_json_has_the_same_data_as_the_table(root: Path, capsys):
    page(root, "en", "second", 2, head="title: Second\norder: 2\n")
    assert main(["check", "--content", str(root), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"content", "status", "summary", "pages", "problems", "links"}
    assert data["status"] == 1
    assert data["summary"] == {"pages": 2, "languages": 1, "errors": 2, "warnings": 0,
                               "info": 0}
    assert data["pages"][0] == {
        "lang": "en", "page": "first", "file": "en/first.md", "title": "First", "status": "ok",
        "scores": data["pages"][0]["scores"], "words": 15, "minutes": 0.1,
        "long_sentences": [], "long_words": []}
    assert set(data["pages"][0]["scores"]) == {"flesch_kincaid", "smog"}
    assert data["problems"][0] == {
        "file": "en/second.md", "line": 1, "severity": "error",
        "message": "front matter lacks 'reviewed': expected a date written YYYY-MM-DD (when "
                   "the page was last medically reviewed)"}


def test_table_then_problems_then_summary(root: Path, capsys):
    page(root, "en", "second", 1)
    assert main(["check", "--content", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["lang", "page", "reading", "words", "min", "long", "status"]
    assert out[2].split()[:2] == ["en", "first"] and out[2].split()[-1] == "ok"
    assert out[3].split()[-1] == "error"
    assert out[-3].endswith("second.md:3: error: order 1 is also the order of first.md: "
                            "each page needs its own")
    assert out[-1] == "2 pages in 1 language(s): 1 error(s), 0 warning(s), 0 note(s)"


def test_a_folder_that_is_not_there_exits_2_in_one_line(tmp_path: Path, capsys):
    assert main(["check", "--content", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"kiosk check: error: content folder not found: " \
                                      f"{tmp_path / 'nope'}\n"


def test_the_shipped_content_is_clean():
    report = check_content(CONTENT)
    assert [format_problem(p) for p in report.problems if p.severity == "error"] == []
    assert report.status == 0
    assert all(p.status != "error" for p in report.pages)
    assert "error(s)" in format_text(report)
