"""A Qt platform plugin that cannot load is reported with the library it lacks."""

import shutil
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
    # Qt's real Wayland plugin, copied with the name of the library it needs for cursors
    # changed to one no system has: to ldd that is exactly a machine without the library.
    import PySide6

    real = Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqwayland.so"
    data = real.read_bytes()
    assert b"libwayland-cursor.so.0\0" in data
    plugin = tmp_path / "plugins" / "platforms" / "libqwayland.so"
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(data.replace(b"libwayland-cursor.so.0\0", b"libkiosk-nowhere.so.0\0\0"))
    # The copy finds Qt's own libraries as the real one does ($ORIGIN/../../lib).
    (tmp_path / "lib").symlink_to(real.parent.parent.parent / "lib")
    assert missing_libraries(plugin) == ["libkiosk-nowhere.so.0"]
    why = problem({"QT_QPA_PLATFORM": "wayland"}, plugin)
    assert why.startswith("cannot start on Wayland: Qt's Wayland plugin needs "
                          "libkiosk-nowhere.so.0, which this system lacks")


def test_qts_own_wayland_plugin_has_its_libraries_here():
    # make setup installs libwayland-cursor0 (cage does not pull it in).
    assert problem({"QT_QPA_PLATFORM": "wayland"}) is None
