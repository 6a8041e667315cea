"""What a case record holds: forms of abuse, platforms, offence sections, the reference."""

from datetime import date
from enum import StrEnum

# The offence sections a case may cite (SOCA and Penal Code) live in their own module.
from caseflow.domain.offences import PENAL_CODE_SECTIONS, SOCA_SECTIONS  # noqa: F401


class AbuseForm(StrEnum):
    SEXUAL_ABUSE = "sexual_abuse"
    GROOMING = "grooming"
    CSAM = "csam"  # child sexual abuse material (Luxembourg Guidelines)
    SEXUAL_EXTORTION = "sexual_extortion"
    LIVE_STREAMING = "live_streaming"
    PHYSICAL_ABUSE = "physical_abuse"
    NEGLECT = "neglect"
    OTHER = "other"


#: Forms that are online by their nature; the others may or may not have an online element.
ALWAYS_ONLINE = frozenset({AbuseForm.CSAM, AbuseForm.LIVE_STREAMING})


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class RiskLevel(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SourceType(StrEnum):
    SCHOOL = "school"
    CLINIC = "clinic"
    OSCC = "oscc"
    HELPLINE = "helpline"
    POLICE = "police"
    PUBLIC = "public"
    JKM = "jkm"


PLATFORMS = (
    "whatsapp",
    "facebook",
    "instagram",
    "tiktok",
    "telegram",
    "wechat",
    "youtube",
    "discord",
    "snapchat",
    "x",
    "online_game",
    "other",
)

HOME_LANGUAGES = ("ms", "en", "zh", "ta", "other")


def case_reference(year: int, number: int) -> str:
    """The human reference, CF-2026-000123: short enough to read over the telephone."""
    return f"CF-{year}-{number:06d}"


def age_in_years(date_of_birth: date | None, age_estimate: int | None, on: date) -> int | None:
    if date_of_birth is None:
        return age_estimate
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - before_birthday


def age_band(age: int | None) -> str:
    """Bands for statistics: no analyst ever needs an exact age."""
    if age is None:
        return "unknown"
    for upper, label in ((5, "0-5"), (9, "6-9"), (12, "10-12"), (15, "13-15")):
        if age <= upper:
            return label
    return "16-17" if age <= 17 else "18+"


#: How far an estimated age may sit from the age a date of birth gives: an estimate is a guess,
#: but a child born in 2017 is not "about 14" in 2026, and one of the two is then wrong.
AGE_ESTIMATE_TOLERANCE = 2


class AgeProblem(StrEnum):
    MISSING = "missing"  # neither a date of birth nor an estimate: no age band, no pack
    BORN_IN_FUTURE = "born_in_future"
    NOT_A_CHILD = "not_a_child"  # an estimate outside 0-17 (Child Act 2001 s.2)
    DISAGREES = "disagrees"  # the date of birth and the estimate contradict each other


def age_problems(
    date_of_birth: date | None, age_estimate: int | None, on: date | None
) -> dict[str, AgeProblem]:
    """What is wrong with a child's age as entered, by field ("date_of_birth", "age_estimate").

    `on` is the day the concern was reported (the day the age band is taken on); None when
    that is not known yet, and then only the checks that need no day are made.
    """
    problems: dict[str, AgeProblem] = {}
    if date_of_birth is None and age_estimate is None:
        problems["date_of_birth"] = AgeProblem.MISSING
    if age_estimate is not None and not 0 <= age_estimate <= 17:
        problems["age_estimate"] = AgeProblem.NOT_A_CHILD
    if date_of_birth is None or on is None:
        return problems
    if date_of_birth > on:
        problems["date_of_birth"] = AgeProblem.BORN_IN_FUTURE
    elif (
        age_estimate is not None
        and "age_estimate" not in problems
        and not ages_agree(age_in_years(date_of_birth, None, on), age_estimate)
    ):
        problems["age_estimate"] = AgeProblem.DISAGREES
    return problems


def ages_agree(age_from_birth: int, age_estimate: int) -> bool:
    return abs(age_from_birth - age_estimate) <= AGE_ESTIMATE_TOLERANCE
