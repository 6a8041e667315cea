"""Durations in the unit a person reads at a glance."""

import pytest

from caseflow.domain.durations import Duration, readable


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (648, "hours", Duration(27, "days")),  # the 24-hour report, 27 days late
        (49, "hours", Duration(2, "days")),
        (71, "hours", Duration(2, "days")),  # whole days passed, never more
        (48, "hours", Duration(48, "hours")),
        (1, "hours", Duration(1, "hours")),
        (0, "hours", Duration(0, "hours")),
        (120, "days", Duration(120, "days")),
        (3, "working_days", Duration(3, "working_days")),
    ],
)
def test_hours_past_two_days_read_as_days(amount, unit, expected):
    assert readable(amount, unit) == expected
