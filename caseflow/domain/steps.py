"""Which recorded steps a user may take on a case now, and why any other is refused.

One table, `STEP_RULES`, says for every step a professional records who records it (by the
kind of facility they act for: a clinic nurse records a medical assessment, never a charge),
whether only the owning facility may, whether the case must be open or closed, whether it
happens once, and which earlier step it follows. `refuse_step` answers for one step (the
service refuses with its reason); `offered_steps` lists every step it would allow (the case
page's choices and `GET /cases/{id}/steps`), so the two cannot disagree.
"""

from dataclasses import dataclass
from enum import StrEnum

from caseflow.domain.events import EventType as E
from caseflow.domain.events import fields_of
from caseflow.domain.facilities import FacilityType as F
from caseflow.domain.workflow import CaseStatus, Party, Refusal


class Phase(StrEnum):
    """When in a case's life a step belongs."""

    OPEN = "open"  # while the case is open
    AFTER_CLOSING = "after_closing"  # aftercare: only once the case is closed
    ANY = "any"


@dataclass(frozen=True, slots=True)
class StepRule:
    by: frozenset[F]  # the kinds of facility whose staff (or supervisors) record the step
    owner_only: bool = False
    phase: Phase = Phase.OPEN
    once: bool = False  # a second one would be a mistake (a report sent twice, two disposals)
    follows: tuple[E, ...] = ()  # one of these must already be on the timeline
    #: Ends or starts a duty in law (Child Act 2001, a court) or in a ministry circular (SOP
    #: 1:3:7), or closes the case: recorded by mistake it stops a clock that should run, so the
    #: form asks the user to confirm it.
    confirm: bool = False


CASE_HANDLERS = frozenset({F.CLINIC, F.OSCC, F.SCHOOL, F.JKM, F.POLICE, F.HELPLINE})
#: Those under a duty to report to a protector (Child Act 2001 ss.27-29) or who pass on a report.
REPORTERS = frozenset({F.CLINIC, F.OSCC, F.SCHOOL, F.POLICE, F.HELPLINE})
HEALTH = frozenset({F.CLINIC, F.OSCC})
JKM = frozenset({F.JKM})
POLICE = frozenset({F.POLICE})
#: Court steps: the investigating officer and the protector follow the case in court.
COURT = frozenset({F.JKM, F.POLICE})

STEP_RULES: dict[E, StepRule] = {
    # SOP 1:3:7: the school's own reports to the district and state education offices
    E.SCHOOL_REPORT_SENT: StepRule(frozenset({F.SCHOOL}), once=True, confirm=True),
    E.SCHOOL_FOLLOW_UP: StepRule(frozenset({F.SCHOOL}), once=True, confirm=True),
    E.SCHOOL_FULL_REPORT: StepRule(frozenset({F.SCHOOL}), once=True, confirm=True),
    E.PROTECTOR_NOTIFIED: StepRule(REPORTERS, once=True, confirm=True),
    # a protector records the completion of an examination for s.25(1) too
    E.MEDICAL_ASSESSMENT: StepRule(HEALTH | JKM),
    E.INITIAL_ASSESSMENT: StepRule(JKM, owner_only=True, once=True),
    E.POLICE_REPORT_LODGED: StepRule(CASE_HANDLERS),
    E.CHILD_INTERVIEW: StepRule(COURT),
    E.CHARGE_REGISTERED: StepRule(COURT, confirm=True),
    E.HEARING: StepRule(COURT, follows=(E.CHARGE_REGISTERED,)),
    E.CASE_DISPOSED: StepRule(COURT, once=True, follows=(E.CHARGE_REGISTERED,), confirm=True),
    E.CASE_CLOSED: StepRule(CASE_HANDLERS, owner_only=True, confirm=True),
    E.FOLLOW_UP_DONE: StepRule(JKM, phase=Phase.AFTER_CLOSING),
    # Child Act 2001: s.18 custody, s.41(4) refuge, s.19 protector's taking, s.39 orders
    E.CHILD_TAKEN_INTO_CUSTODY: StepRule(COURT, confirm=True),
    E.CHILD_ADMITTED_TO_REFUGE: StepRule(COURT, confirm=True),
    E.CHILD_BEFORE_PROTECTOR: StepRule(
        COURT,
        follows=(E.CHILD_TAKEN_INTO_CUSTODY, E.CHILD_ADMITTED_TO_REFUGE),
        confirm=True,
    ),
    E.PROTECTOR_TOOK_CHILD: StepRule(JKM, confirm=True),
    E.CHILD_BEFORE_COURT: StepRule(COURT, confirm=True),
    E.INTERIM_ORDER_MADE: StepRule(JKM, confirm=True),
    E.PROTECTOR_REPORT_FILED: StepRule(JKM, follows=(E.INTERIM_ORDER_MADE,), confirm=True),
    E.PAPERS_TO_PROSECUTOR: StepRule(
        POLICE, once=True, follows=(E.POLICE_REPORT_LODGED,), confirm=True
    ),
    # only the investigation clock pauses (an expert's report awaited)
    E.CLOCK_PAUSED: StepRule(COURT),
    E.CLOCK_RESUMED: StepRule(COURT),
    E.NOTE: StepRule(CASE_HANDLERS, phase=Phase.ANY),
}


@dataclass(frozen=True, slots=True)
class CaseState:
    """What the rules read of a case: its status, owner, and the steps already taken."""

    status: CaseStatus
    owner_facility_id: int
    done: frozenset[E] = frozenset()


def refuse_step(party: Party, kind: E, case: CaseState) -> Refusal | None:
    """Why this user may not record this step on this case now, or None if they may."""
    rule = STEP_RULES.get(kind)
    if rule is None or not party.handles_cases or party.facility_type not in rule.by:
        return Refusal.ROLE_MAY_NOT
    if rule.owner_only and not party.works_at(case.owner_facility_id):
        return Refusal.NOT_YOUR_CASE
    closed = case.status is CaseStatus.CLOSED
    if kind is E.CASE_CLOSED and closed:
        return Refusal.ALREADY_CLOSED
    if rule.phase is Phase.OPEN and closed:
        return Refusal.CASE_CLOSED
    if rule.phase is Phase.AFTER_CLOSING and not closed:
        return Refusal.NOT_CLOSED
    if rule.once and kind in case.done:
        return Refusal.ALREADY_RECORDED
    if rule.follows and not case.done & set(rule.follows):
        return Refusal.EARLIER_STEP_MISSING
    return None


@dataclass(frozen=True, slots=True)
class OfferedStep:
    """A step offered to the user, with the fields it must and may carry besides `at`."""

    kind: E
    required: tuple[str, ...]
    optional: tuple[str, ...]
    confirm: bool


def offered_steps(party: Party, case: CaseState) -> list[OfferedStep]:
    """Every step `refuse_step` allows now, in the order of the case's journey."""
    return [
        OfferedStep(kind, *fields_of(kind), STEP_RULES[kind].confirm)
        for kind in STEP_RULES
        if refuse_step(party, kind, case) is None
    ]


def needs_confirmation(kind: E) -> bool:
    rule = STEP_RULES.get(kind)
    return bool(rule and rule.confirm)
