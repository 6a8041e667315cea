"""Two-factor sign-in with TOTP (RFC 6238, pyotp) and single-use recovery codes.

A code is accepted once: the last time step used is stored, and only a later step passes,
so a code seen over someone's shoulder cannot be replayed within its 30-second window.
Recovery codes are shown once and kept as SHA-256 digests (64 random bits each).
"""

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
import segno
from sqlalchemy import delete, select

from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import RecoveryCode, User
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

ISSUER = "Caseflow"
RECOVERY_CODE_COUNT = 10
DRIFT_STEPS = 1  # a code from the step before or after still counts (clock drift)


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def begin(actor: Actor, user: User, now: datetime) -> str:
    """Draw a new secret (not yet in force until confirmed with a first code)."""
    if user.totp_enabled:
        raise ValidationFailed(_l("Two-factor sign-in is already on."))
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None
    db.session.commit()
    return user.totp_secret


def otpauth_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG markup: no script, no style attribute, so CSP-clean."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def _verify_totp(user: User, code: str, now: datetime) -> bool:
    """Check a 6-digit code, refusing any step already used; the caller commits."""
    if not user.totp_secret or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(user.totp_secret)
    current = int(now.timestamp()) // totp.interval
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * totp.interval), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False
            user.totp_last_step = step
            return True
    return False


def _use_recovery_code(user: User, code: str, now: datetime) -> bool:
    stmt = select(RecoveryCode).where(
        RecoveryCode.user_id == user.id,
        RecoveryCode.code_hash == _digest(code),
        RecoveryCode.used_at.is_(None),
    )
    record = db.session.scalar(stmt)
    if record is None:
        return False
    record.used_at = now
    return True


def check(user: User, code: str | None, now: datetime) -> bool:
    """A TOTP code or an unused recovery code; marks it used (the caller commits)."""
    code = _normalise(code or "")
    if not code or not user.totp_enabled:
        return False
    if code.isdigit() and len(code) == 6:
        return _verify_totp(user, code, now)
    return _use_recovery_code(user, code, now)


def confirm(actor: Actor, user: User, code: str, now: datetime) -> list[str]:
    """Turn two-factor sign-in on with a first code; return the recovery codes, shown once."""
    if user.totp_enabled or not user.totp_secret:
        raise ValidationFailed(_l("Start setting up two-factor sign-in first."))
    if not _verify_totp(user, _normalise(code or ""), now):
        db.session.rollback()
        message = _l("That code is not right. Enter the code your app shows now.")
        raise ValidationFailed(message, {"otp": message})
    user.totp_enabled = True
    codes = _new_recovery_codes(user)
    audit.record(actor, "two_factor_enabled", now, object_type="user", object_id=user.id)
    db.session.commit()
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = secrets.token_hex(8)
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_digest(raw)))
    return codes


def disable(actor: Actor, user: User, code: str, now: datetime) -> None:
    """Turn two-factor sign-in off; a current code (or a recovery code) proves it is them."""
    if not user.totp_enabled:
        raise ValidationFailed(_l("Two-factor sign-in is not on."))
    if not check(user, code, now):
        db.session.rollback()
        message = _l("That code is not right.")
        raise ValidationFailed(message, {"otp": message})
    user.totp_enabled = False
    user.totp_secret = None
    user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record(actor, "two_factor_disabled", now, object_type="user", object_id=user.id)
    db.session.commit()


def recovery_codes_left(user: User) -> int:
    stmt = select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
    )
    return len(db.session.scalars(stmt).all())
