"""Password hashes at OWASP's cost; older hashes still sign in and are remade; hashing bounded."""

import os
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow import create_app
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import User
from caseflow.services import password_hashes
from config import Config, DevelopmentConfig, ProductionConfig
from tests.support import PASSWORD

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"


def test_production_hashes_at_owasp_scrypt_parameters():
    """OWASP Password Storage Cheat Sheet: scrypt N=2^17 (128 MiB), r=8, p=1."""
    for config in (Config, ProductionConfig, DevelopmentConfig):
        assert config.PASSWORD_HASH_METHOD == "scrypt:131072:8:1"
    app = create_app(DevelopmentConfig, SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context():
        stored = password_hashes.hash_password("a long enough phrase")
        assert not password_hashes.needs_rehash(stored)
        assert password_hashes.needs_rehash(generate_password_hash("x", "scrypt:32768:8:1"))
    assert stored.startswith("scrypt:131072:8:1$")
    assert check_password_hash(stored, "a long enough phrase")


def test_an_older_hash_still_signs_in_and_is_remade_at_todays_cost(app, make_user, login_as):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.old")
    old = generate_password_hash(PASSWORD, method="pbkdf2:sha256:600000")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "nurse.old"))
        user.password_hash = old  # as stored before the cost was raised
        db.session.commit()
        method = app.config["PASSWORD_HASH_METHOD"]

    page = login_as("nurse.old", PASSWORD)

    assert page.status_code == 200 and "Clinic home" in page.get_data(as_text=True)
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).where(User.username == "nurse.old"))
    assert stored != old and stored.startswith(method + "$")
    assert check_password_hash(stored, PASSWORD)


def test_a_wrong_password_leaves_an_older_hash_alone(app, make_user, login_as):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.older")
    old = generate_password_hash(PASSWORD, method="pbkdf2:sha256:600000")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "nurse.older"))
        user.password_hash = old
        db.session.commit()
    login_as("nurse.older", "not-the-password")
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).where(User.username == "nurse.older"))
    assert stored == old


@pytest.mark.parametrize("slots", [1, 2])
def test_no_more_than_the_slots_hash_at_once(monkeypatch, tmp_path, slots):
    """A burst of sign-ins queues for the hash instead of taking every core (and 128 MiB each)."""
    monkeypatch.setenv("CASEFLOW_HASH_SLOTS", str(slots))
    monkeypatch.setattr(password_hashes, "LOCK_DIRECTORY", tmp_path)
    running, most = 0, 0
    lock = threading.Lock()

    def slow_check(_stored, _password):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return True

    monkeypatch.setattr(password_hashes, "check_password_hash", slow_check)
    threads = [threading.Thread(target=password_hashes.check, args=("x", "y")) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == slots


HOLD_THE_SLOT = """
import sys, time
from pathlib import Path
from caseflow.services import password_hashes
password_hashes.LOCK_DIRECTORY = Path(sys.argv[1])
with password_hashes.hash_slot():
    print("holding", flush=True)
    time.sleep(0.6)
"""


def test_a_hash_waits_for_one_running_in_another_process(monkeypatch, tmp_path):
    """Gunicorn runs a process per core: the slots are the machine's, not each process's."""
    monkeypatch.setenv("CASEFLOW_HASH_SLOTS", "1")
    monkeypatch.setattr(password_hashes, "LOCK_DIRECTORY", tmp_path)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_SLOT, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "CASEFLOW_HASH_SLOTS": "1"},
    )
    try:
        assert other.stdout.readline().strip() == "holding"
        started = time.monotonic()
        with password_hashes.hash_slot():
            waited = time.monotonic() - started
    finally:
        other.wait(timeout=30)
    assert waited > 0.3
