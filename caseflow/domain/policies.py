"""The clock policies of SPEC.md ("Clocks"), as data: what starts, pauses and stops each clock,
its target, the calendar it counts on, and which cases it applies to.

These are the defaults an installation starts with; the database holds the versions in force
(an administrator's change applies to clocks started after it).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from caseflow.domain.clocks import Target, Unit
from caseflow.domain.events import EventType as E


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
    special_court: bool | None = None


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What a starting event tells about the case, for matching conditions."""

    source_type: str
    risk_level: str
    abuse_forms: frozenset[str]
    urgency: str | None = None
    receiver_type: str | None = None
    special_court: bool | None = None


@dataclass(frozen=True, slots=True)
class PolicySpec:
    key: str
    name: str
    start: E
    stops: tuple[E, ...]
    target: Target
    source: str
    calendar: CalendarOf = CalendarOf.OWNER
    conditions: Conditions = field(default_factory=Conditions)
    due_soon_share: float = 0.25
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
    )


DAYS, HOURS, MONTHS = Unit.DAYS, Unit.HOURS, Unit.MONTHS
SOP_137 = "KPM Surat Pekeliling Ikhtisas Bil. 7/2011 (SOP 1:3:7)"
SEXUAL_FORMS = ("sexual_abuse", "grooming", "csam", "sexual_extortion", "live_streaming")


def _school(key: str, name: str, stop: E, days: int) -> PolicySpec:
    return PolicySpec(key, name, E.CASE_REGISTERED, (stop,), Target(days, DAYS), SOP_137,
                      CalendarOf.SOURCE, Conditions(source_types=("school",)))  # fmt: skip


def _referral(
    key: str, name: str, stops: tuple[E, ...], urgency: str, target: Target
) -> PolicySpec:
    conditions = Conditions(urgencies=(urgency,))
    return PolicySpec(key, name, E.REFERRAL_SENT, stops, target, "Service standard",
                      CalendarOf.RECEIVER, conditions, per_referral=True)  # fmt: skip


DECIDED = (E.REFERRAL_ACCEPTED, E.REFERRAL_DECLINED)

DEFAULT_POLICIES: tuple[PolicySpec, ...] = (
    _school("school_day_1", "School preliminary report (day 1)", E.SCHOOL_REPORT_SENT, 1),
    _school("school_day_3", "School follow-up report (day 3)", E.SCHOOL_FOLLOW_UP, 3),
    _school("school_day_7", "School full report (day 7)", E.SCHOOL_FULL_REPORT, 7),
    PolicySpec("mandatory_report", "Report to a protector", E.CASE_REGISTERED,
               (E.PROTECTOR_NOTIFIED,), Target(24, HOURS), "Child Act 2001 s.27-29",
               conditions=Conditions(source_types=("clinic", "oscc")), due_soon_share=23 / 24),
    PolicySpec("temporary_custody", "Child in temporary custody before a protector",
               E.CHILD_TAKEN_INTO_CUSTODY, (E.CHILD_BEFORE_PROTECTOR,), Target(12, HOURS),
               "Child Act 2001 s.18"),
    PolicySpec("before_court", "Child before the Court for Children", E.PROTECTOR_TOOK_CHILD,
               (E.CHILD_BEFORE_COURT,), Target(24, HOURS), "Child Act 2001 s.19"),
    PolicySpec("interim_order_report", "Protector's report after an interim order",
               E.INTERIM_ORDER_MADE, (E.PROTECTOR_REPORT_FILED,), Target(1, MONTHS),
               "Child Act 2001 s.39A; JKM procedure"),
    _referral("referral_ack_urgent", "Urgent referral acknowledged",
              (E.REFERRAL_ACKNOWLEDGED, *DECIDED), "urgent", Target(4, HOURS)),
    _referral("referral_ack_routine", "Routine referral acknowledged",
              (E.REFERRAL_ACKNOWLEDGED, *DECIDED), "routine", Target(1, DAYS)),
    _referral("referral_decision_urgent", "Urgent referral decided", DECIDED, "urgent",
              Target(24, HOURS)),
    _referral("referral_decision_routine", "Routine referral decided", DECIDED, "routine",
              Target(3, DAYS)),
    PolicySpec("assessment_high", "Protector's initial assessment (high risk)",
               E.REFERRAL_ACCEPTED, (E.INITIAL_ASSESSMENT,), Target(24, HOURS), "Service standard",
               conditions=Conditions(receiver_types=("jkm",), risk_levels=("high",))),
    PolicySpec("assessment", "Protector's initial assessment", E.REFERRAL_ACCEPTED,
               (E.INITIAL_ASSESSMENT,), Target(3, DAYS), "Service standard",
               conditions=Conditions(receiver_types=("jkm",), risk_levels=("medium", "low"))),
    PolicySpec("police_report", "Police report lodged", E.CASE_REGISTERED,
               (E.POLICE_REPORT_LODGED,), Target(24, HOURS), "SOCA 2017 s.19 duty to inform",
               conditions=Conditions(abuse_forms=SEXUAL_FORMS)),
    PolicySpec("investigation", "Police investigation", E.POLICE_REPORT_LODGED,
               (E.PAPERS_TO_PROSECUTOR,), Target(3, MONTHS),
               "Inspector-General's stated aim for child sexual cases (2017)", pausable=True),
    PolicySpec("refuge", "Child in a place of refuge before a protector",
               E.CHILD_ADMITTED_TO_REFUGE, (E.CHILD_BEFORE_PROTECTOR,), Target(24, HOURS),
               "Child Act 2001 s.41(4)"),
    PolicySpec("court_disposal", "Court disposal", E.CHARGE_REGISTERED, (E.CASE_DISPOSED,),
               Target(12, MONTHS), "Chief Registrar Circular No. 2 of 2017", CalendarOf.COURT,
               Conditions(special_court=False), due_soon_share=0.5),
    PolicySpec("special_court_disposal", "Special court disposal", E.CHARGE_REGISTERED,
               (E.CASE_DISPOSED,), Target(6, MONTHS), "The Kuching special court's target",
               CalendarOf.COURT, Conditions(special_court=True), due_soon_share=0.5),
    *(
        PolicySpec(f"aftercare_{m}m", f"Aftercare follow-up ({m} months)", E.CASE_CLOSED,
                   (E.FOLLOW_UP_DONE,), Target(m, MONTHS),
                   'Seed 000: "no post monitoring system for victims"', series="aftercare")
        for m in (1, 3, 6)
    ),
)  # fmt: skip
