"""Build hook: a wheel carries the kiosk's own files inside the package.

The project keeps ``content/`` and ``assets/`` at the top level, where a git checkout and an
editable install read them (``kiosk/resources.py``). A wheel copies them into the package as
``kiosk/_data/content`` and ``kiosk/_data/assets``, with the interface translations compiled
(``.ts`` -> ``.qm``), so ``pip install`` gives a kiosk that runs from any folder. Everything
else is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA = ("content", "assets")
I18N = Path("assets", "i18n")


def lrelease() -> str | None:
    """Qt's translation compiler from PySide6: beside this Python (a venv) or on PATH."""
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.is_file() else shutil.which("pyside6-lrelease")


def compile_translations(target: Path) -> None:
    """Put ``kiosk_<lang>.qm`` for every ``.ts`` into ``target``: the one ``make setup``
    compiled when it is up to date, else compiled here; stop when neither can be had."""
    for ts in sorted((HERE / I18N).glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
            shutil.copy2(qm, target / qm.name)
            continue
        tool = lrelease()
        if tool is None:
            sys.exit(f"build: {qm.relative_to(HERE)} is missing or older than {ts.name}, and "
                     "pyside6-lrelease is not at hand: run 'make setup' first (it compiles "
                     "the translations), then build again")
        # Without pip's build-isolation PYTHONPATH: the tool runs in the venv it belongs to.
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONNOUSERSITE")}
        subprocess.run([tool, "-silent", str(ts), "-qm", str(target / qm.name)], check=True,
                       env=env)


class BuildWithData(build_py):
    """``build_py`` that also copies content/ and assets/ into the package (not when editable:
    an editable install reads them where they are)."""

    def run(self) -> None:
        package = Path(self.build_lib, "kiosk")
        if not self.editable_mode:  # setuptools reuses build/: no file of an older build ships
            shutil.rmtree(package, ignore_errors=True)
        super().run()
        if self.editable_mode:
            return
        for name in DATA:
            # Translation sources stay behind; their compiled form is added below.
            shutil.copytree(HERE / name, package / "_data" / name,
                            ignore=shutil.ignore_patterns("*.ts", "*.qm", "__pycache__"))
        compile_translations(package / "_data" / I18N)


setup(cmdclass={"build_py": BuildWithData})
