"""People who sign in, the facilities they supervise, and their sign-in attempts."""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import BigInteger, Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.domain.roles import Role
from caseflow.models.base import Base, UTCDateTime, enum_column, utcnow
from caseflow.models.directory import Facility

supervised_facilities = Table(
    "supervised_facilities",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("facility_id", ForeignKey("facilities.id"), primary_key=True),
)


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"), index=True)
    language: Mapped[str] = mapped_column(String(5), default="en")
    active: Mapped[bool] = mapped_column(default=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Rotated on password change or deactivation, so every signed cookie issued before it
    # stops working on every app server at once.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    # Set by an administrator's password reset: the next sign-in must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # TOTP (RFC 6238): the shared secret, whether it is confirmed, and the last time step
    # accepted, so that a code is taken once and never replayed within its window.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled: Mapped[bool] = mapped_column(default=False)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    facility: Mapped[Facility] = relationship(foreign_keys=[facility_id])
    supervises: Mapped[list[Facility]] = relationship(
        secondary=supervised_facilities, order_by=Facility.name
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


class SignInAttempt(Base):
    """One try at signing in. Kept in the database so every app server counts the same."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_user_at", "user_id", "at"),
        Index("ix_sign_in_attempts_username_at", "username", "at"),
        Index("ix_sign_in_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(64))  # as typed, lower case: known or not
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    succeeded: Mapped[bool]
    address: Mapped[str | None] = mapped_column(String(45))


class ApiToken(Base):
    """A bearer token for the JSON API. Only its SHA-256 is stored: a leaked table opens nothing."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
