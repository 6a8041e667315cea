import holidays
import pytest

from caseflow.domain.facilities import (
    FacilityType,
    may_be_special,
    may_have_default_oscc,
    role_fits_facility,
)
from caseflow.domain.geography import STATES
from caseflow.domain.roles import Role

HOME_FACILITY = {
    Role.CLINIC_STAFF: FacilityType.CLINIC,
    Role.OSCC_STAFF: FacilityType.OSCC,
    Role.SCHOOL_COUNSELLOR: FacilityType.SCHOOL,
    Role.PROTECTOR: FacilityType.JKM,
    Role.POLICE_OFFICER: FacilityType.POLICE,
}


@pytest.mark.parametrize("role", list(HOME_FACILITY))
@pytest.mark.parametrize("kind", list(FacilityType))
def test_case_workers_belong_only_to_their_own_agency(role, kind):
    assert role_fits_facility(role, kind) is (kind is HOME_FACILITY[role])


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ANALYST, Role.ADMINISTRATOR])
def test_supervisors_analysts_and_administrators_sit_in_any_agency(role):
    assert all(role_fits_facility(role, kind) for kind in FacilityType)


@pytest.mark.parametrize("kind", list(FacilityType))
def test_only_clinics_have_a_default_oscc_and_only_courts_are_special(kind):
    assert may_have_default_oscc(kind) is (kind is FacilityType.CLINIC)
    assert may_be_special(kind) is (kind is FacilityType.COURT)


def test_thirteen_states_and_three_federal_territories_with_distinct_codes():
    assert len(STATES) == 16
    assert len({s.code for s in STATES}) == len({s.iso for s in STATES}) == 16
    assert sorted(s.iso for s in STATES) == [f"MY-{n:02d}" for n in range(1, 17)]


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.code)
def test_every_state_code_names_a_holidays_calendar_with_the_same_iso_number(state):
    calendar = holidays.Malaysia(subdiv=state.code, years=2026)
    assert len(calendar) > 10
    assert holidays.Malaysia.subdivisions_aliases[state.code] == state.iso.removeprefix("MY-")
