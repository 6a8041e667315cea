"""Long exports: a POST queues the job, a page shows its progress, the file is fetched once."""

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from caseflow.http.exports import MIMETYPES, start, status_body
from caseflow.services import export_jobs
from caseflow.services.errors import ValidationFailed
from caseflow.web.helpers import current_actor, utc_now

bp = Blueprint("exports", __name__)


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
    return render_template(
        "exports/show.html", job=job, ready=export_jobs.downloadable(job, utc_now())
    )


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
    headers = {
        "Content-Disposition": f'attachment; filename="{job.filename}"',
        "Cache-Control": "no-store",
    }
    return content, 200, {"Content-Type": MIMETYPES[job.format], **headers}
