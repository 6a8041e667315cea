"""The workflow's rules, allowed and refused, with no app, database or clock."""

import pytest

from caseflow.domain.facilities import FacilityType
from caseflow.domain.roles import Role
from caseflow.domain.workflow import (
    CaseStatus,
    Party,
    ReferralStatus,
    Refusal,
    accept,
    refuse_answer,
    refuse_assign,
    refuse_refer,
    refuse_register,
    status_after_assignment,
)

CLINIC, OSCC, JKM, POLICE, COURT = 1, 2, 3, 4, 5
nurse = Party(Role.CLINIC_STAFF, CLINIC)
doctor = Party(Role.OSCC_STAFF, OSCC)
protector = Party(Role.PROTECTOR, JKM)
supervisor = Party(Role.SUPERVISOR, JKM, frozenset({JKM}))
analyst = Party(Role.ANALYST, 99)


@pytest.mark.parametrize("role", list(Role))
def test_only_officers_register_cases(role):
    refusal = refuse_register(Party(role, CLINIC))
    officer = role not in (Role.SUPERVISOR, Role.ANALYST, Role.ADMINISTRATOR)
    assert (refusal is None) is officer


def refer(
    party=nurse,
    status=CaseStatus.OPEN,
    owner=CLINIC,
    to=OSCC,
    kind=FacilityType.OSCC,
    open_to=frozenset(),
):
    return refuse_refer(party, status, owner, to, kind, open_to)


def test_owner_refers_a_clinic_case_to_its_oscc():
    assert refer() is None


@pytest.mark.parametrize(
    ("kwargs", "refusal"),
    [
        ({"party": doctor}, Refusal.NOT_YOUR_CASE),
        ({"party": analyst}, Refusal.ROLE_MAY_NOT),
        ({"status": CaseStatus.CLOSED}, Refusal.CASE_CLOSED),
        ({"to": CLINIC, "kind": FacilityType.CLINIC}, Refusal.SAME_FACILITY),
        ({"to": COURT, "kind": FacilityType.COURT}, Refusal.RECEIVER_CANNOT_TAKE_CASES),
        ({"open_to": frozenset({OSCC})}, Refusal.ALREADY_REFERRED),
    ],
)
def test_referral_refused_with_its_reason(kwargs, refusal):
    assert refer(**kwargs) is refusal


def test_a_supervisor_of_the_owning_office_may_refer():
    assert refer(party=supervisor, owner=JKM, to=POLICE, kind=FacilityType.POLICE) is None


@pytest.mark.parametrize("status", list(ReferralStatus))
@pytest.mark.parametrize("step", ["acknowledge", "accept", "decline"])
def test_receiver_acknowledges_then_answers(status, step):
    refusal = refuse_answer(doctor, status, OSCC, step, reason="no bed")
    if step == "acknowledge":
        expected = None if status is ReferralStatus.SENT else Refusal.NOT_SENT
    else:
        expected = None if status is ReferralStatus.ACKNOWLEDGED else Refusal.NOT_ACKNOWLEDGED
    assert refusal is expected


def test_only_the_receiving_facility_answers():
    assert (
        refuse_answer(nurse, ReferralStatus.SENT, OSCC, "acknowledge") is Refusal.NOT_YOUR_REFERRAL
    )


def test_a_decline_needs_a_reason():
    assert refuse_answer(doctor, ReferralStatus.ACKNOWLEDGED, OSCC, "decline", "  ") is (
        Refusal.REASON_REQUIRED
    )
    assert refuse_answer(doctor, ReferralStatus.ACKNOWLEDGED, OSCC, "decline") is (
        Refusal.REASON_REQUIRED
    )


@pytest.mark.parametrize(
    ("receiver", "transfers", "status", "officer_owns"),
    [
        (FacilityType.OSCC, True, CaseStatus.OPEN, True),
        (FacilityType.CLINIC, True, CaseStatus.OPEN, True),
        (FacilityType.JKM, True, CaseStatus.AWAITING_ASSIGNMENT, False),
        (FacilityType.POLICE, False, CaseStatus.ASSIGNED, False),
    ],
)
def test_acceptance_moves_ownership_except_to_the_police(receiver, transfers, status, officer_owns):
    outcome = accept(receiver, CaseStatus.ASSIGNED)
    assert outcome.transfers_ownership is transfers
    assert outcome.status is status
    assert outcome.officer_becomes_owner is officer_owns


def assign(
    party=supervisor,
    status=CaseStatus.AWAITING_ASSIGNMENT,
    owner=JKM,
    owner_type=FacilityType.JKM,
    role=Role.PROTECTOR,
    officer_facility=JKM,
):
    return refuse_assign(party, status, owner, owner_type, role, officer_facility)


@pytest.mark.parametrize(
    ("kwargs", "refusal"),
    [
        ({}, None),
        ({"party": protector}, Refusal.ROLE_MAY_NOT),
        ({"party": Party(Role.SUPERVISOR, 7, frozenset({7}))}, Refusal.NOT_YOUR_CASE),
        ({"status": CaseStatus.CLOSED}, Refusal.CASE_CLOSED),
        (
            {
                "owner": OSCC,
                "owner_type": FacilityType.OSCC,
                "party": Party(Role.SUPERVISOR, OSCC, frozenset({OSCC})),
            },
            Refusal.NOT_JKM_CASE,
        ),
        ({"officer_facility": 8}, Refusal.OFFICER_NOT_IN_FACILITY),
        ({"role": Role.POLICE_OFFICER}, Refusal.OFFICER_ROLE),
    ],
)
def test_supervisor_assigns_a_protector_of_the_owning_office(kwargs, refusal):
    assert assign(**kwargs) is refusal


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (CaseStatus.AWAITING_ASSIGNMENT, CaseStatus.ASSIGNED),
        (CaseStatus.ASSIGNED, CaseStatus.ASSIGNED),
        (CaseStatus.ASSESSED, CaseStatus.ASSESSED),
    ],
)
def test_reassignment_keeps_an_assessment(before, after):
    assert status_after_assignment(before) is after


def test_s39a_report_starts_only_on_a_place_of_refuge_order_and_s25_only_in_custody():
    from caseflow.domain.policies import DEFAULT_POLICIES, EventFacts, applies

    policies = {p.key: p for p in DEFAULT_POLICIES}
    base = EventFacts("jkm", "high", frozenset({"sexual_abuse"}))
    refuge = policies["refuge_order_report"].conditions
    assert applies(refuge, EventFacts(**{**_facts(base), "order": "s39_4"}))
    assert not applies(refuge, EventFacts(**{**_facts(base), "order": "other"}))
    assert not applies(refuge, base)
    medical = policies["before_court_after_medical"].conditions
    assert applies(medical, EventFacts(**{**_facts(base), "in_custody": True}))
    assert not applies(medical, base)


def _facts(facts) -> dict:
    return {name: getattr(facts, name) for name in facts.__slots__}


def test_disposal_targets_by_court_and_region_and_none_where_unknown():
    from datetime import date

    from caseflow.domain.caseload import CourtFlag, court_flag
    from caseflow.domain.policies import disposal_target_months as target

    assert target("national-court-special-kuching", "Mahkamah Khas, Kuching", True, "SWK") == 6
    assert target("national-court-special-putrajaya", "Mahkamah Khas, Putrajaya", True, "PJY") == 12
    assert target("kdh-court-x", "Mahkamah Sesyen Alor Setar", False, "KDH") == 12
    assert target("swk-court-x", "Mahkamah Sesyen Kuching", False, "SWK") is None
    assert target("kdh-court-y", "Mahkamah Bagi Kanak-Kanak Alor Setar", False, "KDH") is None
    seven_months = (date(2026, 1, 5), date(2026, 8, 6))
    assert court_flag(*seven_months, 6) is CourtFlag.PAST_TARGET
    assert court_flag(*seven_months, 12) is CourtFlag.ON_TRACK
    assert court_flag(date(2025, 1, 5), date(2026, 8, 6), None) is CourtFlag.PAST_NINE_MONTHS
