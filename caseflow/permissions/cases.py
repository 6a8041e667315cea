"""Need-to-know access to a child's case, and how long it lasts.

A case is seen by the staff of its owning facility and their supervisors, and for a time by
others who handed it on or were asked to take it:

- a receiver from the moment it acknowledges a referral until it answers; one that declines
  loses the case at once (it keeps its referral page, with its own decline);
- a sender while its referral is open, and for SENDER_ACCESS_DAYS (30) after the receiver
  accepts; after that it sees only the referral's status and the case reference. An earlier
  owner keeps access only in this way, as the sender of the referral that moved the case;
- the police while their investigation is open: from acknowledging the referral until the
  case is closed (accepting a referral never makes the police the owner).

Everyone else is told the case does not exist (404), never "forbidden", which would reveal
that it does. The same rules hold for the supervisors of each of those facilities.
"""

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    any_,
    bindparam,
    false,
    func,
    or_,
    select,
    union_all,
)

from caseflow.domain.facilities import FacilityType
from caseflow.domain.matching import refuse_merge
from caseflow.domain.roles import Role
from caseflow.domain.workflow import CaseStatus, Party, ReferralStatus
from caseflow.extensions import db, dialect_name
from caseflow.models import Case, Facility, Referral, User
from caseflow.models.base import one_of
from caseflow.permissions.roles import Permission, has_permission

OPEN_REFERRAL = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)


def party_of(user) -> Party:
    supervises = frozenset(f.id for f in user.supervises)
    return Party(user.role, user.facility_id, supervises, user.facility.type)


def circle_facility_ids(user) -> frozenset[int]:
    """The facilities whose cases this user may see: their own and those they supervise."""
    party = party_of(user)
    if not party.handles_cases:
        return frozenset()
    return frozenset({party.facility_id}) | party.supervises


def sender_access() -> timedelta:
    return timedelta(days=current_app.config["SENDER_ACCESS_DAYS"])


def _referral_grants(ids, sender_since) -> tuple[ColumnElement[bool], ...]:
    """How a referral lets these facilities see its case: as its sender, as its receiver, and
    as the police investigating. Conditions on a referral, its receiving facility and its case.
    """
    as_sender = and_(
        Referral.from_facility_id.in_(ids),
        or_(
            one_of(Referral.status, OPEN_REFERRAL),
            and_(
                one_of(Referral.status, [ReferralStatus.ACCEPTED]),
                Referral.decided_at > sender_since,
            ),
        ),
    )
    as_receiver = and_(
        Referral.to_facility_id.in_(ids), one_of(Referral.status, [ReferralStatus.ACKNOWLEDGED])
    )
    investigating = and_(
        Referral.to_facility_id.in_(ids),
        one_of(Referral.status, [ReferralStatus.ACCEPTED]),
        one_of(Facility.type, [FacilityType.POLICE]),
        ~one_of(Case.status, [CaseStatus.CLOSED]),
    )
    return as_sender, as_receiver, investigating


def _seen_through_referrals(ids, sender_since) -> Select:
    """The ids of cases these facilities see as a sender, a receiver or the police.

    A UNION ALL of three index scans on referrals: a facility's referral history, never the
    country's cases. `ids` and `sender_since` are values or named parameters.
    """
    as_sender, as_receiver, investigating = _referral_grants(ids, sender_since)
    return union_all(
        select(Referral.case_id).where(as_sender),
        select(Referral.case_id).where(as_receiver),
        select(Referral.case_id)
        .join(Facility, Facility.id == Referral.to_facility_id)
        .join(Case, Case.id == Referral.case_id)
        .where(investigating),
    )


def _seen_through_its_referrals(ids, sender_since) -> ColumnElement[bool]:
    """The same grants, asked of each case's own referrals (ix_referrals_case_id): for a
    statement that names its cases by id. PostgreSQL plans the array of every referred case
    anew for each user (2 ms a statement at a million cases, more than the query); this it
    plans once and keeps for everyone. Only the case is taken from the enclosing statement,
    even one that joins referrals or facilities itself."""
    return (
        select(Referral.id)
        .join(Facility, Facility.id == Referral.to_facility_id)
        .where(Referral.case_id == Case.id, or_(*_referral_grants(ids, sender_since)))
        .correlate(Case)
        .exists()
    )


def visible_cases(user, now: datetime | None = None, *, by_id: bool = False) -> ColumnElement[bool]:
    """A WHERE clause: the cases in this user's circle now. The only definition of visibility.

    Two index scans OR-ed: the owning facilities' cases (ix_cases_owner_status, together with
    whatever status the caller asks for) and the few cases seen through referrals. On
    PostgreSQL the referrals' case ids are gathered once into an array (an InitPlan), so
    `id = ANY(...)` is an index condition and the planner can BitmapOr it with the owner scan;
    an `IN (subquery)` there is a filter, which made every open case in the country a
    candidate. The page's cost then grows with the office, not the country.

    `by_id`: the statement names its cases by id (one case, or a few duplicates), and each
    case's own referrals are asked instead; the same rule, tested to agree.
    """
    return or_(*visible_case_parts(user, now, by_id=by_id))


def visible_case_parts(
    user, now: datetime | None = None, *, by_id: bool = False
) -> tuple[ColumnElement[bool], ...]:
    """`visible_cases` in its two halves: the owning facilities' cases, and those seen through
    referrals. Counted apart (the second without the first), the owned half is read from an
    index alone; OR-ed, every matching case must be fetched from the table to be rechecked.
    """
    ids = circle_facility_ids(user)
    if not ids:
        return false(), false()
    since = (now or datetime.now(UTC)) - sender_access()
    return _circle_parts(ids, since, dialect_name(), by_id)


def _circle_parts(
    ids, sender_since, dialect: str, by_id: bool = False
) -> tuple[ColumnElement[bool], ...]:
    if by_id:
        seen = _seen_through_its_referrals(ids, sender_since)
    elif dialect == "postgresql":
        seen = Case.id == any_(
            func.array(_seen_through_referrals(ids, sender_since).scalar_subquery())
        )
    else:
        seen = Case.id.in_(_seen_through_referrals(ids, sender_since))
    return Case.owner_facility_id.in_(ids), seen


def visible_cases_by_parameters(dialect: str, *, by_id: bool = False) -> ColumnElement[bool]:
    """`visible_cases` with the circle and the sender's cut-off left as named parameters
    (`visibility_parameters` gives their values). A statement built on it once serves every
    user: the case page then spends nothing rebuilding and re-keying the rule each request."""
    circle = bindparam("circle", expanding=True)
    return or_(*_circle_parts(circle, bindparam("sender_since"), dialect, by_id))


def visibility_parameters(user, now: datetime | None = None) -> dict | None:
    """The values for `visible_cases_by_parameters`; None for a user who sees no case."""
    ids = circle_facility_ids(user)
    if not ids:
        return None
    return {"circle": sorted(ids), "sender_since": (now or datetime.now(UTC)) - sender_access()}


def can_view_case(user, case_id: int, now: datetime | None = None) -> bool:
    stmt = select(Case.id).where(Case.id == case_id, visible_cases(user, now, by_id=True))
    return db.session.scalar(stmt) is not None


def can_see_referral(user, referral) -> bool:
    """The referral itself (its status and the case reference) stays with both ends for good."""
    ids = circle_facility_ids(user)
    return referral.to_facility_id in ids or referral.from_facility_id in ids


def case_access_ended(user, referral) -> bool:
    """Whether this user's facility once saw the case through this referral and no longer does."""
    ids = circle_facility_ids(user)
    if referral.to_facility_id in ids:
        return referral.status is ReferralStatus.DECLINED
    return referral.status is ReferralStatus.ACCEPTED


def can_assign(user, case: Case) -> bool:
    """A supervisor of the owning JKM office gives an open case to one of its protectors."""
    return (
        user.role is Role.SUPERVISOR
        and case.owner_facility_id in party_of(user).supervises
        and case.owner_facility.type is FacilityType.JKM
        and case.status is not CaseStatus.CLOSED
    )


def assignable_officers(facility_ids) -> Select:
    """Who a case of these facilities may be given to: their active protectors, at JKM."""
    return (
        select(User)
        .join(Facility, Facility.id == User.facility_id)
        .where(
            User.facility_id.in_(list(facility_ids)),
            User.role == Role.PROTECTOR,
            User.active,
            Facility.type == FacilityType.JKM,
        )
        .order_by(User.display_name)
    )


def can_merge(user, case: Case, other: Case) -> bool:
    """Only a supervisor of both owning facilities merges two cases into one (domain rule)."""
    return (
        refuse_merge(
            party_of(user).supervises,
            user.role is Role.SUPERVISOR,
            case.owner_facility_id,
            other.owner_facility_id,
        )
        is None
    )


def can_see_access_log(user, case: Case) -> bool:
    """Who has seen this child: the owning facility's supervisors, and administrators."""
    if has_permission(user, Permission.MANAGE_USERS):
        return True
    return user.role is Role.SUPERVISOR and case.owner_facility_id in party_of(user).supervises


def break_glass_needed(user, case: Case) -> bool:
    """An administrator outside the case's circle must give a reason before opening its log."""
    return has_permission(user, Permission.MANAGE_USERS) and not can_view_case(user, case.id)
