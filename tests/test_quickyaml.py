"""Issue 16: front matter read without PyYAML is read exactly as PyYAML reads it, or handed
to PyYAML (None); never a different value."""

from pathlib import Path

import pytest
import yaml

from kiosk.quickyaml import quick_load

ROOT = Path(__file__).resolve().parent.parent

TRICKY = [
    "title: Overview\norder: 1\nreviewed: 2026-11-30\nsources:\n  - \"A, b: c\"\n  - 'd'\n",
    "title: Qué es\norder: 12\n", "title: C# and F#\n", "title: a # comment\n",
    "title: yes\n", "title: No\n", "title: off\n", "title: null\n", "title: ~\n", "on: 1\n",
    "order: 010\n", "order: 0o10\n", "order: 1_000\n", "order: -1\n", "order: +3\n",
    "order: 1.5\n", "order: 1e3\n", "order: 0x1f\n", "order: 1:30\n", "order: 0\n",
    "reviewed: 2026-13-45\n", "reviewed: 2026-1-5\n", "reviewed: 2026-01-05 10:00\n",
    'title: "say \\"hi\\""\n', "title: 'it''s'\n", 'title: "tab\\there"\n',
    "title: \"x\" # c\n", "title: [a, b]\n", "title: {a: b}\n", "title: a [b]\n",
    "title: &a x\n", "title: *a\n", "title: !!str 1\n", "title: |\n  block\n",
    "title: >\n  folded\n", "title: x\ntitle: y\n", "title:\n", "title:x\n",
    "  title: x\n", "sources:\n- a\n- b\n", "sources:\n  - a\n  -\n", "sources:\n  - 1\n",
    "sources:\n  - a: b\n", "title: x\n  - a\n", "# comment\ntitle: x\n", "", "\n\n",
    "title: Dr Bhatt's view\n", "title: ends with colon:\n", "title: a:b\n",
    "title:   spaced   \n", "key-with-dash: x\n", "title: \"\"\n", "title: ''\n",
    "sources:\n  - \"Health article “Stem cell therapy”, 17 February 2025\"\n",
    "title: Inf\n", "title: NaN\n", "title: .inf\n", "title: y\n", "title: =\n",
    "title: <<\n", "<<: x\n", "title: x\n...\n", "title: x\n---\n", "title: ok\ttab\n",
]


def _files() -> list[Path]:
    return sorted(p for folder in (ROOT / "content", ROOT / "tests")
                  for p in folder.rglob("*.md"))


def _front(text: str) -> str | None:
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    return None if end is None else "\n".join(lines[1:end])


def _yaml(source: str):
    try:
        return yaml.load(source, Loader=yaml.SafeLoader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError) as exc:
        return exc


@pytest.mark.parametrize("source", TRICKY)
def test_quick_reading_is_pyyamls_or_none(source):
    assert quick_load(TRICKY[0]) is not None  # the usual front matter is read quickly
    quick = quick_load(source)
    if quick is not None:
        expected = _yaml(source)
        assert quick == (expected if expected is not None else {}), source


def test_every_shipped_and_test_page_reads_as_pyyaml_reads_it():
    read = 0
    for path in _files():
        source = _front(path.read_text(encoding="utf-8", errors="replace"))
        if source is None:
            continue
        quick = quick_load(source)
        if quick is not None:
            read += 1
            assert quick == (_yaml(source) or {}), path
    assert read >= 16  # the shipped pages are all read without PyYAML
