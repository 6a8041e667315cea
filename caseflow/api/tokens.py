"""Tokens: issue one for a username, password and (when enrolled) a second factor; revoke it."""

from flask import g, jsonify, request

from caseflow.api import bp, error, json_body, token_required
from caseflow.security import needs_two_factor
from caseflow.services import api_tokens
from caseflow.services.audit import Actor
from caseflow.services.sign_in import SignInOutcome
from caseflow.web.auth import lockout_policy
from caseflow.web.helpers import utc_now


def parse_credentials(body: dict) -> tuple[str, str, str | None] | None:
    username, password, otp = body.get("username"), body.get("password"), body.get("otp")
    if not isinstance(username, str) or not isinstance(password, str):
        return None
    return username, password, otp if isinstance(otp, str) and otp else None


@bp.post("/tokens")
def create_token():
    credentials = parse_credentials(json_body())
    if credentials is None:
        return error(422, "Send username and password.", {"username": "required"})
    now = utc_now()
    result, token, record = api_tokens.issue(
        *credentials[:2], request.remote_addr, now, lockout_policy(), otp=credentials[2]
    )
    if result.outcome is SignInOutcome.THROTTLED:
        answer = error(429, "Too many sign-in attempts. Wait and try again.")
        answer[0].headers["Retry-After"] = str(result.retry_after)
        return answer
    if result.outcome is SignInOutcome.LOCKED:
        answer = error(429, "This account is locked after too many failed sign-ins.")
        wait = int((result.locked_until - now).total_seconds()) + 1
        answer[0].headers["Retry-After"] = str(max(1, wait))
        return answer
    if result.outcome is SignInOutcome.CODE_NEEDED:
        return error(401, "Send the code from your authenticator app as otp.",
                     {"otp": "required"}, code="otp_required")  # fmt: skip
    if result.outcome is SignInOutcome.CODE_WRONG:
        return error(401, "That code is not right.", {"otp": "invalid"}, code="otp_invalid")
    if token is None:
        return error(401, "Wrong username or password.")
    if needs_two_factor(result.user):  # their role needs it: set it up on the web first
        api_tokens.revoke(Actor(result.user, request.remote_addr), record, now)
        return error(403, "Your role needs two-factor sign-in: set it up on the web first.",
                     code="two_factor_required")  # fmt: skip
    return jsonify({"token": token, "expires_at": record.expires_at.isoformat()}), 201


@bp.delete("/tokens/current")
@token_required
def revoke_current_token():
    api_tokens.revoke(Actor(g.api_user, request.remote_addr), g.api_token, utc_now())
    return "", 204
