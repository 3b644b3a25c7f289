"""A Qt platform plugin that cannot load is reported with the library it lacks."""

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.platformcheck import missing_libraries, problem, wanted_platform


def test_the_platform_qt_will_pick():
    assert wanted_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert wanted_platform({"WAYLAND_DISPLAY": "wayland-0"}) == "wayland"
    assert wanted_platform({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == "xcb"
    assert wanted_platform({}) == "xcb"
    assert problem({"QT_QPA_PLATFORM": "offscreen"}) is None


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_a_library_the_system_lacks_is_named(tmp_path: Path):
    # A real shared object that needs a library no system has: ldd says "not found".
    source = tmp_path / "needs.c"
    source.write_text("int f(void) { return 0; }\n")
    if shutil.which("cc") is None:
        pytest.skip("needs a C compiler to make a plugin with a missing library")
    stub = tmp_path / "libkiosk-nowhere.so.0"
    subprocess.run(["cc", "-shared", "-o", str(stub), "-Wl,-soname,libkiosk-nowhere.so.0",
                    str(source)], check=True)
    plugin = tmp_path / "plugin.so"
    subprocess.run(["cc", "-shared", "-o", str(plugin), str(source), "-Wl,--no-as-needed",
                    str(stub)], check=True)
    stub.unlink()
    assert missing_libraries(plugin) == ["libkiosk-nowhere.so.0"]
    why = problem({"QT_QPA_PLATFORM": "wayland"}, plugin)
    assert why.startswith("cannot start on Wayland: Qt's Wayland plugin needs "
                          "libkiosk-nowhere.so.0, which this system lacks")


def test_qts_own_wayland_plugin_has_its_libraries_here():
    # make setup installs libwayland-cursor0 (cage does not pull it in).
    assert problem({"QT_QPA_PLATFORM": "wayland"}) is None
