"""Staff install from a hostile USB stick in the real kiosk on Xvfb, with real taps (XTEST).

The stick holds a good bundle beside a 10 GB zero bomb and a malformed manifest. Staff tap
the corner, the PIN, "Content from USB" and the good bundle; the controls are found where a
screen reader finds them (AT-SPI) and tapped with xdotool. The bad bundles are listed as
bad, the good one installs, and ``current`` points at it.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from test_atspi import LAUNCHER, MISSING, SYSTEM_PYTHON
from test_usb_hostile import malformed, zero_bomb

from kiosk.bundle import install_bundle, installed
from kiosk.bundlemake import make_bundle
from kiosk.bundlemedia import TEST_ROOTS_ENV
from kiosk.pin import hash_pin

pytestmark = pytest.mark.xvfb
if MISSING or shutil.which("xdotool") is None:
    pytest.skip(f"needs {MISSING or 'xdotool'}", allow_module_level=True)

PIN = "2468"
SCRIPT = """
exec 3< <(Xvfb -displayfd 1 -screen 0 1920x1080x24 -noreset -nolisten tcp 2>/dev/null)
XVFB=$!
read -r N <&3 || exit 3
export DISPLAY=:$N
{launcher} --launch-immediately >/dev/null 2>&1 &
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 {python} {main} --config {config} --no-attract \
    >{log} 2>&1 &
KIOSK=$!
PYTHONPATH={helpers} {system_python} {helpers}/usb_taps.py hair-kiosk {pin}
STATUS=$?
kill $KIOSK $XVFB
exit $STATUS
"""


def test_staff_install_the_good_bundle_from_a_hostile_stick_with_real_taps(tmp_path: Path):
    stick = tmp_path / "media" / "kiosk-user" / "STICK"
    stick.mkdir(parents=True)
    work = tmp_path / "work"
    shutil.copytree(CONTENT, work)
    page = work / "en" / "overview.md"
    page.write_text(page.read_text().replace("# Stem cells and hair loss: the basics",
                                             "# Updated from the stick"))
    new = make_bundle(work, stick / "good.tar.gz")
    zero_bomb(stick / "bomb.tar.gz", 10)
    malformed(stick / "good.tar.gz", stick / "malformed.tar.gz")
    bundles = tmp_path / "bundles"
    make_bundle(CONTENT, tmp_path / "shipped.tar.gz")
    old = install_bundle(tmp_path / "shipped.tar.gz", bundles)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'content = "{bundles / "current"}"\nmode = "kiosk"\n'
                      f'pin_hash = "{hash_pin(PIN, iterations=1000)}"\nstats = false\n')
    script = SCRIPT.format(launcher=LAUNCHER, python=sys.executable, main=ROOT / "main.py",
                           config=config, log=tmp_path / "kiosk.log", pin=PIN,
                           system_python=SYSTEM_PYTHON, helpers=ROOT / "tests" / "helpers")
    env = dict(os.environ, **{TEST_ROOTS_ENV: str(tmp_path / "media")})
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(["dbus-run-session", "--", "bash", "-c", script], env=env,
                            capture_output=True, text=True, timeout=240)
    log = (tmp_path / "kiosk.log").read_text()
    assert result.returncode == 0, result.stdout + result.stderr + log
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert [(name.split(":")[0], usable) for name, usable in report["listed"]] == [
        ("bomb.tar.gz", False), ("good.tar.gz", True), ("malformed.tar.gz", False)]
    assert report["status"] == f"Installed version {new.version}."
    assert installed(bundles) == {"current": new.version, "previous": old.version}
    assert "USB bundle cannot be used: bomb.tar.gz does not start with manifest.json" in log
