"""Password hashes at OWASP's cost, with a bounded number hashed at once on a machine.

OWASP's Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1 (128 MiB a hash).
Werkzeug's default is N=2^15, a quarter of the work (bench/signin.py prints both). A hash made
at another cost still verifies, and is remade at this one when its owner next signs in.

At that cost a burst of 50 sign-ins would want 6.4 GB and every core at once, and every
other request would wait behind them. So a hash takes one of the machine's hash slots, by
default half its cores (at least one): a lock file per slot, shared by every gunicorn process
and thread on the machine. The other sign-ins wait for a slot on a thread holding no database
connection, while the other cores keep serving everyone else (bench/load.py --sign-in-burst).
"""

import fcntl
import os
import random
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from flask import current_app, has_app_context
from werkzeug.security import check_password_hash, generate_password_hash

#: Werkzeug's method string for OWASP's scrypt parameters.
OWASP_METHOD = "scrypt:131072:8:1"
LOCK_DIRECTORY = Path(tempfile.gettempdir())


def machine_slots() -> int:
    """Hashes at once on this machine: CASEFLOW_HASH_SLOTS, or half the cores."""
    configured = os.environ.get("CASEFLOW_HASH_SLOTS", "")
    return (
        int(configured)
        if configured.isdigit() and int(configured) > 0
        else max(1, (os.cpu_count() or 1) // 2)
    )


@contextmanager
def hash_slot() -> Iterator[None]:
    """Hold one of the machine's slots while hashing: a free one if any, else wait for one."""
    with ExitStack() as files:
        slots = [
            files.enter_context(open(LOCK_DIRECTORY / f"caseflow-hash-slot-{n}.lock", "a"))
            for n in range(machine_slots())
        ]  # closing a file releases its lock
        for slot in slots:
            try:
                fcntl.flock(slot, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                continue
        else:  # all busy: queue on one, the waiters spread over the slots
            fcntl.flock(random.choice(slots), fcntl.LOCK_EX)  # waits without the GIL
        yield


def method() -> str:
    """The configured method (tests set a cheap one; production keeps OWASP's)."""
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", OWASP_METHOD)
    return OWASP_METHOD


def hash_password(password: str) -> str:
    with hash_slot():
        return generate_password_hash(password, method=method())


def check(stored: str, password: str) -> bool:
    with hash_slot():
        return check_password_hash(stored, password)


def needs_rehash(stored: str) -> bool:
    """Made with other parameters than today's: remake it while the password is at hand."""
    return stored.split("$", 1)[0] != method()
