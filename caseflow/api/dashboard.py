"""Caseload for supervisors and de-identified statistics for analysts (API.md)."""

from datetime import date, timedelta

from flask import g, jsonify, request

from caseflow.api import NotFound, bp, error, token_required
from caseflow.domain.clocks import local_date
from caseflow.domain.ids import parse_id
from caseflow.domain.statistics import DEFAULT_THRESHOLD, MAX_PERIOD_DAYS, parse_dimensions
from caseflow.permissions import Permission, has_permission
from caseflow.services import caseload, statistics
from caseflow.web.helpers import utc_now


@bp.get("/caseload")
@token_required
def caseload_per_officer():
    if not has_permission(g.api_user, Permission.SUPERVISE):
        return error(403, "Only supervisors see caseloads.")
    chosen = request.args.get("facility_id")
    if chosen is not None and parse_id(chosen) is None:
        return error(422, "facility_id must be a facility id.", {"facility_id": "invalid_id"})
    try:
        facility_ids = caseload.scope(g.api_user, parse_id(chosen) if chosen else None)
    except LookupError as exc:
        raise NotFound from exc
    loads = caseload.officer_loads(facility_ids, utc_now())
    return jsonify({
        "facility_ids": facility_ids,
        "items": [{
            "officer_id": o.officer_id, "name": o.name or None,
            "role": o.role.value if o.role else None, "facility_id": o.facility_id,
            "open_cases": o.open, "high_risk_cases": o.high_risk,
            "due_soon_cases": o.due_soon, "breached_cases": o.breached,
            "new_this_week": o.new_this_week, "standard": o.standard,
            "over_standard": o.over_standard,
        } for o in loads],
    })  # fmt: skip


def _day(name: str, fallback: date, problems: dict) -> date:
    text = request.args.get(name)
    if not text:
        return fallback
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems[name] = "invalid_date"
        return fallback


@bp.get("/statistics")
@token_required
def statistics_counts():
    if not has_permission(g.api_user, Permission.VIEW_STATISTICS):
        return error(403, "Only analysts see statistics.")
    problems: dict[str, str] = {}
    today = local_date(utc_now())
    start = _day("from", today - timedelta(days=364), problems)
    end = _day("to", today, problems)
    try:
        dimensions = parse_dimensions(request.args.get("group_by", "state"))
    except ValueError as exc:
        problems["group_by"] = str(exc)
    if not problems and (start > end or (end - start).days > MAX_PERIOD_DAYS):
        problems["to"] = "the period must run forwards and last at most three years"
    if problems:
        return error(422, "Please correct the query.", problems)
    table = statistics.table(dimensions, start, end)
    names = [d.value for d in dimensions]
    cells = []
    for key in table.cells():
        shown = table.shown(key)
        cells.append({**dict(zip(names, key, strict=True)), "count": shown,
                      "suppressed": shown is None})  # fmt: skip
    total_key = tuple(["__total__"] * len(names))
    return jsonify({
        "from": start.isoformat(), "to": end.isoformat(), "group_by": names,
        "threshold": DEFAULT_THRESHOLD, "method": "secondary_suppression",
        "total": table.shown(total_key), "cells": cells,
    })  # fmt: skip
