"""The default clock policies: which cases each applies to, and what SOP 1:3:7 and the service
standards promise (names, targets and sources as the clock pages show them)."""

import pytest

from caseflow.domain.clocks import Target, Unit
from caseflow.domain.events import EventType as E
from caseflow.domain.policies import (
    DEFAULT_POLICIES,
    SOP_137,
    CalendarOf,
    Conditions,
    EventFacts,
    PolicySpec,
    applies,
)

BY_KEY = {policy.key: policy for policy in DEFAULT_POLICIES}


def facts(**overrides) -> EventFacts:
    values = dict(source_type="clinic", risk_level="high", abuse_forms=frozenset({"neglect"}))
    return EventFacts(**{**values, **overrides})


def test_a_policy_without_conditions_applies_to_every_case():
    assert applies(Conditions(), facts())
    assert applies(Conditions(), facts(urgency=None, receiver_type=None, special_court=None))


@pytest.mark.parametrize(
    ("conditions", "matching", "other"),
    [
        (Conditions(source_types=("school",)), {"source_type": "school"}, {}),
        (Conditions(urgencies=("urgent",)), {"urgency": "urgent"}, {"urgency": "routine"}),
        (Conditions(risk_levels=("medium", "low")), {"risk_level": "low"}, {}),
        (Conditions(receiver_types=("jkm",)), {"receiver_type": "jkm"}, {"receiver_type": "pdrm"}),
        (
            Conditions(abuse_forms=("grooming", "csam")),
            {"abuse_forms": frozenset({"neglect", "csam"})},
            {"abuse_forms": frozenset({"neglect", "physical_abuse"})},
        ),
        (Conditions(special_court=True), {"special_court": True}, {"special_court": False}),
        (Conditions(special_court=False), {"special_court": False}, {"special_court": True}),
    ],
)
def test_each_condition_admits_its_cases_and_refuses_the_others(conditions, matching, other):
    assert applies(conditions, facts(**matching))
    assert not applies(conditions, facts(**other))


def test_every_condition_must_hold_not_just_one():
    urgent_from_school = Conditions(source_types=("school",), urgencies=("urgent",))
    assert applies(urgent_from_school, facts(source_type="school", urgency="urgent"))
    assert not applies(urgent_from_school, facts(source_type="school", urgency="routine"))
    assert not applies(urgent_from_school, facts(source_type="clinic", urgency="urgent"))
    high_jkm = Conditions(receiver_types=("jkm",), risk_levels=("high",))
    assert not applies(high_jkm, facts(receiver_type="jkm", risk_level="low"))
    assert not applies(high_jkm, facts(receiver_type="pdrm", risk_level="high"))
    sexual_at_court = Conditions(abuse_forms=("grooming",), special_court=True)
    assert not applies(sexual_at_court, facts(abuse_forms=frozenset({"grooming"})))


@pytest.mark.parametrize(
    ("key", "name", "stop", "days"),
    [
        ("school_day_1", "School preliminary report (day 1)", E.SCHOOL_REPORT_SENT, 1),
        ("school_day_3", "School follow-up report (day 3)", E.SCHOOL_FOLLOW_UP, 3),
        ("school_day_7", "School full report (day 7)", E.SCHOOL_FULL_REPORT, 7),
    ],
)
def test_school_clocks_are_sop_1_3_7_on_the_schools_calendar(key, name, stop, days):
    assert BY_KEY[key] == PolicySpec(
        key,
        name,
        E.CASE_REGISTERED,
        (stop,),
        Target(days, Unit.DAYS),
        SOP_137,
        calendar=CalendarOf.SOURCE,
        conditions=Conditions(source_types=("school",)),
    )
    assert "Surat Pekeliling Ikhtisas Bil. 7/2011 (SOP 1:3:7)" in SOP_137
    assert SOP_137.startswith("Service standard")


DECIDED = (E.REFERRAL_ACCEPTED, E.REFERRAL_DECLINED)


@pytest.mark.parametrize(
    ("key", "name", "stops", "urgency", "target"),
    [
        (
            "referral_ack_urgent",
            "Urgent referral acknowledged",
            (E.REFERRAL_ACKNOWLEDGED, *DECIDED),
            "urgent",
            Target(4, Unit.HOURS),
        ),
        (
            "referral_ack_routine",
            "Routine referral acknowledged",
            (E.REFERRAL_ACKNOWLEDGED, *DECIDED),
            "routine",
            Target(1, Unit.DAYS),
        ),
        (
            "referral_decision_urgent",
            "Urgent referral decided",
            DECIDED,
            "urgent",
            Target(24, Unit.HOURS),
        ),
        (
            "referral_decision_routine",
            "Routine referral decided",
            DECIDED,
            "routine",
            Target(3, Unit.DAYS),
        ),
    ],
)
def test_referral_clocks_run_per_referral_on_the_receivers_calendar(
    key, name, stops, urgency, target
):
    assert BY_KEY[key] == PolicySpec(
        key,
        name,
        E.REFERRAL_SENT,
        stops,
        target,
        "Service standard: Caseflow's referral standards (2026)",
        calendar=CalendarOf.RECEIVER,
        conditions=Conditions(urgencies=(urgency,)),
        per_referral=True,
    )
