"""The signed-in user's own two-factor sign-in: set up, confirm, remove."""

from flask import g, request

from caseflow.api import api
from caseflow.api.schemas import OtpIn, RecoveryCodesOut, TwoFactorStartOut
from caseflow.http import utc_now
from caseflow.services import two_factor
from caseflow.services.audit import Actor


def actor() -> Actor:
    return Actor(g.api_user, request.remote_addr)


@api(
    "post",
    "/me/two-factor",
    "Start two-factor sign-in: a new TOTP secret",
    status=201,
    response=TwoFactorStartOut,
    errors=(409, 422),
)
def start_two_factor():
    secret = two_factor.begin(actor(), g.api_user, utc_now())
    return TwoFactorStartOut(secret=secret, otpauth_uri=two_factor.otpauth_uri(g.api_user))


@api(
    "post",
    "/me/two-factor/confirm",
    "Confirm with a first code: the recovery codes, shown once",
    body=OtpIn,
    response=RecoveryCodesOut,
    errors=(409, 422),
)
def confirm_two_factor(body: OtpIn):
    codes = two_factor.confirm(actor(), g.api_user, body.otp, utc_now())
    return RecoveryCodesOut(recovery_codes=codes)


@api(
    "delete",
    "/me/two-factor",
    "Remove two-factor sign-in with a code",
    status=204,
    body=OtpIn,
    errors=(409, 422),
)
def remove_two_factor(body: OtpIn):
    two_factor.disable(actor(), g.api_user, body.otp, utc_now())
