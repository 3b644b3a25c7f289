"""The shipped systemd units (X, cage) are valid and have a watchdog and start limits that trip."""

import configparser
import shutil
import subprocess

import pytest
from conftest import ROOT

UNITS = [ROOT / "docs" / "systemd" / "hair-kiosk.service",
         ROOT / "docs" / "systemd" / "hair-kiosk-cage.service"]


@pytest.mark.parametrize("unit_file", UNITS, ids=lambda p: p.name)
def test_unit_has_watchdog_restart_and_start_limits(unit_file):
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(unit_file)
    assert unit["Service"]["Type"] == "notify"
    assert int(unit["Service"]["WatchdogSec"]) > 0
    assert unit["Service"]["Restart"] == "always"
    burst = int(unit["Unit"]["StartLimitBurst"])
    interval = int(unit["Unit"]["StartLimitIntervalSec"])
    restart = int(unit["Service"]["RestartSec"])
    # The limit can only trip if that many restarts fit in the interval.
    assert burst * restart < interval


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
@pytest.mark.parametrize("unit_file", UNITS, ids=lambda p: p.name)
def test_systemd_analyze_verify_accepts_the_unit(tmp_path, unit_file):
    text = unit_file.read_text().replace("%h/hair-kiosk/.venv/bin/kiosk", "/bin/true")
    unit = tmp_path / unit_file.name
    unit.write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", "--user", str(unit)],
                            capture_output=True, text=True, timeout=60)
    problems = [line for line in result.stderr.splitlines() if unit_file.name in line]
    assert not problems, result.stderr
