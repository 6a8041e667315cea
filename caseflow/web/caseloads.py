"""A protector named with the open cases they hold, wherever a case is given to one: the
supervisor sees the load before adding to it."""

from caseflow.i18n import ngettext


def with_caseload(officer, open_cases: int) -> str:
    return ngettext(
        "%(name)s (%(num)d open case)",
        "%(name)s (%(num)d open cases)",
        open_cases,
        name=officer.display_name,
    )
