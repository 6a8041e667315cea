"""The case page costs a fixed, small number of SQL statements, however big the directory."""

from sqlalchemy import event

from caseflow.extensions import db
from tests.support import register_on_page as register

#: Issue 14's limit. The circle check and the case come in one statement, the user's
#: supervised facilities with the session, each clock's policy with the clocks.
LIMIT = 15


def count_statements(app, fetch) -> list[str]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = fetch()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200
    return seen


def test_case_page_runs_a_fixed_small_number_of_statements(app, as_user):
    nurse = as_user("clinic.nurse")  # the owner: the page offers the referral form
    case_id = register(nurse)
    statements = count_statements(app, lambda: nurse.get(f"/cases/{case_id}"))
    assert "Refer" in nurse.get(f"/cases/{case_id}").get_data(as_text=True)
    assert len(statements) <= LIMIT, "\n\n".join(statements)
