"""Server-side sign-in sessions, username locks and two-factor recovery codes.

All three live in the database, so every app server sees one sign-out, one lock and one
used recovery code at the same moment, with no component beyond the database itself.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, UTCDateTime
from caseflow.models.users import User


class UserSession(Base):
    """One signed-in browser. The cookie holds only a random key; its SHA-256 is kept here."""

    __tablename__ = "user_sessions"
    __table_args__ = (Index("ix_user_sessions_user_ended", "user_id", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(200))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(20))

    user: Mapped[User] = relationship()


class SignInLock(Base):
    """The lock on one username, known or not, so an unknown one locks exactly as a real one."""

    __tablename__ = "sign_in_locks"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locks: Mapped[int] = mapped_column(default=0)  # consecutive locks: each one lasts longer


class RecoveryCode(Base):
    """A single-use code to sign in without the authenticator; stored hashed, shown once."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
