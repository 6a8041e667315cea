"""De-identified counts for analysts: cases reported in a period, by up to three dimensions,
with small cells suppressed and the rest perturbed (caseflow.domain.statistics says how).

The counting query reads no name, date of birth or narrative: the age band is stored at
registration. A case counts once in each cell it belongs to (a case with two forms of abuse
counts under each). For one or two dimensions over whole months, the counts come from
`statistics_counts`, which the registration of each case adds to in its own transaction;
`flask statistics rebuild` recomputes it from the cases with the very same query. Each row
also adds up its cases' record keys, from which the cell-key noise of any sum of rows follows.
"""

from datetime import date, datetime, time, timedelta
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
)
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Concern, District, StatisticsCount
from caseflow.services.timeline import on_case_event

NONE = "none"
DIMENSIONS = list(Dimension)
#: Every dimension alone and every pair, in a fixed order: what the monthly table holds.
COMBINATIONS = [(d,) for d in DIMENSIONS] + list(combinations(DIMENSIONS, 2))


def dialect() -> str:
    return db.session.get_bind().dialect.name


def month_of(column) -> ColumnElement[str]:
    """'YYYY-MM' of an instant in Malaysia time, in either database's own words."""
    if dialect() == "postgresql":
        return func.to_char(func.timezone("Asia/Kuala_Lumpur", column), "YYYY-MM")
    return func.strftime("%Y-%m", column, "+8 hours")


def json_values(column):
    """The elements of a JSON list column as rows, in either database's own function."""
    if dialect() == "postgresql":
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


def _suppressed(
    dimensions: list[Dimension], cells: dict, key_sums: dict, threshold: int
) -> SuppressedTable:
    values = [sorted({key[i] for key in cells}) for i in range(len(dimensions))]
    return suppress([d.value for d in dimensions], values, cells, threshold, key_sums)


def grouped(dimensions, where, *leading: ColumnElement) -> Select:
    """Per group of `leading` and the dimensions' values: the number of distinct cases and
    the sum of their record keys. A case joined to two concerns of one form is one case."""
    stmt, expressions = counting(dimensions)
    labelled = [e.label(f"g{i}") for i, e in enumerate([*leading, *expressions])]
    inner = stmt.add_columns(Case.id, Case.record_key, *labelled).where(where).distinct()
    inner = inner.subquery()
    groups = [inner.c[f"g{i}"] for i in range(len(labelled))]
    return select(*groups, func.count(), func.sum(inner.c.record_key)).group_by(*groups)


def table_from_cases(
    dimensions: list[Dimension],
    since: datetime,
    until: datetime,
    threshold: int = DEFAULT_THRESHOLD,
) -> SuppressedTable:
    """Counted from the cases themselves: any period, up to three dimensions."""
    stmt = grouped(dimensions, and_(Case.reported_at >= since, Case.reported_at < until))
    cells: dict[tuple[str, ...], int] = {}
    key_sums: dict[tuple[str, ...], int] = {}
    for *coordinates, count, key_sum in db.session.execute(stmt):
        key = tuple(_text(c) for c in coordinates)
        cells[key] = cells.get(key, 0) + count
        key_sums[key] = (key_sums.get(key, 0) + int(key_sum)) % KEY_RANGE
    return _suppressed(dimensions, cells, key_sums, threshold)


def table_by_month(
    dimensions: list[Dimension], first: str, last: str, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedTable:
    """From the monthly counts: whole months `first` to `last` ('YYYY-MM'), one or two
    dimensions, in milliseconds however many cases there are."""
    ordered = sorted(dimensions, key=DIMENSIONS.index)
    b = ordered[1].value if len(ordered) > 1 else ""
    stmt = (
        select(
            StatisticsCount.value_a,
            StatisticsCount.value_b,
            func.sum(StatisticsCount.count),
            func.sum(StatisticsCount.key_sum),
        )
        .where(
            StatisticsCount.dimension_a == ordered[0].value,
            StatisticsCount.dimension_b == b,
            StatisticsCount.month >= first,
            StatisticsCount.month <= last,
        )
        .group_by(StatisticsCount.value_a, StatisticsCount.value_b)
    )
    cells: dict[tuple[str, ...], int] = {}
    key_sums: dict[tuple[str, ...], int] = {}
    for value_a, value_b, count, key_sum in db.session.execute(stmt):
        stored = {ordered[0]: value_a, **({ordered[1]: value_b} if b else {})}
        key = tuple(stored[d] for d in dimensions)
        cells[key] = int(count)
        key_sums[key] = int(key_sum) % KEY_RANGE
    return _suppressed(dimensions, cells, key_sums, threshold)


def table(
    dimensions: list[Dimension], start: date, end: date, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedTable:
    """Cases reported from `start` to `end` (Malaysia dates, inclusive)."""
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    if whole_months and len(dimensions) <= 2:
        return table_by_month(dimensions, f"{start:%Y-%m}", f"{end:%Y-%m}", threshold)
    since = datetime.combine(start, time(), MALAYSIA)
    until = datetime.combine(end + timedelta(days=1), time(), MALAYSIA)
    return table_from_cases(dimensions, since, until, threshold)


# --- Keeping the monthly counts --------------------------------------------------------------


def _monthly_rows(where) -> list[dict]:
    """Every combination's counts and key sums by month for the cases matching `where`."""
    rows = []
    for combination in COMBINATIONS:
        stmt = grouped(combination, where, month_of(Case.reported_at))
        for found_month, *values, count, key_sum in db.session.execute(stmt):
            rows.append(
                {
                    "month": found_month,
                    "dimension_a": combination[0].value,
                    "value_a": _text(values[0]),
                    "dimension_b": combination[1].value if len(combination) > 1 else "",
                    "value_b": _text(values[1]) if len(combination) > 1 else "",
                    "count": count,
                    "key_sum": int(key_sum) % KEY_RANGE,
                }
            )
    return rows


def _upsert(rows: list[dict]) -> None:
    if not rows:
        return
    module = postgresql if dialect() == "postgresql" else sqlite
    stmt = module.insert(StatisticsCount)
    stmt = stmt.on_conflict_do_update(
        index_elements=["month", "dimension_a", "value_a", "dimension_b", "value_b"],
        set_={
            "count": StatisticsCount.count + stmt.excluded["count"],
            "key_sum": (StatisticsCount.key_sum + stmt.excluded["key_sum"]) % KEY_RANGE,
        },
    )
    db.session.execute(stmt, rows)


def values_of(case: Case) -> dict[Dimension, set[str]]:
    """One case's values, read in Python as `counting` reads them in SQL (a test holds the
    two to the same answer); a registration costs microseconds, not 45 queries."""
    district = db.session.get(District, case.district_id) if case.district_id else None
    concerns = case.concerns
    return {
        Dimension.STATE: {case.state_code},
        Dimension.DISTRICT: {f"{case.state_code} / {district.name if district else '?'}"},
        Dimension.AGE_BAND: {case.age_band},
        Dimension.SEX: {_text(case.sex)},
        Dimension.SOURCE: {_text(case.source_type)},
        Dimension.ABUSE_FORM: {_text(c.form) for c in concerns},
        Dimension.ONLINE: {"yes" if c.online else "no" for c in concerns},
        Dimension.PLATFORM: {p for c in concerns for p in c.platforms} or {NONE},
        Dimension.SOCA_SECTION: set(case.soca_sections) or {NONE},
        Dimension.PENAL_CODE_SECTION: set(case.penal_code_sections or ()) or {NONE},
    }


@on_case_event
def count_registered_case(case: Case, event: CaseEvent) -> None:
    """A registered case enters the monthly counts in the registration's own transaction."""
    if event.type is not EventType.CASE_REGISTERED:
        return
    values = values_of(case)
    month = case.reported_at.astimezone(MALAYSIA).strftime("%Y-%m")
    rows = []
    for combination in COMBINATIONS:
        a, b = combination[0], combination[1] if len(combination) > 1 else None
        for value_a in values[a]:
            for value_b in values[b] if b else {""}:
                rows.append(
                    {
                        "month": month,
                        "dimension_a": a.value,
                        "value_a": value_a,
                        "dimension_b": b.value if b else "",
                        "value_b": value_b,
                        "count": 1,
                        "key_sum": case.record_key,
                    }
                )
    _upsert(rows)


def rebuild() -> int:
    """Recount every month from the cases (after a bulk import or an upgrade); one commit."""
    db.session.execute(delete(StatisticsCount))
    rows = _monthly_rows(true())
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(StatisticsCount), rows[start : start + 5000])
    db.session.commit()
    return len(rows)


def recount_corrected(case: Case, before: dict[Dimension, set[str]]) -> None:
    """A corrected sex or age band moves the case between cells of its month's counts."""
    after = values_of(case)
    if after == before:
        return
    month = case.reported_at.astimezone(MALAYSIA).strftime("%Y-%m")
    moves: dict[tuple[str, str, str, str], int] = {}
    for values, sign in ((before, -1), (after, 1)):
        for combination in COMBINATIONS:
            a, b = combination[0], combination[1] if len(combination) > 1 else None
            for value_a in values[a]:
                for value_b in values[b] if b else {""}:
                    key = (a.value, value_a, b.value if b else "", value_b)
                    moves[key] = moves.get(key, 0) + sign
    keys = ("dimension_a", "value_a", "dimension_b", "value_b")
    # The case's record key leaves the cells it left and joins those it joined (mod the range).
    rows = [
        {
            "month": month,
            **dict(zip(keys, key, strict=True)),
            "count": n,
            "key_sum": (n * case.record_key) % KEY_RANGE,
        }
        for key, n in moves.items()
        if n
    ]
    _upsert(rows)
    db.session.execute(
        delete(StatisticsCount).where(StatisticsCount.month == month, StatisticsCount.count <= 0)
    )
