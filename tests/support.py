"""Helpers the tests share: sign-in by real POST, CSRF tokens, the CI rule for missing tools."""

import os
import re

import pytest
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Facility

PASSWORD = "a-test-password-long-enough"


def require(condition: bool, reason: str) -> None:
    """Skip when a tool is missing, except in CI, where a missing tool is a failure."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)


def facility_id(code: str) -> int:
    return db.session.scalar(select(Facility.id).where(Facility.code == code))


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    page = client.get(path)
    match = CSRF_RE.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client, path: str, data: dict, token_from: str | None = None, **kwargs):
    """POST a form the way a browser does: with the CSRF token of the page that shows it."""
    token = csrf_token(client, token_from or path)
    return client.post(path, data={**data, "csrf_token": token}, **kwargs)
