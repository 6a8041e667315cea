"""One JSON line per request, and a request id a user can quote.

The line holds the time, the request id, the user id, the route *rule* (`/cases/<id:case_id>`,
never the path with its values or query string: searches carry children's names), the method,
the status and the duration. The id comes from a sane incoming `X-Request-ID` (nginx sets one)
or is made here; it goes back in the `X-Request-ID` header, on error pages and in API errors.
"""

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, request
from flask_login import AnonymousUserMixin
from sqlalchemy import inspect

logger = logging.getLogger("caseflow.requests")
#: What an id may look like: no spaces, quotes or control characters to forge a log line with.
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (gunicorn's, journald's, a test's)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def install_handler() -> None:
    if not logger.handlers:
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def request_id() -> str | None:
    return g.get("request_id")


def start() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def user_id() -> int | None:
    """The signed-in user if the request already looked them up; never a query of its own."""
    api_user = g.get("api_user")
    if api_user is not None:
        return api_user.id
    user = g.get("_login_user")
    if user is None or isinstance(user, AnonymousUserMixin):
        return None
    identity = inspect(user).identity  # the key, even when a commit expired the user's columns
    return identity[0] if identity else None


def line(status: int) -> str:
    started = g.get("request_started")
    duration = (time.perf_counter() - started) * 1000 if started is not None else None
    rule = request.url_rule.rule if request.url_rule is not None else None
    return json.dumps(
        {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "request_id": request_id(),
            "user_id": user_id(),
            "route": rule,
            "method": request.method,
            "status": status,
            "duration_ms": round(duration, 1) if duration is not None else None,
        }
    )


def finish(response):
    if request_id():
        response.headers["X-Request-ID"] = request_id()
    logger.info(line(response.status_code))
    return response


def init_app(app: Flask) -> None:
    """Registered before every other hook, so a request refused early is timed and logged."""
    install_handler()
    app.before_request_funcs.setdefault(None, []).insert(0, start)
    app.after_request(finish)
