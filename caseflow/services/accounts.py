"""Signing in and managing user accounts."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow.domain.facilities import role_fits_facility
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import Facility, SignInAttempt, User
from caseflow.models.users import new_session_token
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

MIN_PASSWORD_LENGTH = 12
LANGUAGES = ("en", "ms")

# Checked against when the username is unknown, so both answers take the same time.
_DUMMY_HASH = generate_password_hash("caseflow-timing-equaliser")


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """After `max_failures` wrong passwords within `window`, lock the account for `duration`."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    duration: timedelta = timedelta(minutes=15)


class SignInOutcome(Enum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"  # unknown user, wrong password or inactive: one answer for all
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class SignInResult:
    outcome: SignInOutcome
    user: User | None = None
    locked_until: datetime | None = None


def find_user(username: str) -> User | None:
    stmt = select(User).where(func.lower(User.username) == username.strip().lower())
    return db.session.scalar(stmt)


def sign_in(
    username: str, password: str, address: str | None, now: datetime, policy: LockoutPolicy
) -> SignInResult:
    """Check a password, counting failures in the database so every app server agrees."""
    user = find_user(username)
    actor = Actor(user, address)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        audit.record(actor, "sign_in_refused", now, username=username[:64], reason="unknown")
        db.session.commit()
        return SignInResult(SignInOutcome.REFUSED)
    if user.is_locked(now):
        _attempt(user, now, address, succeeded=False)
        audit.record(actor, "sign_in_refused", now, reason="locked")
        db.session.commit()
        return SignInResult(SignInOutcome.LOCKED, locked_until=user.locked_until)
    if not check_password_hash(user.password_hash, password) or not user.active:
        return _refuse(user, actor, now, policy)
    _attempt(user, now, address, succeeded=True)
    audit.record(actor, "sign_in", now, object_type="user", object_id=user.id)
    db.session.commit()
    return SignInResult(SignInOutcome.SIGNED_IN, user=user)


def _refuse(user: User, actor: Actor, now: datetime, policy: LockoutPolicy) -> SignInResult:
    _attempt(user, now, actor.address, succeeded=False)
    reason = "inactive" if not user.active else "wrong_password"
    audit.record(actor, "sign_in_refused", now, reason=reason)
    if _recent_failures(user, now, policy) >= policy.max_failures:
        user.locked_until = now + policy.duration
        audit.record(
            actor, "account_locked", now, object_type="user", object_id=user.id,
            until=user.locked_until.isoformat(),
        )  # fmt: skip
        db.session.commit()
        return SignInResult(SignInOutcome.LOCKED, locked_until=user.locked_until)
    db.session.commit()
    return SignInResult(SignInOutcome.REFUSED)


def _attempt(user: User, now: datetime, address: str | None, succeeded: bool) -> None:
    db.session.add(
        SignInAttempt(
            user_id=user.id, username=user.username, at=now, succeeded=succeeded, address=address
        )
    )
    db.session.flush()


def _recent_failures(user: User, now: datetime, policy: LockoutPolicy) -> int:
    """Failures inside the window since the last success or the end of the last lock."""
    since = now - policy.window
    last_success = db.session.scalar(
        select(func.max(SignInAttempt.at)).where(
            SignInAttempt.user_id == user.id, SignInAttempt.succeeded.is_(True)
        )
    )
    for boundary in (last_success, user.locked_until):
        if boundary is not None and boundary > since:
            since = boundary
    return db.session.scalar(
        select(func.count()).where(
            SignInAttempt.user_id == user.id,
            SignInAttempt.succeeded.is_(False),
            SignInAttempt.at > since,
        )
    )


@dataclass(slots=True)
class AccountDetails:
    """What an administrator sets on an account; the same shape for create and edit."""

    username: str
    display_name: str
    role: Role
    facility_id: int
    email: str | None = None
    phone: str | None = None
    language: str = "en"
    supervised_facility_ids: tuple[int, ...] = ()


def create_user(actor: Actor, details: AccountDetails, password: str, now: datetime) -> User:
    _check_password(password)
    if find_user(details.username) is not None:
        raise ValidationFailed(
            _l("That username is taken."), {"username": _l("That username is taken.")}
        )
    user = User(username=details.username.strip(), password_hash=generate_password_hash(password))
    _apply(user, details)
    db.session.add(user)
    db.session.flush()
    audit.record(
        actor, "user_created", now, object_type="user", object_id=user.id, role=user.role.value
    )
    db.session.commit()
    return user


def update_user(actor: Actor, user: User, details: AccountDetails, now: datetime) -> User:
    other = find_user(details.username)
    if other is not None and other.id != user.id:
        raise ValidationFailed(
            _l("That username is taken."), {"username": _l("That username is taken.")}
        )
    before = _snapshot(user)
    user.username = details.username.strip()
    _apply(user, details)
    changed = {k: v for k, v in _snapshot(user).items() if before[k] != v}
    audit.record(actor, "user_updated", now, object_type="user", object_id=user.id, **changed)
    db.session.commit()
    return user


def _apply(user: User, details: AccountDetails) -> None:
    facility = db.session.get(Facility, details.facility_id)
    if facility is None:
        raise ValidationFailed(_l("Choose a facility."), {"facility_id": _l("Choose a facility.")})
    if not role_fits_facility(details.role, facility.type):
        message = _l("A user with this role cannot belong to this kind of facility.")
        raise ValidationFailed(message, {"facility_id": message})
    if details.language not in LANGUAGES:
        raise ValidationFailed(_l("Unknown language."), {"language": _l("Unknown language.")})
    user.display_name = details.display_name.strip()
    user.role = details.role
    user.facility_id = facility.id
    user.email = details.email or None
    user.phone = details.phone or None
    user.language = details.language
    ids = details.supervised_facility_ids if details.role is Role.SUPERVISOR else ()
    user.supervises = list(db.session.scalars(select(Facility).where(Facility.id.in_(ids))))


def _snapshot(user: User) -> dict[str, object]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role.value,
        "facility_id": user.facility_id,
        "email": user.email,
        "phone": user.phone,
        "language": user.language,
        "supervises": sorted(f.id for f in user.supervises),
    }


def set_active(actor: Actor, user: User, active: bool, now: datetime) -> None:
    """Deactivate (never delete: the audit trail names them) or reactivate an account."""
    if actor.user is not None and actor.user.id == user.id and not active:
        raise ValidationFailed(_l("You cannot deactivate your own account."))
    user.active = active
    user.session_token = new_session_token()
    action = "user_reactivated" if active else "user_deactivated"
    audit.record(actor, action, now, object_type="user", object_id=user.id)
    db.session.commit()


def unlock(actor: Actor, user: User, now: datetime) -> None:
    # Ending the lock now (rather than clearing it) also restarts the failure count, which
    # only looks at failures after the end of the last lock.
    user.locked_until = now
    audit.record(actor, "user_unlocked", now, object_type="user", object_id=user.id)
    db.session.commit()


def set_password(actor: Actor, user: User, password: str, now: datetime) -> None:
    _check_password(password)
    user.password_hash = generate_password_hash(password)
    user.session_token = new_session_token()
    audit.record(actor, "password_set", now, object_type="user", object_id=user.id)
    db.session.commit()


def set_language(user: User, language: str) -> None:
    """A preference, not a change to anyone's data: no audit record."""
    if language not in LANGUAGES:
        raise ValidationFailed(_l("Unknown language."))
    user.language = language
    db.session.commit()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        message = _l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)
        raise ValidationFailed(message, {"password": message})
