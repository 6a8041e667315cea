"""The sweep: mark clocks due soon or breached and notify, once per transition.

Run by cron or a systemd timer (`flask clocks sweep`). Each batch claims its clocks with
`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two sweeps running at once never claim the same
clock and never notify twice; a clock that changed status is not found again.
"""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, insert, select, update

from caseflow.domain.clocks import ClockStatus
from caseflow.extensions import db
from caseflow.models import Case, Clock, Notification, User, supervised_facilities

BATCH = 5000


def _transitions(now: datetime):
    """(new status, which clocks move to it): breaches first, so a clock that skipped past its
    warning is reported once, as breached."""
    waiting = and_(Clock.paused_at.is_(None), Clock.met_at.is_(None))
    breached = and_(
        waiting, Clock.status.in_([ClockStatus.RUNNING, ClockStatus.DUE_SOON]), Clock.due_at < now
    )
    due_soon = and_(waiting, Clock.status == ClockStatus.RUNNING, Clock.due_soon_at <= now)
    return ((ClockStatus.BREACHED, breached), (ClockStatus.DUE_SOON, due_soon))


def sweep(now: datetime, batch: int = BATCH) -> dict[str, int]:
    counts = {ClockStatus.BREACHED.value: 0, ClockStatus.DUE_SOON.value: 0}
    for status, condition in _transitions(now):
        while True:
            claimed = db.session.execute(
                select(Clock.id, Case.id, Case.owner_officer_id, Case.owner_facility_id)
                .join(Case, Clock.case_id == Case.id)
                .where(condition)
                .limit(batch)
                .with_for_update(skip_locked=True, of=Clock)
            ).all()
            if not claimed:
                break
            ids = [row[0] for row in claimed]
            db.session.execute(
                update(Clock).where(Clock.id.in_(ids), condition).values(status=status)
            )
            _notify(claimed, status.value, now)
            db.session.commit()
            counts[status.value] += len(ids)
            if len(claimed) < batch:
                break
    return counts


def _notify(claimed, kind: str, now: datetime) -> None:
    """The owning officer and the supervisors of the owning facility hear of each transition."""
    facilities = {row[3] for row in claimed}
    supervisors: dict[int, list[int]] = defaultdict(list)
    for user_id, facility_id in db.session.execute(
        select(supervised_facilities.c.user_id, supervised_facilities.c.facility_id)
        .join(User, User.id == supervised_facilities.c.user_id)
        .where(supervised_facilities.c.facility_id.in_(facilities), User.active)
    ):
        supervisors[facility_id].append(user_id)
    rows = []
    for clock_id, case_id, officer_id, facility_id in claimed:
        recipients = set(supervisors[facility_id]) | ({officer_id} if officer_id else set())
        rows += [
            {"user_id": user, "case_id": case_id, "clock_id": clock_id, "kind": kind,
             "created_at": now}
            for user in sorted(recipients)
        ]  # fmt: skip
    if rows:
        db.session.execute(insert(Notification), rows)
