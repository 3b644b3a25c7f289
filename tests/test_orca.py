"""A blind patient's visit with the real screen reader: Orca, headless, on a private Xvfb, keys
pressed with xdotool, asserting on what Orca sent to the speech synthesizer and in which language.

Orca runs as a throwaway user made for the test (one Orca per user, and ``orca --replace`` would
kill every Orca of the user running the tests); that needs root, so the test skips without it.
"""

import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT, start_xvfb

pytestmark = pytest.mark.xvfb

SCRIPT = ROOT / "tests" / "helpers" / "orca_visit.sh"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _missing() -> str:
    if os.geteuid() != 0:
        return "root (Orca runs as a throwaway user made with useradd)"
    for tool in ("orca", "Xvfb", "xdotool", "dbus-run-session", "useradd", "runuser"):
        if shutil.which(tool) is None:
            return tool
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core"
    if not Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng").exists():
        return "speech-dispatcher-espeak-ng"
    if not SYSTEM_PYTHON.exists():
        return "a system python3"
    # The throwaway user cannot read this interpreter's home (often under /root): it runs the
    # kiosk with the system python3 and this environment's packages, which needs the same version.
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info[:2])"],
                           capture_output=True, text=True)
    if probe.stdout.strip() != str(sys.version_info[:2]):
        return f"a system python3 of version {sys.version_info[:2]}"
    return ""


MISSING = _missing()
if MISSING:
    pytest.skip(f"the Orca visit needs {MISSING} (make test installs Orca on Debian as root)",
                allow_module_level=True)


class OrcaUser(str):
    """The throwaway user's name, with where it finds the kiosk's code."""

    main: Path
    content: Path
    pythonpath: str


@pytest.fixture(scope="module")
def orca_user():
    """A user that exists only for this test module, and everything it ran ended by id."""
    name = OrcaUser(f"korca{os.getpid() % 100000}")
    # Orca runs as its own user (one Orca per user), who must reach the kiosk's code and this
    # environment's packages. A checkout under a folder only root may enter (a fresh machine's
    # /root) is copied to a folder everyone may read, for the module's visits.
    purelib = Path(sysconfig.get_paths()["purelib"])
    copy = None
    if _others_can_reach(ROOT / "main.py") and _others_can_reach(purelib):
        name.main, name.content, name.pythonpath = ROOT / "main.py", ROOT / "content", str(purelib)
    else:
        copy = Path(tempfile.mkdtemp(prefix="orca-kiosk-"))
        copy.chmod(0o755)
        for part in ("kiosk", "content", "assets"):
            shutil.copytree(ROOT / part, copy / "code" / part, symlinks=True)
        shutil.copy(ROOT / "main.py", copy / "code" / "main.py")
        shutil.copytree(purelib, copy / "site", symlinks=True)
        name.main, name.content = copy / "code" / "main.py", copy / "code" / "content"
        name.pythonpath = str(copy / "site")
    subprocess.run(["useradd", "-M", "-s", "/bin/bash", name], check=True)
    try:
        yield name
    finally:
        end_processes_of(name)
        subprocess.run(["userdel", name], check=False)
        if copy is not None:
            shutil.rmtree(copy, ignore_errors=True)


def _others_can_reach(path: Path) -> bool:
    """True when a user other than the owner may enter every folder up to ``path``."""
    for folder in [*reversed(path.parents)][1:] + ([path] if path.is_dir() else []):
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return path.is_dir() or bool(path.stat().st_mode & stat.S_IROTH)


def end_processes_of(user: str, seconds: float = 20) -> None:
    """Kill every process of ``user`` by its id and wait until none is left."""
    uid = str(pwd.getpwnam(user).pw_uid)
    deadline = time.monotonic() + seconds
    while True:
        left = subprocess.run(["pgrep", "-u", uid], capture_output=True, text=True).stdout
        if not left.split() or time.monotonic() > deadline:
            return
        for pid in left.split():
            subprocess.run(["kill", "-9", pid], check=False)
        time.sleep(0.1)


def transcript(log: Path, start: int = 0, end: int | None = None) -> list[tuple[str, str, float]]:
    """(language, text, seconds since midnight) of each utterance Orca sent to speech-dispatcher
    between two lines of its debug log. An utterance belongs where its "Speaking" line is; its
    language comes on a later line, which may be past ``end`` (Orca wrote it while the next
    step began)."""
    said, pending = [], None
    lines = log.read_text(errors="replace").splitlines()
    for number, line in enumerate(lines[start:], start):
        if end is not None and number >= end and pending is None:
            break
        found = re.search(r"^(\d+):(\d+):([\d.]+) - SPEECH DISPATCHER: Speaking '(.*)'\s*$", line)
        if found:
            if end is not None and number >= end:
                break
            h, m, sec, text = found.groups()
            at = int(h) * 3600 + int(m) * 60 + float(sec)
            pending = (re.sub(r"<[^>]*>", "", text).strip(), at)
            continue
        found = re.search(r"SD rate .* language (\S+)", line)
        if found and pending is not None:
            said.append((found.group(1), *pending))
            pending = None
    return said


def visit(tmp_path: Path, user: str, steps: list[str], **config) -> tuple[dict, str]:
    """Run the kiosk and Orca through ``steps``; return what was said at each step, and the
    script's own output (which step failed)."""
    # One Orca per user: whatever the last visit left of this user's (Orca, its bus) is ended,
    # and gone, before this one starts ("Another screen reader process is already running").
    end_processes_of(user)
    # pytest's tmp_path is root's alone: the throwaway user works in a folder of its own.
    out = Path(tempfile.mkdtemp(prefix="orca-visit-"))
    settings = {"mode": "kiosk", "content": str(user.content), "idle_timeout": 90,
                "countdown": 20} | config
    (out / "kiosk.toml").write_text("".join(
        f"{k} = {v!r}\n".replace("'", '"') if isinstance(v, str) else f"{k} = {v}\n"
        for k, v in settings.items()))
    (out / "steps").write_text("\n".join(steps) + "\n")
    shutil.copy(SCRIPT, out / SCRIPT.name)  # the user may not reach the checkout's copy
    for path in (out, *out.iterdir()):
        shutil.chown(path, user)
    server, env = start_xvfb()
    if server is None:
        pytest.fail("Xvfb did not start")
    env["KIOSK_PYTHONPATH"] = user.pythonpath
    try:
        result = subprocess.run(
            ["runuser", "-u", user, "--", "env", f"DISPLAY={env['DISPLAY']}",
             f"KIOSK_PYTHONPATH={env['KIOSK_PYTHONPATH']}", "dbus-run-session", "--", "bash",
             str(out / SCRIPT.name), str(out), str(SYSTEM_PYTHON), str(user.main),
             str(out / "kiosk.toml"), str(out / "steps")],
            capture_output=True, text=True, timeout=300)
    finally:
        server.terminate()
        server.wait()
        for name in ("orca.debug", "kiosk.log", "orca.out"):
            if (out / name).exists():
                shutil.copy(out / name, tmp_path / name)
        shutil.rmtree(out, ignore_errors=True)
    marks = [(int(m.group(1)), m.group(2)) for m in
             re.finditer(r"^=== (\d+) (.*)$", result.stdout, re.MULTILINE)]
    log = tmp_path / "orca.debug"
    steps_said = {}
    for i, (line, keys) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else None
        steps_said[f"{i}: {keys}"] = transcript(log, line, end)
    report = result.stdout + "\n" + "\n".join(
        f"{step}: {said}" for step, said in steps_said.items())
    assert result.returncode == 0, report
    return steps_said, report


def texts(said: list[tuple[str, str, float]]) -> str:
    return " | ".join(text for _lang, text, _at in said)


def test_a_blind_patient_visits_by_keyboard_in_english(tmp_path, orca_user):
    steps = [
        "|Six short pages|30",                         # 0: the welcome screen, Start focused
        "Return|Overview|15",                          # 1: Enter starts: the page is announced
        "KP_Add|This guide helps you learn|20",        # 2: Orca's Say All reads the body
        "Tab|Take this home|8|40",                     # 3: Tab on (links said) to Take this home
        "space|Scan with your phone|10",               # 4: the QR code popup, as a dialog
        "Escape|Take this home push|10",               # 5: Escape closes it, the focus is back
        "|Stay on this page|40",                       # 6: idle: the countdown is spoken
        "a|Take this home push|10",                    # 7: any key answers it
        "|Stay on this page|40",                       # 8: idle again...
        "|start over in 5 seconds|20",                 # 9: ...it is spoken as it runs out
        "|Six short pages|20",                         # 10: and the kiosk starts over
    ]
    said, report = visit(tmp_path, orca_user, steps, idle_timeout=8, countdown=6,
                         screen_reader_time=1)
    (tmp_path / "transcript.txt").write_text(report)
    heard = [texts(s) for s in said.values()]
    assert "Start push button" in heard[0]
    assert "Six short pages" in heard[0]
    # The new page is said as the window's title names it ("Overview - Stem cell therapy...").
    assert "Overview" in heard[1]
    assert "This guide helps you learn about stem cell treatment for hair loss." in heard[2]
    assert "link" in heard[3] and "Take this home push button" in heard[3]
    assert "Take this home: Overview" in heard[4] and "dialog" in heard[4]
    assert "Take this home push button" in heard[5] and "dialog" not in heard[5]
    assert "alert Are you still reading?" in heard[6] and "Keep reading push button" in heard[6]
    assert "Take this home push button" in heard[7] and "Start push button" not in heard[7]
    assert "start over in 5 seconds" in heard[9]
    assert "Start push button" in heard[10]
    assert {lang for step in said.values() for lang, _text, _at in step} == {"en-us"}


def test_spanish_is_chosen_by_keyboard_and_a_screen_reader_gets_more_time(
        tmp_path, orca_user):
    steps = [
        "|Six short pages|30",                         # 0: welcome, in English
        "Tab|Show the pages in this language|10",      # 1: the languages are one radio group
        r"Right|Mostrar las páginas en este idioma\.|15",  # 2: an arrow chooses the next one
        "shift+Tab|Seis páginas|10",                   # 3: back to Start, now in Spanish
        "Return|Resumen|15",                           # 4: the first page, in Spanish
        "|Quedarse en esta página|60",                 # 5: the question, 4 x 6 s later
    ]
    said, report = visit(tmp_path, orca_user, steps, idle_timeout=6, countdown=5,
                         screen_reader_time=4)
    (tmp_path / "transcript.txt").write_text(report)
    heard = [texts(s) for s in said.values()]
    assert "English. | selected radio button" in heard[1]
    assert "Español. | selected radio button" in heard[2]
    assert "Empezar push button" in heard[3]
    assert "Resumen" in heard[4]
    # Orca runs, so the 6 s idle timeout is 24 s (screen_reader_time): the question comes late.
    started = said[list(said)[4]][0][2]
    asked = next(at for _lang, text, at in said[list(said)[5]] if "Sigue leyendo" in text)
    assert asked - started >= 23, report
    voices = {lang for _lang_text in said.values() for lang, text, _at in _lang_text
              if "Empezar" in text}
    if voices != {"es"}:
        # Orca 43 picks a voice only from a text attribute "language" (web pages); Qt sends
        # none. The kiosk reports its language as the application's and every object's
        # locale (AT-SPI), which newer screen readers read.
        pytest.xfail(f"Orca spoke the Spanish label with the voice {voices}, not Spanish")
