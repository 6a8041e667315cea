"""De-identified counts for analysts: cases reported in a period, by up to three dimensions,
with small cells suppressed (caseflow.domain.statistics says how).

The query reads no name, date of birth or narrative: the age band is stored at registration
so that no date of birth is needed to count by age. A case counts once in each cell it
belongs to (a case with two forms of abuse counts under each).
"""

from datetime import datetime

from sqlalchemy import ColumnElement, case, distinct, func, select, true

from caseflow.domain.statistics import (
    DEFAULT_THRESHOLD,
    Dimension,
    SuppressedTable,
    suppress,
)
from caseflow.extensions import db
from caseflow.models import Case, Concern, District

NONE = "none"


def json_values(column) -> object:
    """The elements of a JSON list column as rows, in either database's own function."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.json_array_elements_text(column).table_valued("value").render_derived()
    return func.json_each(column).table_valued("value")  # SQLite names the column itself


def table(dimensions: list[Dimension], since: datetime, until: datetime,
          threshold: int = DEFAULT_THRESHOLD) -> SuppressedTable:  # fmt: skip
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
        elif dimension is Dimension.SOCA_SECTION:
            sections = json_values(Case.soca_sections)
            stmt = stmt.outerjoin(sections, true())
            expressions.append(func.coalesce(sections.c.value, NONE))
    stmt = (
        stmt.add_columns(*expressions, func.count(distinct(Case.id)))
        .where(Case.reported_at >= since, Case.reported_at < until)
        .group_by(*expressions)
    )
    cells: dict[tuple[str, ...], int] = {}
    for *coordinates, count in db.session.execute(stmt):
        key = tuple(str(getattr(c, "value", c)) for c in coordinates)
        cells[key] = cells.get(key, 0) + count
    values = [sorted({key[i] for key in cells}) for i in range(len(dimensions))]
    return suppress([d.value for d in dimensions], values, cells, threshold)
