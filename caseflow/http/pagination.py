"""One page of a list, the same way for the pages and the API.

A page past the last one is empty (with the real total), never an error: a list that shrank
while someone paged through it should not break their next click.
"""

from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select

from caseflow.extensions import db

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
    """Flask-SQLAlchemy's paginate, with the page clamped into range instead of a 404.

    `total`, when the caller can count faster than a count of `stmt` (case_search.total).
    """
    page = min(max(1, page), MAX_PAGE)
    per_page = min(max(1, per_page), MAX_PER_PAGE)
    counted = total is None
    result = db.paginate(stmt, page=page, per_page=per_page, error_out=False, count=counted)
    return Page(list(result.items), page, per_page, (result.total or 0) if counted else total)
