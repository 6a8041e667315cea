"""Managing user accounts: create, change, deactivate, unlock, passwords."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from caseflow.domain.facilities import role_fits_facility
from caseflow.domain.passwords import MIN_LENGTH, Weakness, weakness
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import ApiToken, Facility, SignInLock, User
from caseflow.models.users import new_session_token
from caseflow.services import audit, password_hashes, sessions
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

MIN_PASSWORD_LENGTH = MIN_LENGTH
LANGUAGES = ("en", "ms")


def find_user(username: str) -> User | None:
    stmt = select(User).where(func.lower(User.username) == username.strip().lower())
    return db.session.scalar(stmt)


def end_access(user: User, now: datetime, keep_session_id: int | None = None) -> None:
    """End the user's sessions (but one) and revoke all their API tokens, in this transaction.

    Called on a password change or reset, deactivation, and a change of role or facility:
    what a session or token was allowed to see may no longer be theirs to see.
    """
    sessions.end_all(user.id, now, "access_changed", keep_id=keep_session_id)
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if keep_session_id is None:
        user.session_token = new_session_token()


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
    check_password(password, details.username, details.display_name)
    if find_user(details.username) is not None:
        raise ValidationFailed(
            _l("That username is taken."), {"username": _l("That username is taken.")}
        )
    user = User(
        username=details.username.strip(), password_hash=password_hashes.hash_password(password)
    )
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
    if {"role", "facility_id", "supervises"} & changed.keys():
        end_access(user, now)
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
    if not active:
        end_access(user, now)  # and reactivation revives nothing: they stay ended
    action = "user_reactivated" if active else "user_deactivated"
    audit.record(actor, action, now, object_type="user", object_id=user.id)
    db.session.commit()


def unlock(actor: Actor, user: User, now: datetime) -> None:
    # Ending the lock now (rather than clearing it) also restarts the failure count, which
    # only looks at failures after the end of the last lock.
    user.locked_until = now
    lock = db.session.get(SignInLock, user.username.strip().lower()[:64])
    if lock is not None:
        lock.locked_until, lock.locks = now, 0
    audit.record(actor, "user_unlocked", now, object_type="user", object_id=user.id)
    db.session.commit()


def sign_out_everywhere(actor: Actor, user: User, now: datetime) -> None:
    """An administrator ends all of a user's sessions and tokens (a lost laptop, say)."""
    end_access(user, now)
    audit.record(actor, "sessions_ended", now, object_type="user", object_id=user.id)
    db.session.commit()


def set_password(actor: Actor, user: User, password: str, now: datetime) -> None:
    """An administrator's reset: the user must choose their own at the next sign-in."""
    check_password(password, user.username, user.display_name)
    user.password_hash = password_hashes.hash_password(password)
    user.must_change_password = actor.user is None or actor.user.id != user.id
    end_access(user, now)
    audit.record(actor, "password_set", now, object_type="user", object_id=user.id)
    db.session.commit()


def change_own_password(
    actor: Actor, user: User, current: str, new: str, now: datetime, session_id: int | None
) -> None:
    """The user's own change: the current password first; other sessions and tokens end."""
    if not password_hashes.check(user.password_hash, current):
        message = _l("That is not your current password.")
        raise ValidationFailed(message, {"current_password": message})
    if password_hashes.check(user.password_hash, new):
        message = _l("Choose a password different from the current one.")
        raise ValidationFailed(message, {"password": message})
    check_password(new, user.username, user.display_name)
    user.password_hash = password_hashes.hash_password(new)
    user.must_change_password = False
    end_access(user, now, keep_session_id=session_id)
    audit.record(actor, "password_changed", now, object_type="user", object_id=user.id)
    db.session.commit()


def set_language(user: User, language: str) -> None:
    """A preference, not a change to anyone's data: no audit record."""
    if language not in LANGUAGES:
        raise ValidationFailed(_l("Unknown language."))
    user.language = language
    db.session.commit()


WEAKNESS_MESSAGES = {
    Weakness.TOO_SHORT: _l("Use at least %(n)d characters.", n=MIN_LENGTH),
    Weakness.COMMON: _l("This password is among the most common ones. Choose another."),
    Weakness.CONTAINS_NAME: _l("A password may not contain the username or display name."),
}


def check_password(password: str, username: str = "", display_name: str = "") -> None:
    found = weakness(password, username, display_name)
    if found is not None:
        message = WEAKNESS_MESSAGES[found]
        raise ValidationFailed(message, {"password": message})
