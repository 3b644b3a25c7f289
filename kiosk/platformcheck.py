"""Name the system library a Qt platform plugin lacks, before Qt aborts without saying.

When a platform plugin cannot load, Qt prints "Could not load the Qt platform plugin
'wayland' even though it was found" and aborts (status 134): it never names the missing
library (measured: the Wayland plugin needs libwayland-cursor0, which cage does not pull
in). So before Qt starts on Wayland the plugin's libraries are resolved with ``ldd``, and a
missing one is reported by name. It costs one ``ldd`` run (about 10 ms), and only when the
kiosk is about to use Wayland: X starts pay nothing (not even the import of subprocess).
"""

from __future__ import annotations

import os
from pathlib import Path

#: Debian's package for each library Qt's platform plugins may miss.
PACKAGES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
}


def wanted_platform(environ: dict[str, str] | None = None) -> str:
    """The platform Qt will pick: $QT_QPA_PLATFORM, else Wayland when only it is there."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return "wayland"
    return "xcb"


def missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries ``plugin`` needs that the system cannot find (by ``ldd``)."""
    import shutil
    import subprocess  # here: an X start imports this module and never needs it

    if not plugin.exists() or shutil.which("ldd") is None:
        return []
    try:
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line]


def problem(environ: dict[str, str] | None = None, plugin: Path | None = None) -> str | None:
    """A one-line reason the chosen platform plugin (Qt's own, or ``plugin``) cannot
    load, or None."""
    platform = wanted_platform(environ)
    if not platform.startswith("wayland"):
        return None
    if plugin is None:
        import PySide6

        plugin = Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqwayland.so"
    missing = missing_libraries(plugin)
    if not missing:
        return None
    packages = " ".join(PACKAGES.get(name, name) for name in missing)
    return (f"cannot start on Wayland: Qt's Wayland plugin needs {', '.join(missing)}, "
            f"which this system lacks (Debian: apt-get install {packages})")
