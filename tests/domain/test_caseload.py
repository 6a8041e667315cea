"""Caseload maths: worst first against the standard, the week's start, and court ageing."""

from datetime import date

import pytest

from caseflow.domain.caseload import (
    AGE_BUCKETS,
    CourtFlag,
    Metric,
    OfficerLoad,
    age_bucket,
    court_flag,
    months_between,
    week_start,
    worst_first,
)
from caseflow.domain.roles import Role


def load(name: str, open_: int, standard: int | None = None, breached: int = 0) -> OfficerLoad:
    return OfficerLoad(1, name, Role.PROTECTOR, 7, open=open_, breached=breached, standard=standard)


def test_each_metric_reads_its_own_number():
    officer = OfficerLoad(1, "A", Role.PROTECTOR, 7, 9, 4, 3, 2, 1)
    counts = {metric: officer.count(metric) for metric in Metric}
    assert counts == {
        Metric.OPEN: 9,
        Metric.HIGH_RISK: 4,
        Metric.DUE_SOON: 3,
        Metric.BREACHED: 2,
        Metric.NEW_THIS_WEEK: 1,
    }


def test_over_the_standard_means_more_open_cases_than_it_allows():
    assert load("A", 26, standard=25).over_standard
    assert not load("A", 25, standard=25).over_standard
    assert not load("A", 80).over_standard  # no standard set
    assert load("A", 30, standard=20).load == 1.5
    assert load("A", 30).load is None


def test_the_heaviest_load_against_the_standard_comes_first():
    loads = [
        load("Hanim", 10, standard=20),  # half
        load("Farid", 30, standard=25),  # over
        load("Chong", 13, standard=10),  # over, and heavier
        load("Devi", 40),  # no standard: after every officer with one, by open cases
        load("Ali", 5),
    ]
    assert [o.name for o in worst_first(loads)] == ["Chong", "Farid", "Hanim", "Devi", "Ali"]


def test_equal_loads_go_by_open_cases_then_breaches_then_name():
    loads = [
        load("Zainab", 10, standard=10, breached=1),
        load("Bala", 10, standard=10, breached=1),
        load("Mei", 10, standard=10, breached=4),
        load("Kumar", 20, standard=20),
    ]
    assert [o.name for o in worst_first(loads)] == ["Kumar", "Mei", "Bala", "Zainab"]


@pytest.mark.parametrize("today", [date(2026, 3, 16), date(2026, 3, 18), date(2026, 3, 22)])
def test_new_this_week_counts_from_monday(today):
    assert week_start(today) == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 3, 12), date(2026, 4, 11), 0),
        (date(2026, 3, 12), date(2026, 4, 12), 1),
        (date(2025, 11, 30), date(2026, 2, 28), 2),
        (date(2025, 3, 12), date(2026, 3, 12), 12),
        (date(2025, 3, 12), date(2026, 3, 11), 11),
        (date(2026, 1, 5), date(2026, 1, 5), 0),
    ],
)
def test_whole_calendar_months(start, end, months):
    assert months_between(start, end) == months


@pytest.mark.parametrize(
    ("registered", "target", "flag"),
    [
        (date(2025, 9, 1), 12, CourtFlag.ON_TRACK),  # 8 months
        (date(2025, 8, 1), 12, CourtFlag.PAST_NINE_MONTHS),  # 9 months
        (date(2025, 5, 2), 12, CourtFlag.PAST_NINE_MONTHS),  # 11 months
        (date(2025, 5, 1), 12, CourtFlag.PAST_TARGET),  # 12 months
        (date(2025, 11, 2), 6, CourtFlag.ON_TRACK),  # 5 months at the Kuching special court
        (date(2025, 11, 1), 6, CourtFlag.PAST_TARGET),  # 6 months: its target
        (date(2024, 5, 1), None, CourtFlag.PAST_NINE_MONTHS),  # no known target: never "past"
    ],
)
def test_court_cases_are_flagged_at_nine_months_and_at_their_target(registered, target, flag):
    assert court_flag(registered, date(2026, 5, 1), target) is flag


@pytest.mark.parametrize(
    ("months", "bucket"),
    [(0, 0), (2, 0), (3, 1), (5, 1), (6, 2), (9, 3), (11, 3), (12, 4), (40, 4)],
)
def test_age_buckets_of_three_months_then_a_year_and_over(months, bucket):
    assert age_bucket(months) == bucket
    assert AGE_BUCKETS == ((0, 3), (3, 6), (6, 9), (9, 12), (12, None))


def test_a_negative_age_has_no_bucket():
    with pytest.raises(ValueError, match="-1"):
        age_bucket(-1)
