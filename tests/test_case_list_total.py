"""The case list's total is counted in the two halves of visibility (services/case_search.total):
each case the list shows is counted once, whether its facility owns it, sees it through a
referral, or both."""

from caseflow.extensions import db
from caseflow.services import accounts, case_search
from caseflow.services.case_search import CaseFilter
from tests.test_case_journey import OSCC, answer, refer, register


def test_the_total_counts_each_listed_case_once(app, demo_users, act, case_input):
    at_clinic = [register(act, case_input) for _ in range(3)]
    referral = refer(act, "clinic.nurse", at_clinic[0], OSCC)  # the clinic still owns it
    answer(act, "oscc.doctor", referral, "acknowledge")  # the OSCC sees it through the referral
    register(act, case_input, username="oscc.doctor")  # and owns one of its own
    expected = {"clinic.nurse": 3, "oscc.doctor": 2, "school.counsellor": 0}
    with app.app_context():
        for username, count in expected.items():
            user = accounts.find_user(username)
            for criteria in (CaseFilter(), CaseFilter(status=case_search.ANY)):
                listed = db.session.scalars(case_search.search(user, criteria)).all()
                assert len(listed) == count, (username, criteria)
                assert case_search.total(user, criteria) == count, (username, criteria)


def test_the_list_page_says_how_many_it_found(app, demo_users, act, case_input, as_user):
    for _ in range(2):
        register(act, case_input)
    referral = refer(act, "clinic.nurse", register(act, case_input), OSCC)
    answer(act, "oscc.doctor", referral, "acknowledge")
    register(act, case_input, username="oscc.doctor")
    # The clinic owns the referred case and sees it as its sender: one case, counted once.
    assert "3 cases" in as_user("clinic.nurse").get("/cases").get_data(as_text=True)
    assert "2 cases" in as_user("oscc.doctor").get("/cases").get_data(as_text=True)
