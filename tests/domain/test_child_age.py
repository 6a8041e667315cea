"""A child's age as entered: the date of birth against the estimate, on the day of the report."""

from datetime import date

import pytest

from caseflow.domain.cases import AgeProblem, age_problems

REPORTED = date(2026, 11, 3)


@pytest.mark.parametrize(
    ("born", "estimate", "expected"),
    [
        (date(2017, 6, 1), 14, {"age_estimate": AgeProblem.DISAGREES}),  # 9, not 14
        (date(2017, 6, 1), 12, {"age_estimate": AgeProblem.DISAGREES}),  # 3 years out
        (date(2017, 6, 1), 11, {}),  # 9: an estimate 2 years out is still an estimate
        (date(2017, 6, 1), 7, {}),
        (date(2017, 6, 1), 6, {"age_estimate": AgeProblem.DISAGREES}),
        (date(2017, 6, 1), None, {}),
        (None, 14, {}),
        (None, None, {"date_of_birth": AgeProblem.MISSING}),
        (None, 18, {"age_estimate": AgeProblem.NOT_A_CHILD}),
        (date(2026, 11, 4), None, {"date_of_birth": AgeProblem.BORN_IN_FUTURE}),
        (date(2026, 11, 4), 14, {"date_of_birth": AgeProblem.BORN_IN_FUTURE}),
    ],
)
def test_a_date_of_birth_and_an_age_estimate_must_agree(born, estimate, expected):
    assert age_problems(born, estimate, REPORTED) == expected


def test_the_age_is_taken_on_the_day_of_the_report_birthday_included():
    # Born 4 November 2012: 13 on 3 November 2026, 14 the day after.
    assert age_problems(date(2012, 11, 4), 16, date(2026, 11, 3)) == {
        "age_estimate": AgeProblem.DISAGREES
    }
    assert age_problems(date(2012, 11, 4), 16, date(2026, 11, 4)) == {}


def test_without_the_day_of_the_report_only_the_checks_needing_no_day_are_made():
    assert age_problems(date(2017, 6, 1), 14, None) == {}
    assert age_problems(None, None, None) == {"date_of_birth": AgeProblem.MISSING}
