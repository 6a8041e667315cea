"""Who does what in a child's case, as the SPEC's table of users names them."""

from enum import StrEnum


class Role(StrEnum):
    """A user's role. Each maps to a set of permissions in `caseflow.permissions`."""

    CLINIC_STAFF = "clinic_staff"
    OSCC_STAFF = "oscc_staff"
    SCHOOL_COUNSELLOR = "school_counsellor"
    PROTECTOR = "protector"
    POLICE_OFFICER = "police_officer"
    SUPERVISOR = "supervisor"
    ANALYST = "analyst"
    HELPLINE = "helpline"  # a Talian Kasih operator: registers from a call and refers on the spot
    ADMINISTRATOR = "administrator"


#: Roles that may hold cases and so count toward a supervisor's caseload.
OFFICER_ROLES = frozenset(
    {
        Role.CLINIC_STAFF,
        Role.OSCC_STAFF,
        Role.SCHOOL_COUNSELLOR,
        Role.PROTECTOR,
        Role.POLICE_OFFICER,
        Role.HELPLINE,
    }
)
