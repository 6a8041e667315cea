"""A person's waiting work, read for their home page, the due-soon queue and the navigation's
counts: referrals waiting for their facility, clocks due soon or overdue, their cases with the
clock that falls due next, and cases returned to them. Reads only; the views audit them."""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    and_,
    bindparam,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import selectinload

from caseflow.domain.clocks import ClockStatus
from caseflow.domain.roles import Role
from caseflow.domain.workflow import (
    OPEN_STATUSES,
    RECEIVING_TYPES,
    CaseStatus,
    ReferralStatus,
    Urgency,
)
from caseflow.domain.worklist import due_horizon, next_clock_by_case
from caseflow.extensions import column_rows, db
from caseflow.models import Case, Clock, Notification, Referral
from caseflow.models.base import one_of, written
from caseflow.permissions import circle_facility_ids, visible_cases
from caseflow.services.cases import CASE_ROW_LOADING

WAITING = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)
LIVE = (ClockStatus.RUNNING, ClockStatus.DUE_SOON, ClockStatus.BREACHED)


def _waiting_condition(facility_ids) -> ColumnElement[bool]:
    """Facility ids as values, or as a named parameter (`counts`)."""
    ids = facility_ids if isinstance(facility_ids, BindParameter) else list(facility_ids)
    return and_(Referral.to_facility_id.in_(ids), one_of(Referral.status, WAITING))


def waiting_referrals(user, limit: int) -> list[Referral]:
    """Referrals waiting for an answer at the user's facilities: urgent first, then oldest."""
    ids = circle_facility_ids(user)
    if not ids:
        return []
    stmt = (
        select(Referral)
        .where(_waiting_condition(ids))
        .order_by((Referral.urgency == Urgency.URGENT).desc(), Referral.sent_at, Referral.id)
        .options(selectinload(Referral.case), selectinload(Referral.from_facility))
        .limit(written(limit))
    )
    return list(db.session.scalars(stmt))


def _live_due(now, horizon=None) -> ColumnElement[bool]:
    """A clock still to be met, not paused, warning already or due by the end of tomorrow
    (`horizon`, from `now` unless given). Values, or named parameters (`counts`).

    A live status already means unmet (domain/clocks.status): asking `met_at` as well would
    send every probe of ix_clocks_live to the table for a column the index does not hold.
    """
    horizon = due_horizon(now) if horizon is None else horizon
    return and_(
        one_of(Clock.status, LIVE),
        Clock.paused_at.is_(None),
        or_(Clock.due_soon_at <= now, Clock.due_at <= horizon),
    )


def _clock_owner(user, scope: str) -> ColumnElement[bool]:
    """Whose clocks: the user's own cases (or, for `facility` and for a supervisor, every case
    of their facilities), and the referral clocks their facilities must answer."""
    held, _, answering = _clock_owner_parts(user, scope)
    return or_(held, answering)


def _clock_owner_parts(user, scope: str) -> tuple[ColumnElement[bool], ...]:
    """`_clock_owner` in halves, each served by its own index when counted apart: the held
    cases, their complement (NULL-safe), and the referral clocks the facilities answer. Who
    holds a case is read from its live clocks (they name the owner, services/clocks), so an
    office's due clocks come from ix_clocks_live_owner, not from a join of its cases to every
    live clock in the country."""
    ids = list(circle_facility_ids(user))
    if not ids:
        return false(), true(), false()
    return _owner_parts(ids, user.id, _by_facility(user, scope))


def _by_facility(user, scope: str) -> bool:
    return scope == "facility" or user.role is Role.SUPERVISOR


def _owner_parts(ids, officer_id, by_facility: bool) -> tuple[ColumnElement[bool], ...]:
    """The halves for these facilities and this officer: values, or named parameters."""
    answering = and_(Clock.referral_id.is_not(None), Clock.facility_id.in_(ids))
    if by_facility:
        held = Clock.owner_facility_id.in_(ids)
        return (
            held,
            or_(Clock.owner_facility_id.not_in(ids), Clock.owner_facility_id.is_(None)),
            answering,
        )
    mine = Clock.owner_officer_id == officer_id
    return mine, Clock.owner_officer_id.is_distinct_from(officer_id), answering


def default_scope(user) -> str:
    """A supervisor holds no case of their own: their queue is their facilities'."""
    return "facility" if user.role is Role.SUPERVISOR else "mine"


def due_clocks(user, now: datetime, scope: str = "mine") -> Select:
    """Due soon and overdue, soonest deadline first."""
    return (
        select(Clock)
        .join(Case, Clock.case_id == Case.id)
        .where(_live_due(now), _clock_owner(user, scope), Case.merged_into_id.is_(None))
        .order_by(Clock.due_at, Clock.id)
        .options(
            selectinload(Clock.case),
            selectinload(Clock.policy),
            selectinload(Clock.referral).selectinload(Referral.to_facility),  # rows name it
        )
    )


def _my_cases_condition(user, now: datetime) -> ColumnElement[bool]:
    """The police own no case: theirs are those they investigate. Others hold theirs by name."""
    if user.role is Role.POLICE_OFFICER:
        return visible_cases(user, now)
    return Case.owner_officer_id == user.id


@dataclass(frozen=True, slots=True)
class MyCases:
    cases: list[Case]
    next_clock: dict[int, Clock]
    total: int


def my_cases(user, now: datetime, limit: int) -> MyCases:
    """The user's open cases, the one whose next clock falls due first at the top."""
    condition = and_(
        _my_cases_condition(user, now),
        one_of(Case.status, OPEN_STATUSES),
        Case.merged_into_id.is_(None),
    )
    next_due = (
        select(Clock.case_id, func.min(Clock.due_at).label("due"))
        .join(Case, Clock.case_id == Case.id)
        .where(condition, one_of(Clock.status, LIVE), Clock.met_at.is_(None))
        .group_by(Clock.case_id)
        .subquery()
    )
    stmt = (
        select(Case)
        .outerjoin(next_due, next_due.c.case_id == Case.id)
        .where(condition)
        .order_by(next_due.c.due.is_(None), next_due.c.due, Case.updated_at.desc(), Case.id)
        .options(*CASE_ROW_LOADING)
        .limit(written(limit))
    )
    cases = list(db.session.scalars(stmt))
    total = db.session.scalar(select(func.count()).select_from(Case).where(condition))
    return MyCases(cases, next_clocks([c.id for c in cases]), total or 0)


def next_clocks(case_ids: list[int]) -> dict[int, Clock]:
    """Each case's clock that falls due next, in one query for them all."""
    if not case_ids:
        return {}
    stmt = (
        select(Clock)
        .where(Clock.case_id.in_(case_ids), one_of(Clock.status, LIVE), Clock.met_at.is_(None))
        .options(selectinload(Clock.policy))
        .order_by(Clock.due_at, Clock.id)
    )
    return next_clock_by_case(db.session.scalars(stmt))


@dataclass(frozen=True, slots=True)
class Returned:
    case: Case
    referral: Referral | None  # the decline that sent it back, if it is still on record


def returned_cases(user, limit: int) -> list[Returned]:
    """Cases of the user's facilities whose referral was declined: back with them, flagged."""
    ids = list(circle_facility_ids(user))
    if not ids:
        return []
    cases = list(
        db.session.scalars(
            select(Case)
            .where(
                Case.owner_facility_id.in_(ids),
                Case.returned_to_sender,
                ~one_of(Case.status, [CaseStatus.CLOSED]),
                Case.merged_into_id.is_(None),
            )
            .order_by(Case.updated_at.desc(), Case.id)
            .limit(written(limit))
        )
    )
    declines = db.session.scalars(
        select(Referral)
        .where(
            Referral.case_id.in_([c.id for c in cases]),
            one_of(Referral.status, [ReferralStatus.DECLINED]),
        )
        .options(selectinload(Referral.to_facility))
        .order_by(Referral.decided_at)
    )
    latest = {r.case_id: r for r in declines}
    return [Returned(case, latest.get(case.id)) for case in cases]


def awaiting_assignment(user, limit: int) -> list[Case]:
    """A supervisor's accepted cases that still have no protector."""
    ids = [f.id for f in user.supervises]
    if user.role is not Role.SUPERVISOR or not ids:
        return []
    stmt = (
        select(Case)
        .where(
            Case.owner_facility_id.in_(ids),
            one_of(Case.status, [CaseStatus.AWAITING_ASSIGNMENT]),
            Case.merged_into_id.is_(None),
        )
        .order_by(Case.updated_at, Case.id)
        .options(*CASE_ROW_LOADING)
        .limit(written(limit))
    )
    return list(db.session.scalars(stmt))


@dataclass(frozen=True, slots=True)
class Counts:
    waiting: int = 0
    due: int = 0
    unread: int = 0  # notifications not yet read


def counts(user, now: datetime) -> Counts:
    """The navigation's numbers, in one statement of indexed counts: every page shows them."""
    ids = circle_facility_ids(user)
    if not ids:
        return Counts(unread=db.session.scalar(select(_unread(user.id))) or 0)
    parameters = {
        "circle": sorted(ids),
        "user_id": user.id,
        "now": now,
        "horizon": due_horizon(now),
    }
    stmt = _counts_statement(_by_facility(user, default_scope(user)))
    row = column_rows(stmt, parameters).one()
    return Counts(row[0] or 0, row[1] or 0, row[2] or 0)


def _unread(user_id) -> ColumnElement[int]:
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )


@lru_cache(maxsize=2)
def _counts_statement(by_facility: bool) -> Select:
    """Built once for each kind of holder, with the user's values as parameters: every page
    runs it, and building and keying it anew cost more than the counting."""
    circle = bindparam("circle", expanding=True)
    now, horizon = bindparam("now"), bindparam("horizon")
    waiting = (
        select(func.count())
        .select_from(Referral)
        .where(_waiting_condition(circle))
        .scalar_subquery()
    )
    # Counted in two halves, not with an OR: an OR of the held cases and the answering
    # facility made PostgreSQL read every live clock in the country (0.4 s at a million
    # cases); apart, the held cases lead to their clocks and the answering ones have an index.
    held, not_held, answering = _owner_parts(circle, bindparam("user_id"), by_facility)

    # Counted from the clocks alone (they name who holds their case); the few merged cases
    # are left out by id, not by reading the case of every due clock.
    merged = select(Case.id).where(Case.merged_into_id.is_not(None))

    def due_where(*condition) -> ColumnElement[int]:
        return (
            select(func.count())
            .select_from(Clock)
            .where(_live_due(now, horizon), Clock.case_id.not_in(merged), *condition)
            .scalar_subquery()
        )

    # A clock of a held case that the facility also answers is counted once, with the held.
    due = due_where(held) + due_where(answering, not_held)
    return select(waiting, due, _unread(bindparam("user_id")))


@dataclass(frozen=True, slots=True)
class Home:
    """What a home page shows first, each list cut to the page's size."""

    receives: bool  # the user's facilities take referrals (a school or helpline does not)
    holds_cases: bool  # the user holds cases by name (a supervisor does not)
    waiting: list[Referral]
    due: list[Clock]
    mine: MyCases
    returned: list[Returned]
    awaiting: list[Case]

    def case_ids(self) -> list[int]:
        """Every case the page names: its read is audited with all of them."""
        ids = [r.case_id for r in self.waiting] + [c.case_id for c in self.due]
        ids += [c.id for c in self.mine.cases] + [r.case.id for r in self.returned]
        ids += [c.id for c in self.awaiting]
        return list(dict.fromkeys(ids))


NO_CASES = MyCases([], {}, 0)


def home(user, now: datetime, limit: int) -> Home:
    """The work of a case-handling user (any officer, or a supervisor) for their home page."""
    ids = circle_facility_ids(user)
    if not ids:
        return Home(False, False, [], [], NO_CASES, [], [])
    receives = user.role is Role.SUPERVISOR or user.facility.type in RECEIVING_TYPES
    holds = user.role is not Role.SUPERVISOR and user.role is not Role.HELPLINE
    return Home(
        receives=receives,
        holds_cases=holds,
        waiting=waiting_referrals(user, limit) if receives else [],
        due=list(
            db.session.scalars(due_clocks(user, now, default_scope(user)).limit(written(limit)))
        ),
        mine=my_cases(user, now, limit) if holds else NO_CASES,
        returned=returned_cases(user, limit),
        awaiting=awaiting_assignment(user, limit),
    )
