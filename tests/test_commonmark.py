"""Markdown as clinic editors write it (issue 20): the sixteen constructs that read
differently from a CommonMark/GFM preview are each rendered as CommonMark does, or flagged by
``kiosk check`` with their line; the shipped pages stay quiet.

Through the real pipeline (render, sanitize) and ``kiosk check``; the page widget's own
text for what a patient sees.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

from kiosk.check import check_content, format_problem
from kiosk.content import parse_page
from kiosk.render import render

HEAD = "---\ntitle: Page\norder: 1\nreviewed: 2026-10-01\nsources:\n  - \"A leaflet\"\n---\n\n"
#: The first line of a page's body in these tests (HEAD is 8 lines).
BODY = 9

#: (name, markdown, what the patient's page must hold): each renders as CommonMark does.
FIXED = [
    ("list right after a paragraph",
     "After the treatment:\n- Do not wash your hair for a day.\n- Keep out of the sun.\n",
     r"<p>After the treatment:</p>\s*<ul>\s*<li>Do not wash your hair for a day\.</li>\s*"
     r"<li>Keep out of the sun\.</li>\s*</ul>"),
    ("numbered steps right after a paragraph",
     "Before you go home:\n1. **Rest:** Take it easy today.\n2. **Wash:** Wait one day.\n",
     r'class="steps".*Rest:.*Take it easy today\..*Wash:'),
    ("nested list indented 2 spaces",
     "- Common effects:\n  - redness\n  - swelling\n- Rare effects\n",
     r"<li>Common effects:\s*<ul>\s*<li>redness</li>\s*<li>swelling</li>\s*</ul>\s*</li>\s*"
     r"<li>Rare effects</li>"),
    ("bullets indented 3 spaces under a numbered step",
     "1. **Rest:** Take it easy.\n   - no sport\n   - no sauna\n2. **Wash:** Wait a day.\n",
     r'class="step-text".*Take it easy\.\s*<ul>\s*<li>no sport</li>\s*<li>no sauna</li>'),
    ("second paragraph of an item indented 2 spaces",
     "- First item.\n\n  More about the first item.\n- Second item.\n",
     r"<li>\s*<p>First item\.</p>\s*<p>More about the first item\.</p>\s*</li>\s*"
     r"<li>\s*<p>Second item\.</p>\s*</li>"),
    ("fenced code block",
     "Type this:\n```\nkiosk check\n```\n",
     r"<p>Type this:</p>\s*<pre><code>kiosk check\n</code></pre>"),
    ("1) list markers",
     "Steps:\n\n1) Rest.\n2) Wash.\n",
     r"<ol>\s*<li>Rest\.</li>\s*<li>Wash\.</li>\s*</ol>"),
    ("--- under a one-item list",
     "- Only item\n---\n\nMore text.\n",
     r"<ul>\s*<li>Only item</li>\s*</ul>\s*<hr>"),
    ("#1 at a line start",
     "#1 tip: ask your doctor.\n",
     r"<p>#1 tip: ask your doctor\.</p>"),
    ("backslash line break",
     "Line one\\\nLine two\n",
     r"<p>Line one<br>\s*Line two</p>"),
    ("escaped dollar sign",
     "It costs about \\$2,000.\n",
     r"<p>It costs about \$2,000\.</p>"),
    ("table right after a paragraph",
     "Costs:\n| Visit | Price |\n| --- | --- |\n| First | 100 |\n",
     r"<p>Costs:</p>\s*<table>\s*<thead>"),
    ("strikethrough",
     "It is ~~approved~~ not approved.\n",
     r"<p>It is <del>approved</del> not approved\.</p>"),
]


def write(root: Path, body: str, name: str = "page") -> Path:
    path = root / "en" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def rendered_html(path: Path) -> str:
    return render(parse_page(path, path.read_text(encoding="utf-8")), path.parent.parent).html


def problems(root: Path) -> list[str]:
    """What check says, less the reading figures (short test pages are not graded here)."""
    return [format_problem(p).replace(f"{root}/en/", "")
            for p in check_content(root).problems if not p.message.startswith(
                ("reading level", "sentence of"))]


@pytest.mark.parametrize(("name", "body", "wanted"), FIXED, ids=[f[0] for f in FIXED])
def test_the_construct_renders_as_commonmark_does(tmp_path: Path, name, body, wanted):
    path = write(tmp_path, body)
    html = rendered_html(path)
    assert re.search(wanted, html, re.S), html
    assert "\\" not in html and "~~" not in html and "```" not in html
    assert [p for p in problems(tmp_path) if ": info: " not in p] == []


def test_the_timeline_keeps_its_four_stages_without_the_blank_line(tmp_path: Path):
    text = (CONTENT / "en" / "timeline.md").read_text(encoding="utf-8")
    squeezed = text.replace("roughly when.\n\n- **1 to 2", "roughly when.\n- **1 to 2")
    assert squeezed != text
    path = tmp_path / "en" / "timeline.md"
    path.parent.mkdir(parents=True)
    path.write_text(squeezed, encoding="utf-8")
    result = render(parse_page(path, squeezed), tmp_path)
    timeline = dict(result.figures)["timeline"]
    assert len(timeline.stages) == 4
    assert not [p for p in check_content(tmp_path).problems
                if "timeline" in p.message or "previews" in p.message]


def test_a_misspelt_notes_fence_is_an_error_with_its_line(tmp_path: Path):
    write(tmp_path, "Shown.\n\n```note\nAsk the room who has tried minoxidil.\n```\n")
    assert problems(tmp_path)[0].startswith(
        f"page.md:{BODY + 2}: error: unknown fence '```note': hidden from patients")
    assert "minoxidil" not in rendered_html(tmp_path / "en" / "page.md")


def test_raw_br_is_kept_and_check_says_so(tmp_path: Path):
    path = write(tmp_path, "First line<br>second line. <font color=red>Red</font> text.\n")
    html = rendered_html(path)
    assert "First line<br>second line." in html and "Red text" in html
    assert problems(tmp_path) == [
        f"page.md:{BODY}: warning: raw HTML <font> is removed but the text inside it is "
        "shown, without its layout; write markdown instead",
        f"page.md:{BODY}: info: raw HTML <br> is kept: it shows as a line break (its "
        "attributes are dropped); markdown is easier to review",
    ]


def test_the_page_widget_shows_the_raw_br_as_a_line_break(make_kiosk, qtbot,
                                                          content_dir: Path):
    page = content_dir / "en" / "overview.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("It is normal to lose 50 to 100 hairs a day.",
                                 "It is normal<br>to lose 50 to 100 hairs a day.", 1)
                    .replace("That can be upsetting.",
                             "That can be ~~fine~~ upsetting.", 1),
                    encoding="utf-8")
    window = make_kiosk(content=content_dir)
    view = window.views[0]
    qtbot.waitUntil(lambda: "to lose 50 to 100 hairs" in view.text.toPlainText())
    shown = view.text.toPlainText()
    assert "It is normal\nto lose 50 to 100 hairs a day." in shown
    assert "<br>" not in shown and "~~" not in shown
    # The struck words are drawn struck through, as in the editor's preview.
    struck = []
    block = view.text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontStrikeOut():
                struck.append(fragment.text())
            it += 1
        block = block.next()
    assert struck == ["fine"]


#: Constructs the kiosk does not rewrite: check names them with their line and a fix.
FLAGGED = [
    ("empty bullet under an item",
     "- Wash gently\n-\n- Keep out of the sun\n",
     BODY, "the kiosk shows a heading '- Wash gently' where other Markdown previews show a "
           "list item 'Wash gently'"),
    ("fence on the bullet line",
     "- Before:\n- ```\n  rest\n  ```\n",
     BODY + 1, "the kiosk shows"),
]


@pytest.mark.parametrize(("name", "body", "line", "message"), FLAGGED,
                         ids=[f[0] for f in FLAGGED])
def test_what_the_kiosk_reads_otherwise_is_flagged_with_its_line(tmp_path: Path, name, body,
                                                                 line, message):
    write(tmp_path, body)
    found = [p for p in problems(tmp_path) if "Markdown previews" in p]
    assert found and found[0].startswith(f"page.md:{line}: warning: {message}")
    assert "; fix: " in found[0]


def test_a_timeline_the_figures_cannot_read_is_named_with_its_line(tmp_path: Path):
    body = ("Stages:\n\n- **1 to 2 months:** Less shedding.\n-\n"
            "- **3 to 6 months:** New growth.\n")
    write(tmp_path, body)
    found = [p for p in problems(tmp_path) if "timeline" in p]
    assert found and found[0].startswith(f"page.md:{BODY + 2}: warning: the timeline list here")


def test_the_shipped_pages_stay_quiet():
    found = [format_problem(p) for p in check_content(CONTENT).problems
             if "previews" in p.message or "fence" in p.message or "raw HTML" in p.message
             or "cannot be drawn" in p.message]
    assert found == []


def test_the_kiosk_never_imports_markdown_it():
    """markdown-it-py belongs to kiosk check and the preview, not to a patient's kiosk."""
    code = ("import sys\n"
            "from kiosk.config import Settings, DEFAULT_CONTENT\n"
            "from kiosk.gui.app import application, build_window\n"
            "application()\n"
            "w = build_window(Settings(content=DEFAULT_CONTENT, mode='windowed', "
            "attract=False, idle_timeout=0))\n"
            "[v.ensure_rendered() for v in w.views]\n"
            "print('markdown_it' in sys.modules, 'markdown' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={**__import__("os").environ,
                                                    "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.split()[-2:] == ["False", "True"]


def test_the_preview_banner_shows_the_same_as_check(make_kiosk, qtbot, content_dir: Path):
    window = make_kiosk(content=content_dir, watch=True)
    qtbot.waitUntil(lambda: window.banner.text() == "overview.md: no problems", timeout=10_000)
    page = content_dir / "en" / "overview.md"
    text = page.read_text(encoding="utf-8").replace("```notes", "```note", 1)
    page.write_text(text.replace("That can be upsetting.",
                                 "That can be upsetting.\n\n- Brush gently\n-\n"
                                 "- Eat well", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: "unknown fence" in window.banner.text(), timeout=10_000)
    lines = window.banner.text().splitlines()
    expected = [format_problem(p).split(": ", 1)[1]
                for p in check_content(content_dir, langs=["en"]).for_file(page)
                if p.severity != "info"]
    assert [line.split(": ", 1)[1] for line in lines] == expected
    assert any(line.startswith("line 17: warning: the kiosk shows a heading '- Brush gently'")
               for line in lines), lines
    assert "Welcome the room" not in window.current_view.text.toPlainText()


_PIECES = ["", "text", "- ", "* ", "+ ", "1. ", "1) ", "2. ", "  ", "   ", "    ", "\t", "#",
           "# ", "#1", "---", "===", "***", "> ", "```", "```note", "~~~", "```notes",
           "| a | b |", "|---|---|", "\\", "  ", "~~x~~", "**1 to 2 months:**", "<br>", "<div>",
           "`", "**Rest:**", "SECRET"]


def _bodies():
    from hypothesis import strategies as st

    line = st.lists(st.sampled_from(_PIECES), max_size=4).map("".join)
    return st.lists(line, max_size=14).map("\n".join)


def test_any_markdown_gives_check_lines_inside_the_page_and_never_a_hidden_fence():
    from hypothesis import HealthCheck, given, settings

    from kiosk.commonmark_diff import check_page
    from kiosk.content import Page
    from kiosk.fences import split_fences

    @settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(body=_bodies())
    def run(body: str) -> None:
        page = Page("p", "en", Path("p.md"), "P", 1, body=body, body_line=BODY)
        split = split_fences(body)
        found = check_page(page, split.body) + split.problems(page.path, BODY)
        last = BODY + body.count("\n")
        assert all(p.line is None or BODY <= p.line <= last for p in found)
        hidden = any(f.kind != "text" for f in split.fences)
        if hidden and "SECRET" not in split.body:
            html = render(page, Path("/nonexistent")).html
            assert "SECRET" not in html

    run()


def _python_markdown_alone(text: str) -> str:
    """How the kiosk read markdown before issue 20 (sane lists and tables only)."""
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    return markdown.Markdown(extensions=[SaneListExtension(), TableExtension()],
                             output_format="html").convert(text)


@pytest.mark.parametrize(("name", "body", "wanted"), FIXED, ids=[f[0] for f in FIXED])
def test_check_would_flag_the_construct_had_it_not_been_fixed(name, body, wanted):
    """The comparison finds each construct when the kiosk's reading is the old one, so a
    fix that stops working is still caught by ``kiosk check``."""
    from kiosk.commonmark_diff import check_page
    from kiosk.content import Page

    page = Page("p", "en", Path("p.md"), "P", 1, body=body, body_line=BODY)
    found = check_page(page, body, _python_markdown_alone)
    assert found, name
    assert all(p.line is not None and p.line >= BODY and "; fix: " in p.message
               for p in found)
