"""Staff PINs: stored only as salted PBKDF2 hashes, checked in constant time (no Qt)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

_SCHEME = "pbkdf2_sha256"
_ITERATIONS = 200_000
_FORMAT = re.compile(r"^pbkdf2_sha256\$(\d{4,7})\$([A-Za-z0-9+/=]{8,})\$([A-Za-z0-9+/=]{40,})$")


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 12 digits (it is typed on a number pad)."""
    return pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12


def hash_pin(pin: str, iterations: int = _ITERATIONS) -> str:
    """Return ``pbkdf2_sha256$iterations$salt$hash`` for ``pin``."""
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return "$".join([_SCHEME, str(iterations), _b64(salt), _b64(digest)])


def is_pin_hash(text: str) -> bool:
    """True when ``text`` has the shape of a hash made by hash_pin."""
    return bool(_FORMAT.match(text))


def check_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches the ``stored`` hash; False for anything else."""
    match = _FORMAT.match(stored or "")
    if not match or not valid_pin(pin):
        return False
    iterations, salt, expected = match.groups()
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), base64.b64decode(salt),
                                 int(iterations))
    return hmac.compare_digest(digest, base64.b64decode(expected))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
