"""A user's notifications: marking them read is a write, so it lives here, not in a view."""

from datetime import datetime

from sqlalchemy import update

from caseflow.extensions import db
from caseflow.models import Notification, User


def mark_all_read(user: User, now: datetime) -> int:
    """Every unread notification of this user, read now; how many there were."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now)
    )
    db.session.commit()
    return result.rowcount
