"""Lists that must stay small at a million cases read their own index, on both databases.

A partial index serves only a query whose WHERE implies its predicate: `returned_to_sender`
does, `returned_to_sender IS true` does not, and then the receivers' home and referrals page
read every case the office holds (230 ms at 1,000,000 cases) to find the few sent back.
"""

import re
from datetime import UTC, datetime

import pytest

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


def generic_plan(statement: str, parameters: dict) -> str:
    """The plan PostgreSQL may keep for a statement psycopg has prepared (after five runs on a
    connection; PostgreSQL plans five more times for the values before it may keep one): made
    once, without the parameters' values."""
    from psycopg import sql

    conn = db.session.connection()
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a test's tables are tiny
    conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
    names: list[str] = []

    def numbered(match: re.Match) -> str:
        if match[1] not in names:
            names.append(match[1])
        return f"${names.index(match[1]) + 1}"

    conn.exec_driver_sql("PREPARE kept AS " + re.sub(r"%\((\w+)\)s", numbered, statement))
    raw = conn.connection.dbapi_connection
    values = ", ".join(sql.Literal(parameters[name]).as_string(raw) for name in names)
    rows = conn.exec_driver_sql(f"EXPLAIN EXECUTE kept({values})").all()
    conn.exec_driver_sql("DEALLOCATE kept")  # a rollback keeps it, on a pooled connection
    return " ".join(row[0] for row in rows)


def test_the_plan_postgresql_keeps_for_the_dashboard_counts_knows_which_clocks_are_live(
    app, as_user
):
    """The live clocks' partial indexes serve a prepared statement only if its kept plan knows
    the statuses: sent as parameters, they were unknown to it, and that plan read every clock
    of the office (the supervisor's counts took 185 ms instead of 16 at a million cases).
    Which index a test's tiny tables get depends on the tests before; what the plan knows of
    the clocks it reads does not."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("psycopg prepares statements on PostgreSQL only: the PostgreSQL leg")
    client = as_user("jkm.supervisor")
    with app.app_context(), statements_sent() as seen:
        assert client.get("/dashboard").status_code == 200
    with app.app_context():
        statement, parameters = next(
            (s, p) for s, p in seen if "owner_officer_id, count(*)" in s and "clocks" in s
        )
        kept = generic_plan(statement, parameters)
        db.session.rollback()
    clocks_read = [node for node in kept.split("->") if " on clocks" in node]
    assert clocks_read, kept
    for node in clocks_read:  # a status known to the plan, or implied by the index it reads
        assert not re.search(r"status\)::text = ANY \(\(ARRAY\[\$", node), node


def test_a_list_writes_its_page_size_into_its_statement(app, as_user):
    """A prepared statement's kept plan does not know a LIMIT sent as a parameter: PostgreSQL
    assumed a tenth of the office's open cases and joined each to its officer before sorting
    (the work queue took 40 to 70 ms at a million cases, 4 with the LIMIT written in)."""
    client = as_user("jkm.protector")
    with app.app_context(), statements_sent() as seen:
        assert client.get("/cases").status_code == 200
        assert client.get("/referrals").status_code == 200
    lists = [s for s, _ in seen if "ORDER BY" in s and "LIMIT" in s]
    assert all(re.search(r"LIMIT \d+", s) for s in lists), lists
    paged = [s for s in lists if re.search(r"LIMIT \d+ OFFSET \d+", s)]
    assert len(paged) >= 2, "the work queue and the incoming referrals, each a page"


def test_the_navigations_due_count_reads_a_live_clocks_index(app, demo_users):
    """Every page counts the user's clocks due. SQLite uses a partial index only for a query
    that repeats its condition term for term: the statuses written in another order sent the
    count to an index of every clock in the country."""
    with app.app_context():
        user = accounts.find_user("jkm.protector")
        with statements_sent() as seen:
            worklist.counts(user, datetime.now(UTC))
        statement, parameters = next((s, p) for s, p in seen if "FROM clocks" in s)
        assert "ix_clocks_live" in plan(statement, parameters)
        db.session.rollback()
