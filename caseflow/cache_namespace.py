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
    """Twelve hex digits that change with any file of the package's code, the same on every
    app server of a release (paths are taken relative to the package). An install of compiled
    files only (`compileall -b`) is fingerprinted by them; one with neither is refused, since
    every release would then share one namespace."""
    files = sorted(root.rglob("*.py")) or sorted(root.rglob("*.pyc"))
    if not files:
        raise RuntimeError(f"no code found under {root} to fingerprint the cache's keys with")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def init_app(app: Flask) -> None:
    """Before the cache is bound: its prefix names this release."""
    app.config["CACHE_KEY_PREFIX"] = f"{app.config['CACHE_KEY_PREFIX']}{code_fingerprint()}:"
