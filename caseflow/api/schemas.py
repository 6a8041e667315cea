"""Every body the API reads or writes, as pydantic models: one description for parsing and docs.

Request models refuse unknown fields and take JSON types strictly (a note is a string, never
an object); their limits are the web forms' (`domain.limits`). The OpenAPI document is
generated from these same classes, so the two cannot drift apart.
"""

from datetime import date
from typing import Annotated, Generic, Literal, TypeVar, Union

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    create_model,
)

from caseflow.domain import limits
from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.domain.events import (
    NEXT_HEARING_EVENTS,
    ORDER_KINDS,
    RECORDABLE_EVENTS,
    REQUIRED_FIELDS,
    EventType,
)
from caseflow.domain.facilities import FacilityType
from caseflow.domain.ids import MAX_ID
from caseflow.domain.packs import PackLanguage, PackVersion
from caseflow.domain.workflow import CaseStatus, Urgency
from caseflow.http.pagination import MAX_PAGE, MAX_PER_PAGE

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def text(limit: int) -> type[str]:
    """Optional free text of at most `limit` characters."""
    return Annotated[str, StringConstraints(max_length=limit)]


def required_text(limit: int) -> type[str]:
    """Text that must say something: at least one character that is not a space."""
    return Annotated[str, StringConstraints(max_length=limit, pattern=r"\S")]


class Body(BaseModel):
    """A request body: unknown fields refused, JSON types taken as they are."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Query(BaseModel):
    """Query parameters arrive as text; unknown ones (cache busters) are ignored."""

    model_config = ConfigDict(extra="ignore")


class Answer(BaseModel):
    """A response body."""


# ---- requests -------------------------------------------------------------------------------


class TokenIn(Body):
    username: text(limits.USERNAME)
    password: text(limits.PASSWORD)
    otp: text(32) | None = None  # a six-digit code, or a recovery code


class OtpIn(Body):
    otp: required_text(32)  # a six-digit code, or a recovery code


class ChildIn(Body):
    given_name: required_text(limits.NAME)
    family_name: text(limits.NAME) = ""
    date_of_birth: date | None = None
    age_estimate: Annotated[int, Field(ge=0, le=limits.MAX_AGE)] | None = None
    sex: Sex = Sex.UNKNOWN
    state: required_text(limits.STATE_CODE)
    district: text(limits.DISTRICT) | None = None
    home_language: text(limits.HOME_LANGUAGE) = "ms"
    identity_number: text(14) | None = Field(
        None, description="MyKid or MyKad, 12 digits, dashes optional"
    )


class SourceIn(Body):
    type: SourceType
    facility_id: Id | None = None
    reported_at: AwareDatetime


class ConcernIn(Body):
    form: AbuseForm
    online: bool = False
    platforms: Annotated[list[text(limits.PLATFORM)], Field(max_length=limits.MAX_PLATFORMS)] = []


class CaregiverIn(Body):
    name: text(limits.CAREGIVER_NAME) | None = None
    phone: text(limits.PHONE) | None = None
    relationship: text(limits.CAREGIVER_RELATIONSHIP) | None = None


class CaseIn(Body):
    """The registration body of API.md: the least a helpline can send."""

    child: ChildIn
    source: SourceIn
    concerns: Annotated[list[ConcernIn], Field(max_length=limits.MAX_CONCERNS)]
    risk_level: RiskLevel = RiskLevel.MEDIUM
    narrative: text(limits.NARRATIVE) = ""
    soca_sections: Annotated[
        list[text(limits.SOCA_SECTION)], Field(max_length=limits.MAX_SOCA_SECTIONS)
    ] = []
    penal_code_sections: Annotated[
        list[text(limits.SOCA_SECTION)], Field(max_length=limits.MAX_SOCA_SECTIONS)
    ] = []
    caregiver: CaregiverIn | None = None


Version = Annotated[int, Field(ge=1, le=MAX_ID, description="The case version you read")]


class ReferralIn(Body):
    to_facility_id: Id
    reason: required_text(limits.REASON)
    urgency: Urgency
    version: Version


class AssignmentIn(Body):
    officer_id: Id
    version: Version


class ExportIn(Body):
    """An export job: what (the case list, or the cases behind a dashboard number), how,
    and which rows (the list's own filters)."""

    kind: Literal["cases", "dashboard_cases"]
    format: Literal["csv", "xlsx"]
    q: text(limits.SEARCH) | None = None
    status: text(40) | None = None
    state: text(limits.STATE_CODE) | None = None
    mine: bool | None = None
    facility_id: Id | None = None
    officer: Id | Literal["none"] | None = None
    metric: text(40) | None = None


class BreakGlassIn(Body):
    reason: required_text(400)


class DeclineIn(Body):
    reason: required_text(limits.REASON)


class CorrectionIn(Body):
    """Identity fields to correct (only those sent change; null clears), with the reason."""

    version: Version
    reason: required_text(limits.REASON)
    given_name: required_text(limits.NAME) = None  # never null: a child keeps a name
    family_name: text(limits.NAME) | None = None
    date_of_birth: date | None = None
    age_estimate: Annotated[int, Field(ge=0, le=limits.MAX_AGE)] | None = None
    sex: Sex = None  # never null
    caregiver_name: text(limits.CAREGIVER_NAME) | None = None
    caregiver_phone: text(limits.PHONE) | None = None
    caregiver_relationship: text(limits.CAREGIVER_RELATIONSHIP) | None = None


#: What each event field holds; which fields a step needs is the domain's rule.
EVENT_FIELD_TYPES = {
    "text": (text(limits.NOTE), required_text(limits.NOTE)),
    "report_number": (text(limits.REPORT_NUMBER), required_text(limits.REPORT_NUMBER)),
    "centre": (text(limits.CENTRE), required_text(limits.CENTRE)),
    "court_id": (Id, Id),
    "registered_on": (date, date),
    "next_hearing_on": (date, date),
    "outcome": (text(limits.OUTCOME), required_text(limits.OUTCOME)),
    "reason": (text(limits.STEP_REASON), required_text(limits.STEP_REASON)),
    "order": (Literal[ORDER_KINDS], Literal[ORDER_KINDS]),
}


def _event_model(kind) -> type[Body]:
    """One body per step, built from the domain's table of the fields each step carries."""
    fields: dict = {
        "type": (Literal[kind.value], ...),
        "at": (AwareDatetime, ...),
        "version": (Version, ...),
    }
    required = REQUIRED_FIELDS.get(kind, ())
    optional = ("text", "next_hearing_on") if kind in NEXT_HEARING_EVENTS else ("text",)
    if kind is EventType.INTERIM_ORDER_MADE:
        optional = (*optional, "order")
    for name in required:
        fields[name] = (EVENT_FIELD_TYPES[name][1], ...)
    for name in optional:
        if name not in required:
            fields[name] = (EVENT_FIELD_TYPES[name][0] | None, None)
    name = "Event_" + "".join(part.title() for part in kind.value.split("_"))
    return create_model(name, __base__=Body, **fields)


EVENT_MODELS = tuple(_event_model(kind) for kind in RECORDABLE_EVENTS)


class EventIn(RootModel):
    """A step to record: `type` says which, and so which fields it carries."""

    root: Annotated[Union[EVENT_MODELS], Field(discriminator="type")]  # noqa: UP007


# ---- query parameters -----------------------------------------------------------------------


class PageQuery(Query):
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE)] = 50


class CaseListQuery(PageQuery):
    status: CaseStatus | Literal["all"] | None = None
    owner: Id | None = None
    state: text(limits.STATE_CODE) = ""
    q: text(limits.SEARCH) = ""


class FacilityQuery(PageQuery):
    type: FacilityType | None = None
    state: text(limits.STATE_CODE) = ""


class NotificationQuery(PageQuery):
    unread: Literal["true", "false"] | None = None


class AccessLogQuery(PageQuery):
    user: Id | None = None
    action: text(20) | None = None
    from_: date | None = Field(None, alias="from")
    to: date | None = None


class PackQuery(Query):
    version: PackVersion | None = None
    lang: PackLanguage | None = None


class SubjectAccessQuery(Query):
    format: Literal["json", "pdf"] = "json"


class CaseloadQuery(Query):
    facility_id: Id | None = None


class StatisticsQuery(Query):
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    group_by: text(200) = "state"


# ---- responses ------------------------------------------------------------------------------

Item = TypeVar("Item")


class Paged(Answer, Generic[Item]):
    items: list[Item]
    page: int
    per_page: int
    total: int


class TokenOut(Answer):
    token: str
    expires_at: str


class TwoFactorStartOut(Answer):
    secret: str
    otpauth_uri: str


class RecoveryCodesOut(Answer):
    recovery_codes: list[str]


class FacilityOut(Answer):
    id: int
    type: str
    name: str
    state: str
    state_iso: str
    district: str | None
    default_oscc_id: int | None = None
    special: bool | None = None


class MeOut(Answer):
    id: int
    username: str
    display_name: str
    role: str
    facility: FacilityOut
    supervises: list[FacilityOut]


class ChildOut(Answer):
    given_name: str
    family_name: str
    date_of_birth: date | None
    age_estimate: int | None
    sex: Sex
    state: str
    home_language: str
    identity_number: str | None


class SourceOut(Answer):
    type: SourceType
    facility_id: int | None
    reported_at: str


class ConcernOut(Answer):
    form: AbuseForm
    online: bool
    platforms: list[str]


class OfficerOut(Answer):
    id: int
    display_name: str


class OwnerOut(Answer):
    facility: FacilityOut
    officer: OfficerOut | None


class ReferralOut(Answer):
    id: int
    case_id: int
    from_facility_id: int
    to_facility_id: int
    reason: str
    urgency: Urgency
    status: str
    sent_at: str
    acknowledged_at: str | None
    decline_reason: str | None


class CaseOut(Answer):
    id: int
    reference: str
    status: CaseStatus
    risk_level: RiskLevel
    version: int
    child: ChildOut
    source: SourceOut
    concerns: list[ConcernOut]
    soca_sections: list[str]
    penal_code_sections: list[str]
    owner: OwnerOut
    returned_to_sender: bool
    referrals: list[ReferralOut]
    merged_into: int | None


class PossibleDuplicateOut(Answer):
    """A case inside the caller's circle that may be the same child (API.md)."""

    id: int
    reference: str
    score: float
    reasons: list[str]


class PossibleDuplicates(Answer):
    items: list[PossibleDuplicateOut]


class AccessUserOut(Answer):
    id: int
    username: str
    display_name: str
    facility: FacilityOut


class AccessEntryOut(Answer):
    at: str
    user: AccessUserOut | None
    action: str
    address: str | None


class ExportOut(Answer):
    id: int
    kind: str
    format: str
    status: Literal["queued", "running", "done", "failed"]
    progress: int
    rows: int | None
    created_at: str
    expires_at: str
    download_url: str | None = None


class CaseCreated(Answer):
    id: int
    reference: str
    version: int
    possible_duplicates: list[PossibleDuplicateOut]


class EventOut(Answer):
    id: int
    type: str
    at: str
    recorded_at: str
    user_id: int | None
    facility_id: int | None
    referral_id: int | None
    data: dict


class PolicyOut(Answer):
    key: str
    name: str
    version: int
    basis: str  # "statute" or "service_standard"
    source: str
    law_words: str | None
    weekly_holidays: str


class MetByOut(Answer):
    """The timeline step that met a clock, and the facility that took it."""

    event_id: int
    type: str
    label: str
    at: str
    facility_id: int
    facility_name: str


class ClockOut(Answer):
    id: int
    policy: PolicyOut
    referral_id: int | None
    calendar: str
    started_at: str
    due_at: str
    paused: bool
    status: str
    met_at: str | None
    met_by: MetByOut | None


class ClockList(Answer):
    items: list[ClockOut]


class StepFieldOut(Answer):
    name: str
    label: str
    required: bool


class StepOut(Answer):
    """A step the caller may record now; `confirm`: a statutory step, to be confirmed."""

    type: str
    label: str
    fields: list[StepFieldOut]
    confirm: bool


class StepList(Answer):
    items: list[StepOut]


class NotificationOut(Answer):
    id: int
    kind: str
    case_id: int | None
    reference: str | None
    clock: str | None
    # A possible duplicate names the facility that registered the other case, not the case.
    about_facility: FacilityOut | None
    created_at: str
    read: bool


class OfficerLoadOut(Answer):
    officer_id: int | None
    name: str | None
    role: str | None
    facility_id: int | None
    open_cases: int
    high_risk_cases: int
    due_soon_cases: int
    breached_cases: int
    new_this_week: int
    standard: int | None
    over_standard: bool


class CaseloadOut(Answer):
    facility_ids: list[int]
    items: list[OfficerLoadOut]


class StatisticsOut(Answer):
    """Each cell names its value in each dimension, then `count` (null when suppressed).
    Shown counts carry cell-key noise of at most `max_noise` either way, the same every time
    for the same cases, so that two tables cannot be subtracted to find a hidden count."""

    from_: str = Field(alias="from")
    to: str
    group_by: list[str]
    threshold: int
    method: str
    max_noise: int
    total: int | None
    cells: list[dict[str, str | int | bool | None]]

    model_config = ConfigDict(populate_by_name=True)


class SubjectAccessOut(Answer):
    """Everything held on the child (PDPA s.30): identity, concerns, referrals, every event."""

    exported_at: str
    case: dict
    child: dict
    caregiver: dict
    narrative: str
    soca_sections: list[str]
    concerns: list[dict]
    referrals: list[dict]
    timeline: list[dict]
