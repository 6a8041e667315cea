"""Small pieces every view needs: who is acting, what time it is, one page of a list."""

from dataclasses import dataclass
from datetime import UTC, datetime
from math import ceil
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app, request, url_for
from flask_login import current_user
from sqlalchemy import Select, func, select

from caseflow.extensions import db
from caseflow.services.audit import Actor


def current_actor() -> Actor:
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return Actor(user, request.remote_addr)


def utc_now() -> datetime:
    return datetime.now(UTC)


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
QUERY_PARAMS = ("q", "status", "state", "mine", "type", "role", "sort", "scope", "unread",
                "from", "to", "group", "facility_id", "officer", "metric", "rows", "columns",
                "page")  # fmt: skip


def query_args(**overrides) -> dict[str, str]:
    """This request's known query parameters, for building links to the same list."""
    kept = {k: request.args[k] for k in QUERY_PARAMS if k in request.args and k not in overrides}
    return {**kept, **overrides}


MAX_PAGE = 10**6  # far past any real list, small enough that OFFSET never overflows


@dataclass(slots=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))


def paginate(stmt: Select, page: int | None = None, per_page: int | None = None) -> Page:
    per_page = per_page or current_app.config["PAGE_SIZE"]
    page = min(max(1, page or request.args.get("page", 1, type=int) or 1), MAX_PAGE)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    items = list(db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)))
    return Page(items, page, per_page, total)


MALAYSIA = ZoneInfo("Asia/Kuala_Lumpur")


def local_to_utc(moment: datetime) -> datetime:
    """A time typed into a form is Malaysia time; Caseflow stores UTC."""
    return moment.replace(tzinfo=MALAYSIA).astimezone(UTC)


def local_now_for_input() -> datetime:
    """Now in Malaysia time, as a datetime-local input shows it."""
    return datetime.now(MALAYSIA).replace(tzinfo=None, second=0, microsecond=0)
