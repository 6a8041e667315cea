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
