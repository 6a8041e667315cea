"""Cases, their timeline and steps, and referral answers, over the same services as the pages."""

from flask import g, request
from sqlalchemy import select

from caseflow.api import NotFound, api
from caseflow.api.schemas import (
    AssignmentIn,
    CaseCreated,
    CaseIn,
    CaseListQuery,
    CaseOut,
    DeclineIn,
    EventIn,
    EventOut,
    PackQuery,
    Paged,
    PageQuery,
    PossibleDuplicateOut,
    PossibleDuplicates,
    ReferralIn,
    ReferralOut,
)
from caseflow.api.serialize import case_out, event_out, paged, referral_out
from caseflow.domain.events import EventType
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.http.pagination import paginate
from caseflow.http.responses import pdf_response
from caseflow.models import Case, CaseEvent, Referral
from caseflow.permissions import can_see_referral
from caseflow.services import audit, case_search, cases, duplicates, packs, referrals
from caseflow.services.audit import Actor, ReadKind
from caseflow.services.cases import CASE_BODY_LOADING, CaseInput, ConcernInput
from caseflow.services.timeline import timeline_cases

NOT_FOUND = (404,)


def actor() -> Actor:
    return Actor(g.api_user, request.remote_addr)


def visible_case(case_id: int, version: int | None = None) -> Case:
    try:
        return cases.load_case_for(g.api_user, case_id, version)
    except LookupError as exc:
        raise NotFound from exc


def case_input(body: CaseIn) -> CaseInput:
    child, source, caregiver = body.child, body.source, body.caregiver
    return CaseInput(
        given_name=child.given_name,
        family_name=child.family_name,
        sex=child.sex,
        state_code=child.state,
        district=child.district,
        date_of_birth=child.date_of_birth,
        age_estimate=child.age_estimate,
        home_language=child.home_language,
        identity_number=child.identity_number,
        risk_level=body.risk_level,
        source_type=source.type,
        source_facility_id=source.facility_id,
        reported_at=source.reported_at,
        concerns=[ConcernInput(c.form, c.online, tuple(c.platforms)) for c in body.concerns],
        caregiver_name=caregiver.name if caregiver else None,
        caregiver_phone=caregiver.phone if caregiver else None,
        caregiver_relationship=caregiver.relationship if caregiver else None,
        soca_sections=tuple(body.soca_sections),
        penal_code_sections=tuple(body.penal_code_sections),
        narrative=body.narrative,
    )


@api(
    "post",
    "/cases",
    "Register a case",
    status=201,
    body=CaseIn,
    response=CaseCreated,
    errors=(403, 422),
)
def create_case(body: CaseIn):
    """201 with the possible duplicates the caller may see (API.md); never any other."""
    done = cases.register(actor(), case_input(body), utc_now())
    case = done.case
    return CaseCreated(
        id=case.id,
        reference=case.reference,
        version=case.version,
        possible_duplicates=[duplicate_out(f) for f in done.possible_duplicates],
    )


def duplicate_out(found: duplicates.Found) -> PossibleDuplicateOut:
    return PossibleDuplicateOut(
        id=found.case.id,
        reference=found.case.reference,
        score=found.match.score,
        reasons=list(found.match.reasons),
    )


@api(
    "get",
    "/cases/<id:case_id>/possible-duplicates",
    "Possible duplicates inside the caller's circle: id, reference, score, reasons",
    response=PossibleDuplicates,
    errors=(404,),
)
def possible_duplicates(case_id: int):
    case = visible_case(case_id)
    found = duplicates.visible_duplicates(g.api_user, case)
    cases.record_view(actor(), case, utc_now(), "possible_duplicates_viewed")
    return PossibleDuplicates(items=[duplicate_out(f) for f in found])


@api(
    "get",
    "/cases",
    "Search the cases this user may see",
    query=CaseListQuery,
    response=Paged[CaseOut],
    errors=(422,),
)
def list_cases(query: CaseListQuery):
    criteria = case_search.CaseFilter(
        q=query.q, status=query.status or case_search.ANY, state=query.state, owner_id=query.owner
    )
    stmt = case_search.search(g.api_user, criteria).options(*CASE_BODY_LOADING)
    total = case_search.total(g.api_user, criteria)
    page = paginate(stmt, query.page, query.per_page, total)
    kind = ReadKind.SEARCH if query.q else ReadKind.LIST
    audit.record_read(actor(), kind, [c.id for c in page.items], utc_now(), page=page.page)
    return paged(page, case_out)


@api(
    "get",
    "/cases/<id:case_id>",
    "A case as this user may see it",
    response=CaseOut,
    errors=NOT_FOUND,
)
def get_case(case_id: int):
    case = visible_case(case_id)
    cases.record_view(actor(), case, utc_now())
    return case_out(case)


@api(
    "get",
    "/cases/<id:case_id>/timeline",
    "The case's events, oldest first",
    query=PageQuery,
    response=Paged[EventOut],
    errors=(404, 422),
)
def timeline(case_id: int, query: PageQuery):
    case = visible_case(case_id)
    stmt = select(CaseEvent).where(CaseEvent.case_id.in_(timeline_cases(case.id)))
    stmt = stmt.order_by(CaseEvent.at, CaseEvent.id)
    page = paginate(stmt, query.page, query.per_page)
    audit.record_read(actor(), ReadKind.TIMELINE, [case.id], utc_now(), page=page.page)
    return paged(page, event_out)


@api(
    "post",
    "/cases/<id:case_id>/events",
    "Record a step",
    status=201,
    body=EventIn,
    response=CaseOut,
    errors=(403, 404, 409, 422),
)
def record_event(case_id: int, body: EventIn):
    step = body.root
    case = visible_case(case_id, step.version)
    data = step.model_dump(mode="json", exclude={"type", "at", "version"}, exclude_none=True)
    cases.record_event(actor(), case, EventType(step.type), step.at, data, utc_now())
    return case_out(case)


@api(
    "post",
    "/cases/<id:case_id>/referrals",
    "Refer the case to another facility",
    status=201,
    body=ReferralIn,
    response=ReferralOut,
    errors=(403, 404, 409, 422),
)
def refer(case_id: int, body: ReferralIn):
    case = visible_case(case_id, body.version)
    referral = referrals.refer(
        actor(), case, body.to_facility_id, body.reason, body.urgency, utc_now()
    )
    return referral_out(referral)


def visible_referral(referral_id: int) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None or not can_see_referral(g.api_user, referral):
        raise NotFound
    return referral


ANSWER_ERRORS = (403, 404, 409, 422)


@api(
    "post",
    "/referrals/<id:referral_id>/acknowledge",
    "The receiver acknowledges",
    response=ReferralOut,
    errors=ANSWER_ERRORS,
)
def acknowledge(referral_id: int):
    return referral_out(referrals.acknowledge(actor(), visible_referral(referral_id), utc_now()))


@api(
    "post",
    "/referrals/<id:referral_id>/accept",
    "The receiver accepts the case",
    response=ReferralOut,
    errors=ANSWER_ERRORS,
)
def accept(referral_id: int):
    return referral_out(referrals.accept(actor(), visible_referral(referral_id), utc_now()))


@api(
    "post",
    "/referrals/<id:referral_id>/decline",
    "The receiver declines, with a reason",
    body=DeclineIn,
    response=ReferralOut,
    errors=ANSWER_ERRORS,
)
def decline(referral_id: int, body: DeclineIn):
    referral = visible_referral(referral_id)
    return referral_out(referrals.decline(actor(), referral, body.reason, utc_now()))


@api(
    "post",
    "/cases/<id:case_id>/assignment",
    "Assign the owning protector",
    body=AssignmentIn,
    response=CaseOut,
    errors=(403, 404, 409, 422),
)
def assign(case_id: int, body: AssignmentIn):
    case = visible_case(case_id, body.version)
    cases.assign_officer(actor(), case, body.officer_id, utc_now())
    return case_out(case)


@api(
    "get",
    "/cases/<id:case_id>/information-pack",
    "Issue the child's or caregiver's information pack (recorded on the timeline)",
    query=PackQuery,
    media="application/pdf",
    errors=(403, 404, 409, 422),
)
def information_pack(case_id: int, query: PackQuery):
    """The PDF for the child or caregiver, recorded on the timeline as issued (API.md)."""
    case = visible_case(case_id)
    version = query.version.value if query.version else None
    lang = query.lang.value if query.lang else None
    return pdf_response(packs.issue_pack(actor(), case, version, lang, utc_now()))
