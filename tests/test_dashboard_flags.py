"""Dashboard flags and standards, and statistics' list-valued dimensions, each on the few cases
it builds (the shared few-hundred-case workload is test_dashboard.py's, built once per module)."""

import csv
import io
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from caseflow.domain.caseload import CourtFlag
from caseflow.domain.cases import AbuseForm, SourceType
from caseflow.domain.clocks import local_date
from caseflow.domain.events import EventType
from caseflow.domain.roles import Role
from caseflow.domain.statistics import Dimension
from caseflow.domain.workflow import ReferralStatus, Urgency
from caseflow.extensions import db
from caseflow.models import AuditRecord, Case, District
from caseflow.services import accounts, caseload, cases, flow, referrals, statistics
from caseflow.services.cases import ConcernInput
from caseflow.services.clock_stats import ClockGrouping
from caseflow.services.demo import KEDAH_JKM
from tests.english import english_in
from tests.support import actor, facility_id, post_form, register
from tests.test_access_log import reads

pytestmark = pytest.mark.usefixtures("demo_users")


def charged_months_ago(months: int, court: int, chance: random.Random, now: datetime) -> Case:
    """A protector's case whose charge was registered on the first of the month `months` ago."""
    today = local_date(now)
    case = register("jkm.protector", chance, now)
    registered = date(
        today.year - (1 if today.month <= months else 0), (today.month - months - 1) % 12 + 1, 1
    )
    cases.record_event(
        actor("jkm.protector"),
        case,
        EventType.CHARGE_REGISTERED,
        now,
        {"court_id": court, "registered_on": registered.isoformat()},
        now,
    )
    return case


def test_court_ageing_flags_nine_months_and_the_target(app, as_user):
    now = datetime.now(UTC)
    with app.app_context():
        chance = random.Random(1)
        special = facility_id("national-court-special-kuching")  # target 6 months
        flagged = {}
        for months in (10, 7, 2):
            case = charged_months_ago(months, special, chance, now)
            flagged[case.reference] = months
    supervisor = as_user("jkm.supervisor")
    html = supervisor.get("/dashboard").get_data(as_text=True)
    assert "Past the target" in html  # 7 and 10 months at the Kuching special court (target 6)
    references = [r for r, m in flagged.items() if m >= 6]
    assert all(r in html for r in references)
    assert next(r for r, m in flagged.items() if m == 2) not in html
    # The supervisor saw those cases: the read names them, and only them.
    with app.app_context():
        shown = sorted(db.session.scalars(select(Case.id).where(Case.reference.in_(references))))
    assert reads(app, "read_dashboard")[-1] == ("jkm.supervisor", shown)

    # A long list shows the longest waiting first and says the export holds the rest.
    app.config["DASHBOARD_ROWS"] = 1
    try:
        html = supervisor.get("/dashboard").get_data(as_text=True)
    finally:
        del app.config["DASHBOARD_ROWS"]
    longest = next(r for r, m in flagged.items() if m == 10)
    assert longest in html and next(r for r, m in flagged.items() if m == 7) not in html
    assert "The 1 longest waiting of 2 are shown" in html
    with app.app_context():
        longest_id = db.session.scalar(select(Case.id).where(Case.reference == longest))
    assert reads(app, "read_dashboard")[-1] == ("jkm.supervisor", [longest_id])

    # A case the court has disposed of waits no longer.
    with app.app_context():
        disposed = db.session.scalar(select(Case).where(Case.reference == longest))
        cases.record_event(
            actor("jkm.protector"), disposed, EventType.CASE_DISPOSED, now, {"outcome": "x"}, now
        )
    html = supervisor.get("/dashboard").get_data(as_text=True)
    assert longest not in html and next(r for r, m in flagged.items() if m == 7) in html


def test_waiting_and_declined_referrals_are_listed_with_the_reason(app, as_user):
    now = datetime.now(UTC)
    with app.app_context():
        chance = random.Random(2)
        waiting = register("jkm.protector", chance, now)
        referrals.refer(
            actor("jkm.protector"),
            waiting,
            facility_id("kdh-police-d11-ipk-kedah"),
            "Police report needed",
            Urgency.URGENT,
            now,
        )
        declined = register("clinic.nurse", chance, now, source_type=SourceType.CLINIC)
        referral = referrals.refer(
            actor("clinic.nurse"),
            declined,
            facility_id(KEDAH_JKM),
            "Please assess",
            Urgency.ROUTINE,
            now,
        )
        referrals.acknowledge(actor("jkm.protector"), referral, now)
        referrals.decline(actor("jkm.protector"), referral, "Wrong district, synthetic", now)
        declined_id = declined.id
    html = as_user("jkm.supervisor").get("/dashboard").get_data(as_text=True)
    assert "D11" in html and "Urgent" in html
    assert "Wrong district, synthetic" in html
    # The declined case's reference and reason were shown: a read of that case, not of the
    # one still waiting (the waiting table shows counts only).
    assert reads(app, "read_dashboard")[-1] == ("jkm.supervisor", [declined_id])


def test_caseload_standard_is_set_by_the_administrator_and_audited(app, as_user):
    admin = as_user("admin")
    refused = post_form(
        admin,
        "/admin/caseload-standards",
        {"protector": "lots"},
        token_from="/admin/caseload-standards",
    )
    assert refused.status_code == 422
    assert 'value="lots"' in refused.get_data(as_text=True)
    saved = post_form(
        admin,
        "/admin/caseload-standards",
        {"protector": "25"},
        token_from="/admin/caseload-standards",
    )
    assert saved.status_code == 302
    with app.app_context():
        assert caseload.standards() == {Role.PROTECTOR: 25}
        record = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "caseload_standard_set")
        )
        assert record.detail["open_cases"] == 25
    assert as_user("jkm.supervisor").get("/admin/caseload-standards").status_code == 403


def test_protector_over_the_standard_is_flagged(app, as_user):
    supervisor = as_user("jkm.supervisor")
    # Read once before the change: the standards are kept in the cache between pages.
    assert "standard 3" not in supervisor.get("/dashboard").get_data(as_text=True)
    with app.app_context():
        caseload.set_standard(actor("admin"), Role.PROTECTOR, 3, datetime.now(UTC))
        chance = random.Random(3)
        for _ in range(4):
            register("jkm.protector", chance, datetime.now(UTC))
        loads = caseload.officer_loads(
            caseload.scope(accounts.find_user("jkm.supervisor")), datetime.now(UTC)
        )
        assert loads[0].name == "Demo Protector (Kota Setar)" and loads[0].over_standard
    html = supervisor.get("/dashboard").get_data(as_text=True)
    assert "over the standard" in html and "standard 3" in html


@pytest.mark.parametrize(
    "dimension", [Dimension.PLATFORM, Dimension.SOCA_SECTION, Dimension.DISTRICT, Dimension.ONLINE]
)
def test_list_valued_dimensions_count_each_case_once_per_value(app, dimension):
    now = datetime.now(UTC)
    chance = random.Random(5)
    with app.app_context():
        for n in range(12):
            register(
                "jkm.protector",
                chance,
                now,
                soca_sections=["14", "15"][: n % 3],
                concerns=[
                    ConcernInput(
                        AbuseForm.GROOMING,
                        online=n % 2 == 0,
                        platforms=("whatsapp", "tiktok")[: n % 3],
                    )
                ],
            )
        table = statistics.table_from_cases(
            [dimension], now - timedelta(days=60), now + timedelta(days=1)
        )
        everything = db.session.scalars(select(Case)).all()

        def values_of(case: Case) -> set[str]:
            if dimension is Dimension.PLATFORM:
                return {p for c in case.concerns for p in c.platforms} or {statistics.NONE}
            if dimension is Dimension.SOCA_SECTION:
                return set(case.soca_sections) or {statistics.NONE}
            if dimension is Dimension.ONLINE:
                return {"yes" if c.online else "no" for c in case.concerns}
            district = db.session.get(District, case.district_id) if case.district_id else None
            return {f"KDH / {district.name}" if district else "KDH / ?"}

        expected = Counter(v for case in everything for v in values_of(case))
    assert dict(table.counts.items() - {("__total__",): 0}.items()) | {} == {
        **{(v,): n for v, n in expected.items()},
        ("__total__",): sum(expected.values()),
    }


def test_dashboard_exports_write_labels_in_the_readers_language(app, as_user):
    """A Malay supervisor's exports say each flag, status, step and grouping in Malay: the
    stored values (past_target, sent, police_report_lodged, policy) are never written."""
    now = datetime.now(UTC)
    month_ago = now - timedelta(days=30)
    with app.app_context():
        chance = random.Random(3)
        special = facility_id("national-court-special-kuching")
        for months in (10, 2):  # past the target (6 months), and on track
            charged_months_ago(months, special, chance, now)
        earlier = register("jkm.protector", chance, month_ago)  # its clocks fell due since
        cases.record_event(
            actor("jkm.protector"),
            earlier,
            EventType.POLICE_REPORT_LODGED,
            month_ago + timedelta(hours=5),
            {"report_number": "R-MS-1"},
            month_ago + timedelta(hours=5),
        )
        referrals.refer(
            actor("jkm.protector"),
            earlier,
            facility_id("kdh-police-d11-ipk-kedah"),
            "Police report needed",
            Urgency.URGENT,
            now,
        )
    supervisor = as_user("jkm.supervisor")
    post_form(supervisor, "/language", {"language": "ms", "next": "/"}, token_from="/")
    stored = {
        *(flag.value for flag in CourtFlag),
        *(status.value for status in ReferralStatus),
        *(step.value for step in flow.MILESTONES),
        *(grouping.value for grouping in ClockGrouping),
    }
    for name in ("court", "waiting", "delays", "clocks"):
        text = supervisor.get(f"/dashboard/{name}.csv").get_data(as_text=True)
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert len(rows) > 5, name  # the title, filters, a gap, the header and some data
        cells = [cell for row in rows for cell in row]
        assert english_in(cells) == [], name
        assert stored.isdisjoint(cells), (name, stored & set(cells))
    court = supervisor.get("/dashboard/court.csv").get_data(as_text=True)
    assert "Melebihi sasaran" in court and "Dalam sasaran" in court
