"""Select-box choices from the directory, grouped by state so a long list stays findable."""

from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from caseflow.domain.facilities import FacilityType
from caseflow.domain.geography import STATES
from caseflow.extensions import db
from caseflow.models import District, Facility, State


def facility_choices(kind: FacilityType | None = None, blank: str | None = None) -> list:
    stmt = select(Facility).join(State).order_by(State.name, Facility.name)
    if kind is not None:
        stmt = stmt.where(Facility.type == kind)
    choices = [SelectChoice("", blank)] if blank else []
    choices += [SelectChoice(f.id, f.name, optgroup=f.state.name) for f in db.session.scalars(stmt)]
    return choices


STATES_BY_NAME = sorted(STATES, key=lambda state: state.name)


def state_choices() -> list[SelectChoice]:
    """Every state, from the list the directory's table is filled from (no page edits it):
    the case list offers them on every page, and asking the table cost it 1 to 2 ms."""
    return [SelectChoice(state.code, state.name) for state in STATES_BY_NAME]


def district_choices(blank: str) -> list[SelectChoice]:
    stmt = select(District).join(State).order_by(State.name, District.name)
    return [SelectChoice("", blank)] + [
        SelectChoice(d.id, d.name, optgroup=d.state.name) for d in db.session.scalars(stmt)
    ]


def labelled_choices(labels: dict) -> list[SelectChoice]:
    """Choices for an enum from its translated labels."""
    return [SelectChoice(member.value, label) for member, label in labels.items()]
