"""Possible duplicates: found through the name-key index, told only to those who may know.

A match inside the registrant's circle is shown to them; a match outside it is never shown.
The owning facility is told instead, without the new case's reference or the child's details:
only which facility registered a case, and when.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import Row, Select, bindparam, insert, select
from sqlalchemy.orm import joinedload

from caseflow.domain.clocks import local_date
from caseflow.domain.matching import Child, Match, Thresholds, birth_year_window, score
from caseflow.domain.names import name_key
from caseflow.extensions import cache, db, dialect_name
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, DuplicateSettings, Notification, User, supervised_facilities
from caseflow.permissions import visibility_parameters, visible_cases_by_parameters
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

#: The most candidates one lookup scores: a key shared by more is too common to tell anything.
MAX_CANDIDATES = 500
NOTIFICATION_KIND = "possible_duplicate"


@dataclass(frozen=True, slots=True)
class Found:
    case: Case
    match: Match


def child_of(case: Case | Row) -> Child:
    """The child as a case records them; from a mapped case or a row of CHILD_COLUMNS."""
    return Child(
        case.child_given_name,
        case.child_family_name,
        case.date_of_birth,
        case.age_estimate,
        local_date(case.reported_at),
        case.sex.value,
        case.state_code,
        case.district_id,
        case.caregiver_name,
        case.caregiver_phone,
        case.identity_number,
    )


def index_case(case: Case) -> None:
    """Keep the lookup columns in step with the child's name and age."""
    case.name_key = name_key(case.child_given_name, case.child_family_name)
    case.birth_year = child_of(case).birth_year


@cache.memoize()
def thresholds() -> Thresholds:
    """Read by every case page; kept in the cache until an administrator changes them."""
    row = db.session.get(DuplicateSettings, 1)
    if row is None:
        return Thresholds()
    return Thresholds(show_at=row.show_at / 100, notify_at=row.notify_at / 100)


#: What a candidate is scored on, read as columns (`child_of` takes these rows): a common
#: name's window holds dozens of children, and loading each as a mapped case, every column
#: of it, cost more than scoring them all (about 70 for a typical case at a million cases;
#: with the visibility check below, its case page takes 2 to 6 ms less, measured by turns).
CHILD_COLUMNS = (
    Case.id,
    Case.child_given_name,
    Case.child_family_name,
    Case.date_of_birth,
    Case.age_estimate,
    Case.reported_at,
    Case.sex,
    Case.state_code,
    Case.district_id,
    Case.caregiver_name,
    Case.caregiver_phone,
    Case.identity_number,
)


def candidates(case: Case, seen_by: dict | None = None) -> dict[int, Row]:
    """Cases sharing the name key within the birth-year window, and cases with the same
    identity number: each a range scan of its own index, never a scan of the cases (an OR of
    the two would let a planner choose a scan). A key so common that the window holds more
    than MAX_CANDIDATES cases is narrowed to the child's district, where a duplicate that
    can reach the default threshold on name and age alone would be.

    `seen_by`, a user's `visibility_parameters`: only the cases in that user's circle, asked
    in the same statement. The case page shows no other, and a common name's window holds a
    whole country's namesakes: at a million cases, 151 for a typical case, 13 of them in the
    protector's circle, each scored in Python before it was checked."""
    found: dict[int, Row] = {}
    seen_in = dialect_name() if seen_by is not None else None
    seen_by = seen_by or {}
    if case.name_key:
        window = birth_year_window(child_of(case))
        low, high = window or (None, None)
        values = {"case_id": case.id, "name_key": case.name_key, "low": low, "high": high}
        values.update(seen_by)
        rows = list(
            db.session.execute(_candidates_by_name(window is not None, False, seen_in), values)
        )
        if len(rows) == MAX_CANDIDATES and case.district_id is not None:
            narrowed = _candidates_by_name(window is not None, True, seen_in)
            rows = list(db.session.execute(narrowed, {**values, "district_id": case.district_id}))
        found.update((row.id, row) for row in rows)
    if case.identity_number:
        values = {"case_id": case.id, "identity_number": case.identity_number, **seen_by}
        by_identity = _candidates_by_identity(seen_in)
        found.update((row.id, row) for row in db.session.execute(by_identity, values))
    return found


def _other_cases(seen_in: str | None) -> Select:
    """Every other case not merged away; with `seen_in` (a dialect), only those in the circle
    given as parameters."""
    stmt = select(*CHILD_COLUMNS).where(
        Case.id != bindparam("case_id"), Case.merged_into_id.is_(None)
    )
    if seen_in is not None:
        stmt = stmt.where(visible_cases_by_parameters(seen_in, by_id=True))
    return stmt


@lru_cache(maxsize=8)
def _candidates_by_name(windowed: bool, in_district: bool, seen_in: str | None = None) -> Select:
    """Built once, the child's values as parameters: every case page looks its candidates up,
    and building and keying the statement cost about half a millisecond each time."""
    stmt = _other_cases(seen_in).where(Case.name_key == bindparam("name_key"))
    if windowed:
        stmt = stmt.where(Case.birth_year.between(bindparam("low"), bindparam("high")))
    if in_district:
        stmt = stmt.where(Case.district_id == bindparam("district_id"))
    return stmt.limit(MAX_CANDIDATES)


@lru_cache(maxsize=2)
def _candidates_by_identity(seen_in: str | None = None) -> Select:
    return _other_cases(seen_in).where(Case.identity_number == bindparam("identity_number"))


def scored(case: Case, at_least: float, seen_by: dict | None = None) -> dict[int, Match]:
    """The other cases scoring at least `at_least` against this one, by id; with `seen_by`,
    only among those that user sees (see `candidates`)."""
    child = child_of(case)
    found = {
        case_id: score(child, child_of(row)) for case_id, row in candidates(case, seen_by).items()
    }
    return {case_id: match for case_id, match in found.items() if match.score >= at_least}


def _best_first(cases, matches: dict[int, Match]) -> list[Found]:
    return sorted(
        (Found(other, matches[other.id]) for other in cases),
        key=lambda f: (-f.match.score, f.case.id),
    )


def find(case: Case, at_least: float) -> list[Found]:
    """Every other case scoring at least `at_least` against this one, best first; only
    those are loaded whole."""
    kept = scored(case, at_least)
    if not kept:
        return []
    return _best_first(db.session.scalars(select(Case).where(Case.id.in_(kept))), kept)


def _seen_among(parameters: dict | None, ids, whole: bool = False) -> list:
    """Those of `ids` in the circle of `visibility_parameters`: their ids, or the cases
    `whole`."""
    if not ids or parameters is None:
        return []
    stmt = _visible_among(dialect_name(), whole)
    return list(db.session.scalars(stmt, {**parameters, "ids": list(ids)}))


@lru_cache(maxsize=4)
def _visible_among(dialect: str, whole: bool) -> Select:
    """Built once per database, the circle as parameters: every case page with a possible
    duplicate asks, and building the rule anew costs more than the check. Whole cases come
    with their owning facility, which the page names beside each."""
    ids = bindparam("ids", expanding=True)
    stmt = select(Case).options(joinedload(Case.owner_facility)) if whole else select(Case.id)
    return stmt.where(Case.id.in_(ids), visible_cases_by_parameters(dialect, by_id=True))


def visible_duplicates(user: User, case: Case) -> list[Found]:
    """The possible duplicates of a case that this user may see; nothing else. Only the
    user's circle is scored, and the matches are loaded whole in a statement that checks it
    again."""
    parameters = visibility_parameters(user)
    if parameters is None:
        return []
    kept = scored(case, thresholds().show_at, seen_by=parameters)
    return _best_first(_seen_among(parameters, kept, whole=True), kept)


def on_registration(actor: Actor, case: Case, now: datetime) -> list[Found]:
    """Show the registrant what their circle holds; tell the other owners, audited; the
    caller commits, so the registration, its matches and the notifications are one step."""
    limits = thresholds()
    found = find(case, min(limits.show_at, limits.notify_at))
    circle = visibility_parameters(actor.user)
    visible = set(_seen_among(circle, [f.case.id for f in found]))
    shown = [f for f in found if f.case.id in visible and f.match.score >= limits.show_at]
    for f in shown:
        audit.record(
            actor,
            "possible_duplicate_shown",
            now,
            object_type="case",
            object_id=case.id,
            other_case_id=f.case.id,
            score=f.match.score,
            reasons=list(f.match.reasons),
        )
    hidden = [f for f in found if f.case.id not in visible and f.match.score >= limits.notify_at]
    if hidden:
        _notify_owners(actor, case, hidden, now)
    return shown


def _notify_owners(actor: Actor, case: Case, hidden: list[Found], now: datetime) -> None:
    """The owning facility's staff and its supervisors hear that another facility registered
    a case that may be the same child: which facility and when, nothing more."""
    facilities = {f.case.owner_facility_id for f in hidden}
    people: dict[int, set[int]] = defaultdict(set)
    for user_id, facility_id in db.session.execute(
        select(User.id, User.facility_id).where(User.facility_id.in_(facilities), User.active)
    ):
        people[facility_id].add(user_id)
    for user_id, facility_id in db.session.execute(
        select(supervised_facilities.c.user_id, supervised_facilities.c.facility_id)
        .join(User, User.id == supervised_facilities.c.user_id)
        .where(supervised_facilities.c.facility_id.in_(facilities), User.active)
    ):
        people[facility_id].add(user_id)
    registrar = case.owner_facility_id
    for f in hidden:
        recipients = sorted(people[f.case.owner_facility_id])
        if recipients:
            db.session.execute(
                insert(Notification),
                [
                    {
                        "user_id": u,
                        "case_id": f.case.id,
                        "kind": NOTIFICATION_KIND,
                        "about_facility_id": registrar,
                        "created_at": now,
                    }
                    for u in recipients
                ],
            )
        audit.record(
            actor,
            "possible_duplicate_notified",
            now,
            object_type="case",
            object_id=f.case.id,
            other_case_id=case.id,
            score=f.match.score,
            reasons=list(f.match.reasons),
            recipients=recipients,
        )


def set_thresholds(actor: Actor, show_at: int, notify_at: int, now: datetime) -> None:
    """An administrator tunes the scores (in percent) from which matches are shown and owners
    told; audited with the old and new values."""
    errors = {
        name: _l("Give a whole number from 1 to 100.")
        for name, value in (("show_at", show_at), ("notify_at", notify_at))
        if not 1 <= value <= 100
    }
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)
    before = thresholds()
    row = db.session.get(DuplicateSettings, 1) or DuplicateSettings(id=1)
    row.show_at, row.notify_at = show_at, notify_at
    row.updated_at, row.updated_by_id = now, actor.user.id if actor.user else None
    db.session.add(row)
    audit.record(
        actor,
        "duplicate_settings_changed",
        now,
        show_at=show_at,
        notify_at=notify_at,
        show_at_before=round(before.show_at * 100),
        notify_at_before=round(before.notify_at * 100),
    )
    db.session.commit()
    cache.delete_memoized(thresholds)
