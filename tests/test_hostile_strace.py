"""Issue 17 item 1, proven on the real process: hostile pages open no outside file, no socket.

The kiosk (``main.py``) runs on a private Xvfb under ``strace -f``, fed a content folder with
outside pictures, ``/dev/zero``, a FIFO, ``file:``/``data:``/``http:`` URLs and an @import in
every place content can reach; a tour inside it opens every page, link, term and popup (see
tests/helpers/hostile_tour.py). Every file it opens must be the content folder's, the
project's, Python's, Qt's or the system's; and no internet socket is made.
"""

import os
import shutil
from pathlib import Path

import pytest
from helpers.hostile_content import write_hostile_content
from helpers.strace_tour import internet_sockets, opened_paths, outside_opens, tour_on_xvfb

pytestmark = pytest.mark.xvfb

needs = [tool for tool in ("Xvfb", "strace") if shutil.which(tool) is None]
if needs:
    pytest.skip(f"needs {' and '.join(needs)} (make test installs them on Debian as root)",
                allow_module_level=True)


def vectors(outside: Path) -> str:
    """One string that tries every way a page could make Qt read or fetch something."""
    o = outside
    return (f'<img src="{o}/canary.png"> <img src="file://{o}/canary.png"> '
            f'<img src="/dev/zero"> <img src="{o}/fifo.png"> ![x]({o}/canary.png) '
            f'![y](../../outside/canary.png) <a href="http://127.0.0.1:9/x">net</a> '
            f'<img src="http://127.0.0.1:9/pixel.png"> <img src="data:image/png;base64,'
            f'iVBORw0KGgo="> <style>@import url({o}/canary.css)</style> '
            f'<link rel="stylesheet" href="{o}/canary.css"> <iframe src="{o}/canary.html">'
            f'</iframe> [go](file://{o}/canary.png) <svg><image href="{o}/canary.png"/></svg>')


def test_hostile_content_opens_no_outside_file_and_no_socket(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("canary.png", "canary.css", "canary.html"):
        (outside / name).write_bytes(b"\x89PNG\r\n\x1a\n" if name.endswith("png") else b"x")
    os.mkfifo(outside / "fifo.png")
    content = write_hostile_content(tmp_path / "content", vectors(outside))
    done, trace = tour_on_xvfb(content, tmp_path)
    for seen in ("take-home", "link-qr", "term", "glossary-entry", "presenter-view",
                 "staff-menu", "usb-picker", "page:safety"):
        assert seen in done.split(), done

    opened = opened_paths(trace)
    assert len(opened) > 100  # strace saw the process at work
    assert [p for p in opened if str(outside) in p or p == "/dev/zero"] == []
    assert outside_opens(trace, content, tmp_path / "data") == []
    assert internet_sockets(trace) == []
