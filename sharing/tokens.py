"""Invitation tokens: random, shown once (in the e-mail), stored only as a SHA-256 hash."""

import hashlib
import hmac
import secrets


def token_new() -> tuple[str, str]:
    """A fresh token and its hash: the token goes in the e-mail, the hash in the database."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Compared in constant time, so timing tells nothing about how much of a guess was right."""
    return hmac.compare_digest(token_hash(token), stored_hash)
