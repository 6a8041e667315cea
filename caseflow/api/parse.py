"""Reading the registration body of API.md: every field checked, unknown fields refused."""

from datetime import date, datetime
from typing import Any

from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.domain.ids import MAX_ID, parse_id
from caseflow.services.cases import CaseInput, ConcernInput
from caseflow.services.errors import ValidationFailed

TOP = {"child", "source", "concerns", "risk_level", "narrative", "soca_sections",
       "penal_code_sections", "caregiver"}  # fmt: skip
CHILD = {"given_name", "family_name", "date_of_birth", "age_estimate", "sex", "state",
         "district", "home_language"}  # fmt: skip
SOURCE = {"type", "facility_id", "reported_at"}
CONCERN = {"form", "online", "platforms"}
CAREGIVER = {"name", "phone", "relationship"}


class Reader:
    def __init__(self):
        self.errors: dict[str, str] = {}

    def obj(self, value: Any, path: str, allowed: set[str]) -> dict:
        if not isinstance(value, dict):
            self.errors[path] = "must be an object"
            return {}
        for key in value.keys() - allowed:
            self.errors[f"{path}.{key}" if path else key] = "unknown field"
        return value

    def choice(self, value: Any, path: str, enum, required: bool = True):
        if value is None and not required:
            return None
        try:
            return enum(value)
        except ValueError:
            self.errors[path] = "one of: " + ", ".join(m.value for m in enum)

    def text(self, value: Any, path: str, required: bool = False, limit: int = 200) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
            self.errors[path] = "required text" if required else f"text of at most {limit}"
            return None
        return value

    def when(self, value: Any, path: str) -> datetime | None:
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            moment = None
        if moment is None or moment.tzinfo is None:
            self.errors[path] = "an ISO 8601 time with an offset"
            return None
        return moment

    def day(self, value: Any, path: str) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.errors[path] = "a date as YYYY-MM-DD"

    def integer(self, value: Any, path: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_ID:
            self.errors[path] = "a whole number"
            return None
        return value

    def record_id(self, value: Any, path: str) -> int | None:
        if value is None:
            return None
        found = parse_id(value) if isinstance(value, int) else None
        if found is None:
            self.errors[path] = "the id of a record"
        return found


def case_input(body: dict) -> CaseInput:
    r = Reader()
    r.obj(body, "", TOP)
    child = r.obj(body.get("child"), "child", CHILD)
    source = r.obj(body.get("source"), "source", SOURCE)
    caregiver = r.obj(body.get("caregiver") or {}, "caregiver", CAREGIVER)
    concerns = []
    raw = body.get("concerns")
    if not isinstance(raw, list):
        r.errors["concerns"] = "a list"
        raw = []
    for n, item in enumerate(raw):
        c = r.obj(item, f"concerns.{n}", CONCERN)
        platforms = c.get("platforms") or []
        if not isinstance(platforms, list) or not all(isinstance(p, str) for p in platforms):
            r.errors[f"concerns.{n}.platforms"] = "a list of names"
            platforms = []
        form = r.choice(c.get("form"), f"concerns.{n}.form", AbuseForm)
        if form is not None:
            concerns.append(ConcernInput(form, bool(c.get("online")), tuple(platforms)))
    sections = _list(r, body, "soca_sections")
    penal_code = _list(r, body, "penal_code_sections")
    data = CaseInput(
        given_name=r.text(child.get("given_name"), "child.given_name", True, 80) or "",
        family_name=r.text(child.get("family_name"), "child.family_name", limit=80) or "",
        sex=r.choice(child.get("sex"), "child.sex", Sex) or Sex.UNKNOWN,
        state_code=r.text(child.get("state"), "child.state", required=True, limit=3) or "",
        district=r.text(child.get("district"), "child.district", limit=80),
        date_of_birth=r.day(child.get("date_of_birth"), "child.date_of_birth"),
        age_estimate=r.integer(child.get("age_estimate"), "child.age_estimate"),
        home_language=r.text(child.get("home_language"), "child.home_language", limit=8) or "ms",
        risk_level=r.choice(body.get("risk_level"), "risk_level", RiskLevel) or RiskLevel.MEDIUM,
        source_type=r.choice(source.get("type"), "source.type", SourceType) or SourceType.PUBLIC,
        source_facility_id=r.record_id(source.get("facility_id"), "source.facility_id"),
        reported_at=r.when(source.get("reported_at"), "source.reported_at") or datetime.min,
        concerns=concerns,
        caregiver_name=r.text(caregiver.get("name"), "caregiver.name", limit=120),
        caregiver_phone=r.text(caregiver.get("phone"), "caregiver.phone", limit=40),
        caregiver_relationship=r.text(caregiver.get("relationship"), "caregiver.relationship"),
        soca_sections=tuple(str(s) for s in sections),
        penal_code_sections=tuple(str(s) for s in penal_code),
        narrative=r.text(body.get("narrative"), "narrative", limit=20000) or "",
    )  # fmt: skip
    if r.errors:
        raise ValidationFailed("The case was not registered: see fields.", r.errors)
    return data


def _list(r, body: dict, name: str) -> list:
    values = body.get(name) or []
    if not isinstance(values, list):
        r.errors[name] = "a list"
        return []
    return values
