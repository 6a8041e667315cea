"""Revising a clock policy: a new version for clocks started from now on, never a rewrite."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from caseflow.domain.clocks import Unit
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import ClockPolicy
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

COPIED = (
    "key",
    "start_event",
    "stop_events",
    "calendar_of",
    "conditions",
    "pausable",
    "per_referral",
    "series",
    "source",
    "basis",
    "law_words",
)
WEEKLY_HOLIDAY_CHOICES = ("office_week", "weekly_holiday_only")


@dataclass(frozen=True, slots=True)
class PolicyChange:
    name: str
    target_amount: int
    target_unit: Unit
    due_soon_share: float
    weekly_holidays: str = "office_week"


def current_policy(key: str) -> ClockPolicy | None:
    return db.session.scalar(
        select(ClockPolicy).where(ClockPolicy.key == key, ClockPolicy.current.is_(True))
    )


def revise(actor: Actor, policy: ClockPolicy, change: PolicyChange, now: datetime) -> ClockPolicy:
    """Clocks already running keep the version they started under (SPEC, "Clocks")."""
    errors = {}
    if not change.name.strip():
        errors["name"] = _l("Fill in this field.")
    elif not change.name.isprintable():  # a line break would end up in a mail's subject
        errors["name"] = _l("A name is one line of text, without line breaks or tabs.")
    if not 0 < change.target_amount <= 1000:
        errors["target_amount"] = _l("A target is 1 to 1000.")
    if not 0 < change.due_soon_share < 1:
        errors["due_soon_share"] = _l("Warn somewhere between 1 and 99 per cent of the target.")
    if change.weekly_holidays not in WEEKLY_HOLIDAY_CHOICES:
        errors["weekly_holidays"] = _l("Choose from the list.")
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)
    policy.current = False
    revised = ClockPolicy(
        **{name: getattr(policy, name) for name in COPIED},
        version=policy.version + 1,
        current=True,
        name=change.name.strip(),
        target_amount=change.target_amount,
        target_unit=change.target_unit,
        due_soon_share=change.due_soon_share,
        weekly_holidays=change.weekly_holidays,
        created_at=now,
        created_by_id=actor.user.id if actor.user else None,
    )
    db.session.add(revised)
    db.session.flush()
    audit.record(
        actor,
        "policy_revised",
        now,
        object_type="clock_policy",
        object_id=revised.id,
        key=policy.key,
        before={
            "target": f"{policy.target_amount} {policy.target_unit.value}",
            "due_soon_share": policy.due_soon_share,
            "weekly_holidays": policy.weekly_holidays,
        },
        after={
            "target": f"{change.target_amount} {change.target_unit.value}",
            "due_soon_share": change.due_soon_share,
            "weekly_holidays": change.weekly_holidays,
        },
    )
    db.session.commit()
    return revised
