"""A user's notifications: the one list the page and the API show, and marking them read
(a write, so it lives here, not in a view)."""

from datetime import datetime

from sqlalchemy import Select, select, update

from caseflow.extensions import db
from caseflow.models import Notification, User


def listed(user_id: int, unread_only: bool = False) -> Select:
    """The user's notifications, newest first."""
    stmt = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return stmt.order_by(Notification.created_at.desc(), Notification.id.desc())


def mark_all_read(user: User, now: datetime) -> int:
    """Every unread notification of this user, read now; how many there were."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now)
    )
    db.session.commit()
    return result.rowcount
