"""Markdown to sanitized HTML: hostile pages render safely or are refused, never run anything."""

import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import parse_page, read_page
from kiosk.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render, resolve_image, sanitize

HOSTILE = sorted((DATA / "hostile").iterdir())
FRONT = "---\ntitle: T\norder: 1\nreviewed: 2026-01-01\nsources: [s]\n---\n"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen.append((tag, attrs))


def assert_inert(html: str) -> None:
    """Nothing in ``html`` can run, load from outside, or open a link to the outside."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.seen:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES.get(tag, ()), (tag, name, html)
            if name in ("src", "href"):
                assert (value or "").startswith(("kiosk:", "content:", "#")), (value, html)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_page_renders_inert(path: Path, tmp_path: Path):
    page_dir = tmp_path / "en"
    page_dir.mkdir()
    shutil.copy(path, page_dir / path.name)
    page = read_page(page_dir / path.name)
    rendered = render(page, tmp_path)
    assert_inert(rendered.html)
    for word in ("alert", "owned", "evil.example", "passwd", "display: none"):
        assert word not in rendered.html or "(" in rendered.html, (word, rendered.html)


def test_script_text_is_removed_with_the_tag(tmp_path: Path):
    rendered = render(read_page(DATA / "hostile" / "script-tags.md"), tmp_path)
    assert "owned" not in rendered.html and "alert" not in rendered.html
    assert "Hello" in rendered.html and "world." in rendered.html
    assert any("raw HTML" in p.message for p in rendered.problems)


def test_outside_link_becomes_a_chip_that_shows_its_qr_code(tmp_path: Path):
    """Issue 5: an outside link is never followed; a tap shows its QR code for a phone."""
    page = parse_page(tmp_path / "en" / "a.md", FRONT + "See [the FDA](https://www.fda.gov).\n")
    rendered = render(page, tmp_path)
    assert "https:" not in rendered.html
    assert ('<a href="kiosk:qr/0"><span class="qr-link">the FDA (scan to open later)</span></a>'
            in rendered.html)
    assert [(link.text, link.url) for link in rendered.links] == [("the FDA", "https://www.fda.gov")]


def test_link_to_another_page_stays_inside(tmp_path: Path):
    page = parse_page(tmp_path / "en" / "a.md", FRONT + "Read [Safety](safety.md).\n")
    assert 'href="kiosk:page/safety"' in render(page, tmp_path).html


def test_picture_inside_the_content_folder_loads_and_outside_does_not(tmp_path: Path):
    (tmp_path / "en" / "img").mkdir(parents=True)
    (tmp_path / "en" / "img" / "scalp.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.png").write_bytes(b"x")
    page = parse_page(tmp_path / "en" / "a.md",
                      FRONT + "![Scalp](img/scalp.png)\n\n![x](../../secret.png)\n")
    html = render(page, tmp_path / "").html
    assert 'src="content:en/img/scalp.png"' in html
    assert "secret" not in html
    assert resolve_image(tmp_path, "content:en/img/scalp.png") == tmp_path / "en/img/scalp.png"
    for url in ("content:../secret.png", "content:/etc/passwd", "file:///etc/passwd",
                "content:en/../../secret.png", "content://host/en/img/scalp.png",
                "https://evil.example/x.png", "content:en/a.md"):
        assert resolve_image(tmp_path, url) is None, url


def test_symlink_out_of_the_content_folder_is_refused(tmp_path: Path):
    (tmp_path / "en").mkdir()
    (tmp_path / "outside.png").write_bytes(b"x")
    (tmp_path / "en" / "link.png").symlink_to(tmp_path / "outside.png")
    assert resolve_image(tmp_path / "en", "content:link.png") is None


@pytest.mark.parametrize(("name", "body"), [
    ("deep-list", "".join("    " * i + "- level\n" for i in range(200))),
    ("deep-quote", ">" * 5000 + " deep\n"),
    ("huge-table", "| a | b |\n|---|---|\n" + "| x | y |\n" * 5000),
    ("many-emphasis", "*a " * 20000 + "\n"),
])
def test_pathological_markdown_is_refused_or_rendered_quickly(name: str, body: str,
                                                              tmp_path: Path):
    page = parse_page(tmp_path / "en" / f"{name}.md", FRONT + body)
    started = time.monotonic()
    rendered = render(page, tmp_path)
    # A generous bound: the point is "never a hang", not speed.
    assert time.monotonic() - started < 20
    assert_inert(rendered.html)
    if not rendered.ok:
        assert rendered.problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
       | st.lists(st.sampled_from(["<script>", "</script>", "[x](", "javascript:", ")", "![i](",
                                   "../", "file:///", "<img src=", " onerror=", "\n", "# ",
                                   "- ", "> ", "`", "*", "http://e.x/", "<a href=", ">", '"']),
                  max_size=60).map("".join))
def test_any_body_gives_a_page_or_a_placeholder_and_never_unsafe_html(body: str,
                                                                       tmp_path_factory):
    root = tmp_path_factory.getbasetemp()
    rendered = render(parse_page(root / "en" / "p.md", FRONT + body), root)
    assert_inert(rendered.html)


def test_sanitize_keeps_our_own_markup():
    html = '<h2>Hi</h2><p><strong>a</strong> <a href="kiosk:page/x">x</a></p>'
    assert sanitize(html) == html
