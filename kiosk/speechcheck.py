"""Did a sentence really reach the patient's ears? Judged from what the voice program left.

espeak-ng with no working audio output (no sound card, a broken device) prints an error and
still exits 0, a sentence at a time, in a few milliseconds: the kiosk used to mark every
sentence, jump to the end of the page and log nothing. A sentence counts as spoken only if
the program exited 0, printed no error line, and took a time a voice could take to say it.
No Qt here: the Speaker asks this after each sentence.
"""

from __future__ import annotations

import re

# espeak-ng's own words per minute when the command does not say (its -s default).
DEFAULT_PACE = 175
# Faster than this many times the set pace no voice speaks: the words went nowhere.
TOO_FAST = 4.0
# Short sentences ("Yes.") are too quick to judge by time alone.
MIN_WORDS_TO_TIME = 4
_ERROR_LINE = re.compile(r"^\s*(?:error\b|.*\bcannot open (?:audio|device)\b).*$", re.I | re.M)


def pace_of(command: tuple[str, ...] | list[str]) -> int:
    """The words a minute the voice command asks for (``-s N``), else espeak-ng's default."""
    args = list(command)
    for i, arg in enumerate(args[:-1]):
        if arg == "-s" and args[i + 1].isdigit() and int(args[i + 1]) > 0:
            return int(args[i + 1])
    return DEFAULT_PACE


def speech_failure(exit_code: int, stderr: str, seconds: float, text: str,
                   pace: int = DEFAULT_PACE) -> str | None:
    """Why this sentence was not heard, in a line for the staff; None when it was."""
    if exit_code != 0:
        detail = stderr.strip().splitlines()[-1:] or [""]
        return f"the voice program exited with status {exit_code} {detail[0]}".rstrip()
    error = _ERROR_LINE.search(stderr)
    if error:
        return f"the voice program reported: {error.group(0).strip()}"
    words = len(text.split())
    if words >= MIN_WORDS_TO_TIME:
        shortest = words * 60.0 / (pace * TOO_FAST)
        if seconds < shortest:
            return (f"a sentence of {words} words took {seconds * 1000:.0f} ms "
                    f"(a voice needs at least {shortest * 1000:.0f} ms): no audio output")
    return None
