"""Secrets: passwords hashed with argon2, device tokens random and kept only as their sha256.

A device token carries 256 random bits, so a plain sha256 of it is enough to store (nothing to
brute-force); passwords are low-entropy and get argon2id. A sign-in for an unknown user still
runs one argon2 check, so the answer's timing does not tell which usernames exist.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["Passwords", "new_token", "token_digest", "new_password"]


class Passwords:
    """argon2id hashing with a memory cost chosen by the settings."""

    def __init__(self, memory_kib: int) -> None:
        self._hasher = PasswordHasher(memory_cost=memory_kib)
        self._decoy = self._hasher.hash(secrets.token_hex(16))

    def hash(self, password: str) -> str:
        """The password's argon2id hash (salted; two hashes of one password differ)."""
        return self._hasher.hash(password)

    def matches(self, hashed: str | None, password: str) -> bool:
        """True when `password` is the one hashed; None (no such user) costs the same time."""
        try:
            return self._hasher.verify(hashed or self._decoy, password) and hashed is not None
        except (VerificationError, InvalidHashError):
            return False


def new_token() -> str:
    """A fresh device token: 32 random bytes, URL-safe text."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What the database keeps of a token: its sha256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_password() -> str:
    """A random password for the first admin when none is configured."""
    return secrets.token_urlsafe(15)
