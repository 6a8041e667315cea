"""The words on the page: days rather than hundreds of hours, "1 day" not "1 days", numbers
sorted as numbers, state and month names rather than codes, "new" meaning new to the office."""

import re
from datetime import UTC, date, datetime, timedelta

from caseflow.domain.cases import AbuseForm, RiskLevel, SourceType
from caseflow.domain.statistics import Dimension
from caseflow.domain.workflow import Urgency
from caseflow.services import accounts, caseload, cases, clock_sweep, referrals
from caseflow.services.cases import ConcernInput
from caseflow.services.demo import KEDAH_CLINIC, KEDAH_JKM
from caseflow.web.dashboard import month_name
from caseflow.web.dashboard.statistics import crosstab
from tests.support import actor, facility_id, post_form, sexual_abuse_case, synthetic_child


def test_an_hours_clock_27_days_late_says_days_in_both_languages(app, as_user):
    now = datetime.now(UTC)
    with app.app_context():
        case_id = sexual_abuse_case("jkm.protector", now - timedelta(hours=24 + 650), now).id
        clock_sweep.sweep(now)
    protector = as_user("jkm.protector")
    queue = protector.get("/clocks").get_data(as_text=True)
    assert "overdue by 27 days (due" in queue and "hours (due" not in queue
    page = protector.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "overdue by 27 days" in page
    post_form(protector, "/language", {"language": "ms", "next": "/"}, token_from="/")
    assert "lewat 27 hari" in protector.get("/clocks").get_data(as_text=True)


def test_policy_targets_say_one_month_and_one_hour_in_the_singular(as_user):
    html = as_user("admin").get("/admin/policies").get_data(as_text=True)
    assert "1 month<" in html and "24 hours<" in html
    assert not re.search(r"\b1 (months|days|hours)\b", html)


def test_a_list_of_one_case_says_one_case(app, as_user):
    now = datetime.now(UTC)
    with app.app_context():
        sexual_abuse_case("jkm.protector", now - timedelta(hours=1), now)
    html = as_user("jkm.protector").get("/cases").get_data(as_text=True)
    assert "1 case " in html or "1 case<" in html or "1 case\n" in html
    assert "1 cases" not in html


def register_reported(app, reported: datetime, loaded: datetime | None = None, **overrides) -> int:
    with app.app_context():
        low_risk_neglect = {
            "risk_level": RiskLevel.LOW,
            "concerns": [ConcernInput(AbuseForm.NEGLECT)],
            "age_estimate": 9,
        }
        data = synthetic_child(SourceType.CLINIC, reported, **{**low_risk_neglect, **overrides})
        typed_in = loaded or reported + timedelta(hours=1)
        return cases.register_case(actor("clinic.nurse"), data, typed_in).id


def test_statistics_sort_age_bands_as_numbers_and_name_the_months(app, as_user):
    reported = datetime(2026, 11, 3, 2, tzinfo=UTC)
    for age in (4, 7, 11, 14, 16):
        for _ in range(5):  # above the suppression threshold, so every band shows
            register_reported(app, reported, age_estimate=age)
    with app.test_request_context():
        from caseflow.services import statistics

        table = statistics.table([Dimension.AGE_BAND], date(2026, 11, 1), date(2026, 11, 30))
        _, rows = crosstab(table)
        assert [row[0] for row in rows] == ["0-5", "6-9", "10-12", "13-15", "16-17", "Total"]
        assert month_name("2026-11") == "November 2026"
    page = as_user("analyst").get("/statistics?from=2026-11&to=2026-11&rows=age_band&columns=none")
    html = page.get_data(as_text=True)
    assert html.index(">6-9<") < html.index(">10-12<")


def test_the_analyst_home_names_states(as_user):
    html = as_user("analyst").get("/").get_data(as_text=True)
    assert '<th scope="row">Kedah</th>' in html and '<th scope="row">KDH</th>' not in html


def test_new_this_week_counts_cases_by_their_arrival_not_their_loading(app, demo_users):
    now = datetime(2026, 11, 4, 4, tzinfo=UTC)  # Wednesday noon in Malaysia
    three_weeks_ago = now - timedelta(days=21)
    register_reported(app, three_weeks_ago, loaded=now)  # a paper file typed in this week
    register_reported(app, now - timedelta(hours=2))  # reported and registered this morning
    referred = register_reported(app, three_weeks_ago)  # registered then, sent to JKM now
    with app.app_context():
        jkm = facility_id(KEDAH_JKM)
        case = cases.load_case_for(accounts.find_user("clinic.nurse"), referred)
        referrals.refer(actor("clinic.nurse"), case, jkm, "Needs JKM", Urgency.ROUTINE, now)
        referrals.acknowledge(actor("jkm.supervisor"), case.referrals[0], now)
        referrals.accept(actor("jkm.supervisor"), case.referrals[0], now)
        received = caseload.officer_loads([jkm], now)
        assert sum(load.new_this_week for load in received) == 1  # received this week
        kept = caseload.officer_loads([facility_id(KEDAH_CLINIC)], now)
        assert sum(load.open for load in kept) == 2
        assert sum(load.new_this_week for load in kept) == 1  # only this morning's report
