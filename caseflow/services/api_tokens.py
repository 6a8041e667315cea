"""Bearer tokens for the JSON API: issued after the same sign-in checks as the web pages.

Only a token's SHA-256 is stored. A token ends 12 hours after issue, after 30 minutes unused,
or when revoked: by its holder, or with all the user's tokens on a password change or reset,
deactivation, or a change of role or facility. Reactivating an account revives none.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from caseflow.extensions import db
from caseflow.models import ApiToken, User
from caseflow.services import audit, sign_in
from caseflow.services.audit import Actor
from caseflow.services.sign_in import LockoutPolicy, SignInResult

TOKEN_LIFETIME = timedelta(hours=12)
TOKEN_IDLE = timedelta(minutes=30)
TOUCH_EVERY = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    username: str,
    password: str,
    address: str | None,
    now: datetime,
    policy: LockoutPolicy,
    otp: str | None = None,
) -> tuple[SignInResult, str | None, ApiToken | None]:
    """Sign in (failures count toward the same throttle and lock) and hand out a fresh token."""
    result = sign_in.sign_in(username, password, address, now, policy, otp=otp)
    if result.user is None:
        return result, None, None
    token = secrets.token_urlsafe(32)
    record = ApiToken(
        user_id=result.user.id,
        token_hash=digest(token),
        created_at=now,
        expires_at=now + TOKEN_LIFETIME,
        last_used_at=now,
    )
    db.session.add(record)
    audit.record(
        Actor(result.user, address),
        "api_token_issued",
        now,
        object_type="user",
        object_id=result.user.id,
    )
    db.session.commit()
    return result, token, record


def is_live(record: ApiToken, now: datetime) -> bool:
    last_used = record.last_used_at or record.created_at
    return record.revoked_at is None and record.expires_at > now and now - last_used <= TOKEN_IDLE


def find(token: str, now: datetime) -> ApiToken | None:
    """The live token of an active user, or None; notes its use at most once a minute."""
    if not token:
        return None
    record = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(token)))
    if record is None or not is_live(record, now) or not record.user.active:
        return None
    if now - (record.last_used_at or record.created_at) >= TOUCH_EVERY:
        record.last_used_at = now
        db.session.commit()
    return record


def user_for(token: str, now: datetime) -> User | None:
    record = find(token, now)
    return record.user if record is not None else None


def live_for(user: User, now: datetime) -> list[ApiToken]:
    stmt = (
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc())
    )
    return [t for t in db.session.scalars(stmt) if is_live(t, now)]


def revoke(actor: Actor, record: ApiToken, now: datetime) -> None:
    if record.revoked_at is None:
        record.revoked_at = now
        audit.record(actor, "api_token_revoked", now, object_type="user", object_id=record.user_id)
    db.session.commit()


def revoke_all(user_id: int, now: datetime) -> None:
    """Revoke every token of a user in the caller's transaction (the caller commits)."""
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
