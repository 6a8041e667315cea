"""Bearer tokens for the JSON API: issued after the same sign-in checks as the web pages."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import ApiToken, User
from caseflow.services import accounts, audit
from caseflow.services.accounts import LockoutPolicy, SignInResult
from caseflow.services.audit import Actor

TOKEN_LIFETIME = timedelta(hours=12)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    username: str, password: str, address: str | None, now: datetime, policy: LockoutPolicy
) -> tuple[SignInResult, str | None, ApiToken | None]:
    """Sign in (failures count toward the same lockout) and hand out a fresh token."""
    result = accounts.sign_in(username, password, address, now, policy)
    if result.user is None:
        return result, None, None
    token = secrets.token_urlsafe(32)
    record = ApiToken(
        user_id=result.user.id, token_hash=digest(token), created_at=now,
        expires_at=now + TOKEN_LIFETIME,
    )  # fmt: skip
    db.session.add(record)
    audit.record(Actor(result.user, address), "api_token_issued", now, object_type="user",
                 object_id=result.user.id)  # fmt: skip
    db.session.commit()
    return result, token, record


def user_for(token: str, now: datetime) -> User | None:
    """The active user a live token belongs to, or None."""
    record = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(token)))
    if record is None or record.expires_at <= now or not record.user.active:
        return None
    return record.user
