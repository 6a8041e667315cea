"""The words the interface shows for enum values, translated, in one place."""

from flask import Flask
from flask_babel import get_locale

from caseflow.domain.caseload import CourtFlag
from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.domain.clocks import ClockStatus, Unit
from caseflow.domain.facilities import FacilityType
from caseflow.domain.offences import PENAL_CODE_SECTIONS, SOCA_SECTIONS
from caseflow.domain.packs import PackVersion
from caseflow.domain.roles import Role
from caseflow.domain.workflow import CaseStatus, ReferralStatus, Urgency
from caseflow.http.labels import EVENT_LABELS
from caseflow.i18n import gettext
from caseflow.i18n import lazy_gettext as _l
from caseflow.permissions import has_permission
from caseflow.services.clock_stats import ClockGrouping
from caseflow.web.helpers import query_args

ROLE_LABELS = {
    Role.CLINIC_STAFF: _l("Clinic staff"),
    Role.OSCC_STAFF: _l("OSCC staff"),
    Role.SCHOOL_COUNSELLOR: _l("School counsellor"),
    Role.PROTECTOR: _l("Child protector"),
    Role.POLICE_OFFICER: _l("Police officer"),
    Role.SUPERVISOR: _l("Supervisor"),
    Role.ANALYST: _l("Analyst"),
    Role.HELPLINE: _l("Helpline operator"),
    Role.ADMINISTRATOR: _l("Administrator"),
}

FACILITY_TYPE_LABELS = {
    FacilityType.CLINIC: _l("Health clinic"),
    FacilityType.OSCC: _l("Hospital One-Stop Crisis Centre"),
    FacilityType.JKM: _l("Social Welfare (JKM) office"),
    FacilityType.POLICE: _l("Police unit"),
    FacilityType.SCHOOL: _l("School"),
    FacilityType.COURT: _l("Court"),
    FacilityType.HELPLINE: _l("Helpline"),
    FacilityType.LEGAL_COMPANION: _l("Legal Companion service"),
    FacilityType.MINISTRY: _l("Ministry"),
}

ABUSE_FORM_LABELS = {
    AbuseForm.SEXUAL_ABUSE: _l("Sexual abuse"),
    AbuseForm.GROOMING: _l("Grooming"),
    AbuseForm.CSAM: _l("Child sexual abuse material"),
    AbuseForm.SEXUAL_EXTORTION: _l("Sexual extortion"),
    AbuseForm.LIVE_STREAMING: _l("Live-streaming of abuse"),
    AbuseForm.PHYSICAL_ABUSE: _l("Physical abuse"),
    AbuseForm.NEGLECT: _l("Neglect"),
    AbuseForm.OTHER: _l("Other"),
}

#: Brands keep their names; the two generic entries are translated.
PLATFORM_LABELS = {
    "whatsapp": _l("WhatsApp"),
    "facebook": _l("Facebook"),
    "instagram": _l("Instagram"),
    "tiktok": _l("TikTok"),
    "telegram": _l("Telegram"),
    "wechat": _l("WeChat"),
    "youtube": _l("YouTube"),
    "discord": _l("Discord"),
    "snapchat": _l("Snapchat"),
    "x": _l("X (Twitter)"),
    "online_game": _l("Online game"),
    "other": _l("Other platform"),
}

SEX_LABELS = {Sex.FEMALE: _l("Female"), Sex.MALE: _l("Male"), Sex.UNKNOWN: _l("Not known")}
RISK_LABELS = {RiskLevel.HIGH: _l("High"), RiskLevel.MEDIUM: _l("Medium"), RiskLevel.LOW: _l("Low")}
URGENCY_LABELS = {Urgency.URGENT: _l("Urgent"), Urgency.ROUTINE: _l("Routine")}

#: A court case against its disposal target (the dashboard and its export).
COURT_FLAG_LABELS = {
    CourtFlag.ON_TRACK: _l("On track"),
    CourtFlag.PAST_NINE_MONTHS: _l("Past 9 months"),
    CourtFlag.PAST_TARGET: _l("Past the target"),
}

#: What the dashboard's clock outcomes are counted by.
GROUPING_LABELS = {
    ClockGrouping.POLICY: _l("Policy"),
    ClockGrouping.FACILITY: _l("Facility"),
    ClockGrouping.DISTRICT: _l("District"),
    ClockGrouping.STATE: _l("State"),
}

SOURCE_LABELS = {
    SourceType.CLINIC: _l("Health clinic"),
    SourceType.OSCC: _l("Hospital One-Stop Crisis Centre"),
    SourceType.SCHOOL: _l("School"),
    SourceType.HELPLINE: _l("Helpline"),
    SourceType.POLICE: _l("Police"),
    SourceType.JKM: _l("Social Welfare (JKM) office"),
    SourceType.PUBLIC: _l("Member of the public"),
}

STATUS_LABELS = {
    CaseStatus.OPEN: _l("Open"),
    CaseStatus.AWAITING_ASSIGNMENT: _l("Awaiting a protector"),
    CaseStatus.ASSIGNED: _l("Assigned"),
    CaseStatus.ASSESSED: _l("Assessed"),
    CaseStatus.CLOSED: _l("Closed"),
}

REFERRAL_STATUS_LABELS = {
    ReferralStatus.SENT: _l("Waiting for acknowledgement"),
    ReferralStatus.ACKNOWLEDGED: _l("Acknowledged"),
    ReferralStatus.ACCEPTED: _l("Accepted"),
    ReferralStatus.DECLINED: _l("Declined"),
}


#: The identity fields a correction names on the timeline (caseflow.domain.corrections).
IDENTITY_FIELD_LABELS = {
    "given_name": _l("Child's given name"),
    "family_name": _l("Family name"),
    "date_of_birth": _l("Date of birth"),
    "age_estimate": _l("Estimated age (years)"),
    "sex": _l("Sex"),
    "caregiver_name": _l("Caregiver's name"),
    "caregiver_phone": _l("Caregiver's telephone"),
    "caregiver_relationship": _l("Relationship to the child"),
}

#: Why two cases may be the same child (domain/matching.py's reasons).
MATCH_REASON_LABELS = {
    "identity_number": _l("same MyKid/MyKad number"),
    "name": _l("name"),
    "family_name": _l("family or father's name"),
    "date_of_birth": _l("date of birth or age"),
    "sex": _l("sex"),
    "district": _l("district"),
    "state": _l("state"),
    "caregiver_phone": _l("caregiver's telephone"),
    "caregiver_name": _l("caregiver's name"),
}

CLOCK_STATUS_LABELS = {
    ClockStatus.RUNNING: _l("Running"),
    ClockStatus.DUE_SOON: _l("Due soon"),
    ClockStatus.BREACHED: _l("Overdue"),
    ClockStatus.MET: _l("Met"),
    ClockStatus.MET_LATE: _l("Met late"),
    ClockStatus.CANCELLED: _l("Cancelled"),
}

BASIS_LABELS = {
    "statute": _l("Statute"),
    "service_standard": _l("Service standard"),
}

WEEKLY_HOLIDAY_LABELS = {
    "office_week": _l("The state's two-day weekend (office working week)"),
    "weekly_holiday_only": _l("Only the weekly holiday (Sunday, or Friday in the Friday states)"),
}

TARGET_UNIT_LABELS = {Unit.HOURS: _l("hours"), Unit.DAYS: _l("days"), Unit.MONTHS: _l("months")}

PACK_VERSION_LABELS = {
    PackVersion.CHILD: _l("Child (about 7 to 12)"),
    PackVersion.TEEN: _l("Young person (13 to 17)"),
    PackVersion.CAREGIVER: _l("Parent or caregiver"),
    PackVersion.EASY_READ: _l("Easy read: short lines and pictures"),
}

#: Each language named in itself, so that everyone finds their own.
LANGUAGE_NAMES = {
    "ms": "Bahasa Malaysia",
    "en": "English",
    "zh": "中文",
    "ta": "தமிழ்",
    "other": "…",
}

AUDIT_LABELS = {
    "sign_in": _l("Signed in"),
    "sign_in_refused": _l("Sign-in refused"),
    "account_locked": _l("Account locked"),
    "user_created": _l("Account created"),
    "user_updated": _l("Account changed"),
    "user_deactivated": _l("Account deactivated"),
    "user_reactivated": _l("Account reactivated"),
    "user_unlocked": _l("Account unlocked"),
    "password_set": _l("Password set"),
    "directory_loaded": _l("Directory loaded"),
    "facility_created": _l("Facility created"),
    "facility_updated": _l("Facility changed"),
    "case_registered": _l("Case registered"),
    "pack_issued": _l("Information pack issued"),
    "identity_corrected": _l("Child's details corrected"),
    "subject_access_export": _l("Subject-access record exported"),
    "case_anonymised": _l("Case anonymised under the retention schedule"),
    "retention_run": _l("Retention schedule applied"),
    "case_viewed": _l("Case viewed"),
    "correction_viewed": _l("Identity opened for correction"),
    "event_recorded": _l("Step recorded"),
    "officer_assigned": _l("Protector assigned"),
    "referral_sent": _l("Referral sent"),
    "referral_acknowledged": _l("Referral acknowledged"),
    "referral_accepted": _l("Referral accepted"),
    "referral_declined": _l("Referral declined"),
    "export": _l("Exported"),
    "caseload_standard_set": _l("Caseload standard set"),
    "policy_revised": _l("Clock policy revised"),
    "calendar_changed": _l("State calendar changed"),
    "calendar_change_edited": _l("State calendar change edited"),
    "calendar_change_removed": _l("State calendar change undone"),
    "api_token_issued": _l("API token issued"),
    "possible_duplicate_shown": _l("Possible duplicate shown"),
    "possible_duplicate_notified": _l("Owner told of a possible duplicate"),
    "possible_duplicates_viewed": _l("Possible duplicates viewed"),
    "cases_linked": _l("Cases linked"),
    "cases_merged": _l("Cases merged"),
    "merge_undone": _l("Merge undone"),
    "duplicate_settings_changed": _l("Duplicate thresholds changed"),
    "api_token_revoked": _l("API token revoked"),
    "session_ended": _l("Session ended"),
    "sessions_ended": _l("Signed out everywhere"),
    "password_changed": _l("Password changed"),
    "two_factor_enabled": _l("Two-factor sign-in turned on"),
    "two_factor_disabled": _l("Two-factor sign-in turned off"),
    "read_list": _l("Seen in a list"),
    "read_search": _l("Found by a search"),
    "read_timeline": _l("Timeline read"),
    "read_clocks": _l("Clocks read"),
    "read_drill_down": _l("Seen behind a dashboard number"),
    "read_dashboard": _l("Named on the supervisor's dashboard"),
    "read_referral": _l("Seen on a referral page"),
    "read_access_log": _l("Access log opened"),
    "break_glass": _l("Opened with a stated reason (break the glass)"),
    "read_break_glass_form": _l("Reference shown while a reason was asked for (break the glass)"),
}

#: The access log's kinds of action, for its filter.
ACCESS_KIND_LABELS = {
    "view": _l("Case viewed"),
    "list": _l("Seen in a list"),
    "search": _l("Found by a search"),
    "timeline": _l("Timeline or clocks read"),
    "drill_down": _l("Seen behind a dashboard number"),
    "referral": _l("Referral"),
    "access_log": _l("Access log opened"),
    "export": _l("Exported"),
    "pack": _l("Information pack issued"),
    "step": _l("Step recorded"),
    "break_glass": _l("Opened with a stated reason (break the glass)"),
    "duplicate": _l("Possible duplicate"),
}


def role_label(role) -> str:
    return ROLE_LABELS.get(Role(role), str(role))


def facility_type_label(kind) -> str:
    return FACILITY_TYPE_LABELS.get(FacilityType(kind), str(kind))


def label(mapping: dict, value) -> str:
    """The translated word for an enum value, for templates: {{ label(STATUS_LABELS, s) }}."""
    return mapping.get(value, str(value))


def offence_title(act: str, key: str) -> str:
    """The section's title from the Act, in Malay on a Malay page and in English otherwise."""
    section = (SOCA_SECTIONS if act == "soca" else PENAL_CODE_SECTIONS).get(key)
    locale = get_locale()  # ms_MY: the section table knows languages, not regions
    return section.title(locale.language if locale else "en") if section else ""


def offence_label(act: str, key: str) -> str:
    return f"s.{key} {offence_title(act, key)}".strip()


def translated(text: str | None) -> str:
    """A word from the domain's tables kept in the database (a clock's name, where its time
    comes from), in this page's language: the domain marks them for the catalogue (N_). Words
    an administrator typed are not in it and show as typed."""
    return gettext(text) if text else ""


def platform_label(platform: str) -> str:
    return PLATFORM_LABELS.get(platform, platform)


def audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, action)


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        role_label=role_label,
        facility_type_label=facility_type_label,
        audit_label=audit_label,
        has_permission=has_permission,
        query_args=query_args,
        get_locale=get_locale,
        label=label,
        offence_title=offence_title,
        platform_label=platform_label,
        STATUS_LABELS=STATUS_LABELS,
        CLOCK_STATUS_LABELS=CLOCK_STATUS_LABELS,
        TARGET_UNIT_LABELS=TARGET_UNIT_LABELS,
        BASIS_LABELS=BASIS_LABELS,
        WEEKLY_HOLIDAY_LABELS=WEEKLY_HOLIDAY_LABELS,
        REFERRAL_STATUS_LABELS=REFERRAL_STATUS_LABELS,
        EVENT_LABELS=EVENT_LABELS,
        IDENTITY_FIELD_LABELS=IDENTITY_FIELD_LABELS,
        PACK_VERSION_LABELS=PACK_VERSION_LABELS,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        ABUSE_FORM_LABELS=ABUSE_FORM_LABELS,
        RISK_LABELS=RISK_LABELS,
        SEX_LABELS=SEX_LABELS,
        URGENCY_LABELS=URGENCY_LABELS,
        SOURCE_LABELS=SOURCE_LABELS,
        ACCESS_KIND_LABELS=ACCESS_KIND_LABELS,
        MATCH_REASON_LABELS=MATCH_REASON_LABELS,
        COURT_FLAG_LABELS=COURT_FLAG_LABELS,
        GROUPING_LABELS=GROUPING_LABELS,
    )
    app.jinja_env.filters["translated"] = translated
    app.jinja_env.add_extension("jinja2.ext.do")
