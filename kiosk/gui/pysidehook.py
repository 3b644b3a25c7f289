"""Make PySide6's check of every imported module cheap: the same answer, without inspect.

PySide6 (PYSIDE-2029) asks of every module imported after it whether its source mentions
"PySide6", through ``inspect.getsource``: that looks the module up among all loaded ones and
keeps every module's source lines in ``linecache`` for the life of the process (about 2 MB
of text for the kiosk, and 10 to 20 ms of its start on this machine; measured in issue 16).
Reading the file's bytes answers the same question. Anything else (a module without a
``.py`` file, an unreadable one) still goes to PySide6's own check, and a PySide6 without
this hook is left alone.
"""

from __future__ import annotations

import sys
from types import ModuleType


def lighten_import_hook() -> bool:
    """Install the cheap check; True if PySide6's hook was found and replaced (or was)."""
    import PySide6.QtCore  # noqa: F401 - PySide6's feature module exists from here on

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, "kiosk_light", False):  # installed already
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.kiosk_light = True
    feature._mod_uses_pyside = uses_pyside
    return True
