"""Password hashes at OWASP's cost, with a bounded number hashed at once per process.

OWASP's Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1 (128 MiB a hash).
Werkzeug's default is N=2^15, a quarter of the work (bench/signin.py prints both). A hash made
at another cost still verifies, and is remade at this one when its owner next signs in.

At that cost a burst of 50 sign-ins would want 6.4 GB and every core at once. Hashing
takes one of HASH_SLOTS slots; other sign-ins wait for one, while the worker's remaining
threads keep serving everyone else (gunicorn.conf.py).
"""

import threading

from flask import current_app, has_app_context
from werkzeug.security import check_password_hash, generate_password_hash

#: Werkzeug's method string for OWASP's scrypt parameters.
OWASP_METHOD = "scrypt:131072:8:1"
HASH_SLOTS = 1  # per process; gunicorn runs one process per core

_slots = threading.BoundedSemaphore(HASH_SLOTS)


def method() -> str:
    """The configured method (tests set a cheap one; production keeps OWASP's)."""
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", OWASP_METHOD)
    return OWASP_METHOD


def hash_password(password: str) -> str:
    with _slots:
        return generate_password_hash(password, method=method())


def check(stored: str, password: str) -> bool:
    with _slots:
        return check_password_hash(stored, password)


def needs_rehash(stored: str) -> bool:
    """Made with other parameters than today's: remake it while the password is at hand."""
    return stored.split("$", 1)[0] != method()
