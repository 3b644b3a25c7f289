"""The ``kiosk`` command line: options, sub-commands and exit statuses (Qt loads only to run)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk.config import (
    DEFAULT_CONTENT,
    ConfigError,
    Exit,
    Settings,
    build_settings,
    find_config,
    parse_seconds,
    parse_size,
)
from kiosk.content import ContentError, check_root

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

    convert.__name__ = parse.__name__.removeprefix("parse_")
    return convert


def _content_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument("--content", type=Path, default=default and DEFAULT_CONTENT,
                        metavar="DIR",
                        help="folder holding one sub-folder of markdown pages per language "
                             "(default: the project's content/)")
    parser.add_argument("--lang", default=default and "en", metavar="L",
                        help="language to show, the name of a folder in the content folder "
                             "(default: en)")


def run_parser() -> argparse.ArgumentParser:
    """The parser for ``kiosk [options]``, which runs the kiosk."""
    parser = _Parser(
        prog="kiosk",
        description="Patient-education kiosk: six pages on stem cell therapy for hair loss. "
                    "Runs full screen unless --windowed.",
        epilog="Other commands: 'kiosk shots DIR' renders every page to PNG; "
               "'kiosk hash-pin' makes the staff PIN line for kiosk.toml; 'kiosk check', "
               "'kiosk bundle OUT', 'kiosk install-bundle FILE' and 'kiosk rollback' look "
               "after the content (see kiosk COMMAND --help).",
    )
    parser.add_argument("--windowed", dest="mode", action="store_const", const="windowed",
                        help="run as a normal resizable window (1280x800) instead of full screen; "
                             "closing the window quits")
    parser.add_argument("--config", type=Path, metavar="PATH",
                        help=f"settings file (default: ./{'kiosk.toml'}, else kiosk.toml in the "
                             "user's config folder); options given here win over it")
    _content_options(parser)
    parser.add_argument("--idle-timeout", type=_typed(parse_seconds), metavar="SECONDS",
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
    parser.add_argument("--present-seconds", type=_typed(parse_seconds), metavar="SECONDS",
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
    _content_options(parser, default=True)
    return parser


def _run(argv: list[str]) -> int:
    args = vars(run_parser().parse_args(argv))
    try:
        settings = build_settings(find_config(args.pop("config")), args)
    except ConfigError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"kiosk: error: {problem}\n")
        return Exit.USAGE
    if (status := _check_content(settings)) is not None:
        return status
    from kiosk.gui.app import run

    return run(settings)


def _shots(argv: list[str]) -> int:
    args = shots_parser().parse_args(argv)
    settings = Settings(content=args.content, lang=args.lang, window_size=args.size)
    if (status := _check_content(settings)) is not None:
        return status
    from kiosk.gui.shots import write_shots

    return write_shots(settings, args.dir)


def _check_content(settings: Settings) -> int | None:
    try:
        check_root(settings.content, settings.lang)
    except ContentError as exc:
        sys.stderr.write(f"kiosk: error: {exc}\n")
        return Exit.USAGE
    return None


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


#: Sub-commands: ``kiosk NAME ...`` runs ``COMMANDS[NAME](rest of argv)``.
COMMANDS = {
    "shots": _shots,
    "hash-pin": _hash_pin,
    "check": _content_tool("check"),
    "bundle": _content_tool("bundle"),
    "install-bundle": _content_tool("install_bundle"),
    "rollback": _content_tool("rollback"),
    "stats": _stats,
    "setup-pc": _setup_pc,
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="kiosk: %(levelname)s: %(message)s")
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return _run(argv)
