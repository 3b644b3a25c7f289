"""The ``kiosk`` command line: options, sub-commands and exit statuses (Qt loads only to run)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk.config import ConfigError, Exit, Settings, load_settings
from kiosk.configtable import BY_KEY, parse_size

log = logging.getLogger("kiosk")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit with Exit.USAGE."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        sys.exit(Exit.USAGE)


def _typed(parse):
    def convert(text: str):
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = getattr(parse, "__name__", "value").removeprefix("parse_")
    return convert


def _setting(key: str):
    """The argparse type for the option of the config key ``key``: the table's own check."""
    convert = _typed(BY_KEY[key].parse)
    convert.__name__ = BY_KEY[key].kind
    return convert


def config_option(parser: argparse.ArgumentParser) -> None:
    """``--config PATH``, found and read the same way by every command (load_settings)."""
    parser.add_argument("--config", metavar="PATH",
                        help="settings file (default: ./kiosk.toml, else kiosk.toml in the "
                             "user's config folder); options given here win over it")


def _content_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="folder holding one sub-folder of markdown pages per language "
                             "(default: content from kiosk.toml, else the pages that come "
                             "with the kiosk)")
    parser.add_argument("--lang", metavar="L",
                        help="language to show, the name of a folder in the content folder "
                             "(default: lang from kiosk.toml, else en)")


def settings_or_exit(prog: str, args: dict, *, check_content: bool = True) -> Settings | int:
    """load_settings with the options in ``args`` (``config`` is taken out of it).

    Returns the Settings, or Exit.USAGE after writing each problem on its own line.
    """
    options = dict(args)
    config = options.pop("config", None)
    try:
        return load_settings(config, options, check_content=check_content)
    except ConfigError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{prog}: error: {problem}\n")
        return Exit.USAGE


def run_parser() -> argparse.ArgumentParser:
    """The parser for ``kiosk [options]``, which runs the kiosk."""
    parser = _Parser(
        prog="kiosk",
        description="Patient-education kiosk: six pages on stem cell therapy for hair loss. "
                    "Runs full screen unless --windowed.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands (see kiosk COMMAND --help):\n" + "\n".join(
            f"  kiosk {usage:<26}{summary}" for usage, summary in SUMMARIES.values()),
    )
    parser.add_argument("--windowed", dest="mode", action="store_const", const="windowed",
                        help="run as a normal resizable window (1280x800) instead of full screen; "
                             "closing the window quits")
    config_option(parser)
    _content_options(parser)
    parser.add_argument("--idle-timeout", type=_setting("idle_timeout"), metavar="SECONDS",
                        help="seconds without a touch before the kiosk asks 'Are you still "
                             "reading?' and then starts over; 0 turns it off (default: 90)")
    parser.add_argument("--no-attract", dest="attract", action="store_const", const=False,
                        help="open straight on the first page, with no 'Touch to start' screen")
    parser.add_argument("--hide-cursor", action="store_const", const=True,
                        help="hide the mouse pointer (for touch screens)")
    parser.add_argument("--watch", action="store_const", const=True,
                        help="live preview for editors: reload a page when its file is saved "
                             "and show what 'kiosk check' says about it")
    parser.add_argument("--present", action="store_const", const=True,
                        help="presentation mode: large type, one page at a time, pages move on "
                             "by themselves; presenter keys and clickers work (with --windowed: "
                             "a windowed demo)")
    parser.add_argument("--present-seconds", type=_setting("present_seconds"),
                        metavar="SECONDS",
                        help="in presentation mode, seconds per page; 0 (default) gives each "
                             "page the time its length needs")
    return parser


def shots_parser() -> argparse.ArgumentParser:
    """The parser for ``kiosk shots DIR``."""
    parser = _Parser(prog="kiosk shots",
                     description="Render every page to a PNG file in DIR, one per page, "
                                 "named after the page. Needs no display.")
    parser.add_argument("dir", type=Path, metavar="DIR", help="folder to write the PNG files to")
    parser.add_argument("--size", type=_typed(parse_size), default=(1920, 1080), metavar="WxH",
                        help="screen size to render at (default: 1920x1080)")
    config_option(parser)
    _content_options(parser)
    return parser


def _run(argv: list[str]) -> int:
    settings = settings_or_exit("kiosk", vars(run_parser().parse_args(argv)))
    if not isinstance(settings, Settings):
        return settings
    from kiosk.gui.app import run

    return run(settings)


def _shots(argv: list[str]) -> int:
    args = vars(shots_parser().parse_args(argv))
    folder, size = args.pop("dir"), args.pop("size")
    settings = settings_or_exit("kiosk shots", args)
    if not isinstance(settings, Settings):
        return settings
    from dataclasses import replace

    from kiosk.gui.shots import write_shots

    return write_shots(replace(settings, window_size=size), folder)


def _content_tool(name: str):
    """A sub-command of kiosk.contentcli, imported only when it runs."""

    def run(argv: list[str]) -> int:
        from kiosk import contentcli

        return getattr(contentcli, name)(argv)

    return run


def _hash_pin(argv: list[str]) -> int:
    parser = _Parser(prog="kiosk hash-pin",
                     description="Read a staff PIN (4 to 12 digits) and print the line to put "
                                 "in kiosk.toml. The PIN itself is never stored.")
    parser.parse_args(argv)
    from kiosk.pin import hash_pin, valid_pin

    if sys.stdin.isatty():
        import getpass

        pin = getpass.getpass("New staff PIN: ")
        if getpass.getpass("Same PIN again: ") != pin:
            sys.stderr.write("kiosk hash-pin: error: the two PINs differ\n")
            return Exit.USAGE
    else:
        pin = sys.stdin.readline().strip()
    if not valid_pin(pin):
        sys.stderr.write("kiosk hash-pin: error: a PIN is 4 to 12 digits\n")
        return Exit.USAGE
    sys.stdout.write(f'pin_hash = "{hash_pin(pin)}"\n')
    return Exit.OK


def _setup_pc(argv: list[str]) -> int:
    from kiosk.setuppc_cli import main as setup_pc_main

    return setup_pc_main(argv)


def _stats(argv: list[str]) -> int:
    from kiosk.stats.command import main as stats_main

    return stats_main(argv)


#: What each sub-command is for, as ``kiosk --help`` lists them: name -> (usage, summary).
SUMMARIES = {
    "check": ("check", "check every page of every language (exit 1 on errors)"),
    "shots": ("shots DIR", "render every page and screen to PNG files in DIR"),
    "hash-pin": ("hash-pin", "make the staff PIN line for kiosk.toml"),
    "bundle": ("bundle OUT", "write the checked content as a versioned bundle"),
    "install-bundle": ("install-bundle FILE", "verify a bundle and switch the kiosk to it"),
    "rollback": ("rollback [--to VERSION]",
                 "show the version installed before (again: one more back)"),
    "stats": ("stats", "report the anonymous usage statistics (--csv, --chart)"),
    "leaflet": ("leaflet OUT.pdf", "print the pages as a leaflet (PDF, offline)"),
    "setup-pc": ("setup-pc", "make this PC a kiosk: user, autologin, display, unit (root)"),
}


def _leaflet(argv: list[str]) -> int:
    from kiosk.leaflet import main as leaflet_main

    return leaflet_main(argv)


#: Sub-commands: ``kiosk NAME ...`` runs ``COMMANDS[NAME](rest of argv)``.
COMMANDS = {
    "shots": _shots,
    "hash-pin": _hash_pin,
    "check": _content_tool("check"),
    "bundle": _content_tool("bundle"),
    "install-bundle": _content_tool("install_bundle"),
    "rollback": _content_tool("rollback"),
    "stats": _stats,
    "leaflet": _leaflet,
    "setup-pc": _setup_pc,
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="kiosk: %(levelname)s: %(message)s")
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return _run(argv)
