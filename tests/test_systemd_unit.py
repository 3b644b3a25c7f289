"""The shipped systemd unit is valid and has a watchdog and start limits that can trip."""

import configparser
import shutil
import subprocess

import pytest
from conftest import ROOT

UNIT = ROOT / "docs" / "systemd" / "hair-kiosk.service"


def test_unit_has_watchdog_restart_and_start_limits():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(UNIT)
    assert unit["Service"]["Type"] == "notify"
    assert int(unit["Service"]["WatchdogSec"]) > 0
    assert unit["Service"]["Restart"] == "always"
    burst = int(unit["Unit"]["StartLimitBurst"])
    interval = int(unit["Unit"]["StartLimitIntervalSec"])
    restart = int(unit["Service"]["RestartSec"])
    # The limit can only trip if that many restarts fit in the interval.
    assert burst * restart < interval


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_analyze_verify_accepts_the_unit(tmp_path):
    text = UNIT.read_text().replace("%h/hair-kiosk/.venv/bin/kiosk", "/bin/true")
    unit = tmp_path / "hair-kiosk.service"
    unit.write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", "--user", str(unit)],
                            capture_output=True, text=True, timeout=60)
    problems = [line for line in result.stderr.splitlines() if "hair-kiosk.service" in line]
    assert not problems, result.stderr
