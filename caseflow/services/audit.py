"""Writing the audit trail. Every service that changes or reveals data calls `record`."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from caseflow.extensions import db
from caseflow.models import AuditRecord, User


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting and from where: the audit needs both, and the PDPA breach notice too."""

    user: User | None
    address: str | None = None


def record(
    actor: Actor,
    action: str,
    at: datetime,
    *,
    object_type: str | None = None,
    object_id: int | None = None,
    username: str | None = None,
    **detail: Any,
) -> AuditRecord:
    """Add an audit record to the current transaction (the caller commits)."""
    entry = AuditRecord(
        at=at,
        user_id=actor.user.id if actor.user else None,
        username=username or (actor.user.username if actor.user else None),
        address=actor.address,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )
    db.session.add(entry)
    return entry
