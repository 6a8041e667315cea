"""Correcting a child's identity (PDPA s.34): which fields, and what changed, old and new.

A correction never overwrites silently: the timeline keeps each changed field's old and new
value with the reason, so the record shows what was believed before and why it changed.
"""

from datetime import date
from typing import Any

#: The identity fields a correction may change, by the name the API and the timeline use.
IDENTITY_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "age_estimate",
    "sex",
    "caregiver_name",
    "caregiver_phone",
    "caregiver_relationship",
)


def _plain(value: Any) -> Any:
    """A value as the timeline's JSON stores it: dates as ISO text, enums as their value."""
    if isinstance(value, date):
        return value.isoformat()
    value = getattr(value, "value", value)
    return None if value == "" else value


def changes(current: dict[str, Any], wanted: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Field → {"old", "new"} for each wanted field whose value differs from the current one."""
    changed = {}
    for name in IDENTITY_FIELDS:
        if name not in wanted:
            continue
        old, new = _plain(current.get(name)), _plain(wanted[name])
        if old != new:
            changed[name] = {"old": old, "new": new}
    return changed
