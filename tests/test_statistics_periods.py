"""A count over any period reads the monthly table for its whole months and the cases only for
the days around them, and says exactly what counting every case of the period says; three
dimensions come from the table's triples once a rebuild (or a new database) has made them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from caseflow.domain.cases import AbuseForm, Sex, SourceType
from caseflow.domain.clocks import MALAYSIA
from caseflow.domain.statistics import TOTAL, Dimension
from caseflow.extensions import db
from caseflow.models import StatisticsBuild, StatisticsCount
from caseflow.services import accounts, cases, statistics
from caseflow.services.audit import Actor
from caseflow.services.cases import ConcernInput
from tests.support import statements_sent, synthetic_child

pytestmark = pytest.mark.usefixtures("demo_users")

START, END = date(2026, 3, 20), date(2026, 6, 10)  # whole months: April and May
#: Malaysia times of the cases: one just outside each end, and inside at each edge.
REPORTED = [
    datetime(2026, 3, 19, 23, 30),  # the day before: out
    datetime(2026, 3, 20, 0, 30),  # the first day: in, before the first whole month
    datetime(2026, 4, 1, 0, 30),  # the first whole month's first half hour (31 March in UTC)
    datetime(2026, 4, 15, 12, 0),
    datetime(2026, 5, 31, 23, 30),  # the last whole month's last half hour
    datetime(2026, 6, 1, 0, 30),  # after the last whole month (31 May in UTC)
    datetime(2026, 6, 10, 23, 0),  # the last day: in, after the last whole month
    datetime(2026, 6, 11, 0, 30),  # the day after: out
]
CROSSINGS = [
    [Dimension.SEX],
    [Dimension.PLATFORM],  # the neglect concerns have none, the grooming ones TikTok
    [Dimension.ABUSE_FORM, Dimension.ONLINE],  # each concern's own form with its own "online"
    [Dimension.STATE, Dimension.ABUSE_FORM],
    [Dimension.SEX, Dimension.ABUSE_FORM, Dimension.ONLINE],
    [Dimension.PLATFORM, Dimension.AGE_BAND, Dimension.STATE],
]


@pytest.fixture
def reported(app):
    with app.app_context():
        actor = Actor(accounts.find_user("jkm.protector"), "test")
        for n, local in enumerate(REPORTED):
            at = local.replace(tzinfo=MALAYSIA).astimezone(UTC)
            concerns = [ConcernInput(AbuseForm.GROOMING, online=True, platforms=("tiktok",))]
            if n % 2:
                concerns.append(ConcernInput(AbuseForm.NEGLECT))
            data = synthetic_child(
                SourceType.JKM, at, sex=[Sex.FEMALE, Sex.MALE][n % 2], concerns=concerns
            )
            cases.register_case(actor, data, at + timedelta(minutes=5))


def counted_from_every_case(dimensions):
    since = datetime.combine(START, datetime.min.time(), MALAYSIA)
    until = datetime.combine(END + timedelta(days=1), datetime.min.time(), MALAYSIA)
    return statistics.table_from_cases(dimensions, since, until, threshold=0)


def statements_reading_cases(ask) -> int:
    with statements_sent() as sent:
        ask()
    return sum(" cases" in statement for statement, _ in sent)


def test_the_days_around_the_whole_months_are_counted_as_the_cases_say(app, reported):
    with app.app_context():
        assert statistics.kept_depth() == 3  # a new database: registrations keep the triples
        for dimensions in CROSSINGS:
            kept = statistics.table(dimensions, START, END, threshold=0)
            counted = counted_from_every_case(dimensions)
            assert kept.counts == counted.counts, dimensions
            assert kept.key_sums == counted.key_sums, dimensions  # hence the same noise
        by_sex = statistics.table([Dimension.SEX], START, END, threshold=0).counts
        assert by_sex == {("female",): 3, ("male",): 3, (TOTAL,): 6}  # not the two outside
        # Two months of the table, the cases of the 12 days around them: never every case.
        asked = statements_reading_cases(lambda: statistics.table([Dimension.SEX], START, END))
        assert asked == 2


def test_three_dimensions_come_from_the_triples_only_once_they_are_built(app, reported):
    triple = [Dimension.SEX, Dimension.ABUSE_FORM, Dimension.ONLINE]
    april, may = date(2026, 4, 1), date(2026, 5, 31)
    with app.app_context():
        truth = statistics.table_from_cases(
            triple,
            datetime.combine(april, datetime.min.time(), MALAYSIA),
            datetime.combine(may + timedelta(days=1), datetime.min.time(), MALAYSIA),
            threshold=0,
        ).counts
        assert statistics.table(triple, april, may, threshold=0).counts == truth
        # A database upgraded with cases in it has pairs but no triples yet.
        db.session.execute(delete(StatisticsCount).where(StatisticsCount.dimension_c != ""))
        db.session.execute(delete(StatisticsBuild))
        db.session.commit()
        assert statistics.kept_depth() == 2
        assert statistics.table(triple, april, may, threshold=0).counts == truth  # the cases
        assert statements_reading_cases(lambda: statistics.table(triple, april, may)) == 1
        written = statistics.rebuild()
        assert statistics.kept_depth() == 3
        triples = select(func.count()).where(StatisticsCount.dimension_c != "")
        assert 0 < db.session.scalar(triples.select_from(StatisticsCount)) < written
        assert statistics.table(triple, april, may, threshold=0).counts == truth
        assert statements_reading_cases(lambda: statistics.table(triple, april, may)) == 0


def test_a_period_inside_one_month_is_counted_from_its_cases(app, reported):
    with app.app_context():
        inside = statistics.table([Dimension.SEX], date(2026, 3, 20), date(2026, 3, 31), 0)
        assert inside.counts == {("male",): 1, (TOTAL,): 1}  # the 20 March case only


def test_a_corrected_sex_moves_the_case_in_every_crossing_that_holds_it(app, reported):
    """The two-concern case of 15 April, made female: its rows move in pairs and triples,
    counts and key sums alike, as counting the cases again says."""
    from caseflow.models import Case
    from caseflow.services import corrections

    crossing = [Dimension.SEX, Dimension.ABUSE_FORM, Dimension.PLATFORM]
    with app.app_context():
        actor = Actor(accounts.find_user("jkm.protector"), "test")
        case = db.session.scalars(select(Case).order_by(Case.reported_at)).all()[3]
        assert case.sex is Sex.MALE and len(case.concerns) == 2
        wanted = corrections.IdentityInput(
            case.child_given_name, case.child_family_name, Sex.FEMALE, age_estimate=12
        )
        when = datetime(2026, 6, 20, 2, 0, tzinfo=UTC)
        corrections.correct_identity(actor, case, case.version, wanted, "Birth certificate", when)
        for dimensions in [crossing, [Dimension.SEX, Dimension.ONLINE], [Dimension.SEX]]:
            kept = statistics.table(dimensions, START, END, threshold=0)
            counted = counted_from_every_case(dimensions)
            assert kept.counts == counted.counts and kept.key_sums == counted.key_sums
        by_sex = statistics.table([Dimension.SEX], START, END, threshold=0).counts
        assert by_sex == {("female",): 4, ("male",): 2, (TOTAL,): 6}
