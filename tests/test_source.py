"""One content source: ``kiosk check`` judges the very HTML the kiosk shows (glossary and all)."""

import pytest
from conftest import CONTENT

from kiosk.check import PageCheck
from kiosk.source import ContentSource


@pytest.mark.parametrize("lang", ["en", "es"])
def test_check_and_the_app_render_every_page_to_the_same_html(make_kiosk, lang):
    source = ContentSource(CONTENT)
    window = make_kiosk(lang=lang, show=False)
    glossary = source.glossary(lang)
    assert glossary is not None and glossary.entries, "the shipped languages have glossaries"
    marked = 0
    for view, page in zip(window.views, source.pages(lang), strict=True):
        view.ensure_rendered()
        shown = view.rendered.html
        assert source.render(page, lang).html == shown, page.slug
        if not page.fallback:
            assert PageCheck(page, CONTENT, glossary, grading=False).rendered.html == shown, \
                page.slug
        marked += shown.count('class="term"')
    # The glossary really is in the HTML compared (check rendered without it before).
    assert marked > 0


def test_a_glossary_edit_is_seen_by_the_next_render(tmp_path):
    import shutil

    shutil.copytree(CONTENT, tmp_path / "content")
    source = ContentSource(tmp_path / "content")
    page = next(p for p in source.pages("en") if p.slug == "overview")
    before = source.render(page).html
    path = tmp_path / "content" / "en" / "glossary.md"
    path.write_text(path.read_text() + "\n## Treatment\nCare given to help a problem.\n")
    after = source.render(page).html
    assert 'href="kiosk:term/Treatment"' in after and 'kiosk:term/Treatment"' not in before
