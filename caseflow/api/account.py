"""The signed-in user's own two-factor sign-in: set up, confirm, remove."""

from flask import g, jsonify, request

from caseflow.api import bp, json_body, token_required
from caseflow.services import two_factor
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed
from caseflow.web.helpers import utc_now


def parse_otp(body: dict) -> str:
    otp = body.get("otp")
    if not isinstance(otp, str) or not otp.strip():
        raise ValidationFailed(
            "Send otp: the code from your authenticator app.", {"otp": "required"}
        )
    return otp


def _actor() -> Actor:
    return Actor(g.api_user, request.remote_addr)


@bp.post("/me/two-factor")
@token_required
def start_two_factor():
    secret = two_factor.begin(_actor(), g.api_user, utc_now())
    return jsonify({"secret": secret, "otpauth_uri": two_factor.otpauth_uri(g.api_user)}), 201


@bp.post("/me/two-factor/confirm")
@token_required
def confirm_two_factor():
    otp = parse_otp(json_body())
    codes = two_factor.confirm(_actor(), g.api_user, otp, utc_now())
    return jsonify({"recovery_codes": codes})


@bp.delete("/me/two-factor")
@token_required
def remove_two_factor():
    otp = parse_otp(json_body())
    two_factor.disable(_actor(), g.api_user, otp, utc_now())
    return "", 204
