"""The logic modules import no Qt, so they run and test without a screen."""

import subprocess
import sys

QT_FREE = ["kiosk.content", "kiosk.frontmatter", "kiosk.render", "kiosk.readability",
           "kiosk.glossary", "kiosk.check", "kiosk.bundle", "kiosk.contentcli",
           "kiosk.bundlemake", "kiosk.bundlemedia", "kiosk.manifest", "kiosk.plainfile",
           "kiosk.config", "kiosk.theme", "kiosk.cli",
           "kiosk.stats", "kiosk.stats.store", "kiosk.stats.report", "kiosk.stats.tables",
           "kiosk.stats.command", "kiosk.notes", "kiosk.visuals", "kiosk.figures",
           "kiosk.takehome", "kiosk.presentation"]


def test_logic_modules_import_no_qt():
    code = ("import sys\n"
            + "".join(f"import {m}\n" for m in QT_FREE)
            + "from kiosk.content import load_pages\n"
            + "from kiosk.render import render\n"
            + "from kiosk.config import DEFAULT_CONTENT as c\n"
            + "[render(p, c) for p in load_pages(c, 'en')]\n"
            + "from kiosk.check import check_content\n"
            + "check_content(c)\n"
            + "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_start_up_imports_nothing_heavy():
    """The command line module must not pull in markdown, nh3 or textstat before a page."""
    code = ("import sys, kiosk.cli\n"
            "print(sorted({'markdown', 'nh3', 'textstat', 'yaml', 'segno'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
