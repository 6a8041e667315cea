"""The directory of Malaysia loaded by `flask directory load` (through the same service)."""

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import func, select

from caseflow.domain.facilities import FacilityType
from caseflow.domain.geography import STATES
from caseflow.extensions import db
from caseflow.models import District, Facility
from caseflow.services import directory
from caseflow.services.audit import Actor


def test_every_state_has_the_facilities_a_case_passes_through(ctx):
    kinds_by_state = defaultdict(set)
    for state, kind in db.session.execute(select(Facility.state_code, Facility.type)):
        kinds_by_state[state].add(kind)
    needed = {
        FacilityType.CLINIC,
        FacilityType.OSCC,
        FacilityType.JKM,
        FacilityType.POLICE,
        FacilityType.SCHOOL,
        FacilityType.COURT,
        FacilityType.LEGAL_COMPANION,
    }
    for state in STATES:
        assert needed <= kinds_by_state[state.code], state.code


def test_every_clinic_refers_by_default_to_an_oscc_in_its_own_state(ctx):
    clinics = db.session.scalars(select(Facility).where(Facility.type == FacilityType.CLINIC))
    for clinic in clinics:
        assert clinic.default_oscc is not None, clinic.name
        assert clinic.default_oscc.type is FacilityType.OSCC
        assert clinic.default_oscc.state_code == clinic.state_code


def test_special_courts_are_putrajaya_and_kuching_only(ctx):
    special = db.session.scalars(select(Facility).where(Facility.special.is_(True))).all()
    assert sorted(f.state_code for f in special) == ["PJY", "SWK"]
    assert all(f.type is FacilityType.COURT for f in special)


def test_kedah_lists_its_twelve_districts(ctx):
    count = db.session.scalar(select(func.count()).where(District.state_code == "KDH"))
    assert count == 12


def test_loading_the_directory_again_adds_nothing_and_keeps_an_administrators_edit(ctx):
    clinic = db.session.scalar(select(Facility).where(Facility.type == FacilityType.CLINIC))
    original = clinic.name
    clinic.name = "Renamed by an administrator"
    db.session.commit()
    try:
        added = directory.load_directory(Actor(None, "tests"), datetime.now(UTC))
        assert added == {"states": 0, "districts": 0, "facilities": 0}
        assert db.session.get(Facility, clinic.id).name == "Renamed by an administrator"
    finally:
        clinic.name = original
        db.session.commit()


def test_corrected_names_sabah_and_sarawak_districts_and_sourced_helplines(ctx):
    """Issue 16: Pendamping Guaman, IPD Ipoh, the Borneo districts, and numbers with a source."""
    from caseflow import reference

    names = {spec.name for spec in reference.facility_specs()}
    assert "Jabatan Bantuan Guaman Kedah (Pendamping Guaman)" in names
    assert not any("Pendamping Sah" in name for name in names)
    assert "IPD Ipoh" in names and "IPD Kinta" not in names
    districts = reference.districts()
    assert {"Kuala Penyu", "Nabawan", "Pitas", "Tongod", "Telupid"} <= set(districts["SBH"])
    assert len(districts["SWK"]) >= 40 and {"Lawas", "Marudi", "Tatau"} <= set(districts["SWK"])
    for item in reference.load_reference()["national"]:
        if item.get("phone") or item.get("address"):
            assert item.get("source"), item["code"]
