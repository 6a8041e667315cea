"""The sign-in rules both doors apply (pages and API tokens), read from the configuration."""

from flask import current_app

from caseflow.services.sign_in import LockoutPolicy


def lockout_policy() -> LockoutPolicy:
    config = current_app.config
    return LockoutPolicy(
        max_failures=config["LOGIN_MAX_FAILURES"],
        window=config["LOGIN_FAILURE_WINDOW"],
        duration=config["LOCKOUT_DURATION"],
        per_username=config["LOGIN_PER_USERNAME_PER_MINUTE"],
        per_address=config["LOGIN_PER_ADDRESS_PER_MINUTE"],
    )
