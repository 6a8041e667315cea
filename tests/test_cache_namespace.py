"""Two releases sharing one cache (a rolling deploy on Redis) never read each other's values."""

import os
import shutil
import uuid

import pytest

from caseflow import cache_namespace, create_app
from caseflow.extensions import cache
from config import TestingConfig
from tests.support import require


def release(monkeypatch, tmp_path, fingerprint: str, prefix: str):
    """An app of a release with this fingerprint, on the Redis every release shares."""
    monkeypatch.setattr(cache_namespace, "code_fingerprint", lambda: fingerprint)
    return create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'unused.db'}",
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL=os.environ["REDIS_URL"],
        CACHE_KEY_PREFIX=prefix,
    )


def test_a_release_never_reads_what_another_release_cached(monkeypatch, tmp_path):
    """Only Redis (the production cache) is shared between app servers; the SQLite leg's
    memory cache is one process's own."""
    if not os.environ.get("REDIS_URL"):
        on_postgres = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
        if on_postgres:
            require(False, "REDIS_URL is not set: the PostgreSQL leg runs Redis")
        pytest.skip("REDIS_URL is not set (SQLite leg: each process caches in its own memory)")
    prefix = f"caseflow-tests-{uuid.uuid4().hex}:"  # this test's keys only
    old = release(monkeypatch, tmp_path, "old", prefix)
    new = release(monkeypatch, tmp_path, "new", prefix)
    with old.app_context():
        cache.set("directory", ("seven", "fields"))
    with new.app_context():
        assert cache.get("directory") is None
        cache.set("directory", ("nine", "fields", "now"))
    with old.app_context():
        assert cache.get("directory") == ("seven", "fields")
    # The same release on another app server reads what the first one kept.
    with release(monkeypatch, tmp_path, "new", prefix).app_context():
        assert cache.get("directory") == ("nine", "fields", "now")
        cache.delete("directory")
    with old.app_context():
        cache.delete("directory")


def test_the_fingerprint_changes_with_any_file_of_the_code(tmp_path):
    fingerprint = cache_namespace.code_fingerprint.__wrapped__
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "directory.py").write_text("FIELDS = 7\n")
    (tmp_path / "README.md").write_text("not code\n")
    first = fingerprint(tmp_path)
    assert fingerprint(tmp_path) == first
    (tmp_path / "README.md").write_text("still not code\n")
    assert fingerprint(tmp_path) == first
    (tmp_path / "services" / "directory.py").write_text("FIELDS = 9\n")
    changed = fingerprint(tmp_path)
    assert changed != first
    (tmp_path / "services" / "places.py").write_text("")
    assert fingerprint(tmp_path) != changed


def test_every_app_server_of_a_release_shares_the_fingerprint(tmp_path):
    """The same code in two places (two machines' install folders) gives one namespace."""
    fingerprint = cache_namespace.code_fingerprint.__wrapped__
    first, second = tmp_path / "server-a", tmp_path / "server-b"
    shutil.copytree(cache_namespace.PACKAGE, first, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(first, second)
    assert fingerprint(first) == fingerprint(second) == cache_namespace.code_fingerprint()


def test_an_install_without_code_files_is_refused(tmp_path):
    with pytest.raises(RuntimeError, match="no code found"):
        cache_namespace.code_fingerprint.__wrapped__(tmp_path)


def test_the_app_names_its_release_in_the_cache_prefix(app):
    fingerprint = cache_namespace.code_fingerprint()
    assert app.config["CACHE_KEY_PREFIX"] == f"{TestingConfig.CACHE_KEY_PREFIX}{fingerprint}:"
