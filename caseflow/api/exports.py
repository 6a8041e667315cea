"""Exports as jobs (API.md): POST queues one, GET follows it, the file is fetched once."""

from flask import Response, g, request, url_for

from caseflow.api import NotFound, api
from caseflow.api.schemas import ExportIn, ExportOut
from caseflow.http import utc_now
from caseflow.http.exports import MIMETYPES, start, status_body
from caseflow.services import export_jobs
from caseflow.services.audit import Actor


def export_out(job) -> ExportOut:
    body = status_body(job)
    if export_jobs.downloadable(job, utc_now()):
        body["download_url"] = url_for("api.export_file", export_id=job.id)
    return ExportOut(**body)


@api(
    "post",
    "/exports",
    "Start an export job: kind, format and the list's filters",
    status=202,
    body=ExportIn,
    response=ExportOut,
    errors=(404,),
)
def create_export(body: ExportIn):
    filters = body.model_dump(exclude={"kind", "format"}, exclude_none=True)
    if "mine" in filters:
        filters["mine"] = "1" if filters["mine"] else ""
    try:
        job = start(Actor(g.api_user, request.remote_addr), body.kind, body.format, filters)
    except LookupError as exc:
        raise NotFound from exc
    return export_out(job)


@api(
    "get",
    "/exports/<id:export_id>",
    "An export job's status and progress; 404 to anyone but its requester",
    response=ExportOut,
    errors=(404,),
)
def export_status(export_id: int):
    try:
        return export_out(export_jobs.job_of(g.api_user, export_id))
    except LookupError as exc:
        raise NotFound from exc


@api(
    "get",
    "/exports/<id:export_id>/file",
    "The export's file, once, like the web page's link",
    media=",".join(MIMETYPES.values()),
    errors=(404,),
)
def export_file(export_id: int):
    try:
        job, content = export_jobs.take_file(g.api_user, export_id, utc_now())
    except LookupError as exc:
        raise NotFound from exc
    return Response(
        content,
        mimetype=MIMETYPES[job.format],
        headers={
            "Content-Disposition": f'attachment; filename="{job.filename}"',
            "Cache-Control": "no-store",
        },
    )
