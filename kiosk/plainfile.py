"""Read files from folders other people fill: plain files only, and never wait (no Qt).

A content folder or a USB stick may hold a FIFO (opening it waits for a writer that never
comes), a device (reading ``/dev/zero`` never ends) or a hard link (a second name for a file
that may live outside the folder, such as a private key). Every command skips those with a
warning; the reasons below are the words it uses.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotPlainFile(OSError):
    """The path is a FIFO, a device, a socket, a folder or a hard link: not read."""


def problem_of(st: os.stat_result) -> str | None:
    """Why a file with this status is not read, or None for a plain file with one name (or
    a folder, which cannot hang anyone)."""
    mode = st.st_mode
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a plain file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a plain file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a plain file"
    if stat.S_ISDIR(mode):
        return None  # reading it fails at once ("Is a directory"), in the reader's own words
    if not stat.S_ISREG(mode):
        return "is not a plain file"
    if st.st_nlink > 1:
        # A hard link may be another name for a file outside the folder; copy it instead.
        return f"is a hard link ({st.st_nlink} names for one file); copy the file instead"
    return None


def skip_reason(path: Path) -> str | None:
    """Why ``path`` (followed if it is a symbolic link) is skipped, or None to read it.

    ``stat`` never opens the file, so it cannot wait on a FIFO.
    """
    try:
        return problem_of(path.stat())
    except (OSError, ValueError):
        return None  # gone or unreadable: the reader reports that in its own words


def read_plain(path: Path, limit: int | None = None,
               checked: os.stat_result | None = None) -> bytes:
    """The bytes of a plain file; raise NotPlainFile for anything else, OSError as usual.

    The file is opened without waiting (``O_NONBLOCK``: a FIFO opens at once) and checked on
    the open descriptor, so a file swapped for a FIFO after a check cannot hang the reader.
    With ``limit``, a larger file raises ``NotPlainFile`` naming its size. ``checked``: the
    path's ``stat`` the caller has just taken (it is not taken again before opening).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    reason = skip_reason(path) if checked is None else problem_of(checked)
    if reason is not None:  # not even opened: opening some devices has effects
        raise NotPlainFile(f"{path} {reason}")
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        reason = problem_of(st)
        if reason is not None:
            raise NotPlainFile(f"{path} {reason}")
        if limit is not None and st.st_size > limit:
            raise NotPlainFile(f"{path} is too large ({st.st_size} bytes; the limit is {limit})")
        with os.fdopen(fd, "rb", closefd=False) as f:
            # read(limit + 1) would make a buffer of the limit for every small page: read
            # what the file holds, and one byte more to see whether it grew past the limit.
            want = None if limit is None else st.st_size + 1  # st_size <= limit, checked
            data = f.read(want)
            if want is not None and len(data) == want:
                data += f.read(limit + 1 - want)
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise NotPlainFile(f"{path} grew past the limit of {limit} bytes while being read")
    return data
