"""Finding cases: the one query behind the case list, its exports and the API's search."""

import re
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, func, or_, select

from caseflow.domain.workflow import OPEN_STATUSES, CaseStatus
from caseflow.extensions import db
from caseflow.models import Case, SavedSearch, User
from caseflow.models.base import one_of
from caseflow.permissions import visible_case_parts, visible_cases
from caseflow.services.cases import CASE_ROW_LOADING

REFERENCE = re.compile(r"CF-\d{4}-\d{6}", re.IGNORECASE)
OPEN = "open"  # any status but closed
ANY = "all"


@dataclass(frozen=True, slots=True)
class CaseFilter:
    q: str = ""  # part of a reference or of the child's name
    status: str = OPEN  # OPEN, ANY or a CaseStatus value
    state: str = ""
    owner_id: int | None = None


def _matching(criteria: CaseFilter) -> list[ColumnElement[bool]]:
    """The criteria as WHERE clauses, visibility apart."""
    # A merged case leaves the lists; its reference still finds the case it was merged into.
    where: list[ColumnElement[bool]] = [Case.merged_into_id.is_(None)]
    if REFERENCE.fullmatch(criteria.q.strip()):
        reference = criteria.q.strip().upper()
        merged_into = select(Case.merged_into_id).where(Case.reference == reference)
        # The unique index; a merged case's reference finds the case it was merged into.
        where.append(or_(Case.reference == reference, Case.id.in_(merged_into)))
    elif criteria.q:
        like = f"%{criteria.q}%"
        where.append(
            or_(
                Case.reference.ilike(like),
                Case.child_given_name.ilike(like),
                Case.child_family_name.ilike(like),
            )
        )
    if criteria.status == OPEN:
        where.append(one_of(Case.status, OPEN_STATUSES))
    elif criteria.status in {s.value for s in CaseStatus}:
        where.append(one_of(Case.status, [CaseStatus(criteria.status)]))
    if criteria.state:
        where.append(Case.state_code == criteria.state.upper())
    if criteria.owner_id is not None:
        where.append(Case.owner_officer_id == criteria.owner_id)
    return where


def search(user: User, criteria: CaseFilter) -> Select:
    """The cases this user may see that match, most recently active first."""
    return (
        select(Case)
        .where(visible_cases(user), *_matching(criteria))
        .order_by(Case.updated_at.desc(), Case.id.desc())
        .options(*CASE_ROW_LOADING)
    )


def total(user: User, criteria: CaseFilter) -> int:
    """How many cases `search` finds, counted in the two halves of visibility.

    An office's 10,000 open cases are then counted from ix_cases_listed_owner_status alone
    (about 1 ms at a million cases, where the OR-ed count fetched each case: 30 ms).
    """
    owned, seen = visible_case_parts(user)
    matching = _matching(criteria)

    def count(*where: ColumnElement[bool]):
        return select(func.count()).select_from(Case).where(*where, *matching).scalar_subquery()

    return db.session.scalar(select(count(owned) + count(seen, ~owned))) or 0


#: How long a saved search answers its link; after that the list opens unfiltered.
SEARCH_LIFETIME = timedelta(hours=12)


def save(user: User, criteria: CaseFilter, now: datetime) -> str:
    """Keep the criteria on the server and hand back an opaque token for the URL.

    A name typed into the search box then never reaches a URL, the browser's history, the
    access log or a `next` field.
    """
    token = secrets.token_urlsafe(16)
    db.session.add(
        SavedSearch(token=token, user_id=user.id, criteria=asdict(criteria), created_at=now)
    )
    db.session.commit()
    return token


def load(user: User, token: str, now: datetime) -> CaseFilter | None:
    """The criteria behind a token, only for the user who saved them and while fresh."""
    saved = db.session.get(SavedSearch, token) if token else None
    if saved is None or saved.user_id != user.id or saved.created_at < now - SEARCH_LIFETIME:
        return None
    return CaseFilter(**saved.criteria)
