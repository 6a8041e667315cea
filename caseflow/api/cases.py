"""Cases, their timeline and steps, and referral answers, over the same services as the pages."""

from flask import g, jsonify, request
from sqlalchemy import select

from caseflow.api import NotFound, bp, error, json_body, token_required
from caseflow.api.parse import Reader, case_input
from caseflow.api.serialize import case_json, event_json, page_args, paged, referral_json
from caseflow.domain.events import EventType
from caseflow.domain.ids import MAX_ID, parse_id
from caseflow.domain.workflow import CaseStatus, Urgency
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Referral
from caseflow.permissions import can_see_referral
from caseflow.services import case_search, cases, duplicates, packs, referrals
from caseflow.services.audit import Actor
from caseflow.services.cases import CASE_BODY_LOADING
from caseflow.services.errors import ValidationFailed
from caseflow.services.timeline import timeline_case_ids
from caseflow.web.cases.packs import pdf_response
from caseflow.web.helpers import utc_now


def actor() -> Actor:
    return Actor(g.api_user, request.remote_addr)


def visible_case(case_id: int, version: int | None = None) -> Case:
    try:
        return cases.load_case_for(g.api_user, case_id, version)
    except LookupError as exc:
        raise NotFound from exc


def sent_version(body: dict) -> int:
    """Writes to an existing case send the version they read (API.md)."""
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or abs(version) > MAX_ID:
        raise ValidationFailed("Send the version you read.", {"version": "required"})
    return version


def duplicate_json(found: duplicates.Found) -> dict:
    return {"id": found.case.id, "reference": found.case.reference,
            "score": found.match.score, "reasons": list(found.match.reasons)}  # fmt: skip


@bp.post("/cases")
@token_required
def create_case():
    """201 with the possible duplicates the caller may see (API.md); never any other."""
    done = cases.register(actor(), case_input(json_body()), utc_now())
    case = done.case
    return jsonify({
        "id": case.id, "reference": case.reference, "version": case.version,
        "possible_duplicates": [duplicate_json(f) for f in done.possible_duplicates],
    }), 201  # fmt: skip


@bp.get("/cases/<id:case_id>/possible-duplicates")
@token_required
def possible_duplicates(case_id: int):
    case = visible_case(case_id)
    found = duplicates.visible_duplicates(g.api_user, case)
    cases.record_view(actor(), case, utc_now(), "possible_duplicates_viewed")
    return jsonify({"items": [duplicate_json(f) for f in found]})


@bp.get("/cases")
@token_required
def list_cases():
    args = request.args
    status = args.get("status") or case_search.ANY
    if status not in {s.value for s in CaseStatus} | {case_search.ANY}:
        return error(422, "Unknown status.", {"status": "unknown"})
    owner = None
    if "owner" in args:
        owner = parse_id(args["owner"])
        if owner is None:
            return error(422, "Unknown officer.", {"owner": "the id of a user"})
    criteria = case_search.CaseFilter(
        q=args.get("q", ""), status=status, state=args.get("state", ""), owner_id=owner
    )
    stmt = case_search.search(g.api_user, criteria).options(*CASE_BODY_LOADING)
    return paged(stmt, case_json, *page_args())


@bp.get("/cases/<id:case_id>")
@token_required
def get_case(case_id: int):
    case = visible_case(case_id)
    cases.record_view(actor(), case, utc_now())
    return jsonify(case_json(case))


@bp.get("/cases/<id:case_id>/timeline")
@token_required
def timeline(case_id: int):
    case = visible_case(case_id)
    stmt = select(CaseEvent).where(CaseEvent.case_id.in_(timeline_case_ids(case)))
    return paged(stmt.order_by(CaseEvent.at, CaseEvent.id), event_json, *page_args())


@bp.post("/cases/<id:case_id>/events")
@token_required
def record_event(case_id: int):
    body = json_body()
    case = visible_case(case_id, sent_version(body))
    reader = Reader()
    kind = reader.choice(body.get("type"), "type", EventType)
    at = reader.when(body.get("at"), "at")
    if reader.errors:
        raise ValidationFailed("The step was not recorded: see fields.", reader.errors)
    data = {k: v for k, v in body.items() if k not in {"type", "at", "version"}}
    cases.record_event(actor(), case, kind, at, data, utc_now())
    return jsonify(case_json(case)), 201


@bp.post("/cases/<id:case_id>/referrals")
@token_required
def refer(case_id: int):
    body = json_body()
    case = visible_case(case_id, body.get("version") if "version" in body else None)
    reader = Reader()
    reader.obj(body, "", {"to_facility_id", "reason", "urgency", "version"})
    to = reader.record_id(body.get("to_facility_id"), "to_facility_id")
    urgency = reader.choice(body.get("urgency"), "urgency", Urgency)
    reason = reader.text(body.get("reason"), "reason", required=True, limit=4000)
    if reader.errors or to is None:
        raise ValidationFailed("The referral was not sent: see fields.", reader.errors or
                               {"to_facility_id": "required"})  # fmt: skip
    referral = referrals.refer(actor(), case, to, reason, urgency, utc_now())
    return jsonify(referral_json(referral)), 201


def visible_referral(referral_id: int) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None or not can_see_referral(g.api_user, referral):
        raise NotFound
    return referral


@bp.post("/referrals/<id:referral_id>/<any(acknowledge, accept, decline):step>")
@token_required
def answer(referral_id: int, step: str):
    referral = visible_referral(referral_id)
    if step == "decline":
        reason = (request.get_json(silent=True) or {}).get("reason")
        if not isinstance(reason, str):
            raise ValidationFailed("Give the reason for declining.", {"reason": "required"})
        referrals.decline(actor(), referral, reason, utc_now())
    else:
        getattr(referrals, step)(actor(), referral, utc_now())
    return jsonify(referral_json(referral))


@bp.post("/cases/<id:case_id>/assignment")
@token_required
def assign(case_id: int):
    body = json_body()
    case = visible_case(case_id, sent_version(body))
    officer = parse_id(body.get("officer_id")) if isinstance(body.get("officer_id"), int) else None
    if officer is None:
        raise ValidationFailed("Choose an officer.", {"officer_id": "required"})
    cases.assign_officer(actor(), case, officer, utc_now())
    return jsonify(case_json(case))


@bp.get("/cases/<id:case_id>/information-pack")
@token_required
def information_pack(case_id: int):
    """The PDF for the child or caregiver, recorded on the timeline as issued (API.md)."""
    case = visible_case(case_id)
    pack = packs.issue_pack(
        actor(), case, request.args.get("version"), request.args.get("lang"), utc_now()
    )
    return pdf_response(pack)
