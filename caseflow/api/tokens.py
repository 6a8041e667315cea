"""Tokens: issue one for a username, password and (when enrolled) a second factor; revoke it."""

from flask import g, request

from caseflow.api import api
from caseflow.api.schemas import TokenIn, TokenOut
from caseflow.http import utc_now
from caseflow.http.responses import json_error
from caseflow.http.sign_in import lockout_policy
from caseflow.security import needs_two_factor
from caseflow.services import api_tokens
from caseflow.services.audit import Actor
from caseflow.services.sign_in import SignInOutcome


def retry_after(answer, seconds: int):
    answer[0].headers["Retry-After"] = str(max(1, seconds))
    return answer


@api(
    "post",
    "/tokens",
    "Exchange a username, password and (when enrolled) a TOTP code for a token",
    status=201,
    body=TokenIn,
    response=TokenOut,
    errors=(401, 403, 429),
    secure=False,
)
def create_token(body: TokenIn):
    now = utc_now()
    result, token, record = api_tokens.issue(
        body.username,
        body.password,
        request.remote_addr,
        now,
        lockout_policy(),
        otp=body.otp or None,
    )
    if result.outcome is SignInOutcome.THROTTLED:
        answer = json_error(429, "Too many sign-in attempts. Wait and try again.")
        return retry_after(answer, result.retry_after)
    if result.outcome is SignInOutcome.LOCKED:
        answer = json_error(429, "This account is locked after too many failed sign-ins.")
        return retry_after(answer, int((result.locked_until - now).total_seconds()) + 1)
    if result.outcome is SignInOutcome.CODE_NEEDED:
        message = "Send the code from your authenticator app as otp."
        return json_error(401, message, {"otp": "required"}, code="otp_required")
    if result.outcome is SignInOutcome.CODE_WRONG:
        return json_error(401, "That code is not right.", {"otp": "invalid"}, code="otp_invalid")
    if token is None:
        return json_error(401, "Wrong username or password.")
    if needs_two_factor(result.user):  # their role needs it: set it up on the web first
        api_tokens.revoke(Actor(result.user, request.remote_addr), record, now)
        message = "Your role needs two-factor sign-in: set it up on the web first."
        return json_error(403, message, code="two_factor_required")
    return TokenOut(token=token, expires_at=record.expires_at.isoformat())


@api("delete", "/tokens/current", "Revoke the token in use", status=204)
def revoke_current_token():
    api_tokens.revoke(Actor(g.api_user, request.remote_addr), g.api_token, utc_now())
