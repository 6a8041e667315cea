"""Statistics for analysts: any two dimensions crossed, small cells suppressed, the rest
perturbed, no identities."""

from datetime import date, timedelta

from flask import abort, flash, render_template, request
from flask_babel import format_datetime
from flask_login import current_user
from sqlalchemy import select

from caseflow.domain.cellkey import max_noise
from caseflow.domain.clocks import add_months, local_date
from caseflow.domain.statistics import (
    DEFAULT_THRESHOLD,
    TOTAL,
    Dimension,
    SuppressedTable,
    natural_key,
)
from caseflow.exports import Table
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import State
from caseflow.permissions import Permission, permission_required
from caseflow.services import statistics
from caseflow.services.exports import record_export
from caseflow.web.cases.exports import send
from caseflow.web.dashboard import Period, bp
from caseflow.web.helpers import current_actor
from caseflow.web.labels import (
    ABUSE_FORM_LABELS,
    SEX_LABELS,
    SOURCE_LABELS,
    label,
    offence_label,
    platform_label,
)

SUPPRESSED = "*"


def dimension_labels() -> dict[Dimension, str]:
    return {
        Dimension.STATE: _("State"),
        Dimension.DISTRICT: _("District"),
        Dimension.AGE_BAND: _("Age band"),
        Dimension.SEX: _("Sex"),
        Dimension.ABUSE_FORM: _("Form of abuse"),
        Dimension.ONLINE: _("Online element"),
        Dimension.PLATFORM: _("Platform"),
        Dimension.SOURCE: _("Source of the report"),
        Dimension.SOCA_SECTION: _("Sexual Offences against Children Act section"),
        Dimension.PENAL_CODE_SECTION: _("Penal Code section"),
    }


def value_label(dimension: str, value: str, states: dict[str, str]) -> str:
    """Codes as words; never anything that identifies a child."""
    if value == TOTAL:
        return _("Total")
    if value == statistics.NONE:
        return _("None recorded")
    if dimension == Dimension.STATE:
        return states.get(value, value)
    if dimension == Dimension.ABUSE_FORM:
        return label(ABUSE_FORM_LABELS, value)
    if dimension == Dimension.SEX:
        return label(SEX_LABELS, value)
    if dimension == Dimension.SOURCE:
        return label(SOURCE_LABELS, value)
    if dimension == Dimension.PLATFORM:
        return platform_label(value)
    if dimension == Dimension.ONLINE:
        return _("Online") if value == "yes" else _("Not online")
    if dimension in (Dimension.SOCA_SECTION, Dimension.PENAL_CODE_SECTION):
        return offence_label(dimension.value.removesuffix("_section"), value)
    if dimension == Dimension.AGE_BAND and value == "unknown":
        return _("Age not known")
    return value


def state_names() -> dict[str, str]:
    return {code: name for code, name in db.session.execute(select(State.code, State.name))}


def month_period_from_args() -> tuple[Period, list[str]]:
    """Whole months: statistics are reported by month, and counted from monthly totals."""
    today = local_date(utc_now())
    problems = []

    def read(name: str, fallback: date) -> date:
        text = request.args.get(name, "").strip()
        if not text:
            return fallback
        try:
            return date.fromisoformat(text[:7] + "-01")
        except ValueError:
            problems.append(_("%(text)s is not a month: use the calendar or YYYY-MM.", text=text))
            return fallback

    default_start = add_months(today.replace(day=1), -11)
    start = read("from", default_start)
    last_month = read("to", today.replace(day=1))
    if start > last_month or add_months(start, 36) <= last_month:
        problems.append(_("Choose from 1 to 36 months, the first before the last."))
        start, last_month = default_start, today.replace(day=1)
    return Period(start, add_months(last_month, 1) - timedelta(days=1)), problems


def chosen_dimensions() -> list[Dimension]:
    rows = request.args.get("rows", Dimension.STATE.value)
    columns = request.args.get("columns", Dimension.ABUSE_FORM.value)
    known = {d.value for d in Dimension}
    if rows not in known or (columns and columns != "none" and columns not in known):
        abort(400)
    chosen = [Dimension(rows)]
    if columns and columns not in ("none", rows):
        chosen.append(Dimension(columns))
    return chosen


def in_reading_order(table: SuppressedTable, axis: int, states: dict[str, str]) -> list[str]:
    """A dimension's values by what the reader sees, numbers as numbers (6-9 before 10-12,
    Kedah before Perlis whatever their codes); "none recorded" last."""
    dimension = table.dimensions[axis]
    return sorted(
        table.values[axis],
        key=lambda v: (v == statistics.NONE, natural_key(str(value_label(dimension, v, states)))),
    )


def crosstab(table: SuppressedTable) -> tuple[list[str], list[list]]:
    """Header and rows with totals, suppressed entries as SUPPRESSED."""
    states = state_names()
    row_values = [*in_reading_order(table, 0, states), TOTAL]
    column_values = (
        [*in_reading_order(table, 1, states), TOTAL] if len(table.dimensions) == 2 else [TOTAL]
    )
    header = [value_label(table.dimensions[-1], v, states) for v in column_values]
    rows = []
    for r in row_values:
        cells = []
        for c in column_values:
            key = (r, c) if len(table.dimensions) == 2 else (r,)
            shown = table.shown(key)
            cells.append(SUPPRESSED if shown is None else shown)
        rows.append([value_label(table.dimensions[0], r, states), *cells])
    return header, rows


@bp.route("/statistics")
@permission_required(Permission.VIEW_STATISTICS)
def statistics_page():
    period, problems = month_period_from_args()
    for problem in problems:
        flash(problem, "error")
    dimensions = chosen_dimensions()
    table = statistics.table(dimensions, period.start, period.end)
    header, rows = crosstab(table)
    return render_template(
        "dashboard/statistics.html",
        period=period,
        dimensions=dimensions,
        labels=dimension_labels(),
        header=header,
        rows=rows,
        table=table,
        threshold=DEFAULT_THRESHOLD,
        suppressed=SUPPRESSED,
        max_noise=max_noise(),
    )


@bp.route("/statistics.<any(csv, xlsx):fmt>")
@permission_required(Permission.VIEW_STATISTICS)
def export_statistics(fmt: str):
    period, problems = month_period_from_args()
    if problems:
        abort(400)
    dimensions = chosen_dimensions()
    table = statistics.table(dimensions, period.start, period.end)
    header, rows = crosstab(table)
    labels = dimension_labels()
    filters = [
        (_("Cases reported in"), period.describe()),
        (_("Rows"), labels[dimensions[0]]),
        (_("Columns"), labels[dimensions[1]] if len(dimensions) > 1 else "—"),
        (
            _("Suppressed"),
            _(
                "%(mark)s: fewer than %(n)d, or hidden so that no small count can be "
                "worked out from the totals",
                mark=SUPPRESSED,
                n=DEFAULT_THRESHOLD,
            ),
        ),
        (
            _("Perturbed"),
            _(
                "every count shown is at most %(noise)d above or below the true count, "
                "so that tables cannot be subtracted",
                noise=max_noise(),
            ),
        ),
        (_("Exported by"), current_user.display_name),
        (_("Exported at"), format_datetime(utc_now(), "yyyy-MM-dd HH:mm")),
    ]
    record_export(current_actor(), "statistics", utc_now(), dict(filters), [])
    columns = [labels[dimensions[0]], *header]
    return send(Table(_("Statistics"), filters, columns, rows), fmt, "caseflow-statistics")
