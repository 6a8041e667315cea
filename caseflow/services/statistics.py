"""De-identified counts for analysts: cases reported in a period, by up to three dimensions,
with small cells suppressed and the rest perturbed (caseflow.domain.statistics says how).

The counting query reads no name, date of birth or narrative: the age band is stored at
registration. A case counts once in each cell it belongs to (a case with two forms of abuse
counts under each). Whole months come from `statistics_counts`, which holds every dimension,
pair and triple of dimensions by month and which the registration of each case adds to in its
own transaction; `flask statistics rebuild` recomputes it from the cases with the very same
query. The days of a period before its first whole month and after its last are counted from
the cases. Each row also adds up its cases' record keys, from which the cell-key noise of any
sum of rows follows.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations

from sqlalchemy import ColumnElement, Select, and_, case, delete, func, insert, select, true
from sqlalchemy.dialects import postgresql, sqlite

from caseflow.domain.cellkey import KEY_RANGE
from caseflow.domain.clocks import MALAYSIA
from caseflow.domain.events import EventType
from caseflow.domain.statistics import (
    DEFAULT_THRESHOLD,
    Dimension,
    SuppressedTable,
    suppress,
    whole_months,
)
from caseflow.extensions import db, dialect_name
from caseflow.models import (
    Case,
    CaseEvent,
    Concern,
    District,
    StatisticsBuild,
    StatisticsCount,
)
from caseflow.services.timeline import on_case_event

NONE = "none"
DIMENSIONS = list(Dimension)
#: Every dimension alone, every pair and every triple, in a fixed order: what the monthly table
#: holds. Three is the most a count may cross (`MAX_DIMENSIONS`).
COMBINATIONS = [c for n in (1, 2, 3) for c in combinations(DIMENSIONS, n)]
#: The monthly table's dimension and value columns, in the order of a combination.
SLOTS = ("a", "b", "c")
#: A monthly row's key: the month, then each slot's dimension and value.
ROW_KEY = ["month", *(f"{kind}_{slot}" for slot in SLOTS for kind in ("dimension", "value"))]
#: What the monthly counts held for every case before triples were added to them.
PAIRS = 2


def month_of(column) -> ColumnElement[str]:
    """'YYYY-MM' of an instant in Malaysia time, in either database's own words."""
    if dialect_name() == "postgresql":
        return func.to_char(func.timezone("Asia/Kuala_Lumpur", column), "YYYY-MM")
    return func.strftime("%Y-%m", column, "+8 hours")


def json_values(column):
    """The elements of a JSON list column as rows, in either database's own function."""
    if dialect_name() == "postgresql":
        return func.json_array_elements_text(column).table_valued("value").render_derived()
    return func.json_each(column).table_valued("value")  # SQLite names the column itself


def counting(dimensions: tuple[Dimension, ...] | list[Dimension]) -> tuple[Select, list]:
    """FROM cases with the joins the dimensions need, and the expression of each."""
    expressions: list[ColumnElement] = []
    stmt = select().select_from(Case)
    concern_joined = False
    for dimension in dimensions:
        concern_level = dimension in (Dimension.ABUSE_FORM, Dimension.ONLINE, Dimension.PLATFORM)
        if concern_level and not concern_joined:
            stmt = stmt.join(Concern, Concern.case_id == Case.id)
            concern_joined = True
        if dimension is Dimension.STATE:
            expressions.append(Case.state_code)
        elif dimension is Dimension.DISTRICT:
            stmt = stmt.outerjoin(District, District.id == Case.district_id)
            expressions.append(Case.state_code + " / " + func.coalesce(District.name, "?"))
        elif dimension is Dimension.AGE_BAND:
            expressions.append(Case.age_band)
        elif dimension is Dimension.SEX:
            expressions.append(Case.sex)
        elif dimension is Dimension.SOURCE:
            expressions.append(Case.source_type)
        elif dimension is Dimension.ABUSE_FORM:
            expressions.append(Concern.form)
        elif dimension is Dimension.ONLINE:
            expressions.append(case((Concern.online, "yes"), else_="no"))
        elif dimension is Dimension.PLATFORM:
            platforms = json_values(Concern.platforms)
            stmt = stmt.outerjoin(platforms, true())
            expressions.append(func.coalesce(platforms.c.value, NONE))
        elif dimension in (Dimension.SOCA_SECTION, Dimension.PENAL_CODE_SECTION):
            column = (
                Case.soca_sections
                if dimension is Dimension.SOCA_SECTION
                else Case.penal_code_sections
            )
            sections = json_values(column)
            stmt = stmt.outerjoin(sections, true())
            expressions.append(func.coalesce(sections.c.value, NONE))
    return stmt, expressions


def _text(value) -> str:
    return str(getattr(value, "value", value))


@dataclass
class Tally:
    """Counts and key sums by cell, added up as the monthly rows add up: the counts plainly,
    the key sums modulo KEY_RANGE. Whichever parts a count is made of, it gets the same key
    sums, and so the same noise, as counting every case at once."""

    counts: dict[tuple[str, ...], int] = field(default_factory=dict)
    key_sums: dict[tuple[str, ...], int] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], count: int, key_sum: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + int(count)
        self.key_sums[key] = (self.key_sums.get(key, 0) + int(key_sum)) % KEY_RANGE

    def suppressed(self, dimensions: list[Dimension], threshold: int) -> SuppressedTable:
        values = [sorted({key[i] for key in self.counts}) for i in range(len(dimensions))]
        names = [d.value for d in dimensions]
        return suppress(names, values, self.counts, threshold, self.key_sums)


def grouped(dimensions, where, *leading: ColumnElement) -> Select:
    """Per group of `leading` and the dimensions' values: the number of distinct cases and
    the sum of their record keys. A case joined to two concerns of one form is one case."""
    stmt, expressions = counting(dimensions)
    labelled = [e.label(f"g{i}") for i, e in enumerate([*leading, *expressions])]
    inner = stmt.add_columns(Case.id, Case.record_key, *labelled).where(where).distinct()
    inner = inner.subquery()
    groups = [inner.c[f"g{i}"] for i in range(len(labelled))]
    return select(*groups, func.count(), func.sum(inner.c.record_key)).group_by(*groups)


def count_from_cases(
    tally: Tally, dimensions: list[Dimension], since: datetime, until: datetime
) -> None:
    stmt = grouped(dimensions, and_(Case.reported_at >= since, Case.reported_at < until))
    for *coordinates, count, key_sum in db.session.execute(stmt):
        tally.add(tuple(_text(c) for c in coordinates), count, key_sum)


def count_by_month(tally: Tally, dimensions: list[Dimension], first: str, last: str) -> None:
    ordered = sorted(dimensions, key=DIMENSIONS.index)
    named = [d.value for d in ordered] + [""] * (len(SLOTS) - len(ordered))
    values = [getattr(StatisticsCount, f"value_{slot}") for slot in SLOTS[: len(ordered)]]
    stmt = (
        select(*values, func.sum(StatisticsCount.count), func.sum(StatisticsCount.key_sum))
        .where(
            StatisticsCount.dimension_a == named[0],
            StatisticsCount.dimension_b == named[1],
            StatisticsCount.dimension_c == named[2],
            StatisticsCount.month >= first,
            StatisticsCount.month <= last,
        )
        .group_by(*values)
    )
    for *stored, count, key_sum in db.session.execute(stmt):
        by_dimension = dict(zip(ordered, stored, strict=True))
        tally.add(tuple(by_dimension[d] for d in dimensions), count, key_sum)


def table_from_cases(
    dimensions: list[Dimension],
    since: datetime,
    until: datetime,
    threshold: int = DEFAULT_THRESHOLD,
) -> SuppressedTable:
    """Counted from the cases themselves: any period, up to three dimensions."""
    tally = Tally()
    count_from_cases(tally, dimensions, since, until)
    return tally.suppressed(dimensions, threshold)


def table_by_month(
    dimensions: list[Dimension], first: str, last: str, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedTable:
    """From the monthly counts: whole months `first` to `last` ('YYYY-MM'), up to three
    dimensions, in milliseconds however many cases there are."""
    tally = Tally()
    count_by_month(tally, dimensions, first, last)
    return tally.suppressed(dimensions, threshold)


def kept_depth() -> int:
    """How many dimensions the monthly counts cross for every case (see StatisticsBuild)."""
    return db.session.scalar(select(func.max(StatisticsBuild.depth))) or PAIRS


def table(
    dimensions: list[Dimension], start: date, end: date, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedTable:
    """Cases reported from `start` to `end` (Malaysia dates, inclusive): the whole months from
    the monthly counts, the days around them from the cases (a month at most at each end, so
    no count reads more than two months of cases, where three years took seconds)."""

    def instant(day: date) -> datetime:
        return datetime.combine(day, time(), MALAYSIA)

    months = whole_months(start, end)
    after_end = instant(end + timedelta(days=1))
    tally = Tally()  # the parts' months never overlap: each case is counted in one of them
    # Pairs have been kept for every case all along; triples since a rebuild or a new database.
    if months is None or (len(dimensions) > PAIRS and len(dimensions) > kept_depth()):
        count_from_cases(tally, dimensions, instant(start), after_end)
    else:
        first, last = months
        count_by_month(tally, dimensions, f"{first:%Y-%m}", f"{last:%Y-%m}")
        if start < first:
            count_from_cases(tally, dimensions, instant(start), instant(first))
        if last < end:
            count_from_cases(tally, dimensions, instant(last + timedelta(days=1)), after_end)
    return tally.suppressed(dimensions, threshold)


# --- Keeping the monthly counts --------------------------------------------------------------


def slots(combination: tuple[Dimension, ...], values: tuple[str, ...]) -> dict[str, str]:
    """A monthly row's dimension and value columns; those a combination does not use are ""."""
    row = {}
    for n, slot in enumerate(SLOTS):
        row[f"dimension_{slot}"] = combination[n].value if n < len(combination) else ""
        row[f"value_{slot}"] = values[n] if n < len(combination) else ""
    return row


def _monthly_rows(combination: tuple[Dimension, ...], where) -> list[dict]:
    """One combination's counts and key sums by month for the cases matching `where`."""
    stmt = grouped(combination, where, month_of(Case.reported_at))
    return [
        {
            "month": found_month,
            **slots(combination, tuple(_text(v) for v in values)),
            "count": count,
            "key_sum": int(key_sum) % KEY_RANGE,
        }
        for found_month, *values, count, key_sum in db.session.execute(stmt)
    ]


def _upsert(rows: list[dict]) -> None:
    if not rows:
        return
    module = postgresql if dialect_name() == "postgresql" else sqlite
    stmt = module.insert(StatisticsCount)
    stmt = stmt.on_conflict_do_update(
        index_elements=ROW_KEY,
        set_={
            "count": StatisticsCount.count + stmt.excluded["count"],
            "key_sum": (StatisticsCount.key_sum + stmt.excluded["key_sum"]) % KEY_RANGE,
        },
    )
    db.session.execute(stmt, rows)


@dataclass(frozen=True)
class CaseValues:
    """One case's values as `counting` reads them in SQL: the rows its joins yield, one for
    each concern, platform of that concern and section of the law (a row without a concern
    where it has none). A crossing takes each row's values once: a form goes with its own
    concern's "online" and platforms, never with another concern's."""

    rows: tuple[dict[Dimension, str], ...]

    def chosen(self, combination: tuple[Dimension, ...]) -> list[tuple[str, ...]]:
        """Every combination of values the case is counted under, in `combination`'s order."""
        return sorted(
            {
                tuple(row[d] for d in combination)
                for row in self.rows
                if all(d in row for d in combination)
            }
        )


def values_of(case: Case) -> CaseValues:
    """One case's values, read in Python as `counting` reads them in SQL (a test holds the
    two to the same answer); a registration costs microseconds, not a query per combination."""
    district = db.session.get(District, case.district_id) if case.district_id else None
    own = {
        Dimension.STATE: case.state_code,
        Dimension.DISTRICT: f"{case.state_code} / {district.name if district else '?'}",
        Dimension.AGE_BAND: case.age_band,
        Dimension.SEX: _text(case.sex),
        Dimension.SOURCE: _text(case.source_type),
    }
    concerns = [
        {
            Dimension.ABUSE_FORM: _text(c.form),
            Dimension.ONLINE: "yes" if c.online else "no",
            Dimension.PLATFORM: platform,
        }
        for c in case.concerns
        for platform in (c.platforms or [NONE])
    ] or [{}]
    rows = [
        {**own, Dimension.SOCA_SECTION: soca, Dimension.PENAL_CODE_SECTION: penal, **concern}
        for soca in sorted(set(case.soca_sections)) or [NONE]
        for penal in sorted(set(case.penal_code_sections or ())) or [NONE]
        for concern in concerns
    ]
    return CaseValues(
        tuple(sorted(rows, key=lambda row: sorted((d.value, v) for d, v in row.items())))
    )


def month_counted(case: Case) -> str:
    """The month ('YYYY-MM', Malaysia time) whose rows hold the case, as `month_of` in SQL."""
    return case.reported_at.astimezone(MALAYSIA).strftime("%Y-%m")


@on_case_event
def count_registered_case(case: Case, event: CaseEvent) -> None:
    """A registered case enters the monthly counts in the registration's own transaction."""
    if event.type is not EventType.CASE_REGISTERED:
        return
    month = month_counted(case)
    _upsert(
        [
            {"month": month, **row, "count": 1, "key_sum": case.record_key}
            for row in rows_of(values_of(case))
        ]
    )


def rows_of(values: CaseValues) -> list[dict[str, str]]:
    """The monthly rows a case with these values belongs to: one per combination of
    dimensions and of the case's values in them (two forms of abuse, two rows)."""
    return [
        slots(combination, chosen)
        for combination in COMBINATIONS
        for chosen in values.chosen(combination)
    ]


def rebuild() -> int:
    """Recount every month from the cases (after a bulk import or an upgrade); one commit.
    Afterwards the counts hold every combination of up to three dimensions of every case."""
    db.session.execute(delete(StatisticsCount))
    written = 0
    for combination in COMBINATIONS:  # one at a time: every triple's rows at once are many
        rows = _monthly_rows(combination, true())
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(StatisticsCount), rows[start : start + 5000])
        written += len(rows)
    db.session.execute(delete(StatisticsBuild))
    db.session.add(StatisticsBuild(depth=len(SLOTS), built_at=datetime.now(UTC)))
    db.session.commit()
    return written


def recount_corrected(case: Case, before: CaseValues) -> None:
    """A corrected sex or age band moves the case between cells of its month's counts."""
    after = values_of(case)
    if after == before:
        return
    month = month_counted(case)
    moves: dict[tuple[tuple[str, str], ...], int] = {}
    for values, sign in ((before, -1), (after, 1)):
        for row in rows_of(values):
            key = tuple(row.items())
            moves[key] = moves.get(key, 0) + sign
    # The case's record key leaves the cells it left and joins those it joined (mod the range).
    rows = [
        {"month": month, **dict(key), "count": n, "key_sum": (n * case.record_key) % KEY_RANGE}
        for key, n in moves.items()
        if n
    ]
    _upsert(rows)
    db.session.execute(
        delete(StatisticsCount).where(StatisticsCount.month == month, StatisticsCount.count <= 0)
    )
