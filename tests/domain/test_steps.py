"""The steps offered to each user on a case, and the reasons the others are refused."""

import pytest

from caseflow.domain.events import RECORDABLE_EVENTS
from caseflow.domain.events import EventType as E
from caseflow.domain.facilities import FacilityType as F
from caseflow.domain.roles import Role
from caseflow.domain.steps import (
    STEP_RULES,
    CaseState,
    needs_confirmation,
    offered_steps,
    refuse_step,
)
from caseflow.domain.workflow import CaseStatus, Party, Refusal

CLINIC, JKM, OTHER_JKM, POLICE, SCHOOL = 1, 2, 3, 4, 5
nurse = Party(Role.CLINIC_STAFF, CLINIC, facility_type=F.CLINIC)
protector = Party(Role.PROTECTOR, JKM, facility_type=F.JKM)
other_protector = Party(Role.PROTECTOR, OTHER_JKM, facility_type=F.JKM)
supervisor = Party(Role.SUPERVISOR, JKM, frozenset({JKM}), facility_type=F.JKM)
officer = Party(Role.POLICE_OFFICER, POLICE, facility_type=F.POLICE)
counsellor = Party(Role.SCHOOL_COUNSELLOR, SCHOOL, facility_type=F.SCHOOL)
analyst = Party(Role.ANALYST, 99, facility_type=F.MINISTRY)

COURT_AND_DISPOSAL = {
    E.CHARGE_REGISTERED,
    E.HEARING,
    E.CASE_DISPOSED,
    E.CHILD_BEFORE_COURT,
    E.INTERIM_ORDER_MADE,
}


def kinds(party, status=CaseStatus.OPEN, owner=CLINIC, done=()):
    return [s.kind for s in offered_steps(party, CaseState(status, owner, frozenset(done)))]


def test_every_recordable_step_has_a_rule():
    assert set(STEP_RULES) == set(RECORDABLE_EVENTS)


def test_the_clinic_nurse_is_never_offered_court_or_disposal_steps():
    done = {E.CASE_REGISTERED, E.CHARGE_REGISTERED}  # even once the police have charged
    offered = kinds(nurse, done=done)
    assert not COURT_AND_DISPOSAL & set(offered)
    assert {E.PROTECTOR_NOTIFIED, E.MEDICAL_ASSESSMENT, E.NOTE, E.CASE_CLOSED} <= set(offered)
    assert E.SCHOOL_REPORT_SENT not in offered  # a school's step, never a clinic's
    charged = CaseState(CaseStatus.OPEN, CLINIC, frozenset(done))
    assert refuse_step(nurse, E.CASE_DISPOSED, charged) is Refusal.ROLE_MAY_NOT


def test_the_owning_protector_is_offered_the_initial_assessment_once():
    assert E.INITIAL_ASSESSMENT in kinds(protector, CaseStatus.ASSIGNED, owner=JKM)
    assert E.INITIAL_ASSESSMENT in kinds(supervisor, CaseStatus.ASSIGNED, owner=JKM)
    assessed = CaseState(CaseStatus.ASSESSED, JKM, frozenset({E.INITIAL_ASSESSMENT}))
    assert refuse_step(protector, E.INITIAL_ASSESSMENT, assessed) is Refusal.ALREADY_RECORDED
    assert E.SCHOOL_REPORT_SENT not in kinds(protector, CaseStatus.ASSIGNED, owner=JKM)


def test_a_protector_of_another_office_may_not_assess_or_close():
    state = CaseState(CaseStatus.ASSIGNED, JKM, frozenset())
    assert refuse_step(other_protector, E.INITIAL_ASSESSMENT, state) is Refusal.NOT_YOUR_CASE
    assert refuse_step(other_protector, E.CASE_CLOSED, state) is Refusal.NOT_YOUR_CASE
    assert refuse_step(other_protector, E.NOTE, state) is None


@pytest.mark.parametrize(
    ("kind", "before"),
    [
        (E.CASE_DISPOSED, E.CHARGE_REGISTERED),
        (E.HEARING, E.CHARGE_REGISTERED),
        (E.PROTECTOR_REPORT_FILED, E.INTERIM_ORDER_MADE),
        (E.CHILD_BEFORE_PROTECTOR, E.CHILD_TAKEN_INTO_CUSTODY),
        (E.CHILD_BEFORE_PROTECTOR, E.CHILD_ADMITTED_TO_REFUGE),
    ],
)
def test_a_step_that_follows_another_waits_for_it(kind, before):
    party = protector
    empty = CaseState(CaseStatus.ASSIGNED, JKM, frozenset())
    assert refuse_step(party, kind, empty) is Refusal.EARLIER_STEP_MISSING
    after = CaseState(CaseStatus.ASSIGNED, JKM, frozenset({before}))
    assert refuse_step(party, kind, after) is None


def test_papers_go_to_the_prosecutor_after_a_police_report_and_once():
    state = CaseState(CaseStatus.OPEN, JKM, frozenset())
    assert refuse_step(officer, E.PAPERS_TO_PROSECUTOR, state) is Refusal.EARLIER_STEP_MISSING
    lodged = CaseState(CaseStatus.OPEN, JKM, frozenset({E.POLICE_REPORT_LODGED}))
    assert refuse_step(officer, E.PAPERS_TO_PROSECUTOR, lodged) is None
    sent = CaseState(
        CaseStatus.OPEN, JKM, frozenset({E.POLICE_REPORT_LODGED, E.PAPERS_TO_PROSECUTOR})
    )
    assert refuse_step(officer, E.PAPERS_TO_PROSECUTOR, sent) is Refusal.ALREADY_RECORDED
    assert refuse_step(protector, E.PAPERS_TO_PROSECUTOR, lodged) is Refusal.ROLE_MAY_NOT


def test_a_closed_case_takes_aftercare_and_notes_only():
    assert kinds(protector, CaseStatus.CLOSED, owner=JKM) == [E.FOLLOW_UP_DONE, E.NOTE]
    closed = CaseState(CaseStatus.CLOSED, JKM, frozenset())
    assert refuse_step(protector, E.CASE_CLOSED, closed) is Refusal.ALREADY_CLOSED
    assert refuse_step(protector, E.HEARING, closed) is Refusal.CASE_CLOSED
    still_open = CaseState(CaseStatus.ASSESSED, JKM, frozenset())
    assert refuse_step(protector, E.FOLLOW_UP_DONE, still_open) is Refusal.NOT_CLOSED


def test_school_reports_are_the_schools_and_each_is_sent_once():
    assert kinds(counsellor, owner=SCHOOL)[:3] == [
        E.SCHOOL_REPORT_SENT,
        E.SCHOOL_FOLLOW_UP,
        E.SCHOOL_FULL_REPORT,
    ]
    sent = kinds(counsellor, owner=SCHOOL, done={E.SCHOOL_REPORT_SENT})
    assert E.SCHOOL_REPORT_SENT not in sent and E.SCHOOL_FOLLOW_UP in sent


def test_those_who_hold_no_cases_are_offered_nothing():
    assert kinds(analyst) == []
    assert kinds(Party(Role.ADMINISTRATOR, 99, facility_type=F.MINISTRY)) == []


def test_statutory_steps_ask_for_confirmation_and_a_note_does_not():
    for kind in (E.CHARGE_REGISTERED, E.CASE_DISPOSED, E.PROTECTOR_NOTIFIED, E.CASE_CLOSED):
        assert needs_confirmation(kind)
    assert E.SCHOOL_REPORT_SENT in {k for k in STEP_RULES if needs_confirmation(k)}
    assert not needs_confirmation(E.NOTE) and not needs_confirmation(E.MEDICAL_ASSESSMENT)


def test_each_offered_step_names_the_fields_it_needs():
    steps = {s.kind: s for s in offered_steps(officer, CaseState(CaseStatus.OPEN, JKM))}
    assert steps[E.CHARGE_REGISTERED].required == ("court_id", "registered_on")
    assert "next_hearing_on" in steps[E.CHARGE_REGISTERED].optional
    assert steps[E.POLICE_REPORT_LODGED].required == ("report_number",)
    assert steps[E.NOTE].required == ("text",) and steps[E.NOTE].optional == ()
    assert steps[E.CHARGE_REGISTERED].confirm and not steps[E.NOTE].confirm
