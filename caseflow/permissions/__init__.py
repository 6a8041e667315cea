"""Who may do what, and who may see which child: the one place where these rules live.

Views and API handlers only ask (`can_view_case`, `can_assign`, `supervised_ids`, ...); a
refusal becomes 403 or 404 here too (`refusal_status`, and outsiders always get 404).
"""

from caseflow.permissions.cases import (
    assignable_officers,
    break_glass_needed,
    can_assign,
    can_merge,
    can_see_access_log,
    can_see_referral,
    can_view_case,
    case_access_ended,
    circle_facility_ids,
    party_of,
    visibility_parameters,
    visible_case_parts,
    visible_cases,
    visible_cases_by_parameters,
)
from caseflow.permissions.roles import (
    Permission,
    has_permission,
    permission_required,
    refusal_status,
    supervised_facilities,
    supervised_ids,
)

__all__ = [
    "Permission",
    "assignable_officers",
    "break_glass_needed",
    "can_assign",
    "can_merge",
    "can_see_access_log",
    "can_see_referral",
    "can_view_case",
    "case_access_ended",
    "circle_facility_ids",
    "has_permission",
    "party_of",
    "permission_required",
    "refusal_status",
    "supervised_facilities",
    "supervised_ids",
    "visibility_parameters",
    "visible_case_parts",
    "visible_cases",
    "visible_cases_by_parameters",
]
