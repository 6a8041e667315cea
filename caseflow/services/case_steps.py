"""The steps a user may record on a case now: the domain's rules over the case as stored."""

from collections.abc import Iterable

from caseflow.domain.events import EventType
from caseflow.domain.steps import CaseState, OfferedStep, offered_steps, refuse_step
from caseflow.models import Case, User
from caseflow.permissions import party_of
from caseflow.services.errors import StepRefused
from caseflow.services.timeline import step_kinds


def steps_done(case: Case) -> frozenset[EventType]:
    """The kinds of step already on the case's timeline (merged cases' events included)."""
    return frozenset(step_kinds(case))


def state_of(case: Case, done: Iterable[EventType] | None = None) -> CaseState:
    """`done` from a timeline the caller already holds (the case page), else read here."""
    kinds = steps_done(case) if done is None else frozenset(done)
    return CaseState(case.status, case.owner_facility_id, kinds)


def offered(user: User, case: Case, done: Iterable[EventType] | None = None) -> list[OfferedStep]:
    return offered_steps(party_of(user), state_of(case, done))


def check_step(user: User, case: Case, kind: EventType) -> None:
    """Refuse, with the domain's reason, a step this user may not record on this case now."""
    refusal = refuse_step(party_of(user), kind, state_of(case))
    if refusal is not None:
        raise StepRefused(refusal)
