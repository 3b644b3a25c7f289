"""The logic modules import no Qt, so they run and test without a screen."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Every module of the kiosk outside kiosk/gui (the only place Qt may be imported), found
#: by walking the package: a new core module is checked without anyone listing it.
QT_FREE = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "kiosk").rglob("*.py")
    if "gui" not in path.relative_to(ROOT / "kiosk").parts and path.name != "__main__.py")


def test_the_core_modules_are_found():
    assert {"kiosk", "kiosk.state", "kiosk.gestures", "kiosk.stats.store"} <= set(QT_FREE)
    assert not any(name.startswith("kiosk.gui") for name in QT_FREE)


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


def test_modules_stay_small_and_the_window_only_composes():
    """One module per concern: none over 400 lines; the window (which only makes, places and
    wires parts through windowparts and wiring) at most 250."""
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text().splitlines())
             for path in (ROOT / "kiosk").rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
    assert sizes["kiosk/gui/mainwindow.py"] <= 250
