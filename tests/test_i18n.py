"""Every interface string is translated, and Spanish pages read easily (no Qt needed)."""

import html
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import CONTENT, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from i18n_strings import strings  # noqa: E402

from kiosk.content import load_pages  # noqa: E402
from kiosk.readability import visible_text  # noqa: E402
from kiosk.render import render  # noqa: E402

TS_FILES = sorted((ROOT / "assets" / "i18n").glob("*.ts"))


def test_there_is_a_spanish_translation_file():
    assert "kiosk_es.ts" in [p.name for p in TS_FILES]


@pytest.mark.parametrize("path", TS_FILES, ids=lambda p: p.name)
def test_every_interface_string_has_a_finished_translation(path):
    tree = ET.parse(path)
    translated = {}
    for message in tree.iter("message"):
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "obsolete"), \
            message.findtext("source")
        translated[message.findtext("source")] = translation.text or ""
    missing = [s for s in strings() if not translated.get(s)]
    assert missing == []
    for source, text in translated.items():
        # Placeholders such as {n} must survive translation.
        assert sorted(_fields(source)) == sorted(_fields(text)), source


def _fields(text: str) -> list[str]:
    import string

    return [field for _, field, _, _ in string.Formatter().parse(text) if field]


SPANISH = load_pages(CONTENT, "es")


def test_spanish_has_all_six_pages_of_its_own():
    assert [p.title for p in SPANISH] == ["Resumen", "Cómo funciona", "Para quién es", "Etapas",
                                          "Efectos secundarios", "Seguridad"]
    assert not any(p.fallback for p in SPANISH)
    assert all(p.ok for p in SPANISH)


@pytest.mark.parametrize("page", SPANISH, ids=lambda p: p.slug)
def test_spanish_page_reads_fairly_easily(page):
    import textstat

    text = visible_text(f"<h1>{html.escape(page.title)}</h1>" + render(page, CONTENT).html)
    textstat.set_lang("es")
    try:
        assert textstat.fernandez_huerta(text) >= 70
        assert textstat.szigriszt_pazos(text) >= 70
    finally:
        textstat.set_lang("en_US")
