"""Export jobs: queued by a request, run by a worker, downloaded once by their owner.

What a job exports is decided again by the worker from the requester's current rights, so a
supervisor who lost an office between asking and running does not receive its cases.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, func, select, update

from caseflow.domain.caseload import Metric
from caseflow.domain.ids import parse_id
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, ExportJob, User
from caseflow.permissions import Permission, has_permission
from caseflow.services import case_search, caseload
from caseflow.services.audit import Actor
from caseflow.services.case_search import OPEN, CaseFilter
from caseflow.services.errors import ValidationFailed

KINDS = ("cases", "dashboard_cases")
FORMATS = ("csv", "xlsx")
SYNC_LIMIT = 2000  # more rows than this are exported by a worker, never in the request
KEPT_FOR = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    kind: str
    format: str
    params: dict  # the list's filters, as its page reads them


def normalise(kind: str, fmt: str, filters: dict) -> ExportRequest:
    """Check the kind, format and filters of an export; keep only the filters it reads."""
    problems = {}
    if kind not in KINDS:
        problems["kind"] = _l("Choose one of: %(choices)s.", choices=", ".join(KINDS))
    if fmt not in FORMATS:
        problems["format"] = _l("Choose one of: %(choices)s.", choices=", ".join(FORMATS))
    if problems:
        raise ValidationFailed(_l("This export cannot be made."), problems)
    if kind == "cases":
        params = {
            "q": str(filters.get("q") or "").strip(),
            "status": str(filters.get("status") or OPEN),
            "state": str(filters.get("state") or ""),
            "mine": str(filters.get("mine") or "") == "1",
        }
    else:
        officer = str(filters.get("officer") or "none")
        metric = str(filters.get("metric") or Metric.OPEN.value)
        facility = filters.get("facility_id")
        if metric not in {m.value for m in Metric}:
            problems["metric"] = _l(
                "Choose one of: %(choices)s.", choices=", ".join(m.value for m in Metric)
            )
        if officer != "none" and parse_id(str(officer)) is None:
            problems["officer"] = _l("Give an officer id or none.")
        if facility not in (None, "") and parse_id(str(facility)) is None:
            problems["facility_id"] = _l("Give a facility id.")
        if problems:
            raise ValidationFailed(_l("This export cannot be made."), problems)
        params = {
            "officer": officer,
            "metric": metric,
            "facility_id": parse_id(str(facility)) if facility not in (None, "") else None,
        }
    return ExportRequest(kind, fmt, params)


def statement(user: User, request: ExportRequest, now: datetime) -> Select:
    """The cases the export holds, as this user may see them now. LookupError if the user may
    not make it at all (an outsider is told nothing more)."""
    params = request.params
    if request.kind == "cases":
        criteria = CaseFilter(
            q=params["q"],
            status=params["status"],
            state=params["state"],
            owner_id=user.id if params["mine"] else None,
        )
        return case_search.search(user, criteria)
    if not has_permission(user, Permission.SUPERVISE):
        raise LookupError("not a supervisor")
    facility_ids = caseload.scope(user, params["facility_id"])
    officer = None if params["officer"] == "none" else parse_id(params["officer"])
    return caseload.cases_behind(facility_ids, officer, Metric(params["metric"]), now)


def case_ids(stmt: Select) -> list[int]:
    return list(db.session.scalars(select(Case.id).from_statement(stmt.with_only_columns(Case.id))))


def count_up_to(stmt: Select, limit: int) -> int:
    """How many rows, counting no further than `limit` (enough to choose the path)."""
    inner = stmt.with_only_columns(Case.id).order_by(None).limit(limit).subquery()
    return db.session.scalar(select(func.count()).select_from(inner))


def queue(
    actor: Actor, request: ExportRequest, header: list, filename: str, locale: str, now: datetime
) -> ExportJob:
    job = ExportJob(
        user_id=actor.user.id,
        kind=request.kind,
        format=request.format,
        params=request.params,
        header=[[str(k), str(v)] for k, v in header],
        locale=locale,
        address=actor.address,
        status="queued",
        progress=0,
        filename=f"{filename}.{request.format}",
        created_at=now,
        expires_at=now + KEPT_FOR,
    )
    db.session.add(job)
    db.session.commit()
    return job


def job_of(user: User, job_id: int) -> ExportJob:
    """The user's own job; anyone else's does not exist for them."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.user_id != user.id:
        raise LookupError(job_id)
    return job


def set_progress(job_id: int, **values) -> None:
    """Written and committed at once, so the owner's page sees it while the work goes on."""
    db.session.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))
    db.session.commit()


def downloadable(job: ExportJob, now: datetime) -> bool:
    return job.status == "done" and job.downloaded_at is None and job.expires_at > now


def take_file(user: User, job_id: int, now: datetime) -> tuple[ExportJob, bytes]:
    """The finished file, once: it is dropped as it is handed over."""
    job = job_of(user, job_id)
    if not downloadable(job, now):
        raise LookupError(job_id)
    claimed = db.session.execute(
        update(ExportJob)
        .where(ExportJob.id == job.id, ExportJob.downloaded_at.is_(None))
        .values(downloaded_at=now)
    ).rowcount
    if claimed != 1:  # another tab took it a moment ago
        db.session.rollback()
        raise LookupError(job_id)
    content = db.session.scalar(select(ExportJob.content).where(ExportJob.id == job.id))
    db.session.execute(update(ExportJob).where(ExportJob.id == job.id).values(content=None))
    db.session.commit()
    return job, content or b""


def purge_expired(now: datetime) -> int:
    """Drop the files nobody fetched within 24 hours, and jobs older than a week."""
    dropped = db.session.execute(
        update(ExportJob)
        .where(ExportJob.expires_at <= now, ExportJob.content.is_not(None))
        .values(content=None)
    ).rowcount
    db.session.execute(delete(ExportJob).where(ExportJob.created_at < now - timedelta(days=7)))
    db.session.commit()
    return dropped
