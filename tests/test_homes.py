"""Each role's home shows its waiting work first: referrals waiting (urgent first, with their
age), clocks due soon and overdue, its cases with their next clock, cases returned to it; the
navigation counts the first two; every case named is in the home's read audit record."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import event, func, select

from caseflow.domain.cases import AbuseForm, RiskLevel, SourceType
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.services import accounts, clock_sweep, helpline, worklist
from caseflow.services.cases import ConcernInput
from tests.homes import (
    TUESDAY_MORNING,
    answer,
    nav_count,
    new_case,
    referred_case,
    section,
)
from tests.support import actor, sexual_abuse_case, synthetic_child
from tests.test_access_log import reads


def test_d11_home_shows_the_urgent_referral_waiting_first_and_one_click_opens_it(app, as_user):
    _, _, routine_ref = referred_case(app, "d11", Urgency.ROUTINE, hours_ago=20)
    case_id, referral_id, reference = referred_case(app, "d11", Urgency.URGENT, hours_ago=3)
    d11 = as_user("d11.officer")
    html = d11.get("/").get_data(as_text=True)
    waiting = section(html, "waiting")
    assert f'href="/referrals/{referral_id}"' in waiting and "3 hours ago" in waiting
    assert waiting.index(reference) < waiting.index(routine_ref), "urgent first"
    assert "No case has been referred to you" not in html
    assert nav_count(html, "nav-referrals") == 2
    opened = d11.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert reference in opened and "Acknowledge" in opened
    (last_read,) = [r for r in reads(app, "read_list") if r[0] == "d11.officer"]
    assert case_id in last_read[1]
    outsider = as_user("jkm.protector.sgr").get("/").get_data(as_text=True)
    assert reference not in outsider and nav_count(outsider, "nav-referrals") == 0


def test_oscc_home_shows_the_clinic_referral_then_the_case_it_accepted(app, as_user):
    case_id, referral_id, reference = referred_case(app, "oscc", Urgency.ROUTINE, hours_ago=1)
    oscc = as_user("oscc.doctor")
    assert reference in section(oscc.get("/").get_data(as_text=True), "waiting")
    now = datetime.now(UTC)
    with app.app_context():
        answer("oscc.doctor", referral_id, "acknowledge", now)
        answer("oscc.doctor", referral_id, "accept", now)
    html = oscc.get("/").get_data(as_text=True)
    assert reference not in section(html, "waiting")
    mine = section(html, "mine")
    assert f'href="/cases/{case_id}"' in mine and "Next: Report to a protector" in mine


def test_a_school_case_whose_day_1_report_is_due_tomorrow_is_due_soon(app, as_user, monkeypatch):
    with app.app_context():
        case_id = new_case(
            "school.counsellor",
            TUESDAY_MORNING,
            SourceType.SCHOOL,
            risk_level=RiskLevel.MEDIUM,
            concerns=[ConcernInput(AbuseForm.NEGLECT)],
        )
    for where in ("caseflow.web.home.utc_now", "caseflow.web.clocks.utc_now"):
        monkeypatch.setattr(where, lambda: TUESDAY_MORNING + timedelta(minutes=10))
    school = as_user("school.counsellor")
    html = school.get("/").get_data(as_text=True)
    due = section(html, "due")
    assert f'href="/cases/{case_id}"' in due
    assert "School preliminary report (day 1)" in due and "end of Wed 11 Mar" in due
    assert "(day 3)" not in due, "the day-3 report is due after the weekend"
    assert nav_count(html, "nav-due") == 1
    assert "School preliminary report (day 1)" in school.get("/clocks").get_data(as_text=True)
    assert "Next: School preliminary report (day 1)" in section(html, "mine")
    assert 'id="waiting"' not in html, "a school receives no referral"


def test_protector_home_shows_its_overdue_clock_and_each_case_with_its_next_clock(app, as_user):
    now = datetime.now(UTC)
    with app.app_context():
        quiet = new_case(
            "jkm.protector",
            now - timedelta(hours=1),
            SourceType.JKM,
            concerns=[ConcernInput(AbuseForm.NEGLECT)],
        )
        late = sexual_abuse_case("jkm.protector", now - timedelta(hours=30), now).id
        clock_sweep.sweep(now)
    html = as_user("jkm.protector").get("/").get_data(as_text=True)
    due = section(html, "due")
    assert f'href="/cases/{late}"' in due and "overdue by 6 hours" in due
    assert f'href="/cases/{quiet}"' not in due
    mine = section(html, "mine")
    assert mine.index(f'/cases/{late}"') < mine.index(f'/cases/{quiet}"'), "soonest first"
    assert "Next: Police report lodged, overdue by 6 hours" in mine
    assert "No clock running" in mine
    assert nav_count(html, "nav-due") == 1


def test_supervisor_home_shows_referrals_waiting_and_accepted_cases_without_a_protector(
    app, as_user
):
    waiting_case, _, waiting_ref = referred_case(app, "jkm", Urgency.URGENT, hours_ago=2)
    case_id, referral_id, _ = referred_case(app, "jkm", Urgency.ROUTINE, hours_ago=5)
    with app.app_context():
        now = datetime.now(UTC)
        answer("jkm.protector", referral_id, "acknowledge", now)
        answer("jkm.protector", referral_id, "accept", now)
    supervisor = as_user("jkm.supervisor")
    html = supervisor.get("/").get_data(as_text=True)
    assert waiting_ref in section(html, "waiting")
    awaiting = section(html, "awaiting")
    assert f'href="/cases/{case_id}#assign"' in awaiting
    assert "Assign a protector" in supervisor.get(f"/cases/{case_id}").get_data(as_text=True)
    (record,) = [r for r in reads(app, "read_list") if r[0] == "jkm.supervisor"]
    assert {waiting_case, case_id} <= set(record[1])


def test_a_declined_referral_comes_back_to_the_sender_with_its_reason(app, as_user):
    case_id, referral_id, _ = referred_case(app, "oscc", Urgency.ROUTINE)
    with app.app_context():
        answer("oscc.doctor", referral_id, "acknowledge", datetime.now(UTC))
        answer("oscc.doctor", referral_id, "decline", datetime.now(UTC), "Outside our area.")
    returned = section(as_user("clinic.nurse").get("/").get_data(as_text=True), "returned")
    assert f'href="/cases/{case_id}"' in returned and "Outside our area." in returned


def test_empty_homes_say_what_will_appear_there(app, as_user):
    html = as_user("jkm.protector.sgr").get("/").get_data(as_text=True)
    assert "A referral sent to your facility will appear here" in section(html, "waiting")
    assert "will appear here" in section(html, "due")
    assert "A case your supervisor assigns to you will appear here" in section(html, "mine")
    assert "A case whose referral is declined comes back here" in section(html, "returned")


def test_the_helpline_home_records_the_cases_it_lists(app, as_user):
    with app.app_context():
        data = synthetic_child(
            SourceType.HELPLINE,
            datetime.now(UTC) - timedelta(minutes=5),
            concerns=[ConcernInput(AbuseForm.SEXUAL_EXTORTION, online=True)],
        )
        sent = helpline.register_and_refer(
            actor("helpline.operator"), data, Urgency.URGENT, "Call", datetime.now(UTC)
        )
        case_id, reference = sent.case.id, sent.case.reference
    assert reference in as_user("helpline.operator").get("/").get_data(as_text=True)
    (record,) = [r for r in reads(app, "read_list") if r[0] == "helpline.operator"]
    assert record[1] == [case_id]


def test_the_navigation_counts_cost_one_statement_however_many_cases(app, demo_users):
    now = datetime.now(UTC)
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    with app.app_context():
        for n in range(12):
            sexual_abuse_case("jkm.protector", now - timedelta(hours=30), now, given_name=f"A{n}")
        protector = accounts.find_user("jkm.protector")
        assert protector.supervises == []  # loaded now: counting starts below
        assert protector.facility.type  # so is the facility the rules read the role through
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            counted = worklist.counts(protector, now)
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert counted == worklist.Counts(waiting=0, due=12)
    assert len(seen) == 1, seen


def test_the_navigation_counts_the_same_clocks_the_due_list_shows(app, demo_users):
    """The count adds the held cases' clocks and the answered referrals' clocks apart (each
    has its own index); it must agree with the list, which asks for either at once."""
    now = datetime.now(UTC)
    referred_case(app, "d11", Urgency.URGENT, hours_ago=30)
    referred_case(app, "jkm", Urgency.URGENT, hours_ago=30)
    with app.app_context():
        for n in range(3):
            sexual_abuse_case("jkm.protector", now - timedelta(hours=30), now, given_name=f"B{n}")
        for username in ("jkm.protector", "jkm.supervisor", "d11.officer", "clinic.nurse"):
            user = accounts.find_user(username)
            listed = worklist.due_clocks(user, now, worklist.default_scope(user))
            shown = db.session.scalar(select(func.count()).select_from(listed.subquery()))
            assert worklist.counts(user, now).due == shown, username
            assert shown > 0 or username == "clinic.nurse", username
