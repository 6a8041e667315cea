from datetime import date

import pytest

from caseflow.domain.cases import age_band, age_in_years, case_reference
from caseflow.domain.events import (
    RECORDABLE_EVENTS,
    REQUIRED_FIELDS,
    EventType,
    event_field_errors,
    status_after_event,
)
from caseflow.domain.ids import MAX_ID, parse_id
from caseflow.domain.workflow import CaseStatus


def test_reference_reads_like_the_api_example():
    assert case_reference(2026, 123) == "CF-2026-000123"


@pytest.mark.parametrize(
    ("born", "estimate", "on", "age"),
    [
        (date(2014, 5, 2), None, date(2026, 5, 1), 11),
        (date(2014, 5, 2), None, date(2026, 5, 2), 12),
        (None, 9, date(2026, 1, 1), 9),
    ],
)
def test_age_counts_whole_years(born, estimate, on, age):
    assert age_in_years(born, estimate, on) == age


@pytest.mark.parametrize(
    ("age", "band"), [(None, "unknown"), (4, "0-5"), (12, "10-12"), (17, "16-17")]
)
def test_age_bands(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize("kind", list(REQUIRED_FIELDS))
def test_each_event_names_its_missing_fields(kind):
    errors = event_field_errors(kind, {})
    assert set(errors) == set(REQUIRED_FIELDS[kind])
    assert set(errors.values()) == {"required"}


def test_unknown_fields_and_bad_dates_are_reported():
    errors = event_field_errors(
        EventType.CHARGE_REGISTERED, {"court_id": "x", "registered_on": "19/03/2026", "colour": 1}
    )
    assert errors == {
        "court_id": "invalid_id",
        "registered_on": "invalid_date",
        "colour": "unknown",
    }


def test_workflow_events_cannot_be_recorded_by_hand():
    assert EventType.REFERRAL_ACCEPTED not in RECORDABLE_EVENTS
    assert EventType.POLICE_REPORT_LODGED in RECORDABLE_EVENTS


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        (EventType.INITIAL_ASSESSMENT, CaseStatus.ASSIGNED, CaseStatus.ASSESSED),
        (EventType.INITIAL_ASSESSMENT, CaseStatus.OPEN, CaseStatus.OPEN),
        (EventType.CASE_CLOSED, CaseStatus.ASSESSED, CaseStatus.CLOSED),
        (EventType.NOTE, CaseStatus.ASSIGNED, CaseStatus.ASSIGNED),
    ],
)
def test_events_that_change_the_status(kind, before, after):
    assert status_after_event(kind, before) is after


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-5"),
        (5, "0-5"),
        (6, "6-9"),
        (9, "6-9"),
        (10, "10-12"),
        (13, "13-15"),
        (15, "13-15"),
        (16, "16-17"),
        (18, "18+"),
    ],
)
def test_age_bands_at_their_edges(age, band):
    assert age_band(age) == band


def test_a_step_without_required_fields_takes_only_a_text():
    assert event_field_errors(EventType.SCHOOL_REPORT_SENT, {"text": "sent by hand"}) == {}
    assert event_field_errors(EventType.SCHOOL_REPORT_SENT, {"reason": "x"}) == {
        "reason": "unknown"
    }


def test_only_court_steps_say_when_the_court_sits_next():
    assert event_field_errors(EventType.HEARING, {"next_hearing_on": "2026-05-04"}) == {}
    assert event_field_errors(EventType.HEARING, {"next_hearing_on": "4 May"}) == {
        "next_hearing_on": "invalid_date"
    }
    assert event_field_errors(EventType.NOTE, {"text": "x", "next_hearing_on": "2026-05-04"}) == {
        "next_hearing_on": "unknown"
    }


def test_a_well_formed_charge_has_no_errors_and_a_blank_court_is_required_not_invalid():
    good = {"court_id": 12, "registered_on": "2026-03-19", "next_hearing_on": "2026-04-02"}
    assert event_field_errors(EventType.CHARGE_REGISTERED, good) == {}
    blank = {"court_id": " ", "registered_on": "2026-03-19"}
    assert event_field_errors(EventType.CHARGE_REGISTERED, blank) == {"court_id": "required"}


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("42", 42),
        (" 7 ", 7),
        (1, 1),
        (MAX_ID, MAX_ID),
        (str(MAX_ID), MAX_ID),
        (0, None),
        (MAX_ID + 1, None),
        (-3, None),
        ("-3", None),
        ("4x", None),
        (True, None),
        (3.5, None),
        (None, None),
    ],
)
def test_an_id_from_outside_is_a_positive_number_that_fits_postgresql(raw, parsed):
    assert parse_id(raw) == parsed
