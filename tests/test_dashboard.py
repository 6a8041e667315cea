"""Supervisor dashboard and analyst statistics: the numbers match the cases, the scope holds."""

import csv
import io
import random
from collections import Counter
from datetime import UTC, datetime, time, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from caseflow.domain.caseload import Metric
from caseflow.domain.cases import RiskLevel
from caseflow.domain.cellkey import max_noise
from caseflow.domain.clocks import MALAYSIA, ClockStatus, local_date
from caseflow.domain.events import EventType
from caseflow.domain.roles import Role
from caseflow.domain.statistics import TOTAL, Dimension
from caseflow.domain.workflow import CaseStatus, ReferralStatus
from caseflow.extensions import db
from caseflow.models import AuditRecord, Case, CaseEvent, Clock
from caseflow.services import accounts, caseload, cases, clock_stats, clocks, demo, statistics
from caseflow.services.accounts import AccountDetails
from caseflow.services.audit import Actor
from caseflow.services.clock_stats import ClockGrouping
from caseflow.services.clocks import OPEN as LIVE
from caseflow.services.clocks import status_now
from caseflow.services.demo import KEDAH_JKM, SELANGOR_JKM
from tests.domain.disclosure import check
from tests.support import PASSWORD, actor, facility_id, post_form, register

pytestmark = [pytest.mark.module_data, pytest.mark.usefixtures("demo_users")]


KEDAH_PROTECTORS = ("protector.kdh.2", "protector.kdh.3", "protector.kdh.4")


@pytest.fixture(scope="module")
def workload(app):
    """A few hundred cases across four Kedah protectors, some closed, some paused, and
    Selangor cases that the Kedah supervisor must never see. Built once for the module (the
    module is `module_data`): its tests read it, and what they change must not break another."""
    now = datetime.now(UTC)
    chance = random.Random(42)
    outsider = "jkm.protector.sgr"
    with app.app_context():
        demo.seed_demo_users(now)
        for username in KEDAH_PROTECTORS:
            details = AccountDetails(
                username=username,
                display_name=f"Test protector {username[-1]}",
                role=Role.PROTECTOR,
                facility_id=facility_id(KEDAH_JKM),
            )
            accounts.create_user(Actor(None, "tests"), details, PASSWORD, now)
        extra = list(KEDAH_PROTECTORS)
        for n in range(240):
            holder = chance.choice(["jkm.protector", *extra])
            case = register(holder, chance, now)
            if n % 17 == 0:
                cases.record_event(
                    actor(holder), case, EventType.CASE_CLOSED, now, {"reason": "Synthetic"}, now
                )
            elif n % 13 == 0:
                cases.record_event(
                    actor(holder),
                    case,
                    EventType.CLOCK_PAUSED,
                    now,
                    {"reason": "Child in hospital"},
                    now,
                )
            elif n % 5 == 0:
                cases.record_event(
                    actor(holder),
                    case,
                    EventType.POLICE_REPORT_LODGED,
                    now,
                    {"report_number": f"R{n}"},
                    now,
                )
        for _ in range(40):
            register(outsider, chance, now, state_code="SGR", district="Petaling")
        db.session.remove()
    return {"officers": ["jkm.protector", *extra], "outsider": outsider}


def expected_loads(facility: int, now: datetime) -> dict[int, Counter]:
    """Counted the long way, in Python, from every case and clock and the clock engine."""
    monday = local_date(now) - timedelta(days=local_date(now).weekday())
    out: dict[int, Counter] = {}
    for case in db.session.scalars(select(Case).where(Case.owner_facility_id == facility)):
        if case.status is CaseStatus.CLOSED:
            continue
        numbers = out.setdefault(case.owner_officer_id, Counter())
        numbers["open"] += 1
        numbers["high_risk"] += case.risk_level is RiskLevel.HIGH
        accepted = [
            r.decided_at
            for r in case.referrals
            if r.to_facility_id == facility and r.status is ReferralStatus.ACCEPTED
        ]
        numbers["new_this_week"] += local_date(max(accepted, default=case.reported_at)) >= monday
        statuses = {
            status_now(c, now)
            for c in db.session.scalars(select(Clock).where(Clock.case_id == case.id))
        }
        numbers["due_soon"] += ClockStatus.DUE_SOON in statuses
        numbers["breached"] += ClockStatus.BREACHED in statuses
    return out


def assert_loads_equal_counts_from_the_cases(now: datetime) -> list:
    supervisor = accounts.find_user("jkm.supervisor")
    loads = caseload.officer_loads(caseload.scope(supervisor), now)
    expected = expected_loads(facility_id(KEDAH_JKM), now)
    assert sum(v["breached"] for v in expected.values()) > 0  # the test has teeth
    assert sum(v["due_soon"] + v["breached"] for v in expected.values()) < sum(
        v["open"] for v in expected.values()
    )
    for load in loads:
        numbers = expected.get(load.officer_id, Counter())
        for metric in Metric:
            assert load.count(metric) == numbers[metric.value], (load.name, metric)
    assert {load.officer_id for load in loads} >= set(expected)
    return loads


def test_dashboard_numbers_equal_counts_made_from_the_cases_and_clocks(app, workload):
    with app.app_context():
        loads = assert_loads_equal_counts_from_the_cases(datetime.now(UTC))
        names = {load.name for load in loads}
        assert "Demo Protector (Petaling, Selangor)" not in names
        opens = [load.open for load in loads]
        assert opens == sorted(opens, reverse=True)  # worst first (one standard for all)


OUTCOME_OF = {
    ClockStatus.MET: "met",
    ClockStatus.MET_LATE: "met_late",
    ClockStatus.BREACHED: "breached",
}


def test_clock_outcomes_by_policy_and_by_month_equal_counts_made_from_the_clocks(app, workload):
    """One pass over the clocks counts both tables of "Clocks due in the period"; each must
    say what the clocks say, cut at Malaysian months. The period starts mid-month, as the
    default 90 days do, and reaches into the future so clocks still running count too."""
    now = datetime.now(UTC)
    today = local_date(now)
    since = datetime.combine(today - timedelta(days=75), time(), MALAYSIA).astimezone(UTC)
    until = datetime.combine(today + timedelta(days=60), time(), MALAYSIA).astimezone(UTC)
    with app.app_context():
        office = facility_id(KEDAH_JKM)
        by_policy, by_month = Counter(), Counter()
        due = select(Clock).where(
            Clock.facility_id == office, Clock.due_at >= since, Clock.due_at < until
        )
        for clock in db.session.scalars(due):
            if clock.status is ClockStatus.CANCELLED:
                continue
            outcome = OUTCOME_OF.get(status_now(clock, now), "running")
            by_policy[clock.policy.name, outcome] += 1
            by_month[f"{clock.due_at.astimezone(MALAYSIA):%Y-%m}", outcome] += 1
        fared = clock_stats.outcomes([office], since, until, ClockGrouping.POLICY, now)
    outcomes = ("met", "met_late", "breached", "running")
    assert {k for _, k in by_month} >= {"breached", "running"}  # the test has teeth
    assert len({month for month, _ in by_month}) >= 2
    for found, expected in ((fared.by_group, by_policy), (fared.by_month, by_month)):
        counted = Counter(
            {(o.group, k): getattr(o, k) for o in found for k in outcomes if getattr(o, k)}
        )
        assert counted == expected
    assert [o.group for o in fared.by_month] == sorted(o.group for o in fared.by_month)
    every = Counter()
    for (_, outcome), count in by_policy.items():
        every[outcome] += count
    with app.app_context():
        for grouping in ClockGrouping:  # each grouping splits the same clocks
            found = clock_stats.outcomes([office], since, until, grouping, now).by_group
            assert len(found) >= 1
            totals = Counter({k: sum(getattr(o, k) for o in found) for k in outcomes})
            assert +totals == every, grouping


def test_supervisor_page_shows_scope_only_and_drills_into_the_cases(app, workload, as_user):
    client = as_user("jkm.supervisor")
    page = client.get("/dashboard")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Demo Protector (Kota Setar)" in html and "<svg" in html
    assert "Petaling" not in html
    with app.app_context():
        officer = accounts.find_user("jkm.protector").id
        now = datetime.now(UTC)
        behind = list(
            db.session.scalars(
                caseload.cases_behind([facility_id(KEDAH_JKM)], officer, Metric.BREACHED, now)
            )
        )
        first_page = [c.reference for c in behind[:10]]
        outsider_case = db.session.scalar(select(Case.id).where(Case.state_code == "SGR"))
    drill = client.get(f"/dashboard/cases?officer={officer}&metric=breached")
    text = drill.get_data(as_text=True)
    assert drill.status_code == 200
    assert first_page and all(reference in text for reference in first_page)
    with app.app_context():
        not_breached = db.session.scalar(
            select(Case.reference).where(
                Case.owner_officer_id == officer, Case.id.not_in([c.id for c in behind])
            )
        )
    assert not_breached not in text
    answer = post_form(
        client,
        "/dashboard/reassign",
        {"case_id": [outsider_case], "officer_id": officer},
        token_from="/dashboard",
    )
    assert answer.status_code == 404
    elsewhere = client.get(f"/dashboard?facility_id={facility_id_in(app, SELANGOR_JKM)}")
    assert elsewhere.status_code == 404


def versions_of(ids: list[int]) -> dict[str, int]:
    """The hidden version fields the drill-down page renders beside each ticked case."""
    stmt = select(Case.id, Case.version).where(Case.id.in_(ids))
    return {f"version-{case_id}": version for case_id, version in db.session.execute(stmt)}


def test_bulk_reassignment_goes_through_the_assignment_service(app, workload, as_user):
    client = as_user("jkm.supervisor")
    with app.app_context():
        source = accounts.find_user("jkm.protector")
        target = accounts.find_user(workload["officers"][1])
        chosen = list(
            db.session.scalars(
                select(Case.id)
                .where(Case.owner_officer_id == source.id, Case.status != CaseStatus.CLOSED)
                .limit(3)
            )
        )
        target_id = target.id
        versions = versions_of(chosen)
    answer = post_form(
        client,
        "/dashboard/reassign",
        {
            "case_id": chosen,
            "officer_id": target_id,
            "next": f"/dashboard/cases?officer={source.id}",
            **versions,
        },
        token_from="/dashboard",
    )
    assert answer.status_code == 302
    with app.app_context():
        owners = set(db.session.scalars(select(Case.owner_officer_id).where(Case.id.in_(chosen))))
        assert owners == {target_id}
        events = db.session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id.in_(chosen), CaseEvent.type == EventType.OFFICER_ASSIGNED
            )
        ).all()
        assert len(events) == 3
        audited = db.session.scalars(
            select(AuditRecord).where(AuditRecord.action == "officer_assigned")
        ).all()
        assert {a.object_id for a in audited} >= set(chosen)


def test_bulk_reassignment_names_each_case_it_could_not_change(app, workload, as_user):
    """A closed case is refused and a case changed since the page loaded is stale: both are
    named and left as they were; the others move."""
    client = as_user("jkm.supervisor")
    with app.app_context():
        movable, stale = db.session.scalars(
            select(Case.id)
            .where(
                Case.owner_facility_id == facility_id(KEDAH_JKM),
                Case.status != CaseStatus.CLOSED,
            )
            .limit(2)
        )
        closed = db.session.scalar(select(Case.id).where(Case.status == CaseStatus.CLOSED))
        before = owners_of([stale, closed])
        target = accounts.find_user(workload["officers"][2]).id
        versions = versions_of([movable, stale, closed])
        versions[f"version-{stale}"] -= 1
        references = dict(db.session.execute(select(Case.id, Case.reference)).all())
    answer = post_form(
        client,
        "/dashboard/reassign",
        {"case_id": [movable, stale, closed], "officer_id": target, **versions},
        token_from="/dashboard",
        follow_redirects=True,
    )
    page = answer.get_data(as_text=True)
    assert f"{references[stale]} was not reassigned" in page
    assert f"{references[closed]} was not reassigned" in page
    with app.app_context():
        assert owners_of([stale, closed]) == before
        assert owners_of([movable]) == {movable: target}


def owners_of(ids: list[int]) -> dict[int, int]:
    stmt = select(Case.id, Case.owner_officer_id).where(Case.id.in_(ids))
    return {case_id: officer for case_id, officer in db.session.execute(stmt)}


@pytest.mark.parametrize("username", ["jkm.protector", "analyst", "clinic.nurse"])
def test_only_supervisors_open_the_dashboard(as_user, username):
    assert as_user(username).get("/dashboard").status_code == 403
    assert as_user(username).get("/dashboard/caseload.csv").status_code == 403


def test_caseload_export_holds_only_the_supervisors_officers_and_is_audited(app, workload, as_user):
    client = as_user("jkm.supervisor")
    answer = client.get("/dashboard/caseload.csv")
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Caseload per officer"]
    assert any(row[:1] == ["Facilities"] for row in rows)
    names = {row[0] for row in rows[5:]}
    assert "Demo Protector (Kota Setar)" in names
    assert "Demo Protector (Petaling, Selangor)" not in names
    xlsx = load_workbook(io.BytesIO(client.get("/dashboard/caseload.xlsx").data)).active
    assert xlsx["A1"].value == "Caseload per officer"
    with app.app_context():
        exports = db.session.scalars(select(AuditRecord).where(AuditRecord.action == "export"))
        assert {e.detail["what"] for e in exports} >= {"dashboard_caseload"}


# --- Statistics ------------------------------------------------------------------------------


def test_statistics_are_counted_and_suppressed_so_nothing_can_be_recovered(app, workload):
    with app.app_context():
        now = datetime.now(UTC)
        table = statistics.table(
            [Dimension.AGE_BAND, Dimension.ABUSE_FORM],
            now - timedelta(days=400),
            now + timedelta(days=1),
        )
        assert table.hidden  # small cells exist in this data
        cells = {key: count for key, count in table.counts.items() if TOTAL not in key}
        assert not check([list(v) for v in table.values], cells, table, TOTAL)
        # Independent count of one cell from the rows themselves; published within the noise.
        kedah = db.session.scalars(select(Case)).all()
        band, form = next(k for k in table.cells() if table.shown(k))
        expected = sum(
            1 for c in kedah if c.age_band == band and any(x.form.value == form for x in c.concerns)
        )
        assert table.counts[(band, form)] == expected
        assert abs(table.shown((band, form)) - expected) <= max_noise()


def test_analyst_sees_statistics_and_exports_no_identity(app, workload, as_user):
    client = as_user("analyst")
    page = client.get("/statistics?rows=state&columns=abuse_form")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Kedah" in html
    for fmt in ("csv", "xlsx"):
        answer = client.get(f"/statistics.{fmt}?rows=age_band&columns=sex")
        assert answer.status_code == 200
        if fmt == "csv":
            text = answer.get_data(as_text=True)
        else:
            sheet = load_workbook(io.BytesIO(answer.data)).active
            text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        for secret in ("Aina", "Mawar", "Kavitha", "Contoh", "SECRET-TEXT", "2014-", "2015-"):
            assert secret not in text
    with app.app_context():
        records = db.session.scalars(
            select(AuditRecord).where(
                AuditRecord.action == "export",
                AuditRecord.user_id == accounts.find_user("analyst").id,
            )
        ).all()
        # one record per download (CSV, XLSX), naming no case
        assert [(r.detail["what"], r.detail["case_ids"]) for r in records] == [
            ("statistics", []),
            ("statistics", []),
        ]
    assert as_user("jkm.supervisor").get("/statistics").status_code == 403


def test_api_caseload_and_statistics(app, workload, api):
    answer = api("jkm.supervisor", "get", "/caseload")
    assert answer.status_code == 200
    items = answer.json["items"]
    assert {i["name"] for i in items} >= {"Demo Protector (Kota Setar)"}
    assert all(i["facility_id"] == facility_id_in(app, KEDAH_JKM) for i in items)
    assert (
        api(
            "jkm.supervisor", "get", f"/caseload?facility_id={facility_id_in(app, SELANGOR_JKM)}"
        ).status_code
        == 404
    )
    assert api("jkm.protector", "get", "/caseload").status_code == 403
    stats = api("analyst", "get", "/statistics?group_by=state,abuse_form,online")
    assert stats.status_code == 200
    body = stats.json
    assert body["group_by"] == ["state", "abuse_form", "online"]
    assert any(c["suppressed"] and c["count"] is None for c in body["cells"])
    # A count of 5 or more may be published 2 lower; nothing from 1 to 4 is ever counted.
    assert all(c["count"] is None or c["count"] == 0 or c["count"] >= 3 for c in body["cells"])
    assert body["max_noise"] == 2 and body["method"].startswith("cell_key_perturbation")
    assert not any("Aina" in str(c) for c in body["cells"])
    bad = api("analyst", "get", "/statistics?group_by=name")
    assert bad.status_code == 422 and "group_by" in bad.json["error"]["fields"]
    assert api("analyst", "get", "/statistics?from=2026-13-01").status_code == 422
    assert api("jkm.supervisor", "get", "/statistics").status_code == 403


def facility_id_in(app, code: str) -> int:
    with app.app_context():
        return facility_id(code)


def test_token_for_csrf_is_needed_to_reassign(as_user):
    client = as_user("jkm.supervisor")
    assert client.post("/dashboard/reassign", data={"case_id": "1"}).status_code == 400


def test_monthly_counts_equal_counts_from_the_cases_and_survive_a_rebuild(app, workload):
    """The page reads the monthly table kept at registration; it must say what the cases say."""
    today = local_date(datetime.now(UTC))
    start = (today.replace(day=1) - timedelta(days=80)).replace(day=1)
    end = (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    pairs = [
        [Dimension.STATE, Dimension.ABUSE_FORM],
        [Dimension.PLATFORM, Dimension.AGE_BAND],
        [Dimension.SOCA_SECTION],
        [Dimension.ONLINE, Dimension.SEX],
    ]
    with app.app_context():
        since = datetime.combine(start, datetime.min.time(), MALAYSIA)
        until = datetime.combine(end + timedelta(days=1), datetime.min.time(), MALAYSIA)
        for dimensions in pairs:
            kept = statistics.table(dimensions, start, end)
            counted = statistics.table_from_cases(dimensions, since, until)
            assert kept.counts == counted.counts and kept.hidden == counted.hidden, dimensions
            assert kept.key_sums == counted.key_sums, dimensions  # hence the same noise
            assert any(kept.key_sums.values())
        statistics.rebuild()
        for dimensions in pairs:
            rebuilt = statistics.table(dimensions, start, end)
            counted = statistics.table_from_cases(dimensions, since, until)
            assert rebuilt.counts == counted.counts and rebuilt.key_sums == counted.key_sums


def test_after_reassignments_the_clocks_still_name_their_cases_holders(app, workload):
    """Live clocks name who holds their case (the dashboard finds an office's clocks by it, the
    navigation an officer's): an assignment moves them in the same transaction, and a rebuild
    mends a database changed by hand."""
    now = datetime.now(UTC)
    with app.app_context():
        supervisor = actor("jkm.supervisor")
        target = accounts.find_user(workload["officers"][2])
        moved = db.session.scalars(
            select(Case)
            .join(Clock, Clock.case_id == Case.id)
            .where(
                Case.owner_officer_id == accounts.find_user("jkm.protector").id,
                Case.status != CaseStatus.CLOSED,
                Clock.status.in_(LIVE),
            )
            .limit(4)
        ).all()
        assert len(moved) == 4
        for case in moved:
            cases.assign_officer(supervisor, case, target.id, now)
        assert clocks.owners_out_of_step() == 0
        assert_loads_equal_counts_from_the_cases(now)

        db.session.execute(
            update(Clock).where(Clock.case_id == moved[0].id).values(owner_officer_id=None)
        )
        db.session.commit()
        assert clocks.owners_out_of_step() > 0
        assert clocks.rebuild_owners() > 0
        assert clocks.owners_out_of_step() == 0
        assert_loads_equal_counts_from_the_cases(now)
