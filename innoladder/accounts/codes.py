"""Recovery codes are stored as hashes only; the device (accounts.models) and the enrolment (accounts.mfa)
hash a code the same way."""

import hashlib


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def recovery_code_hash(user_id: int, code: str) -> str:
    return hashlib.sha256(f"{user_id}:{normalise(code)}".encode()).hexdigest()
