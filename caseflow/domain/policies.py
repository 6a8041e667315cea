"""The clock policies (docs/clocks.md), as data: what starts, pauses and stops each clock,
its target, the calendar it counts on, which cases it applies to, and where its time comes
from: a statute (Act, section and the Act's own words for the time) or a service standard
(who set it and when).

These are the defaults an installation starts with; the database holds the versions in force
(an administrator's change applies to clocks started after it). Sources are recorded in
docs/clocks.md and docs/glossary.md.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from caseflow.domain.clocks import Target, Unit
from caseflow.domain.events import EventType as E
from caseflow.domain.text import N_


class Basis(StrEnum):
    STATUTE = "statute"  # an Act fixes the time
    SERVICE_STANDARD = "service_standard"  # a ministry, court office or this service set it


class WeeklyHolidays(StrEnum):
    """Which days a period skips besides public holidays (Interpretation Acts 1948 and 1967 s.54:
    "weekly holiday or public holiday"). Whether the second day of a state's weekend is a weekly
    holiday is not settled by anything Caseflow cites; the administrator chooses per policy."""

    OFFICE_WEEK = "office_week"  # the state's two-day weekend, as government offices keep it
    SUNDAY_OR_FRIDAY = "weekly_holiday_only"  # only Sunday (Friday in the Friday states)


#: Said on every day- or month-counted policy: the question the law leaves open.
UNSETTLED_WEEKEND = (
    'Unsettled: the Interpretation Acts exclude a "weekly holiday"; the Holidays Act 1951 names '
    "Sunday (Friday in Kedah, Kelantan and Terengganu). Whether the other weekend day also counts "
    "is not settled by any source Caseflow cites. Default: the office working week."
)


class CalendarOf(StrEnum):
    """Whose state's calendar counts: the facility that must do the work."""

    SOURCE = "source"  # the reporting school (SOP 1:3:7)
    RECEIVER = "receiver"  # the facility a referral was sent to
    COURT = "court"  # the court a charge was registered at
    OWNER = "owner"  # the facility that owns the case


@dataclass(frozen=True, slots=True)
class Conditions:
    """Which cases a policy applies to; an empty tuple means any."""

    source_types: tuple[str, ...] = ()
    urgencies: tuple[str, ...] = ()
    risk_levels: tuple[str, ...] = ()
    receiver_types: tuple[str, ...] = ()
    abuse_forms: tuple[str, ...] = ()
    special_court: bool | None = None  # kept for policy versions written before issue 16
    court_codes: tuple[str, ...] = ()  # a particular court (the two special courts)
    court_kinds: tuple[str, ...] = ()  # "sessions", "magistrates", "special", "children"
    regions: tuple[str, ...] = ()  # "peninsular", "sabah", "sarawak", "labuan"
    orders: tuple[str, ...] = ()  # the order an interim-order event records, e.g. "s39_4"
    in_custody: bool | None = None  # the child was taken into temporary custody (s.18/s.19)


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What a starting event tells about the case, for matching conditions."""

    source_type: str
    risk_level: str
    abuse_forms: frozenset[str]
    urgency: str | None = None
    receiver_type: str | None = None
    special_court: bool | None = None
    court_code: str | None = None
    court_kind: str | None = None
    region: str | None = None
    order: str | None = None
    in_custody: bool = False


#: A clock warns ("due soon") when a quarter of its time is left: 6 hours of a 24-hour duty,
#: 1 hour of a 4-hour acknowledgement, 3 hours of a 12-hour custody, about a week of a month.
#: A quarter leaves time to act on the shortest clocks without warning from the first hour of
#: the longest; every policy warns at this share unless its source asks otherwise.
DUE_SOON_SHARE = 0.25
#: Court disposal warns at half its target: 6 of 12 months, the first of the warnings the
#: service specification asks for ("warn at 6, 9 and 11"): moving a court date takes months.
DISPOSAL_DUE_SOON_SHARE = 0.5

#: A stop event may name the kind of facility that must act for it to meet the clock:
#: "referral_acknowledged@jkm" is met when a JKM office acknowledges, not a clinic.
BY = "@"


def done_by(kind: E, facility_type: str) -> str:
    """A stop event that counts only when a facility of this kind acts (see `stops_clock`)."""
    return f"{kind.value}{BY}{facility_type}"


def stops_clock(stop_events: list[str], kind: str, acting_facility_type: str | None) -> bool:
    """Whether an event of this kind, by a facility of this kind, meets a clock with these
    stop events: a plain stop event by anyone, a qualified one only by that kind of facility."""
    if kind in stop_events:
        return True
    return acting_facility_type is not None and f"{kind}{BY}{acting_facility_type}" in stop_events


@dataclass(frozen=True, slots=True)
class PolicySpec:
    key: str
    name: str
    start: E
    stops: tuple[E | str, ...]  # an event type, or one qualified by who acts (`done_by`)
    target: Target
    source: str  # the Act and section, or who set the standard and when
    basis: Basis = Basis.SERVICE_STANDARD
    law_words: str = ""  # the Act's own words for the time, quoted; empty for a standard
    calendar: CalendarOf = CalendarOf.OWNER
    conditions: Conditions = field(default_factory=Conditions)
    due_soon_share: float = DUE_SOON_SHARE
    pausable: bool = False
    per_referral: bool = False  # stops only on events about the referral that started it
    series: str | None = None  # one stopping event meets only the earliest clock of a series


def applies(conditions: Conditions, facts: EventFacts) -> bool:
    def one(allowed: tuple[str, ...], value: str | None) -> bool:
        return not allowed or value in allowed

    return (
        one(conditions.source_types, facts.source_type)
        and one(conditions.urgencies, facts.urgency)
        and one(conditions.risk_levels, facts.risk_level)
        and one(conditions.receiver_types, facts.receiver_type)
        and (not conditions.abuse_forms or bool(set(conditions.abuse_forms) & facts.abuse_forms))
        and (conditions.special_court is None or conditions.special_court == facts.special_court)
        and one(conditions.court_codes, facts.court_code)
        and one(conditions.court_kinds, facts.court_kind)
        and one(conditions.regions, facts.region)
        and one(conditions.orders, facts.order)
        and (conditions.in_custody is None or conditions.in_custody == facts.in_custody)
    )


REGIONS = {"SBH": "sabah", "SWK": "sarawak", "LBN": "labuan"}


def region_of(state_code: str) -> str:
    return REGIONS.get(state_code, "peninsular")


def court_kind(name: str, special: bool) -> str:
    """Which kind of court, from the directory's name (the directory has no court-type field)."""
    lowered = name.lower()
    if special:
        return "special"
    if "sesyen" in lowered or "sessions" in lowered:
        return "sessions"
    if "majistret" in lowered or "magistrate" in lowered:
        return "magistrates"
    if "kanak-kanak" in lowered or "children" in lowered:
        return "children"
    return "other"


def weekend_unsettled(target: Target) -> bool:
    """Hours run on the wall clock; days and months meet the weekly-holiday question."""
    return target.unit is not Unit.HOURS


DAYS, HOURS, MONTHS = Unit.DAYS, Unit.HOURS, Unit.MONTHS
STATUTE, STANDARD = Basis.STATUTE, Basis.SERVICE_STANDARD
SOP_137 = N_(
    "Service standard: Ministry of Education, Surat Pekeliling Ikhtisas Bil. 7/2011 "
    "(SOP 1:3:7), 2011"
)
CASEFLOW_STANDARD = N_("Service standard: Caseflow's referral standards (2026)")
SEXUAL_FORMS = ("sexual_abuse", "grooming", "csam", "sexual_extortion", "live_streaming")
KUCHING_SPECIAL = "national-court-special-kuching"
PUTRAJAYA_SPECIAL = "national-court-special-putrajaya"


def _school(key: str, name: str, stop: E, days: int) -> PolicySpec:
    return PolicySpec(
        key,
        name,
        E.CASE_REGISTERED,
        (stop,),
        Target(days, DAYS),
        SOP_137,
        calendar=CalendarOf.SOURCE,
        conditions=Conditions(source_types=("school",)),
    )


def _referral(
    key: str, name: str, stops: tuple[E, ...], urgency: str, target: Target
) -> PolicySpec:
    conditions = Conditions(urgencies=(urgency,))
    return PolicySpec(
        key,
        name,
        E.REFERRAL_SENT,
        stops,
        target,
        CASEFLOW_STANDARD,
        calendar=CalendarOf.RECEIVER,
        conditions=conditions,
        per_referral=True,
    )


def _disposal(key: str, name: str, months: int, source: str, conditions: Conditions) -> PolicySpec:
    return PolicySpec(
        key,
        name,
        E.CHARGE_REGISTERED,
        (E.CASE_DISPOSED,),
        Target(months, MONTHS),
        source,
        calendar=CalendarOf.COURT,
        conditions=conditions,
        due_soon_share=DISPOSAL_DUE_SOON_SHARE,
    )


DECIDED = (E.REFERRAL_ACCEPTED, E.REFERRAL_DECLINED)
#: The aftercare follow-ups, months after closing, each named whole so the catalogue has it.
AFTERCARE = {
    1: N_("Aftercare follow-up (1 month)"),
    3: N_("Aftercare follow-up (3 months)"),
    6: N_("Aftercare follow-up (6 months)"),
}

#: The report to a protector (Child Act 2001 ss.27-29) is made in practice when a JKM office
#: has the case: it acknowledges or accepts a referral of it, or a protector registers it
#: (a case registered at JKM from a clinic's call meets the clock as it starts). Recording
#: "Protector notified" by hand still meets it (a telephone report before any referral).
MANDATORY_REPORT_MET_BY = (
    E.PROTECTOR_NOTIFIED,
    done_by(E.REFERRAL_ACKNOWLEDGED, "jkm"),
    done_by(E.REFERRAL_ACCEPTED, "jkm"),
    done_by(E.CASE_REGISTERED, "jkm"),
)

DEFAULT_POLICIES: tuple[PolicySpec, ...] = (
    _school("school_day_1", N_("School preliminary report (day 1)"), E.SCHOOL_REPORT_SENT, 1),
    _school("school_day_3", N_("School follow-up report (day 3)"), E.SCHOOL_FOLLOW_UP, 3),
    _school("school_day_7", N_("School full report (day 7)"), E.SCHOOL_FULL_REPORT, 7),
    PolicySpec(
        "mandatory_report",
        N_("Report to a protector"),
        E.CASE_REGISTERED,
        MANDATORY_REPORT_MET_BY,
        Target(24, HOURS),
        N_(
            "Service standard: Caseflow (2026). Child Act 2001 ss.27-29 require the "
            'report "immediately" and set no number of hours; 24 hours is this service\'s '
            "measure, not the Act's. Met when a protector's office has the case: it acknowledges "
            "or accepts a referral of it, or a protector registers it"
        ),
        conditions=Conditions(source_types=("clinic", "oscc")),
    ),
    PolicySpec(
        "temporary_custody",
        N_("Child in temporary custody before a protector"),
        E.CHILD_TAKEN_INTO_CUSTODY,
        (E.CHILD_BEFORE_PROTECTOR,),
        Target(12, HOURS),
        N_("Child Act 2001 s.18(3)(b)"),
        STATUTE,
        N_('"within twelve hours after such taking, bring the child before a Protector"'),
    ),
    PolicySpec(
        "before_court",
        N_("Child before the Court for Children"),
        E.PROTECTOR_TOOK_CHILD,
        (E.CHILD_BEFORE_COURT,),
        Target(24, HOURS),
        N_("Child Act 2001 s.19(1)"),
        STATUTE,
        N_("twenty-four hours (the Act's words for this period were not re-read for issue 16)"),
    ),
    PolicySpec(
        "before_court_after_medical",
        N_("Child before the Court for Children after a medical examination"),
        E.MEDICAL_ASSESSMENT,
        (E.CHILD_BEFORE_COURT,),
        Target(24, HOURS),
        N_("Child Act 2001 s.25(1)"),
        STATUTE,
        N_(
            '"within twenty-four hours (a) of the completion of such examination or treatment; '
            'or (b) if the child is hospitalized, of his discharge from the hospital"; record '
            "the step at the completion or the discharge"
        ),
        conditions=Conditions(in_custody=True),
    ),
    PolicySpec(
        "refuge_order_report",
        N_("Protector's inquiry report after a place-of-refuge order"),
        E.INTERIM_ORDER_MADE,
        (E.PROTECTOR_REPORT_FILED,),
        Target(1, MONTHS),
        N_("Child Act 2001 s.39A(2) (inserted by Act A1511, 2016)"),
        STATUTE,
        N_(
            '"within a period not exceeding one month from the date the order is made under '
            'subsection 39(4)"'
        ),
        conditions=Conditions(orders=("s39_4",)),
    ),
    _referral(
        "referral_ack_urgent",
        N_("Urgent referral acknowledged"),
        (E.REFERRAL_ACKNOWLEDGED, *DECIDED),
        "urgent",
        Target(4, HOURS),
    ),
    _referral(
        "referral_ack_routine",
        N_("Routine referral acknowledged"),
        (E.REFERRAL_ACKNOWLEDGED, *DECIDED),
        "routine",
        Target(1, DAYS),
    ),
    _referral(
        "referral_decision_urgent",
        N_("Urgent referral decided"),
        DECIDED,
        "urgent",
        Target(24, HOURS),
    ),
    _referral(
        "referral_decision_routine",
        N_("Routine referral decided"),
        DECIDED,
        "routine",
        Target(3, DAYS),
    ),
    PolicySpec(
        "assessment_high",
        N_("Protector's initial assessment (high risk)"),
        E.REFERRAL_ACCEPTED,
        (E.INITIAL_ASSESSMENT,),
        Target(24, HOURS),
        CASEFLOW_STANDARD,
        conditions=Conditions(receiver_types=("jkm",), risk_levels=("high",)),
    ),
    PolicySpec(
        "assessment",
        N_("Protector's initial assessment"),
        E.REFERRAL_ACCEPTED,
        (E.INITIAL_ASSESSMENT,),
        Target(3, DAYS),
        CASEFLOW_STANDARD,
        conditions=Conditions(receiver_types=("jkm",), risk_levels=("medium", "low")),
    ),
    PolicySpec(
        "police_report",
        N_("Police report lodged"),
        E.CASE_REGISTERED,
        (E.POLICE_REPORT_LODGED,),
        Target(24, HOURS),
        N_(
            "Service standard: Caseflow (2026). SOCA 2017 s.19 makes failing to "
            "give information an offence but sets no time"
        ),
        conditions=Conditions(abuse_forms=SEXUAL_FORMS),
    ),
    PolicySpec(
        "investigation",
        N_("Police investigation (papers to the Public Prosecutor)"),
        E.POLICE_REPORT_LODGED,
        (E.PAPERS_TO_PROSECUTOR,),
        Target(3, MONTHS),
        N_(
            "Service standard: the Inspector-General of Police's stated aim for child sexual "
            "cases (2017). Met when the investigation papers are sent to the Public "
            'Prosecutor (the step "Investigation papers sent to the Public Prosecutor")'
        ),
        pausable=True,
    ),
    PolicySpec(
        "refuge",
        N_("Child in a place of refuge before a protector"),
        E.CHILD_ADMITTED_TO_REFUGE,
        (E.CHILD_BEFORE_PROTECTOR,),
        Target(24, HOURS),
        N_("Child Act 2001 s.41(4)"),
        STATUTE,
        N_(
            '"shall be brought before a Protector within twenty-four hours of his admission '
            'into the place of refuge"'
        ),
    ),
    _disposal(
        "court_disposal_peninsular",
        N_("Court disposal (Sessions or Magistrates' court)"),
        12,
        N_(
            "Service standard: Chief Registrar's Circular No. 2 of 2017 (12 months for "
            "Sessions and Magistrates' courts in Peninsular Malaysia, as the Minister reported "
            "it to the Dewan Rakyat on 24 October 2017 and 12 March 2018; the circular itself "
            "was not found by search)"
        ),
        Conditions(court_kinds=("sessions", "magistrates"), regions=("peninsular",)),
    ),
    _disposal(
        "court_disposal_kuching",
        N_("Court disposal (Kuching special court)"),
        6,
        N_(
            "Service standard: the Kuching special court's own target, as reported in Disrupting "
            "Harm in Malaysia (ECPAT, INTERPOL and UNICEF, 2022)"
        ),
        Conditions(court_codes=(KUCHING_SPECIAL,)),
    ),
    _disposal(
        "court_disposal_putrajaya",
        N_("Court disposal (Putrajaya special court)"),
        12,
        N_(
            "Service standard: the Putrajaya special court, opened 22 June 2017, aims to dispose "
            "of cases within a year (Minister's answer, Dewan Rakyat, 12 March 2018), as the "
            "Chief Registrar's Circular No. 2 of 2017 does for subordinate courts"
        ),
        Conditions(court_codes=(PUTRAJAYA_SPECIAL,)),
    ),
    *(
        PolicySpec(
            f"aftercare_{m}m",
            name,
            E.CASE_CLOSED,
            (E.FOLLOW_UP_DONE,),
            Target(m, MONTHS),
            N_(
                "Service standard: Caseflow (2026), answering Disrupting Harm in Malaysia (2022): "
                '"no post monitoring system for victims"'
            ),
            series="aftercare",
        )
        for m, name in AFTERCARE.items()
    ),
)

#: Courts for which no disposal target is known: a charge there starts no disposal clock.
COURTS_WITHOUT_TARGET = (
    "Sessions and Magistrates' courts in Sabah, Sarawak and Labuan; Courts for Children; any "
    "special court other than Putrajaya and Kuching"
)


@lru_cache(maxsize=1024)  # a court's answer never changes; the dashboard asks per charge
def disposal_target_months(court_code: str, court_name: str, special: bool, state_code: str):
    """The disposal target of a court in months, from the default disposal policies; None where
    no target is known (see COURTS_WITHOUT_TARGET)."""
    facts = EventFacts(
        "",
        "",
        frozenset(),
        court_code=court_code,
        court_kind=court_kind(court_name, special),
        region=region_of(state_code),
        special_court=special,
    )
    for spec in DEFAULT_POLICIES:
        if spec.start is E.CHARGE_REGISTERED and applies(spec.conditions, facts):
            return spec.target.amount
    return None
