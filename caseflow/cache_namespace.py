"""Each release keeps its own cached values: the cache's keys carry the code's fingerprint.

During a rolling deploy two releases share Redis. A value pickled by the old code (a `Place`
of seven fields) would otherwise reach the new code (nine): an unpickling error, which
Flask-Caching logs before reading the database, or, where a shape changes but not its
length, a field read under another's name. A change an administrator makes on one release
reaches the other within CACHE_DEFAULT_TIMEOUT, as between processes without Redis.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask

PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint(root: Path = PACKAGE) -> str:
    """Twelve hex digits that change with any file of the package's code."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def init_app(app: Flask) -> None:
    """Before the cache is bound: its prefix names this release."""
    app.config["CACHE_KEY_PREFIX"] = f"{app.config['CACHE_KEY_PREFIX']}{code_fingerprint()}:"
