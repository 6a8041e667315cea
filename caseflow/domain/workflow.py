"""Case and referral states, the steps allowed from each, and who may take them.

Every hand-over between agencies is a referral: the receiver acknowledges it, then accepts or
declines it; a decline needs a reason and returns the case to the sender, flagged (SPEC, "The
journey of a case"). Ownership moves on acceptance, except to the police, who investigate
beside the JKM protector who owns the case. A JKM office that accepts owns the case without an
officer until a supervisor assigns a protector.

Functions here answer with a `Refusal` (a reason code the interface translates) or None.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from caseflow.domain.facilities import FacilityType
from caseflow.domain.roles import OFFICER_ROLES, Role


class CaseStatus(StrEnum):
    OPEN = "open"  # owned by the facility that holds it, with the officer who took it
    AWAITING_ASSIGNMENT = "awaiting_assignment"  # a JKM office accepted; no protector yet
    ASSIGNED = "assigned"  # a protector owns it
    ASSESSED = "assessed"  # the protector's initial assessment is recorded
    CLOSED = "closed"


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Urgency(StrEnum):
    URGENT = "urgent"
    ROUTINE = "routine"


class Refusal(StrEnum):
    NOT_YOUR_CASE = "not_your_case"
    NOT_YOUR_REFERRAL = "not_your_referral"
    ROLE_MAY_NOT = "role_may_not"
    CASE_CLOSED = "case_closed"
    SAME_FACILITY = "same_facility"
    ALREADY_REFERRED = "already_referred"
    RECEIVER_CANNOT_TAKE_CASES = "receiver_cannot_take_cases"
    NOT_SENT = "not_sent"
    NOT_ACKNOWLEDGED = "not_acknowledged"
    REASON_REQUIRED = "reason_required"
    NOT_JKM_CASE = "not_jkm_case"
    OFFICER_NOT_IN_FACILITY = "officer_not_in_facility"
    OFFICER_ROLE = "officer_role"
    ALREADY_CLOSED = "already_closed"
    NOT_CLOSED = "not_closed"  # aftercare follows the closing of a case
    ALREADY_RECORDED = "already_recorded"  # a step that happens once is on the timeline
    EARLIER_STEP_MISSING = "earlier_step_missing"  # e.g. a disposal before any charge


#: The facilities a case can be handed to: those that act on a child, not courts or helplines.
RECEIVING_TYPES = frozenset(
    {FacilityType.OSCC, FacilityType.JKM, FacilityType.POLICE, FacilityType.CLINIC}
)

#: Open statuses: a closed case takes no more referrals or assignments.
OPEN_STATUSES = frozenset(CaseStatus) - {CaseStatus.CLOSED}


@dataclass(frozen=True, slots=True)
class Party:
    """Who is acting: their role, their facility (and its kind), and the facilities they
    supervise."""

    role: Role
    facility_id: int
    supervises: frozenset[int] = field(default_factory=frozenset)
    facility_type: FacilityType | None = None

    def works_at(self, facility_id: int) -> bool:
        return facility_id == self.facility_id or facility_id in self.supervises

    @property
    def handles_cases(self) -> bool:
        return self.role in OFFICER_ROLES or self.role is Role.SUPERVISOR


def refuse_register(party: Party) -> Refusal | None:
    return None if party.role in OFFICER_ROLES else Refusal.ROLE_MAY_NOT


def refuse_refer(
    party: Party,
    status: CaseStatus,
    owner_facility_id: int,
    receiver_id: int,
    receiver_type: FacilityType,
    open_receivers: frozenset[int],
) -> Refusal | None:
    """The owner hands the case on; one open referral to the same place at a time."""
    if not party.handles_cases:
        return Refusal.ROLE_MAY_NOT
    if not party.works_at(owner_facility_id):
        return Refusal.NOT_YOUR_CASE
    if status is CaseStatus.CLOSED:
        return Refusal.CASE_CLOSED
    if receiver_id == owner_facility_id:
        return Refusal.SAME_FACILITY
    if receiver_type not in RECEIVING_TYPES:
        return Refusal.RECEIVER_CANNOT_TAKE_CASES
    if receiver_id in open_receivers:
        return Refusal.ALREADY_REFERRED
    return None


def refuse_answer(
    party: Party, referral_status: ReferralStatus, receiver_id: int, step: str, reason: str = ""
) -> Refusal | None:
    """The receiver acknowledges a sent referral, then accepts or declines it (with a reason)."""
    if not party.handles_cases:
        return Refusal.ROLE_MAY_NOT
    if not party.works_at(receiver_id):
        return Refusal.NOT_YOUR_REFERRAL
    if step == "acknowledge":
        return None if referral_status is ReferralStatus.SENT else Refusal.NOT_SENT
    if referral_status is not ReferralStatus.ACKNOWLEDGED:
        return Refusal.NOT_ACKNOWLEDGED
    if step == "decline" and not reason.strip():
        return Refusal.REASON_REQUIRED
    return None


@dataclass(frozen=True, slots=True)
class Acceptance:
    """What accepting a referral does to the case."""

    transfers_ownership: bool
    status: CaseStatus
    officer_becomes_owner: bool


def accept(receiver_type: FacilityType, status: CaseStatus) -> Acceptance:
    """The police investigate beside the owner; JKM owns and waits for a supervisor's
    assignment; any other receiver owns the case with the officer who accepted it."""
    if receiver_type is FacilityType.POLICE:
        return Acceptance(transfers_ownership=False, status=status, officer_becomes_owner=False)
    if receiver_type is FacilityType.JKM:
        return Acceptance(True, CaseStatus.AWAITING_ASSIGNMENT, officer_becomes_owner=False)
    return Acceptance(True, CaseStatus.OPEN, officer_becomes_owner=True)


def refuse_assign(
    party: Party,
    status: CaseStatus,
    owner_facility_id: int,
    owner_type: FacilityType,
    officer_role: Role,
    officer_facility_id: int,
) -> Refusal | None:
    """A supervisor of the owning JKM office assigns (or reassigns) one of its protectors."""
    if party.role is not Role.SUPERVISOR:
        return Refusal.ROLE_MAY_NOT
    if owner_facility_id not in party.supervises:
        return Refusal.NOT_YOUR_CASE
    if status is CaseStatus.CLOSED:
        return Refusal.CASE_CLOSED
    if owner_type is not FacilityType.JKM:
        return Refusal.NOT_JKM_CASE
    if officer_facility_id != owner_facility_id:
        return Refusal.OFFICER_NOT_IN_FACILITY
    if officer_role is not Role.PROTECTOR:
        return Refusal.OFFICER_ROLE
    return None


def status_after_assignment(status: CaseStatus) -> CaseStatus:
    """Reassigning an assessed case keeps its assessment; a first assignment makes it assigned."""
    return CaseStatus.ASSESSED if status is CaseStatus.ASSESSED else CaseStatus.ASSIGNED
