"""Long exports: a POST queues the job, a page shows its progress, the file is fetched once."""

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from caseflow.domain.caseload import Metric
from caseflow.jobs import tasks
from caseflow.models import ExportJob, User
from caseflow.services import caseload, export_jobs
from caseflow.services.audit import Actor
from caseflow.services.case_search import CaseFilter
from caseflow.services.errors import ValidationFailed
from caseflow.services.export_jobs import ExportRequest
from caseflow.web.cases.exports import XLSX, case_list_filename, case_list_header
from caseflow.web.dashboard.exports import drill_header
from caseflow.web.helpers import current_actor, utc_now

bp = Blueprint("exports", __name__)
MIMETYPES = {"csv": "text/csv", "xlsx": XLSX}


def header_and_filename(user: User, req: ExportRequest) -> tuple[list, str]:
    """What is written above the table, in the requester's language, made at request time."""
    params = req.params
    if req.kind == "cases":
        criteria = CaseFilter(q=params["q"], status=params["status"], state=params["state"],
                              owner_id=user.id if params["mine"] else None)  # fmt: skip
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
        "id": job.id, "kind": job.kind, "format": job.format, "status": job.status,
        "progress": job.progress, "rows": job.rows, "created_at": job.created_at.isoformat(),
        "expires_at": job.expires_at.isoformat(),
    }  # fmt: skip


@bp.route("/exports", methods=["POST"])
@login_required
def create():
    form = request.form.to_dict()
    kind, fmt = form.pop("kind", ""), form.pop("format", "")
    form.pop("csrf_token", None)
    try:
        job = start(current_actor(), kind, fmt, form)
    except (LookupError, ValidationFailed):
        abort(404)  # the forms offer only valid exports; anything else was not theirs to ask
    return redirect(url_for("exports.show", job_id=job.id))


def own_job(job_id: int):
    try:
        return export_jobs.job_of(current_user, job_id)
    except LookupError:
        abort(404)


@bp.route("/exports/<id:job_id>")
@login_required
def show(job_id: int):
    job = own_job(job_id)
    return render_template("exports/show.html", job=job,
                           ready=export_jobs.downloadable(job, utc_now()))  # fmt: skip


@bp.route("/exports/<id:job_id>/status")
@login_required
def status(job_id: int):
    """What the progress page polls."""
    job = own_job(job_id)
    body = status_body(job)
    if export_jobs.downloadable(job, utc_now()):
        body["download_url"] = url_for("exports.download", job_id=job.id)
    return jsonify(body)


@bp.route("/exports/<id:job_id>/download")
@login_required
def download(job_id: int):
    """Once: the file is dropped as it is handed over."""
    try:
        job, content = export_jobs.take_file(current_user, job_id, utc_now())
    except LookupError:
        abort(404)
    headers = {"Content-Disposition": f'attachment; filename="{job.filename}"',
               "Cache-Control": "no-store"}  # fmt: skip
    return content, 200, {"Content-Type": MIMETYPES[job.format], **headers}
