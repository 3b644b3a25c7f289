"""Per-language data lives in files (assets/i18n/<lang>.toml): every shipped language has every
item, and a made-up language added from files alone shows no English in chips or timeline."""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

from kiosk.content import languages
from kiosk.language import I18N, LanguageError, parse_language, shipped

ITEMS = ("name", "link_chip", "timeline.axis_title", "timeline.range", "timeline.every",
         "timeline.weeks", "timeline.months", "timeline.years", "reading.textstat",
         "reading.bars")


def test_every_shipped_language_has_a_file_with_every_item():
    ts_langs = {p.stem.removeprefix("kiosk_") for p in I18N.glob("kiosk_*.ts")}
    assert set(languages(CONTENT)) | ts_langs | {"en"} <= set(shipped())
    for code in shipped():
        data = tomllib.loads((I18N / f"{code}.toml").read_text(encoding="utf-8"))
        for item in ITEMS:
            table = data
            for part in item.split("."):
                assert part in table, f"{code}.toml lacks {item}"
                table = table[part]
        language = parse_language(code, data)
        assert language.bars and all(bar.formula for bar in language.bars)


@pytest.mark.parametrize(("item", "message"), [
    ("name", "xx.toml: name: expected a non-empty string"),
    ("timeline.months", "xx.toml: months: expected a list of words"),
])
def test_a_language_file_missing_an_item_names_it(item, message):
    data = tomllib.loads((I18N / "en.toml").read_text(encoding="utf-8"))
    table = data
    *parents, last = item.split(".")
    for part in parents:
        table = table[part]
    del table[last]
    with pytest.raises(LanguageError, match=re.escape(message)):
        parse_language("xx", data)


def test_a_formula_outside_the_list_is_refused():
    data = tomllib.loads((I18N / "en.toml").read_text(encoding="utf-8"))
    data["reading"]["bars"][0]["formula"] = "__class__"
    with pytest.raises(LanguageError, match="formula: expected one of"):
        parse_language("xx", data)


# A made-up language: its words are nothing like English, so any English left is a leak.
XX_TOML = """\
name = "Zorblish"
link_chip = "skanno pora dopo"

[timeline]
axis_title = "Mesoj pos kuracado"
range = ["ĝis"]
every = ["ĉiu"]
weeks = ["semajno", "semajnoj"]
months = ["monato", "monatoj"]
years = ["jaro", "jaroj"]

[reading]
textstat = "en_US"

[[reading.bars]]
score = "reading_ease"
short = "RE"
formula = "flesch_reading_ease"
min = -1000.0
"""
XX_TIMELINE = """\
---
title: Tempolinio
order: 4
reviewed: 2026-10-01
sources:
  - "A leaflet"
---

# Tempolinio

- **1 ĝis 2 monatoj:** Malpli da haroj falas. Tio estas bona.
- **3 ĝis 6 monatoj:** Novaj haroj kreskas.
- **Ĉiu 1 ĝis 2 jaroj:** Vizito denove.

Legu pli ĉe [la retejo](https://example.org/haroj).
"""
PROBE = """\
import json, os, sys
sys.path.insert(0, os.getcwd())
from kiosk.content import load_pages
from kiosk.render import render
from kiosk.gui.i18n import language_name
import re
page = next(p for p in load_pages(__import__("pathlib").Path("content"), "xx")
            if p.slug == "timeline")
out = render(page, __import__("pathlib").Path("content"))
svg = dict(out.figures)["timeline"].svg()
print(json.dumps({"chips": re.findall(r'<span class="qr-link">([^<]*)</span>', out.html),
                  "timeline": re.findall(r"<text[^>]*>([^<]*)</text>", svg),
                  "problems": [p.message for p in out.problems],
                  "name": language_name("xx"), "kiosk": sys.modules["kiosk"].__file__}))
"""
ENGLISH = re.compile(r"\b(scan|open|later|months?|weeks?|years?|every|to|after|treatment)\b",
                     re.IGNORECASE)


def test_a_made_up_language_from_files_alone_has_no_english(tmp_path: Path):
    """Copy the kiosk, add only files (pages, language file): chips and timeline speak xx."""
    copy = tmp_path / "kiosk-copy"
    for name in ("kiosk", "assets", "content"):
        shutil.copytree(ROOT / name, copy / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    shutil.copy(ROOT / "main.py", copy / "main.py")
    (copy / "assets" / "i18n" / "xx.toml").write_text(XX_TOML, encoding="utf-8")
    shutil.copytree(copy / "content" / "en", copy / "content" / "xx")
    (copy / "content" / "xx" / "timeline.md").write_text(XX_TIMELINE, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(copy))
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=copy, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["kiosk"].startswith(str(copy)), "the probe ran the copy"
    assert seen["problems"] == []  # the timeline's words were understood: it is drawn
    assert seen["chips"] == ["la retejo (skanno pora dopo)"]
    assert "Mesoj pos kuracado" in seen["timeline"]
    assert "1 ĝis 2 monatoj" in seen["timeline"]
    assert seen["name"] == "Zorblish"
    leaks = [text for text in seen["chips"] + seen["timeline"] if ENGLISH.search(text)]
    assert leaks == []
    # kiosk check grades the new language with its own bar, with no "no reading formula".
    check = subprocess.run([sys.executable, "main.py", "check", "--json"], cwd=copy, env=env,
                           capture_output=True, text=True, timeout=300)
    report = json.loads(check.stdout)
    xx = [p for p in report["pages"] if p["lang"] == "xx" and p["page"] == "timeline"]
    assert xx and "reading_ease" in xx[0]["scores"]
    assert not [p for p in report["problems"] if "no reading formula" in p["message"]]


def test_check_names_the_missing_language_file(tmp_path: Path):
    from kiosk.check import check_content

    shutil.copytree(CONTENT / "en", tmp_path / "en")
    shutil.copytree(CONTENT / "en", tmp_path / "qq")
    report = check_content(tmp_path, langs=["qq"])
    messages = [p.message for p in report.problems if "no reading formula" in p.message]
    assert messages and "assets/i18n/qq.toml" in messages[0]
