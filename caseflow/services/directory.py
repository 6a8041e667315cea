"""Loading the reference directory, keeping facilities up to date, and the directory's places
that every case page offers (kept in the cache: it changes a few times a year)."""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, select

from caseflow import reference
from caseflow.domain.facilities import FacilityType, may_be_special, may_have_default_oscc
from caseflow.domain.geography import STATES
from caseflow.domain.workflow import RECEIVING_TYPES
from caseflow.extensions import cache, db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import District, Facility, State
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed


def load_directory(actor: Actor, now: datetime) -> dict[str, int]:
    """Insert what is missing from the reference directory; leave administrators' edits alone."""
    added = {"states": 0, "districts": 0, "facilities": 0}
    for state in STATES:
        if db.session.get(State, state.code) is None:
            db.session.add(State(code=state.code, iso=state.iso, name=state.name))
            added["states"] += 1
    db.session.flush()
    existing = {(d.state_code, d.name): d for d in db.session.scalars(select(District))}
    for state_code, names in reference.districts().items():
        for name in names:
            if (state_code, name) not in existing:
                existing[(state_code, name)] = District(state_code=state_code, name=name)
                db.session.add(existing[(state_code, name)])
                added["districts"] += 1
    db.session.flush()
    by_code = {f.code: f for f in db.session.scalars(select(Facility))}
    for spec in reference.facility_specs():
        if spec.code in by_code:
            continue
        district = existing.get((spec.state, spec.district)) if spec.district else None
        oscc = by_code.get(spec.default_oscc_code) if spec.default_oscc_code else None
        facility = Facility(
            code=spec.code,
            type=spec.type,
            name=spec.name,
            state_code=spec.state,
            district=district,
            default_oscc=oscc,
            special=spec.special,
            phone=spec.phone,
        )
        db.session.add(facility)
        by_code[spec.code] = facility
        added["facilities"] += 1
    audit.record(actor, "directory_loaded", now, **added)
    db.session.commit()
    cache.delete_memoized(places)
    return added


@dataclass(slots=True)
class FacilityDetails:
    code: str
    name: str
    type: FacilityType
    state_code: str
    district_id: int | None = None
    default_oscc_id: int | None = None
    special: bool = False
    phone: str | None = None
    active: bool = True


def create_facility(actor: Actor, details: FacilityDetails, now: datetime) -> Facility:
    if db.session.scalar(select(Facility).where(Facility.code == details.code)) is not None:
        raise ValidationFailed(_l("That code is taken."), {"code": _l("That code is taken.")})
    facility = Facility(code=details.code)
    _apply(facility, details)
    db.session.add(facility)
    db.session.flush()
    audit.record(actor, "facility_created", now, object_type="facility", object_id=facility.id)
    db.session.commit()
    cache.delete_memoized(places)
    return facility


def update_facility(
    actor: Actor, facility: Facility, details: FacilityDetails, now: datetime
) -> Facility:
    other = db.session.scalar(select(Facility).where(Facility.code == details.code))
    if other is not None and other.id != facility.id:
        raise ValidationFailed(_l("That code is taken."), {"code": _l("That code is taken.")})
    facility.code = details.code
    _apply(facility, details)
    audit.record(actor, "facility_updated", now, object_type="facility", object_id=facility.id)
    db.session.commit()
    cache.delete_memoized(places)
    return facility


def _apply(facility: Facility, details: FacilityDetails) -> None:
    errors: dict[str, str] = {}
    if db.session.get(State, details.state_code) is None:
        errors["state_code"] = _l("Choose a state.")
    district = db.session.get(District, details.district_id) if details.district_id else None
    if district is not None and district.state_code != details.state_code:
        errors["district_id"] = _l("That district is in another state.")
    oscc = db.session.get(Facility, details.default_oscc_id) if details.default_oscc_id else None
    if oscc is not None and not may_have_default_oscc(details.type):
        errors["default_oscc_id"] = _l("Only a clinic refers to a default OSCC.")
    elif oscc is not None and oscc.type is not FacilityType.OSCC:
        errors["default_oscc_id"] = _l("Choose a One-Stop Crisis Centre.")
    if details.special and not may_be_special(details.type):
        errors["special"] = _l("Only a court can be a special court.")
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)
    facility.name = details.name.strip()
    facility.type = details.type
    facility.state_code = details.state_code
    facility.district = district
    facility.default_oscc = oscc
    facility.special = details.special
    facility.phone = details.phone or None
    facility.active = details.active


class Place(NamedTuple):
    """What a page's choices read of a facility (`usual_receivers` takes any object with these),
    and what a court's disposal target is worked out from (`code`, `special`)."""

    id: int
    type: FacilityType
    name: str
    code: str
    state_code: str
    district_id: int | None
    active: bool
    special: bool
    state_name: str


@cache.memoize()
def places(receivers: bool, courts: bool, home_state: str) -> list[Place]:
    """The referral receivers and the courts, the home state's first: every case page offers
    them, a query of 160 rows each time, for a directory that changes a few times a year. Kept
    in the cache until a change above forgets it (the referral service still checks that the
    receiver chosen is active)."""
    types = (list(RECEIVING_TYPES) if receivers else []) + ([FacilityType.COURT] if courts else [])
    rows = db.session.execute(_places_statement(tuple(types)), {"home": home_state})
    return [Place._make(row) for row in rows]


def _places_statement(types: tuple[FacilityType, ...]):
    columns = [getattr(Facility, name) for name in Place._fields[:-1]]
    return (
        select(*columns, State.name.label("state_name"))
        .join(State)
        .where(Facility.type.in_(types))
        .order_by(
            Facility.state_code != bindparam("home"), State.name, Facility.type, Facility.name
        )
    )
