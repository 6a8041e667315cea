"""docs/operations.md is tested: each command block says what runs it, and the blocks this
module names are taken from the file and run as written, on PostgreSQL (the CI's second leg).
"""

import os
import re
import shutil
import socket
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.support import require

ROOT = Path(__file__).resolve().parent.parent
RUNBOOK = ROOT / "docs" / "operations.md"
FENCE = re.compile(r"\n```sh\n(.*?)\n```", re.DOTALL)
PASSWORD = "Kedah-river-lamp-2026!"


def blocks() -> list[tuple[str, str]]:
    """(the paragraph above the block, the block's commands), in the file's order."""
    text = RUNBOOK.read_text()
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip().split("\n\n")[-1]
        found.append((" ".join(before.split()), match.group(1)))
    return found


def blocks_run_by(test_name: str) -> list[str]:
    return [body for said, body in blocks() if f"tests/test_runbook.py::{test_name}" in said]


def test_every_command_block_says_what_runs_it():
    found = blocks()
    assert len(found) > 10
    ci = (ROOT / ".ci" / "run").read_text()
    for said, body in found:
        assert said.startswith(("Run by", "Not run")), f"no 'Run by' or 'Not run' above:\n{body}"
        for test in re.findall(r"tests/(\w+\.py)::(\w+)", said):
            assert f"def {test[1]}(" in (ROOT / "tests" / test[0]).read_text(), test
        for script in re.findall(r"deploy/[\w-]+\.sh", said):
            assert script in ci, f"{script} is named as run by .ci/run but .ci/run does not run it"
            assert (ROOT / script).exists()


def pg_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql")):
        pytest.skip("the runbook's database commands run in the PostgreSQL leg")
    for tool in ("pg_dump", "pg_restore", "createdb", "curl"):
        require(shutil.which(tool) is not None, f"{tool} is not installed (PostgreSQL client)")
    return url


def admin(url, statement: str) -> None:
    import psycopg

    with psycopg.connect(url.set(drivername="postgresql").render_as_string(False)) as conn:
        conn.autocommit = True
        conn.execute(statement)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(block: str, env: dict, stdin: str = "") -> str:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,  # no terminal: the password prompt reads the input given
    )
    assert done.returncode == 0, f"{block}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    return done.stdout


def counts(check_output: str) -> list[str]:
    return [line for line in check_output.splitlines() if ":" in line]


def seed(url: str) -> None:
    """Cases, events, clocks and audit records, made the way the app makes them."""
    from caseflow import create_app
    from caseflow.extensions import db
    from caseflow.services import demo
    from config import TestingConfig

    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        demo.seed_demo_users(datetime.now(UTC))
        demo.seed_demo_cases(5, datetime.now(UTC))
        db.session.remove()
        db.engine.dispose()


def test_install_backup_and_restore(tmp_path):
    base = make_url(pg_url()).set(drivername="postgresql+psycopg")
    source_db, restored_db = f"{base.database}_runbook_src", f"{base.database}_runbook_restored"
    for name in (source_db, restored_db):
        admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(
        base,
        "DO $$ BEGIN CREATE ROLE caseflow LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    )
    admin(base, f'CREATE DATABASE "{source_db}" OWNER caseflow')
    as_caseflow = base.set(username="caseflow", password=None)
    source = as_caseflow.set(database=source_db).set(drivername="postgresql")
    restored = as_caseflow.set(database=restored_db).set(drivername="postgresql")
    env = {
        **os.environ,
        "CASEFLOW_ENV": "production",
        "SECRET_KEY": "r" * 48,
        "SECRET_KEY_FALLBACKS": "",
        "CASEFLOW_QUEUE_FILE": str(tmp_path / "queue.db"),
        "DATABASE_URL": source.render_as_string(False),
        "BACKUP": str(tmp_path / "caseflow.dump"),
        "ADMIN_URL": base.set(drivername="postgresql", database="postgres").render_as_string(False),
        "RESTORE_DB": restored_db,
        "RESTORE_URL": restored.render_as_string(False),
        "CHECK_PORT": str(free_port()),
    }
    env.pop("TEST_DATABASE_URL", None)
    install, backup, restore, serve, upgrade = blocks_run_by("test_install_backup_and_restore")
    try:
        first = run(install, env, stdin=f"{PASSWORD}\n{PASSWORD}\n")
        assert "users: 1" in first and "cases: 0" in first
        seed(source.set(drivername="postgresql+psycopg").render_as_string(False))
        check = 'DATABASE_URL="$DATABASE_URL" .venv/bin/flask --app wsgi ops check'
        before = counts(run(check, env))
        assert "cases: 5" in before
        run(backup, env)
        assert Path(env["BACKUP"]).stat().st_size > 0
        after = counts(run(restore, env))
        assert after == before, "the restored database holds what was backed up"
        served = run(serve, env)
        assert '"status":"ok"' in served.replace(" ", "")
        assert counts(run(upgrade, {**env, "DATABASE_URL": env["RESTORE_URL"]})) == before
    finally:
        pid = ROOT / "instance" / "restore-check.pid"
        if pid.exists():
            subprocess.run(["kill", pid.read_text().strip()], check=False)
        for name in (source_db, restored_db):
            admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_create_user_explains_a_refused_password_instead_of_a_traceback(app):
    """The runbook's first administrator is made on the command line, outside any request."""
    with app.app_context():  # as `flask` gives its commands
        answer = app.test_cli_runner().invoke(
            args=[
                *("create-user", "--username", "admin.hq", "--name", "First Administrator"),
                *("--role", "administrator", "--facility-code", "national-jkm-headquarters"),
            ],
            input="admin.hq-password\nadmin.hq-password\n",
        )
    assert answer.exit_code == 1
    assert "may not contain the username" in answer.output
    assert answer.exception is None or isinstance(answer.exception, SystemExit)
