"""Starting a long export, for the pages and the API alike: the filters written above the
table (in the requester's language, made at request time) and the job on the queue."""

from flask_babel import format_date, format_datetime, get_locale
from sqlalchemy import select

from caseflow.domain.caseload import Metric
from caseflow.domain.geography import STATES_BY_CODE
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.jobs import tasks
from caseflow.models import ExportJob, Facility, User
from caseflow.services import caseload, export_jobs
from caseflow.services.audit import Actor
from caseflow.services.case_search import CaseFilter
from caseflow.services.export_jobs import ExportRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMETYPES = {"csv": "text/csv", "xlsx": XLSX}


def metric_label(metric: Metric) -> str:
    return {
        Metric.OPEN: _("Open cases"),
        Metric.HIGH_RISK: _("High risk"),
        Metric.DUE_SOON: _("Clock due soon"),
        Metric.BREACHED: _("Clock breached"),
        Metric.NEW_THIS_WEEK: _("New this week"),
    }[metric]


def case_list_header(criteria: CaseFilter, user: User) -> list[tuple[str, str]]:
    return [
        (_("Search"), criteria.q or "—"),
        (_("Status"), criteria.status),
        (
            _("State"),
            STATES_BY_CODE[criteria.state].name if criteria.state in STATES_BY_CODE else "—",
        ),
        (_("Only cases I hold"), _("Yes") if criteria.owner_id else _("No")),
        (_("Exported by"), user.display_name),
        (_("Exported at"), format_datetime(utc_now(), "yyyy-MM-dd HH:mm")),
    ]


def case_list_filename() -> str:
    return f"caseflow-cases-{format_date(utc_now(), 'yyyyMMdd')}"


def scope_filters(facility_ids: list[int], user: User) -> list[tuple[str, str]]:
    names = db.session.scalars(select(Facility.name).where(Facility.id.in_(facility_ids)))
    return [
        (_("Facilities"), "; ".join(sorted(names))),
        (_("Exported by"), user.display_name),
        (_("Exported at"), format_datetime(utc_now(), "yyyy-MM-dd HH:mm")),
    ]


def drill_header(metric: Metric, facility_ids: list[int], user: User) -> list[tuple[str, str]]:
    return [(_("Cases"), metric_label(metric)), *scope_filters(facility_ids, user)]


def header_and_filename(user: User, req: ExportRequest) -> tuple[list, str]:
    """What is written above the table, in the requester's language, made at request time."""
    params = req.params
    if req.kind == "cases":
        criteria = CaseFilter(
            q=params["q"],
            status=params["status"],
            state=params["state"],
            owner_id=user.id if params["mine"] else None,
        )
        return case_list_header(criteria, user), case_list_filename()
    facility_ids = caseload.scope(user, params["facility_id"])
    return drill_header(Metric(params["metric"]), facility_ids, user), "caseflow-cases"


def start(actor: Actor, kind: str, fmt: str, filters: dict) -> ExportJob:
    """Check, queue and hand to the worker. LookupError: the user may not make this export."""
    req = export_jobs.normalise(kind, fmt, filters)
    export_jobs.statement(actor.user, req, utc_now())  # refuses before anything is queued
    header, filename = header_and_filename(actor.user, req)
    job = export_jobs.queue(actor, req, header, filename, str(get_locale()), utc_now())
    tasks.export(job.id)
    return job


def status_body(job: ExportJob) -> dict:
    return {
        "id": job.id,
        "kind": job.kind,
        "format": job.format,
        "status": job.status,
        "progress": job.progress,
        "rows": job.rows,
        "created_at": job.created_at.isoformat(),
        "expires_at": job.expires_at.isoformat(),
    }
