"""The retention schedule's dates, computed from `now` alone."""

from datetime import UTC, date, datetime

from caseflow.domain.corrections import changes
from caseflow.domain.retention import (
    add_years,
    anonymise_case_on,
    anonymised_event_data,
    audit_records_before,
    sign_in_attempts_before,
    tokens_expired_before,
)


def test_a_young_child_is_kept_until_25_not_just_7_years_after_closure():
    # born 2014, closed 2016: closure + 7 = 2023, but 25 years of age is 2039
    assert anonymise_case_on(date(2016, 6, 1), date(2016, 1, 5), date(2014, 5, 2), None) == date(
        2039, 5, 2
    )


def test_an_older_child_is_kept_7_years_after_closure():
    # born 2001, closed 2020: 25 in 2026, closure + 7 in 2027
    assert anonymise_case_on(date(2020, 3, 1), date(2018, 1, 1), date(2001, 1, 1), None) == date(
        2027, 3, 1
    )


def test_an_estimated_age_is_read_as_the_youngest_it_allows():
    # "about 9" at report in March 2020 may have been born as late as March 2011
    assert anonymise_case_on(date(2020, 4, 1), date(2020, 3, 19), None, 9) == date(2036, 3, 19)


def test_29_february_becomes_28_february():
    assert add_years(date(2012, 2, 29), 7) == date(2019, 2, 28)


def test_cut_offs_follow_now():
    now = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    assert sign_in_attempts_before(now) == datetime(2025, 12, 1, 3, 0, tzinfo=UTC)
    assert tokens_expired_before(now) == datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    assert audit_records_before(now) == datetime(2016, 12, 1, 3, 0, tzinfo=UTC)


def test_anonymised_events_keep_ids_and_dates_not_free_text():
    assert anonymised_event_data(
        {"text": "Siti said…", "court_id": 4, "next_hearing_on": "2026-01-02"}
    ) == {"court_id": 4, "next_hearing_on": "2026-01-02"}
    correction = {"changes": {"given_name": {"old": "A", "new": "B"}}, "reason": "typo"}
    assert anonymised_event_data(correction) == {"fields": ["given_name"]}


def test_a_correction_names_only_the_fields_that_changed():
    current = {"given_name": "Aina", "date_of_birth": date(2014, 5, 2), "caregiver_name": None}
    wanted = {"given_name": "Aina", "date_of_birth": date(2013, 5, 2), "caregiver_name": ""}
    assert changes(current, wanted) == {"date_of_birth": {"old": "2014-05-02", "new": "2013-05-02"}}
