"""When each default clock warns, and which events meet the report to a protector."""

from datetime import UTC, datetime, timedelta

import pytest

from caseflow.domain.clocks import ClockStatus, status_at
from caseflow.domain.events import EventType as E
from caseflow.domain.policies import (
    DEFAULT_POLICIES,
    DISPOSAL_DUE_SOON_SHARE,
    DUE_SOON_SHARE,
    stops_clock,
)

POLICIES = {spec.key: spec for spec in DEFAULT_POLICIES}
START = datetime(2026, 3, 19, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("spec", DEFAULT_POLICIES, ids=lambda s: s.key)
def test_every_clock_warns_with_a_quarter_left_and_court_disposal_at_half(spec):
    expected = DISPOSAL_DUE_SOON_SHARE if spec.key.startswith("court_disposal") else DUE_SOON_SHARE
    assert spec.due_soon_share == expected


def test_the_report_to_a_protector_warns_six_hours_before_it_is_due():
    spec = POLICIES["mandatory_report"]
    due = START + timedelta(hours=24)
    at = START + timedelta(hours=17, minutes=59)
    assert status_at(at, START, due, spec.due_soon_share) is ClockStatus.RUNNING
    at = START + timedelta(hours=18)
    assert status_at(at, START, due, spec.due_soon_share) is ClockStatus.DUE_SOON


@pytest.mark.parametrize(
    ("kind", "facility_type", "meets"),
    [
        (E.REFERRAL_ACKNOWLEDGED, "jkm", True),
        (E.REFERRAL_ACCEPTED, "jkm", True),
        (E.CASE_REGISTERED, "jkm", True),
        (E.PROTECTOR_NOTIFIED, "clinic", True),
        (E.REFERRAL_ACKNOWLEDGED, "oscc", False),  # the hospital has it, not yet a protector
        (E.REFERRAL_DECLINED, "jkm", False),  # a refusal is not a report received
        (E.CASE_REGISTERED, "clinic", False),
    ],
)
def test_the_report_to_a_protector_is_met_when_a_protector_has_the_case(kind, facility_type, meets):
    stops = [str(e) for e in POLICIES["mandatory_report"].stops]
    assert stops_clock(stops, kind.value, facility_type) is meets


def test_a_plain_stop_event_meets_a_clock_whoever_records_it():
    assert stops_clock(["school_report_sent"], "school_report_sent", None)
    assert not stops_clock(["referral_acknowledged@jkm"], "referral_acknowledged", None)
