"""Exports as jobs (API.md): POST queues one, GET follows it, the file is fetched once."""

from flask import g, jsonify, request, url_for

from caseflow.api import NotFound, bp, json_body, token_required
from caseflow.services import export_jobs
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed
from caseflow.web.exports import MIMETYPES, start, status_body
from caseflow.web.helpers import utc_now

FILTERS = {"q", "status", "state", "mine", "facility_id", "officer", "metric"}


def export_body(body: dict) -> tuple[str, str, dict]:
    """`kind`, `format` and the list's filters, nothing else."""
    unknown = body.keys() - FILTERS - {"kind", "format"}
    if unknown:
        raise ValidationFailed("Unknown fields.", {k: "unknown field" for k in sorted(unknown)})
    filters = {k: v for k, v in body.items() if k in FILTERS}
    if isinstance(filters.get("mine"), bool):
        filters["mine"] = "1" if filters["mine"] else ""
    for key, value in filters.items():
        if (value is not None and not isinstance(value, str | int)) or isinstance(value, bool):
            raise ValidationFailed("Filters are strings or numbers.", {key: "invalid"})
    return str(body.get("kind") or ""), str(body.get("format") or ""), filters


def job_body(job) -> dict:
    body = status_body(job)
    if export_jobs.downloadable(job, utc_now()):
        body["download_url"] = url_for("api.export_file", export_id=job.id)
    return body


@bp.post("/exports")
@token_required
def create_export():
    kind, fmt, filters = export_body(json_body())
    try:
        job = start(Actor(g.api_user, request.remote_addr), kind, fmt, filters)
    except LookupError as exc:
        raise NotFound from exc
    return jsonify(job_body(job)), 202


@bp.get("/exports/<id:export_id>")
@token_required
def export_status(export_id: int):
    try:
        job = export_jobs.job_of(g.api_user, export_id)
    except LookupError as exc:
        raise NotFound from exc
    return jsonify(job_body(job))


@bp.get("/exports/<id:export_id>/file")
@token_required
def export_file(export_id: int):
    """Once, like the web page's link."""
    try:
        job, content = export_jobs.take_file(g.api_user, export_id, utc_now())
    except LookupError as exc:
        raise NotFound from exc
    disposition = f'attachment; filename="{job.filename}"'
    headers = {"Content-Type": MIMETYPES[job.format], "Content-Disposition": disposition,
               "Cache-Control": "no-store"}  # fmt: skip
    return content, 200, headers
