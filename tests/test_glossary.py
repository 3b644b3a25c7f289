"""The glossary file: terms, other forms, one-sentence meanings, and what is wrong with it."""

from pathlib import Path

from kiosk.glossary import Entry, load_glossary

GOOD = """---
title: Words to know
---

# Words to know

## Stem cell
Also: stem cells, stem-cell
A cell that can make more cells and turn into other kinds of cells.

## Dermatologist
A doctor for skin and hair.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "en" / "glossary.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_have_term_aliases_definition_and_line(tmp_path: Path):
    glossary = load_glossary(write(tmp_path, GOOD))
    assert glossary.problems == ()
    assert glossary.entries == (
        Entry("Stem cell", ("stem cells", "stem-cell"),
              "A cell that can make more cells and turn into other kinds of cells.", 7),
        Entry("Dermatologist", (), "A doctor for skin and hair.", 11),
    )
    assert glossary.meta == {"title": "Words to know"}


def test_find_matches_term_or_alias_in_any_case(tmp_path: Path):
    glossary = load_glossary(write(tmp_path, GOOD))
    assert glossary.find("STEM CELLS").term == "Stem cell"
    assert "dermatologist" in glossary
    assert glossary.find("follicle") is None


def messages(glossary) -> list[str]:
    return [f"{p.line}: {p.severity}: {p.message}" for p in glossary.problems]


def test_a_term_defined_twice_is_an_error(tmp_path: Path):
    text = GOOD + "\n## Stem cells\nCells again.\n"
    assert messages(load_glossary(write(tmp_path, text))) == [
        "14: error: 'Stem cells' is defined twice (first as 'Stem cell' at line 7)"]


def test_missing_definition_and_long_definition_are_reported(tmp_path: Path):
    text = "---\ntitle: G\n---\n## Follicle\n\n## Centrifuge\nA machine. It spins.\n"
    assert messages(load_glossary(write(tmp_path, text))) == [
        "4: error: 'Follicle' has no definition",
        "6: warning: 'Centrifuge': the definition should be one sentence",
    ]


def test_broken_files_are_problems_not_exceptions(tmp_path: Path):
    path = write(tmp_path, "")
    assert messages(load_glossary(path)) == ["None: error: file is empty"]
    path.write_text("## Follicle\nA small pocket in the skin.\n")
    assert messages(load_glossary(path)) == [
        "1: error: no front matter: the file must start with a line '---'"]
    path.write_text("---\ntitle: G\n---\nJust words.\n")
    assert messages(load_glossary(path)) == [
        "4: warning: text before the first '## Term' belongs to no entry"]
    path.write_text("---\ntitle: G\n---\n")
    assert messages(load_glossary(path)) == [
        "4: error: glossary has no entries (each starts with '## Term')"]
