"""Signing in: password, second factor, lock and throttle, counted in the database.

Every count lives in `sign_in_attempts` and every lock in `sign_in_locks`, keyed by the
username as typed (lower case), known or not. So an unknown username gets the same answers,
statuses and work (one password hash) as a real one at every try, and every app server
shares one count with nothing to run beside the database.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from math import ceil

from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import SignInAttempt, SignInLock, User
from caseflow.services import audit, password_hashes, two_factor
from caseflow.services.accounts import find_user
from caseflow.services.audit import Actor

# Checked against when the username is unknown, so both answers take the same time: made
# once per method, at the same cost as a real user's hash.
_DUMMY_HASHES: dict[str, str] = {}
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """`max_failures` within `window` lock a username for `duration`, doubling per repeat lock
    up to `max_duration`; past `per_username` failures a minute on one username or
    `per_address` from one address, sign-in answers 429 until the minute has passed."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    duration: timedelta = timedelta(minutes=15)
    max_duration: timedelta = timedelta(hours=24)
    per_username: int = 10
    per_address: int = 60


class SignInOutcome(Enum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"  # unknown user, wrong password or inactive: one answer for all
    LOCKED = "locked"
    THROTTLED = "throttled"
    CODE_NEEDED = "code_needed"  # password right; the second factor is still to come
    CODE_WRONG = "code_wrong"


@dataclass(frozen=True, slots=True)
class SignInResult:
    outcome: SignInOutcome
    user: User | None = None
    locked_until: datetime | None = None
    retry_after: int | None = None  # seconds


def _dummy_hash() -> str:
    method = password_hashes.method()
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = password_hashes.hash_password("caseflow-timing-equaliser")
    return _DUMMY_HASHES[method]


def key_for(username: str) -> str:
    return username.strip().lower()[:64]


def sign_in(
    username: str,
    password: str,
    address: str | None,
    now: datetime,
    policy: LockoutPolicy,
    otp: str | None = None,
) -> SignInResult:
    """Check a password (and a second factor if the user has one)."""
    key = key_for(username)
    retry = _throttled(key, address, now, policy)
    if retry:
        return SignInResult(SignInOutcome.THROTTLED, retry_after=retry)
    user = find_user(username)
    actor = Actor(user, address)
    stored = user.password_hash if user is not None else _dummy_hash()
    active = user is not None and user.active
    # The connection goes back to the pool while the hash waits for its slot: in a burst of
    # sign-ins the waiting ones must not hold every connection other requests need.
    db.session.commit()
    right = password_hashes.check(stored, password) and active
    if right and password_hashes.needs_rehash(stored):
        user.password_hash = password_hashes.hash_password(password)  # committed with the sign-in
    lock = db.session.get(SignInLock, key)
    if lock is not None and lock.locked_until is not None and lock.locked_until > now:
        # A lock gives way at once to the password with a second factor, in one request.
        if right and otp and user.totp_enabled and two_factor.check(user, otp, now):
            return _signed_in(user, key, actor, now, lifted_lock=True)
        _attempt(key, user, now, address, succeeded=False)
        audit.record(actor, "sign_in_refused", now, username=key, reason="locked")
        db.session.commit()
        return SignInResult(SignInOutcome.LOCKED, locked_until=lock.locked_until)
    if not right:
        reason = "unknown" if user is None else "inactive" if not user.active else "wrong_password"
        return _refuse(key, user, actor, now, policy, reason)
    if user.totp_enabled:
        if not otp:
            return SignInResult(SignInOutcome.CODE_NEEDED, user=user)
        return second_factor(user, otp, address, now, policy)
    return _signed_in(user, key, actor, now)


def second_factor(
    user: User, otp: str, address: str | None, now: datetime, policy: LockoutPolicy
) -> SignInResult:
    """The second step, for a user whose password was right moments ago."""
    key = key_for(user.username)
    actor = Actor(user, address)
    retry = _throttled(key, address, now, policy)
    if retry:
        return SignInResult(SignInOutcome.THROTTLED, retry_after=retry)
    if not two_factor.check(user, otp, now):
        result = _refuse(key, user, actor, now, policy, "wrong_code")
        if result.outcome is SignInOutcome.REFUSED:
            return SignInResult(SignInOutcome.CODE_WRONG, user=user)
        return result
    return _signed_in(user, key, actor, now)


def _signed_in(
    user: User, key: str, actor: Actor, now: datetime, lifted_lock: bool = False
) -> SignInResult:
    _attempt(key, user, now, actor.address, succeeded=True)
    lock = db.session.get(SignInLock, key)
    if lock is not None:
        lock.locked_until, lock.locks = None, 0
    user.locked_until = None
    detail = {"lifted_lock": True} if lifted_lock else {}
    audit.record(actor, "sign_in", now, object_type="user", object_id=user.id, **detail)
    db.session.commit()
    return SignInResult(SignInOutcome.SIGNED_IN, user=user)


def _refuse(
    key: str, user: User | None, actor: Actor, now: datetime, policy: LockoutPolicy, reason: str
) -> SignInResult:
    _attempt(key, user, now, actor.address, succeeded=False)
    audit.record(actor, "sign_in_refused", now, username=key, reason=reason)
    lock = db.session.get(SignInLock, key) or SignInLock(username=key, locks=0)
    if _recent_failures(key, lock, now, policy) >= policy.max_failures:
        duration = min(policy.duration * 2 ** min(lock.locks, 16), policy.max_duration)
        lock.locked_until, lock.locks = now + duration, lock.locks + 1
        db.session.add(lock)
        if user is not None:
            user.locked_until = lock.locked_until
        audit.record(
            actor,
            "account_locked",
            now,
            object_type="user" if user else None,
            object_id=user.id if user else None,
            username=key,
            until=lock.locked_until.isoformat(),
        )
        db.session.commit()
        return SignInResult(SignInOutcome.LOCKED, locked_until=lock.locked_until)
    db.session.commit()
    return SignInResult(SignInOutcome.REFUSED)


def _attempt(key: str, user: User | None, now: datetime, address: str | None, succeeded: bool):
    db.session.add(
        SignInAttempt(
            user_id=user.id if user else None,
            username=key,
            at=now,
            succeeded=succeeded,
            address=address,
        )
    )
    db.session.flush()


def _recent_failures(key: str, lock: SignInLock, now: datetime, policy: LockoutPolicy) -> int:
    """Failures inside the window since the last success or the end of the last lock."""
    since = now - policy.window
    last_success = db.session.scalar(
        select(func.max(SignInAttempt.at)).where(
            SignInAttempt.username == key, SignInAttempt.succeeded.is_(True)
        )
    )
    for boundary in (last_success, lock.locked_until):
        if boundary is not None and boundary > since:
            since = boundary
    return db.session.scalar(
        select(func.count()).where(
            SignInAttempt.username == key,
            SignInAttempt.succeeded.is_(False),
            SignInAttempt.at > since,
        )
    )


def _throttled(key: str, address: str | None, now: datetime, policy: LockoutPolicy) -> int:
    """Seconds to wait when this username or this address has failed too often this minute."""
    since = now - MINUTE
    checks = [(SignInAttempt.username == key, policy.per_username)]
    if address:
        checks.append((SignInAttempt.address == address, policy.per_address))
    for where, limit in checks:
        stmt = select(SignInAttempt.at).where(
            where, SignInAttempt.succeeded.is_(False), SignInAttempt.at > since
        )
        times = db.session.scalars(stmt.order_by(SignInAttempt.at.desc()).limit(limit)).all()
        if len(times) >= limit:
            return max(1, ceil((times[-1] + MINUTE - now).total_seconds()))
    return 0
