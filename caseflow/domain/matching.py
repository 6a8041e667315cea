"""Is this the same child? A score for two child records, and the reasons behind it.

The score adds weighted agreements (name, date of birth or age, sex, place, caregiver) and is
overruled by a MyKid/MyKad number where both records carry one. String measures come from
rapidfuzz: Jaro-Winkler, which favours agreement at the start of a name (where Malaysian
spellings agree most), and Indel ratio for the rest; it is maintained, MIT-licensed and
compiled, so scoring a few hundred candidates costs well under a millisecond.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from caseflow.domain.names import canonical_words, parse_name, phonetic, same_chinese_surname

#: A MyKid or MyKad number: YYMMDD, place of birth (2 digits), serial (4), dashes optional.
IDENTITY_NUMBER = re.compile(r"\d{6}-?\d{2}-?\d{4}")


def identity_number(text: str | None) -> str | None:
    """The 12 digits of a MyKid/MyKad number, or None for a blank; ValueError if malformed."""
    if text is None or not text.strip():
        return None
    if not IDENTITY_NUMBER.fullmatch(text.strip()):
        raise ValueError(text)
    return text.strip().replace("-", "")


@dataclass(frozen=True, slots=True)
class Child:
    """What two registrations are compared on: the child as each registrant recorded them."""

    given_name: str
    family_name: str = ""
    date_of_birth: date | None = None
    age_estimate: int | None = None
    reported_on: date | None = None
    sex: str = "unknown"
    state_code: str = ""
    district_id: int | None = None
    caregiver_name: str | None = None
    caregiver_phone: str | None = None
    identity_number: str | None = None

    @property
    def birth_year(self) -> int | None:
        if self.date_of_birth is not None:
            return self.date_of_birth.year
        if self.age_estimate is not None and self.reported_on is not None:
            return self.reported_on.year - self.age_estimate
        return None


@dataclass(frozen=True, slots=True)
class Thresholds:
    """An administrator's settings, as fractions: shown to the registrant's circle from
    `show_at`; the owning facility outside it is told from `notify_at` (fewer false alarms to
    an agency that cannot see the new case)."""

    show_at: float = 0.70
    notify_at: float = 0.80


#: How much each agreement adds. The name and the date of birth carry most; place and caregiver
#: confirm. Two different children sharing a family name and a birth year stay far below 0.70.
WEIGHTS = {
    "name": 0.40,
    "family_name": 0.10,
    "date_of_birth": 0.20,
    "sex": 0.05,
    "district": 0.10,
    "state": 0.04,
    "caregiver_phone": 0.10,
    "caregiver_name": 0.05,
}
DIFFERENT_SEX_PENALTY = 0.30
DIFFERENT_IDENTITY_FACTOR = 0.5
SAME_IDENTITY_SCORE = 0.98


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    reasons: tuple[str, ...]


def birth_year_window(child: Child) -> tuple[int, int] | None:
    """Years to look up candidates in: ±1 for a date of birth, ±2 for an estimated age."""
    year = child.birth_year
    if year is None:
        return None
    spread = 1 if child.date_of_birth is not None else 2
    return year - spread, year + spread


#: Name elements so common that sharing them says little ("Nur Aisyah" and "Nur Hidayah").
COMMON_ELEMENTS = frozenset({"nur", "muhammad", "siti", "abdul", "ahmad"})


def own_name_similarity(a: Child, b: Child) -> float:
    """1.0 for the same phonetic key; otherwise two string measures over what is left once
    the common elements are set aside."""
    pa, pb = parse_name(a.given_name, a.family_name), parse_name(b.given_name, b.family_name)
    ca, cb = canonical_words(pa.own), canonical_words(pb.own)
    if phonetic("".join(ca)) and phonetic("".join(ca)) == phonetic("".join(cb)):
        return 1.0
    da = "".join(w for w in ca if w not in COMMON_ELEMENTS) or "".join(ca)
    db = "".join(w for w in cb if w not in COMMON_ELEMENTS) or "".join(cb)
    jaro = JaroWinkler.normalized_similarity(phonetic(da), phonetic(db))
    return max(jaro * 0.95, fuzz.ratio(da, db) / 100)


def family_similarity(a: Child, b: Child) -> float | None:
    """Chinese family names by their romanisation groups; a father's name by spelling."""
    pa, pb = parse_name(a.given_name, a.family_name), parse_name(b.given_name, b.family_name)
    if not pa.family or not pb.family:
        return None
    if pa.chinese_surname and pb.chinese_surname:
        return 1.0 if same_chinese_surname(pa.chinese_surname, pb.chinese_surname) else 0.0
    fa, fb = " ".join(canonical_words(pa.family)), " ".join(canonical_words(pb.family))
    if phonetic(fa) == phonetic(fb):
        return 1.0
    return fuzz.ratio(fa, fb) / 100


def _digits(phone: str | None) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits[1:] if digits.startswith("6") else digits  # +60 12... and 012... agree


def score(a: Child, b: Child) -> Match:
    """How likely two records are the same child, from 0 to 1, with the reasons that count."""
    if a.identity_number and a.identity_number == b.identity_number:
        return Match(SAME_IDENTITY_SCORE, ("identity_number",))
    parts: dict[str, float] = {}
    name = own_name_similarity(a, b)
    parts["name"] = name if name >= 0.75 else 0.0
    family = family_similarity(a, b)
    if family is not None and family >= 0.8:
        parts["family_name"] = family
    if a.date_of_birth and b.date_of_birth:
        parts["date_of_birth"] = 1.0 if a.date_of_birth == b.date_of_birth else 0.0
    elif a.birth_year is not None and b.birth_year is not None:
        parts["date_of_birth"] = 0.6 if abs(a.birth_year - b.birth_year) <= 1 else 0.0
    known_sex = {a.sex, b.sex} - {"unknown"}
    if a.sex == b.sex and known_sex:
        parts["sex"] = 1.0
    if a.district_id is not None and a.district_id == b.district_id:
        parts["district"] = 1.0
    if a.state_code and a.state_code == b.state_code:
        parts["state"] = 1.0
    if _digits(a.caregiver_phone) and _digits(a.caregiver_phone) == _digits(b.caregiver_phone):
        parts["caregiver_phone"] = 1.0
    if a.caregiver_name and b.caregiver_name:
        similar = fuzz.token_sort_ratio(a.caregiver_name.lower(), b.caregiver_name.lower())
        parts["caregiver_name"] = 1.0 if similar >= 85 else 0.0
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    if len(known_sex) == 2:
        total -= DIFFERENT_SEX_PENALTY
    if a.identity_number and b.identity_number:
        total *= DIFFERENT_IDENTITY_FACTOR
    reasons = tuple(k for k, v in parts.items() if v > 0)
    return Match(round(max(0.0, min(total, 1.0)), 3), reasons)


#: A merge can be undone for 30 days: long enough for the two owners to notice a mistake,
#: short enough that the merged case's work is not split again months later.
UNDO_MERGE_WITHIN_DAYS = 30


def merge_may_be_undone(merged_at: datetime, now: datetime) -> bool:
    return now - merged_at <= timedelta(days=UNDO_MERGE_WITHIN_DAYS)


def refuse_merge(
    party_supervises: frozenset[int], role_is_supervisor: bool, owner_a: int, owner_b: int
) -> str | None:
    """Only a supervisor of both owning facilities merges: the merged case leaves its owner's
    lists, so no one outside that owner's line of supervision may hide it."""
    if not role_is_supervisor:
        return "role_may_not"
    if owner_a not in party_supervises or owner_b not in party_supervises:
        return "not_your_case"
    return None
