"""Issuing an information pack: the case's facts gathered, the PDF printed, the issue recorded.

A pack is issued, not just downloaded: who gave which version in which language is a timeline
event and an audit record, written in one transaction after the PDF printed without error.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from caseflow.domain import workflow
from caseflow.domain.cases import age_in_years
from caseflow.domain.clocks import local_date
from caseflow.domain.events import NEXT_HEARING_EVENTS, EventType
from caseflow.domain.facilities import FacilityType
from caseflow.domain.ids import parse_id
from caseflow.domain.packs import (
    Contact,
    CourtDate,
    PackFacts,
    PackLanguage,
    PackVersion,
    compose,
    default_language,
    default_version,
)
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, CaseEvent, Facility, User
from caseflow.packs.content import pack_text
from caseflow.packs.pdf import render
from caseflow.permissions import party_of
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import StepRefused, ValidationFailed
from caseflow.services.steps import acting_user, commit_or_conflict
from caseflow.services.timeline import write_event


@dataclass(frozen=True)
class IssuedPack:
    pdf: bytes
    version: PackVersion
    language: PackLanguage
    filename: str


def choose(case: Case, version: str | None, language: str | None, today: date):
    """The asked-for version and language, or the defaults from the child's age and home."""
    errors = {}
    try:
        chosen_version = PackVersion(version) if version else None
    except ValueError:
        errors["version"] = _l("Choose child, teen, caregiver or easy_read.")
    try:
        chosen_language = PackLanguage(language) if language else None
    except ValueError:
        errors["lang"] = _l("Choose ms, en, zh or ta.")
    if errors:
        raise ValidationFailed(_l("There is no such information pack."), errors)
    age = age_in_years(case.date_of_birth, case.age_estimate, today)
    return (
        chosen_version or default_version(age),
        chosen_language or default_language(case.home_language),
    )


def _contact(user: User) -> Contact:
    return Contact(user.display_name, user.facility.name, user.phone or user.facility.phone or "")


def gather_facts(case: Case, issuer: User, now: datetime) -> PackFacts:
    """Everything the pack merges, read from the case and its timeline (newest first)."""
    today = local_date(now)
    events = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.at.desc())
    ).all()
    people = [case.owner_officer] if case.owner_officer else []
    for event in events:
        if event.type is EventType.OFFICER_ASSIGNED:
            people.append(db.session.get(User, event.data["officer_id"]))
        elif event.type in (EventType.REFERRAL_ACCEPTED, EventType.POLICE_REPORT_LODGED):
            people.append(event.user)
    protector = next((p for p in people if p and p.role is Role.PROTECTOR), None)
    police = next((p for p in people if p and p.role is Role.POLICE_OFFICER), None)
    return PackFacts(
        given_name=case.child_given_name,
        full_name=case.child_name,
        reference=case.reference or "",
        state=case.owner_facility.state.name,
        issued_on=today,
        issued_by=Contact(issuer.display_name, issuer.facility.name),
        protector=_contact(protector) if protector else None,
        investigating_officer=_contact(police) if police else None,
        oscc=_oscc(case, events),
        next_court=_next_court(events, today),
        charged_at_special_court=_charged_at_special_court(events),
    )


def _oscc(case: Case, events: list[CaseEvent]) -> Contact | None:
    for event in events:
        if event.facility.type is FacilityType.OSCC and event.type in (
            EventType.MEDICAL_ASSESSMENT,
            EventType.REFERRAL_ACCEPTED,
        ):
            return Contact(event.facility.name, event.facility.name, event.facility.phone or "")
    return None


def _charged_at_special_court(events: list[CaseEvent]) -> bool:
    """The latest charge's court: special-court lines print only for a case really there."""
    court_id = next(
        (e.data["court_id"] for e in events if e.type is EventType.CHARGE_REGISTERED), None
    )
    court = db.session.get(Facility, parse_id(court_id)) if court_id is not None else None
    return bool(court and court.special)


def _next_court(events: list[CaseEvent], today: date) -> CourtDate | None:
    court_id = next(
        (e.data["court_id"] for e in events if e.type is EventType.CHARGE_REGISTERED), None
    )
    for event in events:
        sits_on = event.data.get("next_hearing_on") if event.type in NEXT_HEARING_EVENTS else None
        if sits_on and date.fromisoformat(sits_on) >= today and court_id is not None:
            court = db.session.get(Facility, parse_id(court_id))
            return CourtDate(date.fromisoformat(sits_on), court.name, court.special)
    return None


def issue_pack(
    actor: Actor, case: Case, version: str | None, language: str | None, now: datetime
) -> IssuedPack:
    user = acting_user(actor)
    if not party_of(user).handles_cases:
        raise StepRefused(workflow.Refusal.ROLE_MAY_NOT)
    chosen_version, chosen_language = choose(case, version, language, local_date(now))
    facts = gather_facts(case, user, now)
    text = pack_text(chosen_version, chosen_language)
    pdf = render(text, compose(text, facts), facts.reference, user.facility.name)
    write_event(
        case,
        EventType.PACK_ISSUED,
        user,
        now,
        now,
        version=chosen_version.value,
        language=chosen_language.value,
    )
    audit.record(
        actor,
        "pack_issued",
        now,
        object_type="case",
        object_id=case.id,
        version=chosen_version.value,
        language=chosen_language.value,
    )
    commit_or_conflict()
    filename = f"{facts.reference or case.id}-{chosen_version.value}-{chosen_language.value}.pdf"
    return IssuedPack(pdf, chosen_version, chosen_language, filename)
