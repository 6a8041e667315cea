"""The worker's side of an export: find the cases again, write the file, report progress.

Cases are read 500 at a time by id (`case_rows`), so progress can be committed between
chunks without breaking an open cursor; the audit record names every case the file holds.
"""

import io
import logging
from datetime import UTC, datetime

from caseflow.exports import Table, _write_xlsx, csv_lines
from caseflow.extensions import db
from caseflow.i18n import force_locale
from caseflow.i18n import gettext as _
from caseflow.models import ExportJob, User
from caseflow.services import export_jobs
from caseflow.services.audit import Actor
from caseflow.services.export_jobs import ExportRequest
from caseflow.services.exports import record_export

log = logging.getLogger(__name__)


def run(job_id: int) -> None:
    job = db.session.get(ExportJob, job_id)
    if job is None or job.status != "queued":
        return  # already taken by another worker, or removed
    export_jobs.set_progress(job_id, status="running", progress=0)
    try:
        with force_locale(job.locale):
            content, rows = _build(job_id)
    except Exception:
        log.exception("export job %d failed", job_id)
        db.session.rollback()
        export_jobs.set_progress(job_id, status="failed", finished_at=datetime.now(UTC))
        return
    export_jobs.set_progress(
        job_id,
        status="done",
        progress=100,
        rows=rows,
        content=content,
        finished_at=datetime.now(UTC),
    )


def _build(job_id: int) -> tuple[bytes, int]:
    from caseflow.web.cases.exports import case_columns, case_rows

    job = db.session.get(ExportJob, job_id)
    user = db.session.get(User, job.user_id)
    now = datetime.now(UTC)
    request = ExportRequest(job.kind, job.format, job.params)
    try:
        ids = export_jobs.case_ids(export_jobs.statement(user, request, now))
    except LookupError:
        ids = []  # the requester lost the right meanwhile: an empty file, not someone's data
    header = [tuple(pair) for pair in job.header]
    record_export(Actor(user, job.address), job.kind, now, dict(header), ids)

    def progress(done: int) -> None:
        export_jobs.set_progress(job_id, progress=min(99, done * 100 // len(ids)))

    table = Table(_("Cases"), header, case_columns(), case_rows(ids, progress))
    if job.format == "xlsx":
        out = io.BytesIO()
        _write_xlsx(table, out)
        return out.getvalue(), len(ids)
    return "".join(csv_lines(table)).encode("utf-8"), len(ids)
