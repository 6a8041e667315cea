"""One page of a list, the same way for the pages and the API.

A page past the last one is empty (with the real total), never an error: a list that shrank
while someone paged through it should not break their next click.
"""

from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select, func, select

from caseflow.extensions import db
from caseflow.models.base import written

MAX_PAGE = 10**6  # far past any real list, small enough that OFFSET never overflows
MAX_PER_PAGE = 200


@dataclass(slots=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))


def paginate(stmt: Select, page: int, per_page: int, total: int | None = None) -> Page:
    """Flask-SQLAlchemy's paginate, with the page clamped into range instead of a 404, and the
    page's size and offset written into the statement (see `written`).

    `total`, when the caller can count faster than a count of `stmt` (case_search.total).
    """
    page = min(max(1, page), MAX_PAGE)
    per_page = min(max(1, per_page), MAX_PER_PAGE)
    window = stmt.limit(written(per_page)).offset(written((page - 1) * per_page))
    items = list(db.session.scalars(window).unique())
    if total is None:
        counted = select(func.count()).select_from(stmt.order_by(None).subquery())
        total = db.session.scalar(counted) or 0
    return Page(items, page, per_page, total)
