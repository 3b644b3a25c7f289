"""``kiosk leaflet``: the printed leaflet, read back as a reader (pdftotext) and a phone (zbar)."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import CONTENT, ROOT
from qr import decode, needs_zbar

from kiosk.content import load_pages
from kiosk.takehome import for_page, section_items

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdftoppm", "pdffonts"))
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils is missing (scripts/system-deps.sh test installs it)")
#: The review date as each language's footer writes it.
REVIEWED = {"en": "Last reviewed: {d} November {y}", "es": "Última revisión: {d} noviembre {y}"}


def leaflet(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "leaflet", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def pdf_text(pdf) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    return " ".join(out.split())


def pdf_info(pdf) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines()
                                              if ":" in line)}


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "es"])
def test_leaflet_holds_every_page_questions_sources_and_review_date(tmp_path, lang):
    out = tmp_path / f"leaflet-{lang}.pdf"
    run = leaflet(str(out), "--lang", lang)
    assert run.returncode == 0, run.stderr
    text = pdf_text(out)
    pages = load_pages(CONTENT, lang)
    for page in pages:
        assert page.title in text, page.slug
        heading = next(line[2:] for line in page.body.splitlines() if line.startswith("# "))
        assert " ".join(heading.split()) in text, page.slug
        for source in page.sources:
            assert source.split(":")[0].split(",")[0] in text
    safety = next(p for p in pages if p.slug == "safety")
    for question in section_items(safety.body, safety.meta["take_home_section"]):
        assert question in text
    day = max(p.reviewed for p in pages if p.reviewed)
    assert REVIEWED[lang].format(d=day.day, y=day.year) in text
    assert "```notes" not in text and "Welcome the room" not in text  # speaker notes stay out
    count = int(pdf_info(out)["Pages"])
    assert 1 <= count <= 8  # four sheets, printed on both sides
    assert f"1 of {count}" in text or f"1 de {count}" in text
    assert "(A4)" in pdf_info(out)["Page size"]
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout
    assert "AtkinsonHyperlegible" in fonts and "DejaVu" not in fonts


@needs_poppler
def test_letter_paper_is_letter_sized(tmp_path):
    out = tmp_path / "letter.pdf"
    assert leaflet(str(out), "--paper", "letter").returncode == 0
    assert "(letter)" in pdf_info(out)["Page size"]


@needs_poppler
@needs_zbar
def test_the_printed_take_home_code_reads_back_on_a_phone(tmp_path):
    out = tmp_path / "leaflet.pdf"
    assert leaflet(str(out)).returncode == 0
    count = int(pdf_info(out)["Pages"])
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(count), "-l",
                    str(count), str(out), str(tmp_path / "last")], check=True, timeout=60)
    png = next(tmp_path.glob("last*.png"))
    safety = next(p for p in load_pages(CONTENT, "en") if p.slug == "safety")
    assert decode(png) == [for_page(safety).payload]


@needs_poppler
def test_pictures_and_timeline_are_drawn_on_paper(tmp_path):
    """The pages with pictures carry images in the PDF (pdfimages counts them)."""
    out = tmp_path / "leaflet.pdf"
    assert leaflet(str(out)).returncode == 0
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    # 4 step icons, 3 after-care pictures, 2 heads, the timeline, the QR code.
    assert len(listing) >= 11


def test_bad_options_and_folders_say_what_is_wrong(tmp_path):
    run = leaflet(str(tmp_path / "x.pdf"), "--paper", "a3")
    assert run.returncode == 2 and "a3" in run.stderr and "letter" in run.stderr
    run = leaflet(str(tmp_path / "missing" / "x.pdf"))
    assert run.returncode == 2 and "missing" in run.stderr
    run = leaflet(str(tmp_path / "x.pdf"), "--lang", "fr")
    assert run.returncode == 2 and "'fr'" in run.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_pages_too_long_for_four_sheets_are_refused(content_dir, tmp_path):
    page = content_dir / "en" / "timeline.md"
    filler = "\n\n".join(["Every word here is a short one and it goes on and on."] * 400)
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + filler, encoding="utf-8")
    earlier = tmp_path / "x.pdf"
    earlier.write_bytes(b"%PDF last week's leaflet")
    run = leaflet(str(earlier), "--content", str(content_dir))
    assert run.returncode == 1
    assert earlier.read_bytes() == b"%PDF last week's leaflet"  # nothing lost
    assert not list(tmp_path.glob(".*part"))
    assert re.search(r"need \d+ leaflet pages .*at most 8", run.stderr)
