"""Responses both front doors send: JSON errors in the API's shape, and PDFs never cached."""

from flask import Response, g, json, jsonify

from caseflow.services.packs import IssuedPack
from caseflow.services.subject_access import SubjectAccessExport

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "server_error",
}


def json_error(status: int, message: str, fields: dict | None = None, code: str | None = None):
    """`{"error": {"code", "message", "fields"}}` as API.md fixes it, with the request id a
    caller can quote to the operator (it is in the logs' line for this request)."""
    body = {"code": code or ERROR_CODES.get(status, "error"), "message": message}
    if fields:
        body["fields"] = {k: str(v) for k, v in fields.items()}
    if g.get("request_id"):
        body["request_id"] = g.request_id
    return jsonify({"error": body}), status


def pdf_response(pack: IssuedPack) -> Response:
    """A child's facts are never cached by a browser or a proxy."""
    return Response(
        pack.pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{pack.filename}"',
            "Cache-Control": "no-store",
            "Content-Language": pack.language.value,
        },
    )


def record_response(done: SubjectAccessExport, fmt: str) -> Response:
    """A subject-access export as a download, never cached."""
    if fmt == "pdf":
        body, mimetype = done.pdf, "application/pdf"
    else:
        body, mimetype = json.dumps(done.record, ensure_ascii=False), "application/json"
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{done.filename}.{fmt}"',
            "Cache-Control": "no-store",
        },
    )
