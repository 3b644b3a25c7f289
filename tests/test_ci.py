""".ci/run: CI hands ``make test`` to the fresh-machine tool and reports what it found.

The shared tool itself builds a Debian root (minutes, as root, one run at a time), so here a
stand-in with the same interface (the command as its argument, the machine's log tail on
stdout, the command's status as its own) stands in for it; the script under test is the real one.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from conftest import ROOT

CI = ROOT / ".ci" / "run"


def fresh_tool(tmp_path: Path, tail: str, status: int) -> Path:
    """A stand-in for fresh-debian.sh that notes how it was called and prints ``tail``."""
    tool = tmp_path / "fresh-debian.sh"
    tool.write_text("#!/bin/bash\n"
                    f"printf '%s\\n' \"$PWD\" \"$#\" \"$1\" > {tmp_path / 'called'}\n"
                    "echo 'fresh machine: set-up 3 s; running make test (log /tmp/x.log)'\n"
                    f"cat <<'EOF'\n{tail}\nEOF\n"
                    f"exit {status}\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return tool


def ci(tool: Path | str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CI="true", FRESH_DEBIAN=str(tool))
    return subprocess.run([str(CI)], capture_output=True, text=True, env=env, cwd="/",
                          timeout=60)


def test_ci_runs_make_test_in_the_project_and_passes_its_summary_and_status_on(tmp_path):
    tool = fresh_tool(tmp_path, "tests/test_x.py ....\n"
                                "========== 380 passed in 612.31s (0:10:12) ==========", 0)
    result = ci(tool)
    assert result.returncode == 0, result.stderr
    # From any folder, the tool runs in the checkout with the README's command.
    assert (tmp_path / "called").read_text().splitlines() == [str(ROOT), "1", "make test"]
    lines = result.stdout.splitlines()
    assert "tests/test_x.py ...." in lines  # the machine's log tail is shown
    assert lines[-1] == ("CI: pytest: ========== 380 passed in 612.31s (0:10:12) "
                         "==========")
    assert lines[-2].startswith("CI: fresh Debian 12: 'make test' exit 0 in ")


def test_a_failing_run_fails_ci_with_the_same_status(tmp_path):
    tool = fresh_tool(tmp_path, "FAILED tests/test_x.py::test_y - assert 1 == 2\n"
                                "===== 1 failed, 379 passed in 600.00s (0:10:00) =====", 2)
    result = ci(tool)
    assert result.returncode == 2
    assert result.stdout.splitlines()[-1] == \
        "CI: pytest: ===== 1 failed, 379 passed in 600.00s (0:10:00) ====="


def test_a_run_that_stops_before_pytest_says_there_is_no_summary(tmp_path):
    tool = fresh_tool(tmp_path, "make: *** [Makefile:38: assets/i18n/kiosk_es.qm] Error 127", 2)
    result = ci(tool)
    assert result.returncode == 2
    assert "make: *** [Makefile:38" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("CI: pytest: no pytest summary line")


def test_without_the_shared_tool_ci_fails_loudly_and_says_why(tmp_path):
    missing = tmp_path / "shared" / "tools" / "fresh-debian.sh"
    result = ci(missing)
    assert result.returncode == 125
    assert result.stdout == ""
    assert result.stderr.startswith(f"CI: cannot test: {missing} is missing.")
    assert "Nothing was tested." in result.stderr
