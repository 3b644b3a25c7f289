"""The content tools' sub-commands: ``kiosk check``, ``bundle``, ``install-bundle``, ``rollback``.

Each takes the rest of the command line and returns an exit status (kiosk.config.Exit):
0 all well, 1 the content or bundle has errors (said why), 2 could not run (one line).
No Qt here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli import _Parser, config_option, settings_or_exit
from kiosk.config import Exit, Settings
from kiosk.content import ContentError


def _content_option(parser: argparse.ArgumentParser) -> None:
    config_option(parser)
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="content folder, one sub-folder of markdown pages per language "
                             "(default: content from kiosk.toml, else the pages that come "
                             "with the kiosk)")


def _bundles_option(parser: argparse.ArgumentParser) -> None:
    config_option(parser)
    parser.add_argument("--bundles", type=Path, default=None, metavar="DIR",
                        help="folder of installed bundles, with the 'current' link a kiosk "
                             "shows (default: the folder whose 'current' kiosk.toml's content "
                             "is, else the user data folder's bundles/)")


def _bundles_dir(prog: str, args: argparse.Namespace) -> Path | int:
    """--bundles, else the bundles folder the configured kiosk shows, else the default."""
    from kiosk.bundle import CURRENT, bundles_dir_of, default_bundles_dir

    settings = settings_or_exit(prog, {"config": args.config}, check_content=False)
    if not isinstance(settings, Settings):
        return settings
    content = settings.content
    # A kiosk set up to show <bundles>/current before its first bundle: install there too.
    first = content.name == CURRENT and not content.exists() and not content.is_symlink()
    return (args.bundles or bundles_dir_of(content) or (content.parent if first else None)
            or default_bundles_dir())


def _months(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of months >= 1, got {text!r}")
    return int(text)


def check_parser() -> argparse.ArgumentParser:
    """The parser for ``kiosk check``."""
    parser = _Parser(prog="kiosk check",
                     description="Check every page of every language in a content folder, "
                                 "with the code the kiosk uses to show them. Exit status: "
                                 "0 clean (warnings allowed), 1 errors, 2 could not run.")
    _content_option(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--max-age-months", type=_months, default=12, metavar="N",
                        help="warn when a page was last reviewed N months ago or more "
                             "(default: 12)")
    return parser


def check(argv: list[str]) -> int:
    """``kiosk check [--content DIR] [--json] [--max-age-months N]``."""
    from kiosk.check import check_content, format_text, to_json

    args = check_parser().parse_args(argv)
    settings = settings_or_exit("kiosk check", {"config": args.config, "content": args.content})
    if not isinstance(settings, Settings):
        return settings
    try:
        report = check_content(settings.content, max_age_months=args.max_age_months)
    except ContentError as exc:
        return _fail("kiosk check", exc)
    if args.json:
        sys.stdout.write(json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(report) + "\n")
    return report.status


def bundle(argv: list[str]) -> int:
    """``kiosk bundle [--content DIR] OUT``."""
    from kiosk.bundle import BundleError, PlaceError
    from kiosk.bundlemake import make_bundle

    parser = _Parser(prog="kiosk bundle",
                     description="Check a content folder and write it as a versioned, "
                                 "checksummed bundle (.tar.gz) for install-bundle.")
    parser.add_argument("out", type=Path, metavar="OUT", help="bundle file to write")
    _content_option(parser)
    args = parser.parse_args(argv)
    settings = settings_or_exit("kiosk bundle", {"config": args.config, "content": args.content})
    if not isinstance(settings, Settings):
        return settings
    try:
        manifest = make_bundle(settings.content, args.out)
    except ContentError as exc:
        return _fail("kiosk bundle", exc)
    except PlaceError as exc:  # the output's fault, not the content's
        return _fail("kiosk bundle", exc)
    except BundleError as exc:
        sys.stderr.write(f"kiosk bundle: error: {exc}\n")
        return Exit.PROBLEMS
    sys.stdout.write(f"wrote {args.out}: version {manifest.version}, "
                     f"{len(manifest.files)} files\n")
    return Exit.OK


def install_bundle(argv: list[str]) -> int:
    """``kiosk install-bundle FILE [--bundles DIR]``."""
    from kiosk.bundle import BundleError, PlaceError, install_bundle
    from kiosk.plainfile import skip_reason

    parser = _Parser(prog="kiosk install-bundle",
                     description="Verify and check a bundle, unpack it beside the installed "
                                 "ones and switch the 'current' link to it in one step.")
    parser.add_argument("file", type=Path, metavar="FILE", help="bundle made by kiosk bundle")
    _bundles_option(parser)
    args = parser.parse_args(argv)
    bundles = _bundles_dir("kiosk install-bundle", args)
    if not isinstance(bundles, Path):
        return bundles
    try:
        found, exists = args.file.is_file(), args.file.exists()
    except OSError as exc:  # a name too long, a loop of links
        return _fail("kiosk install-bundle", f"bundle cannot be opened: {exc.strerror}")
    if exists and not found:  # a FIFO would never finish opening
        return _fail("kiosk install-bundle", f"{args.file} is not a bundle file "
                                             f"({skip_reason(args.file) or 'not a plain file'})")
    if not found:
        return _fail("kiosk install-bundle", f"bundle not found: {args.file}")
    try:
        manifest = install_bundle(args.file, bundles)
    except PlaceError as exc:  # the folder's fault, not the bundle's
        return _fail("kiosk install-bundle", f"{exc}; nothing was changed")
    except BundleError as exc:
        sys.stderr.write(f"kiosk install-bundle: error: {exc}; nothing was changed\n")
        return Exit.PROBLEMS
    sys.stdout.write(f"installed {manifest.version}: {bundles / 'current'} now shows it\n")
    return Exit.OK


def rollback(argv: list[str]) -> int:
    """``kiosk rollback [--to VERSION] [--bundles DIR]``."""
    from kiosk.bundle import BundleError, PlaceError, rollback
    from kiosk.bundlehistory import UnknownVersion

    parser = _Parser(prog="kiosk rollback",
                     description="Switch the 'current' link to the version installed before "
                                 "it; run again to go one more version back. --to picks a "
                                 "version (also to undo a rollback).")
    parser.add_argument("--to", metavar="VERSION",
                        help="the installed version to show (a folder name in the bundles "
                             "folder, such as 2026-10-02-77e0b1c2a9d4)")
    _bundles_option(parser)
    args = parser.parse_args(argv)
    bundles = _bundles_dir("kiosk rollback", args)
    if not isinstance(bundles, Path):
        return bundles
    try:
        done = rollback(bundles, args.to)
    except (PlaceError, UnknownVersion) as exc:
        return _fail("kiosk rollback", exc)
    except BundleError as exc:
        sys.stderr.write(f"kiosk rollback: error: {exc}\n")
        return Exit.PROBLEMS
    if not done.changed:
        sys.stdout.write(f"{bundles / 'current'} already shows {done.new}; nothing changed\n")
    else:
        was = f" (was {done.old})" if done.old else ""
        sys.stdout.write(f"rolled back: {bundles / 'current'} now shows {done.new}{was}\n")
    return Exit.OK


def _fail(prog: str, reason: object) -> int:
    sys.stderr.write(f"{prog}: error: {reason}\n")
    return Exit.USAGE
