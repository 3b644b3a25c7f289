"""Issue 17: the sanitizer's last gaps and bounded work for any page (raw HTML included)."""

from html.parser import HTMLParser
from pathlib import Path

from conftest import SIX
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.check import check_content, format_problem
from kiosk.cli import main
from kiosk.content import parse_page
from kiosk.render import placeholder_html, render, sanitize
from kiosk.shape import MAX_DEPTH, MAX_ELEMENTS, MAX_TABLE_NESTING, shape_problem

FRONT = "---\ntitle: T\norder: 1\nreviewed: 2026-01-01\nsources: [s]\n---\n"
NESTED_TABLES = "<table><tr><td>" * 30 + "deep" + "</td></tr></table>" * 30


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name) for name, _ in attrs]


def parsed(html: str) -> _Attrs:
    parser = _Attrs()
    parser.feed(html)
    return parser


def rendered(body: str, tmp_path: Path):
    return render(parse_page(tmp_path / "en" / "p.md", FRONT + body), tmp_path)


def test_title_and_lang_are_dropped_from_every_tag():
    html = sanitize('<p title="t" lang="en">a <strong title="x">b</strong> '
                    '<span lang="fr" class="term">c</span> <a href="kiosk:page/x" '
                    'title="y">d</a></p>')
    assert [name for _, name in parsed(html).attrs] == ["class", "href"]


def test_an_alt_holding_src_does_not_save_an_image_whose_src_was_refused():
    html = sanitize('<p>a <img alt=" src=x" src="/etc/passwd"> '
                    '<img alt="x src=content:en/a.png" src="file:///dev/zero"></p>')
    assert "img" not in parsed(html).tags
    kept = sanitize('<p><img src="content:en/a.png" alt="a src=b"></p>')
    assert parsed(kept).tags == ["p", "img"]


def test_raw_html_the_warning_says_is_removed_is_removed(tmp_path: Path):
    """What check says of each raw tag is what happens: a table's tags go (its text stays),
    the few plain inline tags check calls kept are kept, without attributes."""
    page = rendered("Words.\n\n<table><tr><td>cell</td></tr></table>\n\n"
                    'Inline <b onclick="x()">bold</b> and <sup>up</sup>.\n', tmp_path)
    assert page.ok
    assert sorted(parsed(page.html).tags) == ["b", "p", "p", "p", "sup"]
    assert "table" not in page.html and "onclick" not in page.html
    assert "cell" in page.html and "bold" in page.html and "up" in page.html
    said = {p.message.split(">")[0]: p.message for p in page.problems}
    assert "is removed but the text inside it is shown" in said["raw HTML <table"]
    assert "is kept: it shows as bold" in said["raw HTML <b"]


def test_thirty_nested_raw_tables_are_text_not_a_freeze(qapp, tmp_path: Path):
    from PySide6.QtGui import QTextDocument

    page = rendered(NESTED_TABLES + "\n", tmp_path)
    assert "table" not in parsed(page.html).tags and "deep" in page.html
    # The real document at a real width: the page Qt gets holds no table at all.
    doc = QTextDocument()
    doc.setHtml(page.html)
    doc.setTextWidth(1180)
    assert doc.size().height() > 0
    assert _table_depth(doc.rootFrame()) == 0


def test_shape_limits_depth_tables_and_elements():
    def tables(n: int) -> str:
        return "<table><tbody><tr><td>" * n + "x" + "</td></tr></tbody></table>" * n

    assert shape_problem(tables(MAX_TABLE_NESTING)) is None
    assert shape_problem(tables(MAX_TABLE_NESTING + 1)) == \
        f"tables are nested more than {MAX_TABLE_NESTING} deep"
    assert shape_problem("<blockquote>" * (MAX_DEPTH + 1)) == \
        f"it is nested more than {MAX_DEPTH} deep"
    assert shape_problem("<p>" + "<br>" * MAX_ELEMENTS) == \
        f"it has more than {MAX_ELEMENTS} elements"
    assert shape_problem("<p>" + "<br>" * (MAX_ELEMENTS - 1) + "</p>") is None


def test_a_page_over_the_limits_is_the_placeholder_and_check_names_it(tmp_path: Path, capsys):
    root = tmp_path / "content"
    (root / "en").mkdir(parents=True)
    easy = "# {t}\n\nThis page is short. It uses small words. You can read it fast.\n"
    for order, slug in enumerate(["first", "second"], start=1):
        body = easy.format(t=slug) + ("*a* " * (MAX_ELEMENTS + 10) if slug == "second" else "")
        (root / "en" / f"{slug}.md").write_text(
            f"---\ntitle: {slug}\norder: {order}\nreviewed: 2026-10-01\nsources: [s]\n---\n"
            + body, encoding="utf-8")
    report = check_content(root)
    errors = [format_problem(p) for p in report.problems if p.severity == "error"]
    assert errors == [f"{root}/en/second.md: error: page cannot be shown: it has more than "
                      f"{MAX_ELEMENTS} elements"]
    assert [p.status for p in report.pages] == ["ok", "error"]
    assert main(["check", "--content", str(root)]) == 1
    assert f"second.md: error: page cannot be shown: it has more than {MAX_ELEMENTS}" \
        in capsys.readouterr().out


def test_the_kiosk_shows_the_placeholder_for_that_page_and_the_others_work(make_kiosk,
                                                                           content_dir: Path):
    path = content_dir / "en" / "safety.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "*a* " * (MAX_ELEMENTS + 10),
                    encoding="utf-8")
    window = make_kiosk(content_dir)
    assert [p.title for p in window.pages] == SIX
    for index, page in enumerate(window.pages):
        window.navigator.go(index)
        view = window.current_view
        view.ensure_rendered()
        text = view.text.toPlainText()
        if page.slug == "safety":
            assert view.rendered.html == placeholder_html()
        else:
            assert view.rendered.ok and len(text) > 200, page.slug


# Nesting as an attacker would build it: raw HTML and markdown containers inside each other.
_PIECES = st.sampled_from([
    ("<table><tr><td>", "</td></tr></table>"), ("<ul><li>", "</li></ul>"),
    ("<blockquote>", "</blockquote>"), ("<div>", "</div>"), ("<ol><li>", "</li></ol>"),
    ("<dl><dd>", "</dd></dl>"), ("<b>", "</b>"), ("<table><tr><td>", ""),
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(raw=st.lists(_PIECES, max_size=40),
       md=st.lists(st.sampled_from(["> ", "- ", "1. **a** ", "    ", "| a |\n|---|\n| "]),
                   max_size=40),
       repeat=st.integers(1, 200))
def test_any_nesting_gives_qt_a_bounded_page(qapp, tmp_path_factory, raw, md, repeat):
    from PySide6.QtGui import QTextDocument

    root = tmp_path_factory.getbasetemp()
    body = ("".join(o for o, _ in raw) + "x" + "".join(c for _, c in reversed(raw)) + "\n\n"
            + ("".join(md) + "word\n") * repeat)
    page = rendered(body, root)
    tags = parsed(page.html).tags
    assert len(tags) <= MAX_ELEMENTS
    doc = QTextDocument()
    doc.setHtml(page.html)
    doc.setTextWidth(1180)
    assert doc.size().height() > 0
    assert _table_depth(doc.rootFrame()) <= MAX_TABLE_NESTING
    if not page.ok:
        assert page.html == placeholder_html() and page.problems


def _table_depth(frame) -> int:
    """How deep Qt's own document nests tables (QTextTable frames) under ``frame``."""
    from PySide6.QtGui import QTextTable

    here = 1 if isinstance(frame, QTextTable) else 0
    return here + max((_table_depth(child) for child in frame.childFrames()), default=0)


def test_a_take_home_text_with_no_space_is_cut_not_a_hang():
    """Found by the corpora: a summary of symbols with no space froze the take-home code."""
    import threading

    from kiosk.takehome import MAX_PAYLOAD, fit

    results: list[str] = []
    texts = ["TITLE\n" + "\U000e0020" * 400, "x" * 5000, "TITLE\n" + "word " * 300]
    worker = threading.Thread(target=lambda: results.extend(fit(t) for t in texts),
                              daemon=True)
    worker.start()
    worker.join(20)
    assert len(results) == 3, "fit() did not return"
    assert all(len(r.encode()) <= MAX_PAYLOAD and r.endswith("…") for r in results)
    assert results[2].startswith("TITLE\nword word")
