"""Kinds of facility that hand a child's case to each other, and the rules that tie them."""

from enum import StrEnum

from caseflow.domain.roles import Role


class FacilityType(StrEnum):
    CLINIC = "clinic"
    OSCC = "oscc"
    JKM = "jkm"
    POLICE = "police"
    SCHOOL = "school"
    COURT = "court"
    HELPLINE = "helpline"
    LEGAL_COMPANION = "legal_companion"
    MINISTRY = "ministry"


#: The facility types a user of each role may belong to. A supervisor or analyst may sit in
#: any agency; an administrator too (they run the system, not a case).
ROLE_FACILITY_TYPES: dict[Role, frozenset[FacilityType]] = {
    Role.CLINIC_STAFF: frozenset({FacilityType.CLINIC}),
    Role.OSCC_STAFF: frozenset({FacilityType.OSCC}),
    Role.SCHOOL_COUNSELLOR: frozenset({FacilityType.SCHOOL}),
    Role.PROTECTOR: frozenset({FacilityType.JKM}),
    Role.POLICE_OFFICER: frozenset({FacilityType.POLICE}),
    Role.HELPLINE: frozenset({FacilityType.HELPLINE}),
    Role.SUPERVISOR: frozenset(FacilityType),
    Role.ANALYST: frozenset(FacilityType),
    Role.ADMINISTRATOR: frozenset(FacilityType),
}


def role_fits_facility(role: Role, facility_type: FacilityType) -> bool:
    """A protector works in a JKM office, a counsellor in a school: refuse the mismatch early."""
    return facility_type in ROLE_FACILITY_TYPES[role]


def may_have_default_oscc(facility_type: FacilityType) -> bool:
    """Only a clinic carries a default OSCC: the "clear referral pathway" found missing."""
    return facility_type is FacilityType.CLINIC


def may_be_special(facility_type: FacilityType) -> bool:
    """Only a court can be a special court for sexual offences against children."""
    return facility_type is FacilityType.COURT
