"""The home's rules: how far "due soon" looks ahead, a case's next clock, usual receivers."""

from dataclasses import dataclass
from datetime import UTC, datetime

from caseflow.domain.facilities import FacilityType
from caseflow.domain.worklist import due_horizon, next_clock_by_case, usual_receivers


def test_due_soon_looks_to_the_end_of_tomorrow_in_malaysia():
    # 23:30 UTC on 1 December is 07:30 on 2 December in Malaysia: tomorrow is the 3rd.
    assert due_horizon(datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == datetime(
        2026, 12, 3, 15, 59, 59, tzinfo=UTC
    )


@dataclass
class Timed:
    case_id: int
    due_at: datetime


def test_a_cases_next_clock_is_the_one_due_first():
    late, soon, other = (
        Timed(1, datetime(2026, 12, 5, tzinfo=UTC)),
        Timed(1, datetime(2026, 12, 2, tzinfo=UTC)),
        Timed(2, datetime(2026, 12, 9, tzinfo=UTC)),
    )
    assert next_clock_by_case([late, soon, other]) == {1: soon, 2: other}


@dataclass
class Place:
    id: int
    type: FacilityType
    state_code: str = "KDH"
    district_id: int | None = 1
    name: str = ""
    default_oscc_id: int | None = None


OSCC = Place(10, FacilityType.OSCC, name="OSCC, Hospital Sultanah Bahiyah")
CAPITAL_JKM = Place(11, FacilityType.JKM, district_id=1, name="Pejabat Daerah Kota Setar")
OTHER_JKM = Place(12, FacilityType.JKM, district_id=2, name="Pejabat Daerah Baling")
D11 = Place(13, FacilityType.POLICE, name="D11, IPK Kedah")
IPD = Place(14, FacilityType.POLICE, name="IPD Kota Setar")
SELANGOR_D11 = Place(15, FacilityType.POLICE, state_code="SGR", name="D11, IPK Selangor")
RECEIVERS = [SELANGOR_D11, IPD, OSCC, OTHER_JKM, CAPITAL_JKM, D11]


def test_a_clinic_refers_to_its_oscc_then_its_district_office_then_its_states_d11():
    clinic = Place(1, FacilityType.CLINIC, district_id=2, default_oscc_id=OSCC.id)
    assert usual_receivers(clinic, RECEIVERS) == [OSCC.id, OTHER_JKM.id, D11.id]


def test_a_school_in_a_district_without_an_office_refers_to_the_capitals():
    school = Place(2, FacilityType.SCHOOL, district_id=3)
    assert usual_receivers(school, RECEIVERS, CAPITAL_JKM.name) == [CAPITAL_JKM.id, D11.id]
    assert usual_receivers(school, RECEIVERS) == [D11.id]


def test_a_jkm_office_refers_to_the_d11_and_never_to_itself():
    assert usual_receivers(CAPITAL_JKM, RECEIVERS) == [D11.id]
    assert usual_receivers(Place(3, FacilityType.POLICE), RECEIVERS) == [CAPITAL_JKM.id]
