"""Small pieces every view needs: who is acting, a safe `next`, one page of a list."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app, request, url_for
from flask_login import current_user
from sqlalchemy import Select

from caseflow.http import utc_now
from caseflow.http.pagination import Page
from caseflow.http.pagination import paginate as shared_paginate
from caseflow.services import audit
from caseflow.services.audit import Actor, ReadKind


def current_actor() -> Actor:
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return Actor(user, request.remote_addr)


def record_read(kind: ReadKind, case_ids, **detail) -> None:
    """This page showed these children's records: one audit record names them all."""
    audit.record_read(current_actor(), kind, case_ids, utc_now(), **detail)


def is_safe_local_url(target: str | None) -> bool:
    """Only follow `next` to a path on this site, never to another host.

    Browsers read a backslash as a slash and drop tabs and line breaks, so a path with any
    of them may name another host too.
    """
    if not target or not isinstance(target, str):
        return False
    if any(ch in target for ch in "\\\t\r\n") or not target.startswith("/"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not target.startswith("//")


def safe_next(target: str | None, default_endpoint: str = "home.index", **values) -> str:
    """The one check every `next` goes through: the target if it stays here, else a default."""
    return target if is_safe_local_url(target) else url_for(default_endpoint, **values)


#: The query parameters list pages read. Links carry these on and nothing else: a name like
#: `fmt` or `_method` handed to url_for would clash with its own arguments (a 500).
QUERY_PARAMS = (
    *("q", "status", "state", "mine", "type", "role", "sort", "scope", "unread", "from", "to"),
    *("group", "facility_id", "officer", "metric", "rows", "columns", "page", "search"),
    *("action", "user"),
)


def query_args(**overrides) -> dict[str, str]:
    """This request's known query parameters, for building links to the same list."""
    kept = {k: request.args[k] for k in QUERY_PARAMS if k in request.args and k not in overrides}
    return {**kept, **overrides}


def paginate(stmt: Select, total: int | None = None) -> Page:
    """One page of a list, its number from the query string (the shared pagination rule)."""
    page = request.args.get("page", 1, type=int) or 1
    return shared_paginate(stmt, page, current_app.config["PAGE_SIZE"], total)


MALAYSIA = ZoneInfo("Asia/Kuala_Lumpur")


def local_to_utc(moment: datetime) -> datetime:
    """A time typed into a form is Malaysia time; Caseflow stores UTC."""
    return moment.replace(tzinfo=MALAYSIA).astimezone(UTC)


def local_now_for_input() -> datetime:
    """Now in Malaysia time, as a datetime-local input shows it."""
    return datetime.now(MALAYSIA).replace(tzinfo=None, second=0, microsecond=0)
