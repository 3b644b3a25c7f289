"""FIFOs, devices and hard links in a content folder (issue 17): skipped with a warning.

A FIFO named like a page used to hang ``kiosk check``, ``kiosk bundle`` and the kiosk's start
(opening it waits for a writer that never comes); a hard link let ``kiosk bundle`` copy a
file from outside the content. Each command runs as a real process with a time limit, so a
hang fails the test instead of stalling the suite.
"""

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

from kiosk.content import load_pages
from kiosk.glossary import load_glossary
from kiosk.plainfile import NotPlainFile, read_plain

LIMIT = 120  # seconds: a guard against a hang, not a measurement


def kiosk(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=LIMIT, env=env)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The shipped content plus a FIFO page, a FIFO glossary in Spanish, a hard-linked page
    whose other name is outside, and (when allowed) a device."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    os.mkfifo(root / "en" / "zz-fifo.md")
    (root / "es" / "glossary.md").unlink()
    os.mkfifo(root / "es" / "glossary.md")
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\norder: 99\n---\n\nPRIVATE\n")
    os.link(secret, root / "en" / "zz-linked.md")
    with contextlib.suppress(OSError):  # a device needs CAP_MKNOD
        os.mknod(root / "en" / "zz-device.md", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # zero
    os.mkfifo(root / "en" / "picture.png")
    return root


def test_kiosk_check_skips_them_with_warnings_and_finishes(hostile: Path):
    result = kiosk("check", "--content", str(hostile))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "en/zz-fifo.md: warning: skipped: it is a FIFO (named pipe), not a plain file" \
        in result.stdout
    assert "en/zz-linked.md: warning: skipped: it is a hard link (2 names for one file); " \
           "copy the file instead" in result.stdout
    assert "es/glossary.md: warning: skipped: it is a FIFO (named pipe)" in result.stdout
    if (hostile / "en" / "zz-device.md").exists():
        assert "en/zz-device.md: warning: skipped: it is a device" in result.stdout


def test_kiosk_bundle_leaves_them_out_with_warnings(hostile: Path, tmp_path: Path):
    out = tmp_path / "b.tar.gz"
    result = kiosk("bundle", "--content", str(hostile), str(out))
    assert result.returncode == 0, result.stderr
    with tarfile.open(out) as tar:
        names = tar.getnames()
        data = b"".join(tar.extractfile(m).read() for m in tar.getmembers())
    assert not [n for n in names if "zz-" in n or n.endswith("picture.png")]
    assert b"PRIVATE" not in data
    assert "picture.png is a FIFO (named pipe), not a plain file: left out of the bundle" \
        in result.stderr
    assert "zz-linked.md is a hard link" in result.stderr


def test_the_kiosk_starts_and_shows_the_six_pages(hostile: Path, tmp_path: Path):
    """The real start (``kiosk shots`` builds the window and renders every page)."""
    result = kiosk("shots", "--content", str(hostile), "--size", "640x400", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "s").glob("[1-6]-*.png")) == [
        "1-overview.png", "2-how-it-works.png", "3-who-benefits.png", "4-timeline.png",
        "5-side-effects.png", "6-safety.png"]
    assert "zz-fifo.md: skipped: it is a FIFO (named pipe), not a plain file" in result.stderr


def test_loading_lists_only_plain_pages_and_the_glossary_is_a_warning(hostile: Path):
    assert [p.slug for p in load_pages(hostile, "en")] == [
        "overview", "how-it-works", "who-benefits", "timeline", "side-effects", "safety"]
    glossary = load_glossary(hostile / "es" / "glossary.md")
    assert glossary.entries == ()
    assert [(p.severity, p.message) for p in glossary.problems] == [
        ("warning", "skipped: it is a FIFO (named pipe), not a plain file")]


def test_read_plain_refuses_a_fifo_without_waiting(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotPlainFile, match="is a FIFO"):
        read_plain(fifo)
    regular = tmp_path / "file"
    regular.write_bytes(b"abc")
    assert read_plain(regular, 3) == b"abc"
    with pytest.raises(NotPlainFile, match="too large"):
        read_plain(regular, 2)
