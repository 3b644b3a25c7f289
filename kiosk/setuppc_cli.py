"""``kiosk setup-pc``: turn a fresh Debian PC into a kiosk with one command (no Qt)."""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path, PurePosixPath

from kiosk.config import Exit
from kiosk.configtable import BY_KEY
from kiosk.pin import check_pin, hash_pin, is_pin_hash, valid_pin
from kiosk.setuppc import CONFIG_DIR, DISPLAYS, Options, home, plan
from kiosk.setuppc_apply import Setup, SetupError

PROG = "kiosk setup-pc"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{PROG}: error: {message} (see {PROG} --help)\n")
        sys.exit(Exit.USAGE)


def parser() -> argparse.ArgumentParser:
    """The parser for ``kiosk setup-pc``."""
    p = _Parser(prog=PROG, description=(
        "Make this PC a kiosk (run as root): a kiosk user logged in automatically on tty1, a "
        "display server with no desktop, no screen blanking, no Ctrl+Alt+Backspace and no "
        "switch to a console, the kiosk as a systemd service with a watchdog, and a config "
        "with the staff PIN and the pointer hidden. Running it again changes nothing; "
        "--undo takes it all back."))
    p.add_argument("--display", choices=DISPLAYS, default="x11",
                   help="x11: a bare X server (default); cage: the cage Wayland compositor")
    pin = p.add_mutually_exclusive_group()
    pin.add_argument("--pin-hash", metavar="HASH",
                     help="the staff PIN's hash, as printed by 'kiosk hash-pin'")
    pin.add_argument("--pin", metavar="DIGITS",
                     help="the staff PIN (4 to 12 digits; visible to other users while this "
                          "runs: prefer --pin-hash or the question)")
    p.add_argument("--user", default="kiosk", metavar="NAME",
                   help="the user the kiosk runs as (default: kiosk)")
    p.add_argument("--name", default="kiosk", metavar="NAME",
                   help="this kiosk's name in the statistics, e.g. a room (default: kiosk)")
    p.add_argument("--content", metavar="DIR",
                   help="content folder for the config, e.g. the installed bundles' 'current' "
                        "link (default: the content shipped with the kiosk)")
    p.add_argument("--kiosk-bin", metavar="PATH",
                   help="the kiosk program the service runs (default: the one running this)")
    p.add_argument("--no-packages", dest="packages", action="store_false",
                   help="do not install Debian packages (they must be there already)")
    p.add_argument("--root", type=Path, default=Path("/"), metavar="DIR",
                   help="set up the system in DIR instead of this one (an image or a chroot)")
    p.add_argument("--dry-run", action="store_true",
                   help="print every change it would make, and make none")
    p.add_argument("--undo", action="store_true",
                   help="reverse what earlier runs did (from their record in "
                        "/var/lib/hair-kiosk/setup-pc.json)")
    return p


def _default_bin() -> str:
    here = Path(sys.prefix) / "bin" / "kiosk"
    return str(here) if here.is_file() else ""


def _runnable_by_all(root: Path, program: str) -> str:
    """Why the kiosk user could not run ``program`` in ``root``, or ""."""
    path = root / program.lstrip("/")
    if not path.is_file():
        return f"{program} is not a file in {root}"
    # Every folder on the way needs o+x, the program o+rx (a script is read by its Python).
    for part, need in [(path, 0o005), *((d, 0o001) for d in path.parents if d != root
                                          and root in d.parents)]:
        mode = part.stat().st_mode & 0o777
        if mode & need != need:
            return f"other users cannot run {program} ({part} has mode {mode:o})"
    return ""


def _existing_hash(root: Path, user: str) -> str:
    config = root / str(home(user) / CONFIG_DIR / "kiosk.toml").lstrip("/")
    try:
        value = tomllib.loads(config.read_text()).get("pin_hash", "")
    except (OSError, ValueError):
        return ""
    return value if isinstance(value, str) and is_pin_hash(value) else ""


def _ask_pin() -> str:
    import getpass

    pin = getpass.getpass("Staff PIN for the kiosk (4 to 12 digits): ")
    if getpass.getpass("Same PIN again: ") != pin:
        raise ValueError("the two PINs differ")
    return pin


def _pin_hash(args: argparse.Namespace) -> str:
    """The hash for the config: given, made from --pin, kept from the last run, or asked for."""
    existing = _existing_hash(args.root, args.user)
    if args.pin_hash is not None:
        if not is_pin_hash(args.pin_hash):
            raise ValueError(f"--pin-hash: expected a hash made by 'kiosk hash-pin', "
                             f"found {args.pin_hash!r}")
        return args.pin_hash
    pin = args.pin
    if pin is None and existing:
        return existing
    if pin is None and not sys.stdin.isatty():
        raise ValueError("a staff PIN is needed: --pin-hash HASH (from 'kiosk hash-pin'), "
                         "--pin DIGITS, or run it in a terminal to be asked")
    if pin is None:
        pin = _ask_pin()
    if not valid_pin(pin):
        raise ValueError("--pin: expected 4 to 12 digits")
    # The same PIN again keeps the same hash (a new salt would change the file every run).
    return existing if existing and check_pin(pin, existing) else hash_pin(pin)


def _options(args: argparse.Namespace) -> Options:
    program = args.kiosk_bin or _default_bin()
    if not program or not PurePosixPath(program).is_absolute():
        raise ValueError(f"--kiosk-bin: expected the absolute path of the kiosk program, "
                         f"found {program!r}")
    if problem := _runnable_by_all(args.root, program):
        raise ValueError(f"--kiosk-bin: {problem}; install the kiosk where every user can "
                         "run it, e.g. in /opt/hair-kiosk")
    if args.content and not PurePosixPath(args.content).is_absolute():
        raise ValueError(f"--content: expected an absolute path, found {args.content!r}")
    try:
        name = BY_KEY["kiosk_name"].parse(args.name)
    except ValueError as exc:
        raise ValueError(f"--name: {exc}") from None
    return Options(kiosk_bin=program, pin_hash=_pin_hash(args), display=args.display,
                   user=args.user, kiosk_name=name, content=args.content or "",
                   packages=args.packages)


def main(argv: list[str]) -> int:
    """Run ``kiosk setup-pc``; return the exit status."""
    args = parser().parse_args(argv)
    say = print  # noqa: T202 - this command's output is its report
    if not args.root.is_dir():
        sys.stderr.write(f"{PROG}: error: --root: {args.root} is not a folder\n")
        return Exit.USAGE
    if os.geteuid() != 0 and args.root == Path("/") and not args.dry_run:
        sys.stderr.write(f"{PROG}: error: run it as root: sudo kiosk setup-pc\n")
        return Exit.USAGE
    try:
        setup = Setup(args.root.resolve(), say, dry_run=args.dry_run)
        if args.undo:
            steps = setup.undo()
            say(f"{'would undo' if args.dry_run else 'undid'} {steps} change(s)")
            return Exit.OK
        changes = plan(_options(args))
    except (ValueError, SetupError) as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return Exit.USAGE
    try:
        count = setup.apply(changes)
    except (SetupError, OSError) as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n(what was done so far is recorded: "
                         f"'{PROG} --undo' takes it back)\n")
        return Exit.PROBLEMS
    if args.dry_run:
        say(f"{count} change(s) to make; nothing was changed")
    elif count:
        say(f"made {count} change(s); restart the PC to start the kiosk")
    else:
        say("nothing to change: this PC is already set up")
    return Exit.OK
