"""The installable package: build the wheel, install it in a new venv, run it from an empty folder.

This is what ``pip install hair_kiosk-*.whl`` (or pipx) gives someone with no checkout: the
``kiosk`` command must find its content, fonts, styles, icons and translations inside the
package. Building needs setuptools (fetched by pip, or from its cache); installing needs the
kiosk's dependencies from the package index (or pip's cache).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from kiosk import __version__

PAGES = ["1-overview", "2-how-it-works", "3-who-benefits", "4-timeline", "5-side-effects",
         "6-safety"]

# Run inside the installed venv: where the files come from, and what a patient would meet.
PROBE = """
import importlib.metadata, json, sys
from PySide6.QtGui import QFontDatabase
import kiosk, kiosk.resources
from kiosk.gui.app import application
from kiosk.gui.i18n import tr, use_language
from kiosk.theme import FONT_FAMILY
application()
json.dump({"root": str(kiosk.resources.ROOT), "module": kiosk.__file__,
           "font": FONT_FAMILY in QFontDatabase.families(),
           "switched": use_language(sys.argv[1]), "translated": tr(sys.argv[2]),
           "version": kiosk.__version__,
           "metadata": importlib.metadata.version("hair-kiosk")}, sys.stdout)
"""


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 300)
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """The wheel built from this checkout, installed into a fresh venv; an empty folder to
    run it in, and the environment to run it with (no checkout on any path)."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"),
                str(ROOT))
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp / "dist").glob("*.whl")
    venv.create(tmp / "venv", with_pip=True)
    bin_dir = tmp / "venv" / "bin"
    pip = run(str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel))
    assert pip.returncode == 0, pip.stderr
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    # No kiosk.toml of the user's: the defaults, that is the content in the package.
    env |= {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp / "config"),
            "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}
    empty = tmp / "empty"
    empty.mkdir()
    return {"wheel": wheel, "bin": bin_dir, "env": env, "cwd": empty,
            "site": tmp / "venv" / "lib"}


def test_the_wheel_holds_the_content_assets_and_compiled_translations(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    wanted = {f"kiosk/_data/{path.relative_to(ROOT)}"
              for folder in ("content", "assets") for path in (ROOT / folder).rglob("*")
              if path.is_file() and path.suffix not in (".ts", ".qm")
              and "__pycache__" not in path.parts}
    wanted |= {f"kiosk/_data/assets/i18n/{ts.stem}.qm"
               for ts in (ROOT / "assets" / "i18n").glob("*.ts")}
    assert any(name.endswith(".ttf") for name in wanted)  # the walk found the real folders
    assert wanted <= names, sorted(wanted - names)
    assert installed["wheel"].name.startswith(f"hair_kiosk-{__version__}-")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_installed_kiosk_reads_its_own_files_from_the_package(installed, lang):
    source, translation = _first_translation(lang) if lang != "en" else ("Touch to start",) * 2
    probe = run(str(installed["bin"] / "python"), "-c", PROBE, lang, source,
                cwd=installed["cwd"], env=installed["env"])
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout)
    # The installed package, not this checkout, and its files inside it.
    assert Path(seen["module"]).is_relative_to(installed["site"])
    assert Path(seen["root"]) == Path(seen["module"]).parent / "_data"
    assert seen["font"], "the bundled typeface did not load"
    assert seen["switched"] and seen["translated"] == translation
    assert seen["version"] == seen["metadata"] == __version__


def test_kiosk_check_passes_from_an_empty_folder(installed):
    check = run(str(installed["bin"] / "kiosk"), "check", cwd=installed["cwd"],
                env=installed["env"])
    assert check.returncode == 0, check.stdout + check.stderr
    assert "12 pages in 2 language(s): 0 error(s)" in check.stdout


def test_content_and_kiosk_toml_still_point_elsewhere(installed, tmp_path):
    shutil.copytree(ROOT / "content" / "en", tmp_path / "mine" / "en")
    check = run(str(installed["bin"] / "kiosk"), "check", "--content", "mine", cwd=tmp_path,
                env=installed["env"])
    assert check.returncode == 0, check.stdout + check.stderr
    assert "6 pages in 1 language(s): 0 error(s)" in check.stdout
    (tmp_path / "kiosk.toml").write_text('content = "elsewhere"\n')
    kiosk = run(str(installed["bin"] / "kiosk"), "--windowed", cwd=tmp_path,
                env=installed["env"], timeout=60)
    assert kiosk.returncode == 2
    assert f"content folder not found: {tmp_path / 'elsewhere'}" in kiosk.stderr


@pytest.mark.parametrize("lang", ["en", "es"])
def test_kiosk_shots_from_an_empty_folder_draws_every_page(installed, lang, tmp_path):
    from PySide6.QtGui import QImage

    shots = run(str(installed["bin"] / "kiosk"), "shots", f"out-{lang}", "--lang", lang,
                "--size", "1280x800", cwd=installed["cwd"], env=installed["env"])
    assert shots.returncode == 0, shots.stderr
    for name in PAGES:
        image = QImage(str(installed["cwd"] / f"out-{lang}" / f"{name}.png"))
        assert (image.width(), image.height()) == (1280, 800), name
        colours = {image.pixel(x, y) for x in range(0, 1280, 7) for y in range(0, 800, 7)}
        assert len(colours) > 50, f"{name}.png is nearly blank ({len(colours)} colours)"


def test_both_languages_look_different(installed):
    """Shots of both languages (the tests above) differ: each read its own pages."""
    en, es = (installed["cwd"] / f"out-{lang}" / "1-overview.png" for lang in ("en", "es"))
    if not (en.is_file() and es.is_file()):
        pytest.skip("the shots tests did not run")
    assert en.read_bytes() != es.read_bytes()


def test_the_installed_kiosk_starts_and_stops_on_sigterm(installed, tmp_path):
    """The kiosk itself: ready (sd_notify, as systemd sees it), then a clean stop."""
    address = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(address)
        listener.settimeout(0.5)
        kiosk = subprocess.Popen([str(installed["bin"] / "kiosk"), "--windowed"],
                                 cwd=installed["cwd"], env=installed["env"] | {
                                     "NOTIFY_SOCKET": address},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert _ready(listener, kiosk, within=120), kiosk.stderr.read()
        finally:
            kiosk.send_signal(signal.SIGTERM)
            out, err = kiosk.communicate(timeout=60)
    assert kiosk.returncode == 0, err
    assert "Traceback" not in err


def _ready(listener: socket.socket, process: subprocess.Popen, within: float) -> bool:
    """Wait for READY=1 from ``process``; False when it ends first or the time is up."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if listener.recv(100) == b"READY=1":
                return True
        except TimeoutError:  # not yet: look whether it is still running
            continue
    return False


def _first_translation(lang: str) -> tuple[str, str]:
    """A finished (source, translation) pair of the interface in ``lang``."""
    root = ET.parse(ROOT / "assets" / "i18n" / f"kiosk_{lang}.ts").getroot()
    for message in root.iter("message"):
        text = message.find("translation")
        if text is not None and text.text and text.get("type") is None:
            return message.findtext("source"), text.text
    raise AssertionError(f"kiosk_{lang}.ts has no finished translation")


def test_staff_see_the_packages_version(make_kiosk):
    """The staff status panel names the version pip installed (declared once, in kiosk/)."""
    from importlib.metadata import version

    window = make_kiosk()
    assert window.status_text().splitlines()[0].startswith(f"Kiosk {version('hair-kiosk')}, up ")
