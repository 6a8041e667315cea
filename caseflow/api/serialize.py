"""Records as the API shows them: each built as its response model (api/schemas.py)."""

from datetime import datetime

from caseflow.api.schemas import (
    CaseOut,
    ChildOut,
    ClockOut,
    ConcernOut,
    EventOut,
    FacilityOut,
    MetByOut,
    NotificationOut,
    OfficerOut,
    OwnerOut,
    Paged,
    PolicyOut,
    ReferralOut,
    SourceOut,
)
from caseflow.domain.geography import STATES_BY_CODE
from caseflow.http.labels import EVENT_LABELS
from caseflow.http.pagination import Page
from caseflow.models import Case, CaseEvent, Facility, Referral


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def facility_out(f: Facility) -> FacilityOut:
    return FacilityOut(
        id=f.id,
        type=f.type.value,
        name=f.name,
        state=f.state_code,
        state_iso=STATES_BY_CODE[f.state_code].iso,
        district=f.district.name if f.district else None,
        default_oscc_id=f.default_oscc_id if f.type.value == "clinic" else None,
        special=f.special if f.type.value == "court" else None,
    )


def case_out(case: Case) -> CaseOut:
    officer = case.owner_officer
    return CaseOut(
        id=case.id,
        reference=case.reference,
        status=case.status,
        risk_level=case.risk_level,
        version=case.version,
        child=ChildOut(
            given_name=case.child_given_name,
            family_name=case.child_family_name,
            date_of_birth=case.date_of_birth,
            age_estimate=case.age_estimate,
            sex=case.sex,
            state=case.state_code,
            home_language=case.home_language,
            identity_number=case.identity_number,
        ),
        source=SourceOut(
            type=case.source_type,
            facility_id=case.source_facility_id,
            reported_at=case.reported_at.isoformat(),
        ),
        concerns=[
            ConcernOut(form=c.form, online=c.online, platforms=c.platforms) for c in case.concerns
        ],
        soca_sections=case.soca_sections,
        penal_code_sections=case.penal_code_sections,
        owner=OwnerOut(
            facility=facility_out(case.owner_facility),
            officer=OfficerOut(id=officer.id, display_name=officer.display_name)
            if officer
            else None,
        ),
        returned_to_sender=case.returned_to_sender,
        referrals=[referral_out(r) for r in case.referrals],
        merged_into=case.merged_into_id,
    )


def referral_out(r: Referral) -> ReferralOut:
    return ReferralOut(
        id=r.id,
        case_id=r.case_id,
        from_facility_id=r.from_facility_id,
        to_facility_id=r.to_facility_id,
        reason=r.reason,
        urgency=r.urgency,
        status=r.status.value,
        sent_at=r.sent_at.isoformat(),
        acknowledged_at=iso(r.acknowledged_at),
        decline_reason=r.decline_reason,
    )


def event_out(e: CaseEvent) -> EventOut:
    return EventOut(
        id=e.id,
        type=e.type.value,
        at=e.at.isoformat(),
        recorded_at=e.recorded_at.isoformat(),
        user_id=e.user_id,
        facility_id=e.facility_id,
        referral_id=e.referral_id,
        data=e.data,
    )


def clock_out(clock, now: datetime) -> ClockOut:
    from caseflow.services.clocks import status_now

    return ClockOut(
        id=clock.id,
        policy=PolicyOut(
            key=clock.policy.key,
            name=clock.policy.name,
            version=clock.policy.version,
            basis=clock.policy.basis,
            source=clock.policy.source,
            law_words=clock.policy.law_words or None,
            weekly_holidays=clock.policy.weekly_holidays,
        ),
        referral_id=clock.referral_id,
        calendar=clock.state_code,
        started_at=clock.started_at.isoformat(),
        due_at=clock.due_at.isoformat(),
        paused=clock.paused_at is not None,
        status=status_now(clock, now).value,
        met_at=iso(clock.met_at),
        met_by=met_by_out(clock.met_by) if clock.met_by else None,
    )


def met_by_out(event: CaseEvent) -> MetByOut:
    return MetByOut(
        event_id=event.id,
        type=event.type.value,
        label=str(EVENT_LABELS.get(event.type, event.type.value)),
        at=event.at.isoformat(),
        facility_id=event.facility_id,
        facility_name=event.facility.name,
    )


def notification_out(n) -> NotificationOut:
    return NotificationOut(
        id=n.id,
        kind=n.kind,
        case_id=n.case_id,
        reference=n.case.reference if n.case else None,
        clock=n.clock.policy.name if n.clock else None,
        about_facility=facility_out(n.about_facility) if n.about_facility else None,
        created_at=n.created_at.isoformat(),
        read=n.read_at is not None,
    )


def paged(page: Page, to_model) -> Paged:
    return Paged(
        items=[to_model(i) for i in page.items],
        page=page.page,
        per_page=page.per_page,
        total=page.total,
    )
