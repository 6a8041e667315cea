"""The sweep: mark clocks due soon or breached and notify, once per transition.

Run by the queue every minute (and once when `make run` starts), or by cron or a systemd timer
(`flask clocks sweep`). Each batch claims its clocks with `FOR UPDATE SKIP LOCKED` on
PostgreSQL, so two sweeps running at once never claim the same clock and never notify twice;
a clock that changed status is not found again.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import and_, insert, select, update

from caseflow.domain.clocks import ClockStatus
from caseflow.extensions import db
from caseflow.models import Case, Clock, ClockPolicy, Notification, User, supervised_facilities
from caseflow.services.mail import SmtpSettings, clock_message, send

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


log = logging.getLogger(__name__)


def sweep(
    now: datetime,
    batch: int = BATCH,
    mail: SmtpSettings | None = None,
    deliver: Callable[[list, str], None] | None = None,
) -> dict[str, int]:
    """`deliver(recipients, kind)` sends the e-mail of a batch after its commit: the queue
    passes one that makes it a job; without it the mail is sent here, in turn."""
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
            # The UPDATE re-checks the condition: only clocks this sweep moved are its to
            # notify, even where the database has no row locks and another sweep got there.
            moved = set(
                db.session.scalars(
                    update(Clock)
                    .where(Clock.id.in_(ids), condition)
                    .values(status=status)
                    .returning(Clock.id)
                )
            )
            recipients = _notify([row for row in claimed if row[0] in moved], status.value, now)
            db.session.commit()
            if mail is not None and recipients:
                if deliver is not None:
                    deliver(recipients, status.value)
                else:
                    mail_notifications(mail, recipients, status.value)
            counts[status.value] += len(moved)
            if len(claimed) < batch:
                break
    return counts


def _notify(claimed, kind: str, now: datetime) -> list[tuple[int, int, int]]:
    """The owning officer and the supervisors of the owning facility hear of each transition."""
    if not claimed:
        return []
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
            {
                "user_id": user,
                "case_id": case_id,
                "clock_id": clock_id,
                "kind": kind,
                "created_at": now,
            }
            for user in sorted(recipients)
        ]
    if rows:
        db.session.execute(insert(Notification), rows)
    return [(row["user_id"], row["case_id"], row["clock_id"]) for row in rows]


def mail_notifications(
    settings: SmtpSettings, recipients: list[tuple[int, int, int]], kind: str
) -> None:
    """One e-mail per notification, to recipients who have an address; after the commit."""
    users = {r[0] for r in recipients}
    addresses = dict(
        db.session.execute(
            select(User.id, User.email).where(User.id.in_(users), User.email.is_not(None))
        )
        .tuples()
        .all()
    )
    clocks = {r[2] for r in recipients}
    about = {
        clock_id: (reference, name)
        for clock_id, reference, name in db.session.execute(
            select(Clock.id, Case.reference, ClockPolicy.name)
            .join(Case, Clock.case_id == Case.id)
            .join(ClockPolicy, Clock.policy_id == ClockPolicy.id)
            .where(Clock.id.in_(clocks))
        )
    }
    messages = []
    for user, _case, clock_id in recipients:
        if user not in addresses:
            continue
        try:
            messages.append(clock_message(settings.sender, addresses[user], kind, *about[clock_id]))
        except ValueError:  # a header that cannot be written: skip this mail, send the rest
            log.exception("clock notification e-mail for clock %d could not be written", clock_id)
    if messages:
        send(settings, messages)
