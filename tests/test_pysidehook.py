"""Issue 16: PySide6's check of imported modules gives the same answers with the light hook,
and no longer keeps every module's source in memory."""

import linecache
import sys

import kiosk.gui  # noqa: F401 - installs the light hook


def test_modules_that_use_pyside_are_told_apart_as_pyside_itself_does(tmp_path, monkeypatch):
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "kiosk_light", False)
    (tmp_path / "uses_qt_16.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain_16.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    for name, expected in (("uses_qt_16", 0), ("plain_16", -1)):
        __import__(name)  # PySide6 hooks __import__ (the import statement)
        assert feature.pyside_feature_dict[name] == expected
        assert str(tmp_path / f"{name}.py") not in linecache.cache
