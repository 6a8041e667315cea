"""Linking two cases of the same child, and merging them (undoable for 30 days)."""

from datetime import datetime
from functools import lru_cache

from sqlalchemy import Integer, Select, bindparam, or_, select

from caseflow.domain import workflow
from caseflow.domain.events import EventType
from caseflow.domain.matching import merge_may_be_undone, refuse_merge
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, CaseLink
from caseflow.permissions import can_view_case, party_of, visible_cases
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import Conflict, StepRefused, ValidationFailed
from caseflow.services.steps import acting_user, commit_or_conflict
from caseflow.services.timeline import write_event

LINK, MERGE = "link", "merge"


def _live_links(case_id: int):
    return select(CaseLink).where(
        or_(CaseLink.case_id == case_id, CaseLink.other_case_id == case_id),
        CaseLink.undone_at.is_(None),
    )


@lru_cache(maxsize=1)
def _links_of_case() -> Select:
    """Built once: every case page asks."""
    return _live_links(bindparam("case_id", type_=Integer)).order_by(CaseLink.id)


def linked_cases(user, case: Case) -> list[tuple[CaseLink, Case]]:
    """The cases linked or merged with this one that this user also sees."""
    links = list(db.session.scalars(_links_of_case(), {"case_id": case.id}))
    others = {link.other_case_id if link.case_id == case.id else link.case_id for link in links}
    if not others:
        return []
    seen = {
        c.id: c
        for c in db.session.scalars(
            select(Case).where(Case.id.in_(others), visible_cases(user, by_id=True))
        )
    }
    pairs = [
        (link, seen.get(link.other_case_id if link.case_id == case.id else link.case_id))
        for link in links
    ]
    return [(link, other) for link, other in pairs if other is not None]


def _both_visible(user, case: Case, other: Case) -> None:
    if case.id == other.id or not can_view_case(user, other.id):
        raise LookupError(other.id)


def link(actor: Actor, case: Case, other: Case, now: datetime) -> CaseLink:
    """Someone who sees both cases says they are the same child: each shows the other."""
    user = acting_user(actor)
    _both_visible(user, case, other)
    if not party_of(user).handles_cases:
        raise StepRefused(workflow.Refusal.ROLE_MAY_NOT)
    existing = db.session.scalar(
        _live_links(case.id).where(
            or_(CaseLink.case_id == other.id, CaseLink.other_case_id == other.id)
        )
    )
    if existing is not None:
        raise Conflict(_l("These cases are already linked."))
    found = CaseLink(
        case_id=case.id,
        other_case_id=other.id,
        kind=LINK,
        reason="",
        created_at=now,
        created_by_id=user.id,
    )
    db.session.add(found)
    db.session.flush()
    # The events name the link, never the other case: someone who sees one case but not the
    # other reads its timeline too. The linked cases section shows each only to those who see both.
    write_event(case, EventType.CASE_LINKED, user, now, now, link_id=found.id)
    write_event(other, EventType.CASE_LINKED, user, now, now, link_id=found.id)
    audit.record(
        actor, "cases_linked", now, object_type="case", object_id=case.id, other_case_id=other.id
    )
    commit_or_conflict()
    return found


def merge(actor: Actor, case: Case, into: Case, reason: str, now: datetime) -> CaseLink:
    """`case` is merged into `into`: it leaves the lists, its reference leads to `into`, and its
    events show on `into`'s timeline. Nothing is deleted, so the merge can be undone."""
    user = acting_user(actor)
    _both_visible(user, case, into)
    party = party_of(user)
    refusal = refuse_merge(
        party.supervises,
        user.role is Role.SUPERVISOR,
        case.owner_facility_id,
        into.owner_facility_id,
    )
    if refusal is not None:
        raise StepRefused(workflow.Refusal(refusal))
    if not reason.strip():
        message = _l("Say why these are the same child.")
        raise ValidationFailed(message, {"reason": message})
    if case.merged_into_id is not None or into.merged_into_id is not None:
        raise Conflict(_l("One of these cases is already merged."))
    case.merged_into_id = into.id
    found = CaseLink(
        case_id=case.id,
        other_case_id=into.id,
        kind=MERGE,
        reason=reason.strip(),
        created_at=now,
        created_by_id=user.id,
    )
    db.session.add(found)
    db.session.flush()
    for one in (case, into):
        write_event(
            one, EventType.CASE_MERGED, user, now, now, link_id=found.id, reason=reason.strip()
        )
    audit.record(
        actor,
        "cases_merged",
        now,
        object_type="case",
        object_id=case.id,
        into_case_id=into.id,
        link_id=found.id,
        reason=reason.strip(),
    )
    commit_or_conflict()
    return found


def undo_merge(actor: Actor, case: Case, now: datetime) -> CaseLink:
    """The merged case comes back as it was, within 30 days; both timelines say so."""
    user = acting_user(actor)
    found = db.session.scalar(
        _live_links(case.id).where(CaseLink.case_id == case.id, CaseLink.kind == MERGE)
    )
    if found is None or case.merged_into_id is None:
        raise Conflict(_l("This case is not merged."))
    into = found.other_case
    _both_visible(user, case, into)
    refusal = refuse_merge(
        party_of(user).supervises,
        user.role is Role.SUPERVISOR,
        case.owner_facility_id,
        into.owner_facility_id,
    )
    if refusal is not None:
        raise StepRefused(workflow.Refusal(refusal))
    if not merge_may_be_undone(found.created_at, now):
        raise Conflict(_l("A merge can be undone within 30 days only."))
    case.merged_into_id = None
    found.undone_at, found.undone_by_id = now, user.id
    for one in (case, into):
        write_event(one, EventType.MERGE_UNDONE, user, now, now, link_id=found.id)
    audit.record(
        actor,
        "merge_undone",
        now,
        object_type="case",
        object_id=case.id,
        into_case_id=into.id,
        link_id=found.id,
    )
    commit_or_conflict()
    return found
