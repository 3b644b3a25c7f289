"""What ``kiosk setup-pc`` puts on a kiosk PC: the plan, as data, for a target root (no Qt).

A plan is a list of changes (a Debian package set, a user, files). Nothing here touches
the disk: kiosk.setuppc_apply compares the plan with a root directory, prints it (--dry-run),
makes it true and records what it did so that --undo can reverse it. The same plan serves
``/`` on a real PC and a temporary folder or a fresh Debian root in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import PurePosixPath

#: The two display stacks: a bare X server started by startx, or the cage Wayland compositor.
DISPLAYS = ("x11", "cage")

#: The unit file each display stack runs the kiosk with (shipped in kiosk/deploy/).
UNIT_NAMES = {"x11": "hair-kiosk.service", "cage": "hair-kiosk-cage.service"}

#: Debian packages the kiosk needs on any PC: Qt's xcb libraries, fonts, the offline voice.
#: (The same list as scripts/system-deps.sh "run", which a git checkout uses instead.)
RUN_PACKAGES = (
    "libglib2.0-0", "libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "libfreetype6",
    "libdbus-1-3", "libx11-6", "fonts-dejavu-core", "libxcb-cursor0", "libxkbcommon-x11-0",
    "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-image0", "libxcb-xinerama0", "libxcb-xkb1", "espeak-ng",
    "libxtst6",
)
#: What each display stack adds. cage refuses to start without Xwayland; Qt's Wayland
#: platform plugin needs libwayland-cursor0 (both measured on Debian 12).
DISPLAY_PACKAGES = {
    "x11": ("xserver-xorg-core", "xserver-xorg-input-libinput", "xinit"),
    "cage": ("cage", "xwayland", "libwayland-cursor0"),
}

CONFIG_DIR = ".config/hair-kiosk"
MANIFEST = PurePosixPath("/var/lib/hair-kiosk/setup-pc.json")


@dataclass(frozen=True)
class Options:
    """What the administrator asked for (already checked)."""

    kiosk_bin: str
    pin_hash: str
    display: str = "x11"
    user: str = "kiosk"
    kiosk_name: str = "kiosk"
    content: str = ""
    packages: bool = True


@dataclass(frozen=True)
class Packages:
    """Debian packages that must be installed."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class User:
    """A login user with a home folder, in the groups that exist among ``groups``."""

    name: str
    groups: tuple[str, ...] = ("video", "input", "render", "audio")


@dataclass(frozen=True)
class File:
    """A file with exactly this text; ``owner`` is a user name, or "" for root."""

    path: PurePosixPath
    text: str
    mode: int = 0o644
    owner: str = ""


Change = Packages | User | File


def home(user: str) -> PurePosixPath:
    """The home folder useradd gives ``user`` on Debian."""
    return PurePosixPath("/home") / user


def unit_text(display: str, kiosk_bin: str) -> str:
    """The shipped unit for ``display``, with ExecStart naming ``kiosk_bin``."""
    shipped = resources.files("kiosk").joinpath("deploy", UNIT_NAMES[display]).read_text()
    lines = []
    for line in shipped.splitlines():
        if line.startswith("ExecStart="):
            _program, _, arguments = line.removeprefix("ExecStart=").partition(" ")
            line = f"ExecStart={kiosk_bin} {arguments}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def config_text(options: Options) -> str:
    """The kiosk.toml setup-pc writes: locked full screen, pointer hidden, the staff PIN."""
    content = f'content = "{options.content}"\n' if options.content else ""
    return (
        "# Written by `sudo kiosk setup-pc`; running it again rewrites this file.\n"
        "# Every setting: kiosk.example.toml in the project.\n"
        'mode = "kiosk"\n'
        "hide_cursor = true\n"
        f'pin_hash = "{options.pin_hash}"\n'
        f'kiosk_name = "{options.kiosk_name}"\n'
        f"{content}"
    )


def _autologin(user: str) -> File:
    return File(PurePosixPath("/etc/systemd/system/getty@tty1.service.d/autologin.conf"),
                "# Written by kiosk setup-pc: log the kiosk user in on tty1 at boot.\n"
                "[Service]\nExecStart=\n"
                f"ExecStart=-/sbin/agetty --autologin {user} --noclear %I $TERM\n")


def _x11_session(user: str) -> list[File]:
    h = home(user)
    return [
        # -nocursor hides the pointer; -s 0 -dpms: the screen never blanks or sleeps.
        File(h / ".bash_profile",
             "# Written by kiosk setup-pc: on tty1, start X with no desktop.\n"
             '[ -z "$DISPLAY" ] && [ "$(tty)" = /dev/tty1 ] && '
             "exec startx -- -nocursor -s 0 -dpms\n", owner=user),
        File(h / ".xinitrc",
             "# Written by kiosk setup-pc: no window manager; systemd runs the kiosk.\n"
             "systemctl --user import-environment DISPLAY XAUTHORITY\n"
             f"systemctl --user start {UNIT_NAMES['x11']}\n"
             "exec sleep infinity\n", owner=user),
        File(PurePosixPath("/etc/X11/xorg.conf.d/10-kiosk.conf"),
             "# Written by kiosk setup-pc: no Ctrl+Alt+Backspace, no switch to a console,\n"
             "# no screen saver or power saving.\n"
             'Section "ServerFlags"\n'
             '    Option "DontZap" "true"\n'
             '    Option "DontVTSwitch" "true"\n'
             '    Option "BlankTime" "0"\n'
             '    Option "StandbyTime" "0"\n'
             '    Option "SuspendTime" "0"\n'
             '    Option "OffTime" "0"\n'
             "EndSection\n"),
    ]


def _cage_session(user: str) -> list[File]:
    # cage switches VTs only with -s and has no zap key and no screen blanking of its own.
    return [File(
        home(user) / ".bash_profile",
        "# Written by kiosk setup-pc: on tty1, start the cage compositor; systemd runs the kiosk.\n"
        '[ -z "$WAYLAND_DISPLAY" ] && [ "$(tty)" = /dev/tty1 ] && exec cage -- /bin/sh -c '
        "'systemctl --user import-environment WAYLAND_DISPLAY"
        f" && systemctl --user start {UNIT_NAMES['cage']}; exec sleep infinity'\n",
        owner=user)]


def plan(options: Options) -> list[Change]:
    """Every change that makes a kiosk PC, in the order they are made."""
    user, h = options.user, home(options.user)
    unit = UNIT_NAMES[options.display]
    changes: list[Change] = []
    if options.packages:
        changes.append(Packages(RUN_PACKAGES + DISPLAY_PACKAGES[options.display]))
    changes.append(User(user))
    changes.append(_autologin(user))
    changes += _x11_session(user) if options.display == "x11" else _cage_session(user)
    units = h / ".config/systemd/user"
    changes += [
        # Not enabled (no default.target.wants link): the session script starts it once the
        # display is up. Enabled, it starts at boot before X, fails, and trips its start limit.
        File(units / unit, unit_text(options.display, options.kiosk_bin), owner=user),
        # What `loginctl enable-linger` does: the user's systemd starts at boot and stays.
        File(PurePosixPath("/var/lib/systemd/linger") / user, ""),
        File(h / CONFIG_DIR / "kiosk.toml", config_text(options), mode=0o600, owner=user),
    ]
    return changes
