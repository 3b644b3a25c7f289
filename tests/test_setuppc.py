"""`kiosk setup-pc` on a temporary root: dry run, real run, second run, undo, bad options.

The command runs for real (python -m kiosk setup-pc --root DIR); only the Debian packages are
left out here (--no-packages). tests/test_systemd.py runs it with packages in a fresh Debian
root booted with systemd.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.config import read_config
from kiosk.pin import check_pin, hash_pin

KIOSK_BIN = "/opt/hair-kiosk/bin/kiosk"
as_root = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("useradd") is None,
                             reason="useradd --root needs root")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small Debian-like root: the account files and an installed kiosk program."""
    root = tmp_path / "root"
    (root / "etc/skel").mkdir(parents=True)
    (root / "home").mkdir()
    (root / "etc/passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (root / "etc/shadow").write_text("root:*:19000:0:99999:7:::\n")
    (root / "etc/group").write_text("root:x:0:\nvideo:x:44:\naudio:x:29:\n")
    (root / "etc/gshadow").write_text("root:*::\nvideo:*::\naudio:*::\n")
    program = root / KIOSK_BIN.lstrip("/")
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    return root


def setup_pc(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "setup-pc", "--root", str(root), "--no-packages",
         "--kiosk-bin", KIOSK_BIN, *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


def tree(root: Path) -> dict[str, tuple]:
    """Every path under root with its type, mode, owner and content (or link target)."""
    found = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        what = (os.readlink(path) if path.is_symlink() else
                path.read_bytes() if path.is_file() else "dir")
        found[str(path.relative_to(root))] = (oct(st.st_mode), st.st_uid, st.st_gid, what)
    return found


def test_dry_run_prints_every_change_and_makes_none(root):
    before = tree(root)
    result = setup_pc(root, "--pin", "2468", "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for line in ["would add user kiosk (groups: video, audio)",
                 "would create /etc/systemd/system/getty@tty1.service.d/autologin.conf",
                 "ExecStart=-/sbin/agetty --autologin kiosk --noclear %I $TERM",
                 "exec startx -- -nocursor -s 0 -dpms",
                 'Option "DontZap" "true"', 'Option "DontVTSwitch" "true"',
                 "would create /home/kiosk/.config/systemd/user/hair-kiosk.service",
                 f"ExecStart={KIOSK_BIN} --config %h/.config/hair-kiosk/kiosk.toml",
                 "WatchdogSec=15",
                 "would create /var/lib/systemd/linger/kiosk",
                 "would create /home/kiosk/.config/hair-kiosk/kiosk.toml (mode 600, owner kiosk)",
                 "8 change(s) to make; nothing was changed"]:
        assert line in out
    assert "pbkdf2" not in out  # the PIN's hash is never printed
    assert tree(root) == before


@as_root
def test_real_run_makes_a_kiosk_pc_and_a_second_run_changes_nothing(root):
    result = setup_pc(root, "--pin", "2468", "--name", "Room 3")
    assert result.returncode == 0, result.stderr
    assert "made 8 change(s)" in result.stdout
    home = root / "home/kiosk"
    passwd = (root / "etc/passwd").read_text()
    assert "kiosk:x:" in passwd and ":/home/kiosk:/bin/bash" in passwd
    uid = home.stat().st_uid
    assert uid != 0
    # The kiosk reads the config it was given with its own config reader.
    config = home / ".config/hair-kiosk/kiosk.toml"
    settings = read_config(config)
    assert check_pin("2468", settings["pin_hash"])
    assert settings["hide_cursor"] is True and settings["mode"] == "kiosk"
    assert settings["kiosk_name"] == "Room 3"
    assert (config.stat().st_mode & 0o777, config.stat().st_uid) == (0o600, uid)
    unit = home / ".config/systemd/user/hair-kiosk.service"
    assert unit.stat().st_uid == uid
    # Not enabled: the X session starts it once the display is up.
    assert not (home / ".config/systemd/user/default.target.wants").exists()
    assert "systemctl --user start hair-kiosk.service" in (home / ".xinitrc").read_text()
    assert (root / "var/lib/systemd/linger/kiosk").is_file()
    assert "DontVTSwitch" in (root / "etc/X11/xorg.conf.d/10-kiosk.conf").read_text()

    after_first = tree(root)
    again = setup_pc(root, "--pin", "2468", "--name", "Room 3")
    assert again.returncode == 0, again.stderr
    assert "nothing to change: this PC is already set up" in again.stdout
    assert tree(root) == after_first
    # With no PIN given, a second run keeps the one it has.
    assert "nothing to change" in setup_pc(root, "--name", "Room 3").stdout
    # A new PIN changes the config, and only the config.
    new = setup_pc(root, "--pin", "1357", "--name", "Room 3")
    assert "made 1 change(s)" in new.stdout
    assert "change /home/kiosk/.config/hair-kiosk/kiosk.toml" in new.stdout
    assert check_pin("1357", read_config(config)["pin_hash"])


@as_root
def test_undo_puts_back_what_was_there(root):
    # An administrator's own autologin drop-in is there before setup-pc runs.
    own = root / "etc/systemd/system/getty@tty1.service.d/autologin.conf"
    own.parent.mkdir(parents=True)
    own.write_text("[Service]\n# mine\n")
    before = tree(root)
    assert setup_pc(root, "--pin-hash", hash_pin("2468")).returncode == 0
    assert "--autologin kiosk" in own.read_text()
    dry = setup_pc(root, "--undo", "--dry-run")
    assert "would restore the old /etc/systemd/system/getty@tty1.service.d/autologin.conf" \
        in dry.stdout
    assert "would delete user kiosk" in dry.stdout
    result = setup_pc(root, "--undo")
    assert result.returncode == 0, result.stderr
    assert own.read_text() == "[Service]\n# mine\n"
    after = tree(root)
    # useradd's and userdel's own traces: the home folder stays (it holds the statistics),
    # the account files keep backups and a lock file.
    extra = {p for p in set(after) - set(before)
             if p == "home/kiosk" or p.startswith("home/kiosk/.")
             and not p.startswith("home/kiosk/.config") or p.startswith("etc/")}
    assert set(after) - set(before) == extra
    assert "kiosk" not in (root / "etc/passwd").read_text()
    assert not (root / "home/kiosk/.config").exists()
    assert all(after[p] == before[p] for p in before if not p.startswith("etc/")
               or "systemd" in p)


def test_cage_uses_its_unit_and_packages(root):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "setup-pc", "--root", str(root), "--dry-run",
         "--display", "cage", "--pin", "2468", "--kiosk-bin", KIOSK_BIN],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0, result.stderr
    install = next(line for line in result.stdout.splitlines() if "install packages" in line)
    for package in ["cage", "xwayland", "libwayland-cursor0", "libxcb-cursor0", "espeak-ng"]:
        assert package in install.split()
    assert "exec cage -- /bin/sh -c" in result.stdout
    assert "would create /home/kiosk/.config/systemd/user/hair-kiosk-cage.service" \
        in result.stdout
    assert "Environment=QT_QPA_PLATFORM=wayland" in result.stdout
    assert "startx" not in result.stdout and "xorg.conf" not in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--pin", "12"], "--pin: expected 4 to 12 digits"),
    (["--pin-hash", "1234"], "--pin-hash: expected a hash made by 'kiosk hash-pin', "
                             "found '1234'"),
    ([], "a staff PIN is needed: --pin-hash HASH (from 'kiosk hash-pin'), --pin DIGITS"),
    (["--pin", "2468", "--name", "a/b"], "--name:"),
    (["--pin", "2468", "--content", "bundles/current"],
     "--content: expected an absolute path, found 'bundles/current'"),
    (["--pin", "2468", "--display", "gnome"], "argument --display: invalid choice: 'gnome'"),
])
def test_bad_options_say_what_is_wrong_and_change_nothing(root, args, message):
    before = tree(root)
    result = setup_pc(root, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(root) == before


def test_a_kiosk_program_other_users_cannot_reach_is_refused(root):
    (root / "opt/hair-kiosk").chmod(0o700)
    result = setup_pc(root, "--pin", "2468", "--dry-run")
    assert result.returncode == 2
    assert "--kiosk-bin: other users cannot run /opt/hair-kiosk/bin/kiosk" in result.stderr


def test_shipped_units_differ_only_where_the_display_differs():
    from importlib import resources

    deploy = resources.files("kiosk").joinpath("deploy")

    def settings(name):
        return {line for line in deploy.joinpath(name).read_text().splitlines()
                if "=" in line and not line.startswith("#")}

    x11, cage = settings("hair-kiosk.service"), settings("hair-kiosk-cage.service")
    assert x11 - cage == {"Environment=QT_QPA_PLATFORM=xcb",
                          "Description=Stem cell therapy patient-education kiosk"}
    assert cage - x11 == {"Environment=QT_QPA_PLATFORM=wayland",
                          "Description=Stem cell therapy patient-education kiosk "
                          "(Wayland, cage)"}
    assert tomllib  # (the config itself is checked with the kiosk's own reader above)
