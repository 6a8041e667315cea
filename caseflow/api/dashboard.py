"""Caseload for supervisors and de-identified statistics for analysts (API.md)."""

from datetime import timedelta

from flask import g

from caseflow.api import NotFound, api
from caseflow.api.schemas import (
    CaseloadOut,
    CaseloadQuery,
    OfficerLoadOut,
    StatisticsOut,
    StatisticsQuery,
)
from caseflow.domain.cellkey import max_noise
from caseflow.domain.clocks import local_date
from caseflow.domain.statistics import DEFAULT_THRESHOLD, MAX_PERIOD_DAYS, parse_dimensions
from caseflow.domain.workflow import Refusal
from caseflow.http import utc_now
from caseflow.permissions import Permission, has_permission
from caseflow.services import caseload, statistics
from caseflow.services.errors import StepRefused, ValidationFailed


@api(
    "get",
    "/caseload",
    "Per officer: open, high-risk, due-soon and breached cases",
    query=CaseloadQuery,
    response=CaseloadOut,
    errors=(403, 404, 422),
)
def caseload_per_officer(query: CaseloadQuery):
    if not has_permission(g.api_user, Permission.SUPERVISE):
        raise StepRefused(Refusal.ROLE_MAY_NOT)
    try:
        facility_ids = caseload.scope(g.api_user, query.facility_id)
    except LookupError as exc:
        raise NotFound from exc
    loads = caseload.officer_loads(facility_ids, utc_now())
    return CaseloadOut(
        facility_ids=facility_ids,
        items=[
            OfficerLoadOut(
                officer_id=o.officer_id,
                name=o.name or None,
                role=o.role.value if o.role else None,
                facility_id=o.facility_id,
                open_cases=o.open,
                high_risk_cases=o.high_risk,
                due_soon_cases=o.due_soon,
                breached_cases=o.breached,
                new_this_week=o.new_this_week,
                standard=o.standard,
                over_standard=o.over_standard,
            )
            for o in loads
        ],
    )


@api(
    "get",
    "/statistics",
    "De-identified counts, small cells suppressed, the rest perturbed",
    query=StatisticsQuery,
    response=StatisticsOut,
    errors=(403, 422),
)
def statistics_counts(query: StatisticsQuery):
    if not has_permission(g.api_user, Permission.VIEW_STATISTICS):
        raise StepRefused(Refusal.ROLE_MAY_NOT)
    today = local_date(utc_now())
    start = query.from_ or today - timedelta(days=364)
    end = query.to or today
    problems: dict[str, str] = {}
    try:
        dimensions = parse_dimensions(query.group_by)
    except ValueError as exc:
        problems["group_by"] = str(exc)
    if not problems and (start > end or (end - start).days > MAX_PERIOD_DAYS):
        problems["to"] = "the period must run forwards and last at most three years"
    if problems:
        raise ValidationFailed("Please correct the query.", problems)
    table = statistics.table(dimensions, start, end)
    names = [d.value for d in dimensions]
    cells = []
    for key in table.cells():
        shown = table.shown(key)
        cell = dict(zip(names, key, strict=True))
        cells.append({**cell, "count": shown, "suppressed": shown is None})
    total_key = tuple(["__total__"] * len(names))
    return StatisticsOut(
        from_=start.isoformat(),
        to=end.isoformat(),
        group_by=names,
        threshold=DEFAULT_THRESHOLD,
        method="cell_key_perturbation+secondary_suppression",
        max_noise=max_noise(),
        total=table.shown(total_key),
        cells=cells,
    )
