"""Writing a timeline event, and the hook that lets clocks follow events in the same transaction."""

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, Integer, Select, bindparam, literal, select

from caseflow.domain.events import EventType
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, User
from caseflow.services.steps import flush_or_conflict

EventListener = Callable[[Case, CaseEvent], None]
_listeners: list[EventListener] = []


def on_case_event(listener: EventListener) -> EventListener:
    """Register a listener (e.g. the clocks) called for every event before the commit."""
    _listeners.append(listener)
    return listener


def write_event(
    case: Case,
    kind: EventType,
    user: User,
    at: datetime,
    now: datetime,
    *,
    referral_id: int | None = None,
    **data: Any,
) -> CaseEvent:
    case.updated_at = now
    if case.id is not None and case.version is not None:
        case.version += 1
    db.session.add(case)
    event = CaseEvent(
        case_id=case.id,
        type=kind,
        at=at,
        recorded_at=now,
        user_id=user.id,
        facility_id=user.facility_id,
        referral_id=referral_id,
        data=data,
    )
    db.session.add(event)
    flush_or_conflict()
    for listener in _listeners:
        listener(case, event)
    return event


def timeline_cases(case_id):
    """A case's own id and those of the cases merged into it (their events are kept, never
    moved), as a subquery: the timeline comes in one statement, not two. `case_id` is a value
    or a named parameter."""
    if not isinstance(case_id, BindParameter):
        case_id = literal(case_id, Integer)
    merged = select(Case.id).where(Case.merged_into_id == case_id)
    return select(case_id).union_all(merged)


def step_kinds(case: Case) -> list[EventType]:
    """The kind of every step on the case's timeline (merged cases' too), one per step."""
    return list(db.session.scalars(_kinds_statement(), {"case_id": case.id}))


@lru_cache(maxsize=1)
def _kinds_statement() -> Select:
    """Built once: every case page with a long timeline and every step recorded asks."""
    of_the_case = timeline_cases(bindparam("case_id", type_=Integer))
    return select(CaseEvent.type).where(CaseEvent.case_id.in_(of_the_case))
