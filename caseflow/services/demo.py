"""Synthetic demo accounts. No real person's name: every display name says what the user is."""

from datetime import datetime, timedelta

from sqlalchemy import select

from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.domain.roles import Role
from caseflow.extensions import cache, db
from caseflow.models import CaseloadStandard, Facility
from caseflow.services import accounts, caseload, cases
from caseflow.services.accounts import AccountDetails
from caseflow.services.audit import Actor
from caseflow.services.cases import CaseInput, ConcernInput

DEMO_PASSWORD = "caseflow-demo"

KEDAH_CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
KEDAH_OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"
KEDAH_SCHOOL = "kdh-school-smk-sultanah-asma"
KEDAH_JKM = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"
KEDAH_D11 = "kdh-police-d11-ipk-kedah"
SELANGOR_JKM = "sgr-jkm-pejabat-kebajikan-masyarakat-daerah-petaling"
MINISTRY = "national-ministry-kpwkm"
JKM_HEADQUARTERS = "national-jkm-headquarters"
TALIAN_KASIH = "national-helpline-talian-kasih"

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
    ("helpline.operator", "Demo Helpline Operator (Talian Kasih)", Role.HELPLINE, TALIAN_KASIH, ()),
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


#: The demo's caseload standards: 25 open cases for a protector (the seeds' 80 is overload).
DEMO_STANDARDS = {Role.PROTECTOR: 25, Role.POLICE_OFFICER: 30}

GIVEN_NAMES = ("Aina", "Mawar", "Kavitha", "Mei Ling", "Hafiz", "Arjun", "Nurul", "Wei Jie")
FORMS = tuple(AbuseForm)


def seed_demo_standards(now: datetime) -> None:
    for role, open_cases in DEMO_STANDARDS.items():
        if db.session.get(CaseloadStandard, role) is None:
            db.session.add(CaseloadStandard(role=role, open_cases=open_cases, updated_at=now))
    db.session.commit()
    cache.delete_memoized(caseload.standards)


def seed_demo_cases(count: int, now: datetime, username: str = "jkm.protector") -> list[int]:
    """Synthetic cases held by one demo officer, registered through the same service as the
    pages, reported over the past weeks so some of their clocks are already late."""
    actor = Actor(accounts.find_user(username), "seed-demo")
    ids = []
    for n in range(count):
        data = CaseInput(
            given_name=GIVEN_NAMES[n % len(GIVEN_NAMES)],
            family_name=f"Demo {n + 1}",
            sex=(Sex.FEMALE, Sex.MALE)[n % 2],
            state_code="KDH",
            district="Kota Setar",
            risk_level=(RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW)[n % 3],
            source_type=SourceType.JKM,
            reported_at=now - timedelta(days=n % 40, hours=n % 7),
            concerns=[
                ConcernInput(
                    FORMS[n % len(FORMS)],
                    online=n % 4 == 0,
                    platforms=("whatsapp",) if n % 4 == 0 else (),
                )
            ],
            age_estimate=6 + n % 11,
            narrative="Synthetic demo case.",
        )
        ids.append(cases.register_case(actor, data, now).id)
    return ids
