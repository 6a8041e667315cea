"""Where cases wait: referrals not yet answered, referrals declined, time to the first steps,
and court cases ageing against the disposal targets, for a supervisor's facilities."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from caseflow.domain.caseload import flag_after, months_between
from caseflow.domain.clocks import MALAYSIA, local_date
from caseflow.domain.events import EventType
from caseflow.domain.ids import parse_id
from caseflow.domain.policies import disposal_target_months
from caseflow.domain.statistics import Spread, spread
from caseflow.domain.workflow import OPEN_STATUSES, ReferralStatus, Urgency
from caseflow.extensions import column_rows, db
from caseflow.models import Case, CaseEvent, District, Facility, Referral, State
from caseflow.models.base import one_of
from caseflow.services.directory import places

#: The first steps whose delay from the report the dashboard measures.
MILESTONES = (
    EventType.PROTECTOR_NOTIFIED,
    EventType.INITIAL_ASSESSMENT,
    EventType.POLICE_REPORT_LODGED,
)


@dataclass(frozen=True)
class Waiting:
    facility: str
    urgency: Urgency
    status: ReferralStatus
    count: int
    oldest: datetime


def _touching_the_facilities():
    """Referrals to or from the facilities, given as the parameter `facilities`."""
    facilities = bindparam("facilities", expanding=True)
    return or_(Referral.to_facility_id.in_(facilities), Referral.from_facility_id.in_(facilities))


def waiting_referrals(facility_ids: list[int]) -> list[Waiting]:
    """Referrals sent or acknowledged but not decided, by receiver and urgency, oldest first."""
    rows = column_rows(_waiting_statement(), {"facilities": facility_ids})
    return [Waiting(*row) for row in rows]


@lru_cache(maxsize=1)
def _waiting_statement() -> Select:
    """Built once, the facilities a parameter, as the dashboard's other statements here:
    building and keying each anew cost a millisecond or two of every dashboard."""
    return (
        select(
            Facility.name,
            Referral.urgency,
            Referral.status,
            func.count(),
            func.min(Referral.sent_at),
        )
        .join(Facility, Facility.id == Referral.to_facility_id)
        .where(
            _touching_the_facilities(),
            one_of(Referral.status, [ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED]),
        )
        .group_by(Facility.name, Referral.urgency, Referral.status)
        .order_by(func.min(Referral.sent_at))
    )


def month_began(now: datetime) -> datetime:
    today = local_date(now)
    return datetime.combine(today.replace(day=1), time(), MALAYSIA)


def declined_since(facility_ids: list[int], since: datetime) -> list[Referral]:
    values = {"facilities": facility_ids, "since": since}
    return list(db.session.scalars(_declined_statement(), values))


@lru_cache(maxsize=1)
def _declined_statement() -> Select:
    return (
        select(Referral)
        .where(
            _touching_the_facilities(),
            one_of(Referral.status, [ReferralStatus.DECLINED]),
            Referral.decided_at >= bindparam("since"),
        )
        .order_by(Referral.decided_at.desc())
        .options(
            selectinload(Referral.case),
            selectinload(Referral.from_facility),
            selectinload(Referral.to_facility),
        )
    )


@dataclass(frozen=True)
class Delay:
    state: str
    district: str
    milestone: EventType
    hours: Spread


def delays(facility_ids: list[int], since: datetime, until: datetime) -> list[Delay]:
    """Hours from the report to the first of each milestone, for cases these facilities hold
    that were reported in the period, by the child's state and district."""
    values = {"facilities": facility_ids, "since": since, "until": until}
    hours: dict[tuple[str, str, EventType], list[float]] = defaultdict(list)
    for state, district, kind, reported, first in column_rows(_delays_statement(), values):
        hours[state, district or "", kind].append(
            max(0.0, (first - reported).total_seconds() / 3600)
        )
    return [
        Delay(state, district, kind, spread(sorted(values)))
        for (state, district, kind), values in sorted(hours.items())
    ]


@lru_cache(maxsize=1)
def _delays_statement() -> Select:
    return (
        select(State.name, District.name, CaseEvent.type, Case.reported_at, func.min(CaseEvent.at))
        .join(CaseEvent, CaseEvent.case_id == Case.id)
        .join(State, State.code == Case.state_code)
        .outerjoin(District, District.id == Case.district_id)
        .where(
            Case.owner_facility_id.in_(bindparam("facilities", expanding=True)),
            one_of(CaseEvent.type, MILESTONES),
            Case.reported_at >= bindparam("since"),
            Case.reported_at < bindparam("until"),
        )
        .group_by(Case.id, State.name, District.name, CaseEvent.type, Case.reported_at)
    )


class CourtCase(NamedTuple):
    case_id: int
    reference: str
    court: str
    special: bool
    registered_on: date
    months: int
    flag: str


def court_ageing(facility_ids: list[int], today: date) -> list[CourtCase]:
    """Open cases charged in court and not yet disposed, longest waiting first. An office has
    a few hundred charges before a few courts: each court's name and target are found once."""
    charged = column_rows(_charged_statement(), {"facilities": facility_ids})
    courts = {c.id: c for c in places(receivers=False, courts=True, home_state="")}
    known: dict[object, tuple[str, bool, int | None]] = {}  # by the id as the database gave it
    latest: dict[int, CourtCase] = {}
    for case_id, reference, court_id, registered_on in charged:  # a later charge replaces
        if court_id not in known:
            known[court_id] = _court_facts(courts.get(parse_id(court_id)))
        name, special, target = known[court_id]
        registered = date.fromisoformat(registered_on)
        months = months_between(registered, today)
        latest[case_id] = CourtCase(
            case_id,
            reference or "",
            name,
            special,
            registered,
            months,
            flag_after(months, target).value,
        )
    return sorted(latest.values(), key=lambda c: (-c.months, c.reference))


def _court_facts(court) -> tuple[str, bool, int | None]:
    """A court's name, whether it is a special court, and its disposal target in months."""
    if court is None:
        return "", False, None
    target = disposal_target_months(court.code, court.name, court.special, court.state_code)
    return court.name, court.special, target


@lru_cache(maxsize=1)
def _charged_statement() -> Select:
    """The charges on the facilities' open cases not yet disposed of, oldest first. Built
    once, the facilities a parameter: building and keying it anew cost 1.5 ms a dashboard."""
    # The office's open cases as a set the charges are matched against (a hash join on
    # PostgreSQL), not a probe of the case of each charge in the country: 17 ms to 9 ms at a
    # million cases, and it grows with the office's cases rather than the country's charges.
    # A disposal is looked for beside each charge found (ix_case_events_type_case), in the
    # same statement, rather than by a second one naming every charged case.
    open_here = select(Case.id).where(
        Case.owner_facility_id.in_(bindparam("facilities", expanding=True)),
        one_of(Case.status, OPEN_STATUSES),
    )
    disposal = aliased(CaseEvent)
    disposed = (
        select(disposal.id)
        .where(
            one_of(disposal.type, [EventType.CASE_DISPOSED]), disposal.case_id == CaseEvent.case_id
        )
        .exists()
    )
    return (
        # The charge's two facts the page needs, read out of its data by the database: decoding
        # each charge's whole document took a third of the Python of court ageing.
        select(
            Case.id,
            Case.reference,
            CaseEvent.data["court_id"].as_string(),
            CaseEvent.data["registered_on"].as_string(),
        )
        .join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(
            one_of(CaseEvent.type, [EventType.CHARGE_REGISTERED]),
            CaseEvent.case_id.in_(open_here),
            ~disposed,
        )
        .order_by(CaseEvent.at)
    )
