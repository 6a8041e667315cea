"""The JSON API, version 1: a second door into the same services as the web pages (API.md)."""

from functools import wraps

from flask import Blueprint, g, jsonify, request
from werkzeug.exceptions import HTTPException

from caseflow.extensions import csrf, db
from caseflow.services import api_tokens
from caseflow.services.errors import Conflict, ServiceError, StepRefused, ValidationFailed
from caseflow.web.helpers import utc_now

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer tokens, not cookies: no cross-site forgery to guard against

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 415: "unsupported_media_type",
         422: "validation_failed", 429: "rate_limited", 500: "server_error"}  # fmt: skip


def error(status: int, message: str, fields: dict | None = None):
    body = {"code": CODES.get(status, "error"), "message": message}
    if fields:
        body["fields"] = {k: str(v) for k, v in fields.items()}
    return jsonify({"error": body}), status


class NotFound(Exception):
    """No such record, or not visible to this user: the API never tells which."""


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    return error(exc.code or 500, exc.description or exc.name)


@bp.errorhandler(NotFound)
def not_found(exc):
    return error(404, "No such record.")


@bp.errorhandler(ServiceError)
def service_error(exc: ServiceError):
    db.session.rollback()
    if isinstance(exc, ValidationFailed):
        return error(422, str(exc.message), exc.fields)
    if isinstance(exc, StepRefused):
        forbidden = exc.refusal.value in {"role_may_not", "not_your_case", "not_your_referral"}
        return error(403 if forbidden else 409, str(exc.message))
    if isinstance(exc, Conflict):
        return error(409, str(exc.message))
    return error(400, str(exc.message))


def token_required(view):
    """Authenticate by `Authorization: Bearer`; a web session cookie does not count."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        user = api_tokens.user_for(token.strip(), utc_now()) if scheme == "Bearer" else None
        if user is None:
            return error(401, "Send a valid token: Authorization: Bearer <token>.")
        g.api_user = user
        return view(*args, **kwargs)

    return wrapped


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationFailed("Send a JSON object.")
    return body


from caseflow.api import cases, clocks, dashboard, directory, exports, openapi, tokens  # noqa: E402, F401
