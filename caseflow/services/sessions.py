"""Server-side sign-in sessions: the signed cookie only names one; the database says if it lives.

A session ends at sign-out, after `idle` without a request, and `absolute` after sign-in
whatever the activity. Because the record is in the database, every app server sees the end
at once. `last_seen_at` is written at most once a minute, so most requests only read.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import joinedload

from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import User, UserSession
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class SessionLimits:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start(user: User, address: str | None, user_agent: str | None, now: datetime) -> str:
    """Open a session for a user who has just signed in; return the key for the cookie."""
    key = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            user_id=user.id,
            key_hash=digest(key),
            created_at=now,
            last_seen_at=now,
            address=address,
            user_agent=(user_agent or "")[:200] or None,
        )
    )
    db.session.commit()
    return key


@lru_cache(maxsize=1)
def _session_with_user() -> Select:
    """Built once: every signed-in request runs it. The user comes in the same query, so the
    lookup costs no extra round trip, with the facilities the user supervises (every check of
    the circle reads them) and their own facility (the rules read its kind)."""
    return (
        select(UserSession)
        .options(
            joinedload(UserSession.user).joinedload(User.supervises),
            joinedload(UserSession.user).joinedload(User.facility),
        )
        .where(UserSession.key_hash == bindparam("key_hash"))
    )


def find(key: str | None, now: datetime, limits: SessionLimits) -> tuple[UserSession | None, str]:
    """The live session a cookie names, or None and why: unknown, ended, idle or absolute."""
    if not key:
        return None, "none"
    found = db.session.scalars(_session_with_user(), {"key_hash": digest(key)})
    record = found.unique().first()
    if record is None:
        return None, "unknown"
    if record.ended_at is not None:
        return None, "ended"
    for reason, expired in (
        ("absolute", now - record.created_at >= limits.absolute),
        ("idle", now - record.last_seen_at > limits.idle),
    ):
        if expired:
            record.ended_at, record.end_reason = now, reason
            db.session.commit()
            return None, reason
    if now - record.last_seen_at >= TOUCH_EVERY:
        record.last_seen_at = now
        db.session.commit()
    return record, "live"


def is_live(record: UserSession, now: datetime, limits: SessionLimits) -> bool:
    return (
        record.ended_at is None
        and now - record.created_at < limits.absolute
        and now - record.last_seen_at <= limits.idle
    )


def live_for(user: User, now: datetime, limits: SessionLimits) -> list[UserSession]:
    """The user's sessions still running, newest first (for the sessions page)."""
    stmt = (
        select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    )
    return [s for s in db.session.scalars(stmt) if is_live(s, now, limits)]


def sign_out(record: UserSession, now: datetime) -> None:
    if record.ended_at is None:
        record.ended_at, record.end_reason = now, "signed_out"
        db.session.commit()


def end_all(user_id: int, now: datetime, reason: str, keep_id: int | None = None) -> None:
    """End every open session of a user in the caller's transaction (the caller commits)."""
    stmt = update(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
    if keep_id is not None:
        stmt = stmt.where(UserSession.id != keep_id)
    db.session.execute(stmt.values(ended_at=now, end_reason=reason))


def end_one(actor: Actor, user: User, session_id: int, now: datetime) -> None:
    """A user ends one of their own sessions (say, a computer left signed in elsewhere)."""
    record = db.session.get(UserSession, session_id)
    if record is None or record.user_id != user.id:
        raise ValidationFailed(_l("No such session."))
    if record.ended_at is None:
        record.ended_at, record.end_reason = now, "ended_by_user"
        audit.record(actor, "session_ended", now, object_type="user", object_id=user.id)
    db.session.commit()
