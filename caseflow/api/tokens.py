from flask import jsonify, request

from caseflow.api import bp, error, json_body
from caseflow.services import api_tokens
from caseflow.services.accounts import SignInOutcome
from caseflow.web.auth import lockout_policy
from caseflow.web.helpers import utc_now


@bp.post("/tokens")
def create_token():
    body = json_body()
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        return error(422, "Send username and password.", {"username": "required"})
    result, token, record = api_tokens.issue(
        username, password, request.remote_addr, utc_now(), lockout_policy()
    )
    if result.outcome is SignInOutcome.LOCKED:
        return error(429, "This account is locked after too many failed sign-ins.")
    if token is None:
        return error(401, "Wrong username or password.")
    return jsonify({"token": token, "expires_at": record.expires_at.isoformat()}), 201
