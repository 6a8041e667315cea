"""Synthetic demo accounts. No real person's name: every display name says what the user is."""

from datetime import datetime

from sqlalchemy import select

from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import Facility
from caseflow.services import accounts
from caseflow.services.accounts import AccountDetails
from caseflow.services.audit import Actor

DEMO_PASSWORD = "caseflow-demo"

KEDAH_CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
KEDAH_OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"
KEDAH_SCHOOL = "kdh-school-smk-sultanah-asma"
KEDAH_JKM = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"
KEDAH_D11 = "kdh-police-d11-ipk-kedah"
SELANGOR_JKM = "sgr-jkm-pejabat-kebajikan-masyarakat-daerah-petaling"
MINISTRY = "national-ministry-kpwkm"
JKM_HEADQUARTERS = "national-jkm-headquarters"

# username, display name, role, facility code, facilities supervised
DEMO_USERS: tuple[tuple[str, str, Role, str, tuple[str, ...]], ...] = (
    ("admin", "Demo Administrator", Role.ADMINISTRATOR, JKM_HEADQUARTERS, ()),
    ("clinic.nurse", "Demo Clinic Nurse (Kedah)", Role.CLINIC_STAFF, KEDAH_CLINIC, ()),
    ("oscc.doctor", "Demo OSCC Doctor (Kedah)", Role.OSCC_STAFF, KEDAH_OSCC, ()),
    (
        "school.counsellor",
        "Demo School Counsellor (Kedah)",
        Role.SCHOOL_COUNSELLOR,
        KEDAH_SCHOOL,
        (),
    ),
    ("jkm.protector", "Demo Protector (Kota Setar)", Role.PROTECTOR, KEDAH_JKM, ()),
    (
        "jkm.supervisor",
        "Demo JKM Supervisor (Kota Setar)",
        Role.SUPERVISOR,
        KEDAH_JKM,
        (KEDAH_JKM,),
    ),
    ("d11.officer", "Demo D11 Investigating Officer (Kedah)", Role.POLICE_OFFICER, KEDAH_D11, ()),
    ("analyst", "Demo Ministry Analyst", Role.ANALYST, MINISTRY, ()),
    ("jkm.protector.sgr", "Demo Protector (Petaling, Selangor)", Role.PROTECTOR, SELANGOR_JKM, ()),
)


def seed_demo_users(now: datetime) -> list[str]:
    """Create the demo accounts that are missing; return the usernames created."""
    codes = {code for *_, code, sup in DEMO_USERS for code in (code, *sup)}
    facilities = {
        f.code: f for f in db.session.scalars(select(Facility).where(Facility.code.in_(codes)))
    }
    system = Actor(None, "seed-demo")
    created = []
    for username, name, role, facility_code, supervised in DEMO_USERS:
        if accounts.find_user(username) is not None:
            continue
        details = AccountDetails(
            username=username,
            display_name=name,
            role=role,
            facility_id=facilities[facility_code].id,
            supervised_facility_ids=tuple(facilities[c].id for c in supervised),
        )
        accounts.create_user(system, details, DEMO_PASSWORD, now)
        created.append(username)
    return created
