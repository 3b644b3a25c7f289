"""Shared fixtures: offscreen Qt, copies of the content, and a factory for the real window."""

import os
import shutil
import subprocess
from pathlib import Path

# Without a display Qt aborts the whole run ("Fatal Python error: Aborted") unless told
# to draw offscreen; this must happen before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"
SIX = ["Overview", "How it works", "Who benefits", "Timeline", "Side effects", "Safety"]


@pytest.fixture(autouse=True, scope="session")
def _private_data_folder(tmp_path_factory):
    """Kiosks started by tests keep their statistics in a temporary folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        yield


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def make_kiosk(qtbot, qapp):
    """Build the real main window from a content folder, shown at a given size."""
    from kiosk.config import Settings
    from kiosk.gui.app import application, build_window

    def make(content: Path = CONTENT, lang: str = "en", size=(1280, 800), show: bool = True,
             **options):
        """Windowed, with no attract screen or idle reset unless a test asks for them."""
        application()
        settings = dict(mode="windowed", attract=False, idle_timeout=0) | options
        window = build_window(Settings(content=content, lang=lang, **settings))
        qtbot.addWidget(window)
        window.resize(*size)
        window.restyle()
        if show:
            window.show()
            qtbot.waitExposed(window)
            # As its first frame shows it: the layouts posted while it showed are done.
            qapp.processEvents()
        made.append(window)
        return window

    made = []
    yield make
    # Delete, not just close: a closed window's app-wide filters and scrollers live on.
    for window in made:
        window.reset("staff")
        window.deleteLater()
    qapp.processEvents()


@pytest.fixture
def recorder(tmp_path):
    """A statistics recorder writing to a new database, flushing often."""
    from kiosk.stats.recorder import Recorder

    rec = Recorder(tmp_path / "stats.sqlite3", "test-kiosk", flush_every=0.05).start()
    yield rec
    rec.close()


class ManualClock:
    """A monotonic clock the test moves by hand (``clock.now += 5``): exact seconds, no sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


class VoiceClock:
    """Each reading is two seconds after the last: every sentence written to /dev/null then
    takes a time a real voice could take (the Speaker judges speech by it)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 2.0
        return self.now


def tap(qtbot, widget, pos=None) -> None:
    """A finger's tap on ``widget`` (at ``pos``, else its centre), delivered by qtbot."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def tap_window(qtbot, widget) -> None:
    """A tap on ``widget``'s centre delivered as a display server delivers it: to the window's
    QWindow, which passes it on to the widget under the finger."""
    from PySide6.QtCore import Qt

    window = widget.window()
    at = widget.mapTo(window, widget.rect().center())
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=at)


@pytest.fixture
def display():
    """A private Xvfb at 1920x1080 (see start_xvfb) and the environment to reach it."""
    server, env = start_xvfb()
    assert server is not None, "Xvfb did not start"
    yield env
    server.terminate()
    server.wait(10)


def start_xvfb(*extra: str) -> tuple[subprocess.Popen | None, dict]:
    """Start a private Xvfb at 1920x1080 on a display number it picks itself (``-displayfd``:
    no collision with another program's server on a shared machine; ``-noreset``: it survives
    its clients coming and going); return it and an environment for programs to run on it,
    or None if it failed. Only this server is ever talked to."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24",
                               *extra, "-noreset", "-nolisten", "tcp"], pass_fds=(write_fd,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    # Xvfb writes its display number once it accepts connections; EOF means it died.
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number.isdigit():
        server.terminate()
        return None, env
    env["DISPLAY"] = f":{number}"
    return server, env


def resize_screen(conn, width: int, height: int) -> None:
    """Change the X screen to width x height, as ``xrandr --output screen --mode WxH``."""
    from Xlib import X
    from Xlib.ext import randr

    root = conn.screen().root
    res = root.xrandr_get_screen_resources()._data
    output, crtc = res["outputs"][0], res["crtcs"][0]
    mode = next((m["id"] for m in res["modes"]
                 if (m["width"], m["height"]) == (width, height)), None)
    if mode is None:
        name = f"{width}x{height}"
        mode = root.xrandr_create_mode(dict(
            id=0, width=width, height=height, dot_clock=width * height * 60,
            h_sync_start=width, h_sync_end=width, h_total=width, h_skew=0,
            v_sync_start=height, v_sync_end=height, v_total=height,
            name_length=len(name), flags=0), name)._data["mode"]
        conn.xrandr_add_output_mode(output, mode)
    geometry = root.get_geometry()
    current = geometry.width, geometry.height
    mm = (round(width / 3.78), round(height / 3.78))
    if width > current[0] or height > current[1]:  # grow the screen before the CRTC
        root.xrandr_set_screen_size(max(width, current[0]), max(height, current[1]), *mm)
    conn.xrandr_set_crtc_config(crtc, res["config_timestamp"], 0, 0, mode, randr.Rotate_0,
                                [output], X.CurrentTime)
    root.xrandr_set_screen_size(width, height, *mm)
    conn.sync()


#: For a test script that drops to ``nobody`` after start: load every core module first
#: (while still root), since nobody cannot read a checkout under root's own folder.
LOAD_CORE_MODULES = """
import importlib, pkgutil, kiosk
for info in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
    if not info.name.startswith(("kiosk.gui", "kiosk.__main__")):
        importlib.import_module(info.name)
"""
