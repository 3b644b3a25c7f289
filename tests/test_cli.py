"""The command line: help, one-line errors with status 2, and screenshots of every page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

from kiosk.cli import main


def kiosk(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


@pytest.mark.parametrize(("args", "message"), [
    (["--idle-timeout", "ten"],
     "kiosk: error: argument --idle-timeout: expected a whole number of seconds from 0 to "
     '86400 (1 day), got "ten" (see kiosk --help)'),
    (["--idle-timeout", "-5"],
     "kiosk: error: argument --idle-timeout: expected a whole number of seconds from 0 to "
     '86400 (1 day), got "-5" (see kiosk --help)'),
    (["--present-seconds", "2147484"],
     "kiosk: error: argument --present-seconds: expected a whole number of seconds from 0 to "
     '86400 (1 day), got "2147484" (see kiosk --help)'),
    (["--fullscreen"], "kiosk: error: unrecognized arguments: --fullscreen (see kiosk --help)"),
    (["--lang", "fr"],
     f"kiosk: error: no pages for language 'fr' in {CONTENT} (available: en, es)"),
    (["--content", "/nonexistent/place"],
     "kiosk: error: content folder not found: /nonexistent/place"),
    (["shots", "/tmp/x", "--size", "big"],
     "kiosk shots: error: argument --size: expected WIDTHxHEIGHT such as 1920x1080, "
     'got "big" (see kiosk shots --help)'),
])
def test_bad_option_says_exactly_what_is_wrong_in_one_line(args, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        status = main(args)
        raise SystemExit(status)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [message]


def test_empty_content_folder_is_named(tmp_path: Path, capsys):
    assert main(["--content", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"kiosk: error: content folder has no pages: {tmp_path} (expected {tmp_path}/en/*.md)")


def test_help_explains_every_option():
    result = kiosk("--help")
    assert result.returncode == 0
    for option in ("--windowed", "--content", "--lang", "--idle-timeout", "shots", "--present",
                   "--present-seconds"):
        assert option in result.stdout


def test_python_dash_m_is_the_same_command():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "kiosk", "--idle-timeout", "x"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 2 and "--idle-timeout" in result.stderr


def test_shots_writes_one_png_per_page_named_after_it(tmp_path: Path):
    result = kiosk("shots", str(tmp_path), "--size", "1280x800")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["1-overview.png", "2-how-it-works.png", "3-who-benefits.png",
                     "4-timeline.png", "5-side-effects.png", "6-safety.png",
                     "attract.png", "present-4-timeline.png", "presenter-view.png",
                     "staff-pin.png", "still-reading.png", "take-home-safety.png"]
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "1-overview.png"))
    assert (image.width(), image.height()) == (1280, 800)
    assert "Traceback" not in result.stderr


def test_shots_of_a_broken_page_warn_and_do_not_crash(tmp_path: Path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "en" / "safety.md").write_text("---\ntitle: [oops\n---\n")
    result = kiosk("shots", str(tmp_path / "out"), "--content", str(content))
    assert result.returncode == 0
    assert "safety.md" in result.stderr and "Traceback" not in result.stderr
    assert len(list((tmp_path / "out").glob("[1-6]-*.png"))) == 6


def test_every_screenshot_shows_only_its_own_card_on_the_right_page(make_kiosk):
    """Before: still-reading and staff-pin showed the "Take this home" card left over."""
    from kiosk.gui.overlay import Overlay
    from kiosk.gui.shots import shot_settings, staged_shots

    window = make_kiosk(attract=True)
    window.settings = shot_settings(window.settings)
    cards = {"take-home-safety": window.take_home, "still-reading": window.countdown,
             "staff-pin": window.pin_pad}
    seen = []
    for name in staged_shots(window):
        open_cards = [o for o in window.findChildren(Overlay) if o.isVisible()]
        assert open_cards == ([cards[name]] if name in cards else []), name
        assert window.showing_attract == (name == "attract"), name
        slug = name.split("-", 1)[1] if name[0].isdigit() else None
        expected = {"take-home-safety": "safety"}.get(name, slug or window.pages[0].slug)
        if name != "attract":
            assert window.current_view.page.slug == expected, name
        seen.append(name)
    assert seen[-2:] == ["still-reading", "staff-pin"]


def test_make_shots_writes_only_where_git_does_not_track(tmp_path: Path):
    """make shots leaves the checkout clean; only make readme-shots writes docs/shots/."""
    import shutil

    if shutil.which("make") is None or not (ROOT / ".git").exists():
        pytest.skip("needs make and a git checkout")
    plan = subprocess.run(["make", "-n", "-W", "setup", "shots"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60).stdout
    folders = [line.split(" shots ", 1)[1].split()[0] for line in plan.splitlines()
               if "main.py shots " in line]
    assert len(folders) == 2, plan
    for folder in folders:
        ignored = subprocess.run(["git", "check-ignore", "-q", f"{folder}/attract.png"],
                                 cwd=ROOT, timeout=60)
        assert ignored.returncode == 0, f"{folder} is tracked by git"
    readme = subprocess.run(["make", "-n", "readme-shots"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60).stdout
    assert "SHOTS=docs/shots" in readme
