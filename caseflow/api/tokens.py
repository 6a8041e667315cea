"""Exchanging a username and password for a bearer token."""

from flask import request

from caseflow.api import api
from caseflow.api.schemas import TokenIn, TokenOut
from caseflow.http import utc_now
from caseflow.http.responses import json_error
from caseflow.http.sign_in import lockout_policy
from caseflow.services import api_tokens
from caseflow.services.accounts import SignInOutcome


@api(
    "post",
    "/tokens",
    "Exchange a username and password for a token",
    status=201,
    body=TokenIn,
    response=TokenOut,
    errors=(401, 422, 429),
    secure=False,
)
def create_token(body: TokenIn):
    result, token, record = api_tokens.issue(
        body.username, body.password, request.remote_addr, utc_now(), lockout_policy()
    )
    if result.outcome is SignInOutcome.LOCKED:
        return json_error(429, "This account is locked after too many failed sign-ins.")
    if token is None:
        return json_error(401, "Wrong username or password.")
    return TokenOut(token=token, expires_at=record.expires_at.isoformat())
