"""Sign-in sessions and the HTTP security headers every response carries."""

from datetime import UTC, datetime

from flask import Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, logout_user

from caseflow.extensions import db
from caseflow.models import User

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    app.before_request(refuse_nul_characters)
    app.before_request(end_idle_session)
    app.after_request(add_security_headers)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def refuse_nul_characters():
    """No text in Caseflow holds a NUL character, and PostgreSQL cannot store one: refuse the
    request at the door (400) rather than fail deep inside a query."""
    parts = [request.path, *request.args.values(), *request.form.values()]
    if any(_has_nul(part) for part in parts) or (
        request.is_json and _has_nul(request.get_json(silent=True))
    ):
        abort(400, "Text may not contain NUL characters.")


def load_user(user_id: str) -> User | None:
    """The cookie carries id and session token: a rotated token signs the user out everywhere."""
    ident, _, token = user_id.partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def end_idle_session():
    """Sign out after the idle timeout, saying why, instead of silently failing the next form."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    now = datetime.now(UTC).timestamp()
    limit = current_app.config["IDLE_TIMEOUT"]
    last_seen = session.get("last_seen")
    if last_seen is not None and now - last_seen > limit.total_seconds():
        logout_user()
        session.clear()
        minutes = int(limit.total_seconds() // 60)
        flash(
            _l(
                "Your session expired after %(minutes)d minutes without activity. "
                "Please sign in again.",
                minutes=minutes,
            ),
            "warning",
        )
        return redirect(url_for("auth.login"))
    session["last_seen"] = now
    return None


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if current_user.is_authenticated:
        response.headers.setdefault("Cache-Control", "no-store")
    return response
