"""What a person's home puts first: how far ahead "due soon" looks, which clock of a case comes
next, and where a facility usually sends a case. Plain rules; the queries live in services."""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from caseflow.domain.clocks import end_of_day, local_date
from caseflow.domain.facilities import FacilityType

#: A deadline this many Malaysian days ahead is shown as due soon whatever its warning share:
#: a day-1 school report due tomorrow is work for today.
LOOKAHEAD_DAYS = 1


def due_horizon(now: datetime) -> datetime:
    """The end of tomorrow, Malaysia time (as UTC): clocks due by then are shown as due soon."""
    return end_of_day(local_date(now) + timedelta(days=LOOKAHEAD_DAYS))


class _Timed(Protocol):
    case_id: int
    due_at: datetime


T = TypeVar("T", bound=_Timed)


def next_clock_by_case(clocks: Iterable[T]) -> dict[int, T]:
    """The clock of each case that falls due first (ties: the first given)."""
    first: dict[int, T] = {}
    for clock in clocks:
        kept = first.get(clock.case_id)
        if kept is None or clock.due_at < kept.due_at:
            first[clock.case_id] = clock
    return first


class _Place(Protocol):
    id: int
    type: FacilityType
    state_code: str
    district_id: int | None
    name: str


class _Sender(_Place, Protocol):
    default_oscc_id: int | None


#: Where each kind of facility usually hands a case, in order: a clinic to its OSCC (the
#: referral pathway), anyone to the Social Welfare office of its district (the protector of the
#: Child Act), and a sexual or online case to the state's D11 unit (police).
USUAL_RECEIVERS: dict[FacilityType, tuple[str, ...]] = {
    FacilityType.CLINIC: ("default_oscc", "district_jkm", "state_d11"),
    FacilityType.OSCC: ("district_jkm", "state_d11"),
    FacilityType.SCHOOL: ("district_jkm", "state_d11"),
    FacilityType.JKM: ("state_d11",),
    FacilityType.POLICE: ("district_jkm",),
    FacilityType.HELPLINE: ("district_jkm",),
}
D11_PREFIX = "D11"


def usual_receivers(
    sender: _Sender, candidates: Sequence[_Place], capital_office_name: str | None = None
) -> list[int]:
    """The ids of the receivers this facility usually refers to, first the most usual.

    `candidates` are the active facilities that may receive; `capital_office_name` names the
    JKM office of the state's capital district, taken where the sender's district has none.
    """
    found: list[int] = []
    for kind in USUAL_RECEIVERS.get(sender.type, ()):
        chosen = _find(kind, sender, candidates, capital_office_name)
        if chosen is not None and chosen != sender.id and chosen not in found:
            found.append(chosen)
    return found


def _find(
    kind: str, sender: _Sender, candidates: Sequence[_Place], capital_office_name: str | None
) -> int | None:
    ids = {c.id for c in candidates}
    if kind == "default_oscc":
        return sender.default_oscc_id if sender.default_oscc_id in ids else None
    in_state = [c for c in candidates if c.state_code == sender.state_code]
    if kind == "state_d11":
        d11 = [c for c in in_state if c.type is FacilityType.POLICE]
        d11 = [c for c in d11 if c.name.startswith(D11_PREFIX)]
        return d11[0].id if d11 else None
    offices = [c for c in in_state if c.type is FacilityType.JKM]
    same_district = [
        c for c in offices if sender.district_id and c.district_id == sender.district_id
    ]
    if same_district:
        return same_district[0].id
    capital = [c for c in offices if c.name == capital_office_name]
    return capital[0].id if capital else None
