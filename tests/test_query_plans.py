"""Lists that must stay small at a million cases read their own index, on both databases.

A partial index serves only a query whose WHERE implies its predicate: `returned_to_sender`
does, `returned_to_sender IS true` does not, and then the receivers' home and referrals page
read every case the office holds (230 ms at 1,000,000 cases) to find the few sent back.
"""

from caseflow.extensions import db
from caseflow.services import accounts, worklist
from tests.support import statements_sent


def plan(statement: str, parameters) -> str:
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        return " ".join(str(row[-1]) for row in rows)
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a test's tables are tiny
    return " ".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters))


def test_cases_sent_back_are_found_through_their_own_index(app, demo_users):
    with app.app_context():
        user = accounts.find_user("oscc.doctor")
        with statements_sent() as seen:
            worklist.returned_cases(user, 10)
        statement, parameters = next((s, p) for s, p in seen if "returned_to_sender" in s)
        assert "ix_cases_returned" in plan(statement, parameters)
        db.session.rollback()


def test_the_referrals_page_finds_cases_sent_back_through_their_own_index(app, as_user):
    client = as_user("oscc.doctor")
    with app.app_context(), statements_sent() as seen:
        assert client.get("/referrals").status_code == 200
    with app.app_context():
        statement, parameters = next((s, p) for s, p in seen if "returned_to_sender" in s)
        assert "ix_cases_returned" in plan(statement, parameters)
        db.session.rollback()
