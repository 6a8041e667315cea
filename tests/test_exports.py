"""Exports hold only what the user may see, carry their filters, and are audited."""

import csv
import io
import re
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy import select

from caseflow.domain.geography import STATES_BY_CODE
from caseflow.exports import Table, csv_lines, xlsx_bytes
from caseflow.extensions import db
from caseflow.models import AuditRecord, Case
from caseflow.web.labels import STATUS_LABELS
from tests.support import register_on_page as register


def test_csv_writes_filters_above_the_header_and_disarms_formulas():
    table = Table(
        "Cases",
        [("State", "KDH")],
        ["Child", "Reported"],
        [('=HYPERLINK("x")', datetime(2026, 3, 19, 1, 0, tzinfo=UTC))],
    )
    rows = list(csv.reader(io.StringIO("".join(csv_lines(table)))))
    assert rows[0] == ["\ufeffCases"] and rows[1] == ["State", "KDH"] and rows[2] == []
    assert rows[3] == ["Child", "Reported"]
    assert rows[4] == ['\'=HYPERLINK("x")', "2026-03-19 09:00"]  # Malaysia time


def test_xlsx_holds_the_same_table():
    table = Table("Cases", [("State", "KDH")], ["Child"], [("Aina",), ("Budi",)])
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table))).active
    first_column = [row[0].value for row in sheet.iter_rows()]
    assert first_column == ["Cases", "State", None, "Child", "Aina", "Budi"]


def exported_references(response) -> list[str]:
    text = response.get_data(as_text=True)
    return [row[0] for row in csv.reader(io.StringIO(text)) if row and row[0].startswith("CF-")]


def test_export_holds_only_the_users_cases_and_is_audited(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register(nurse)
    mine = nurse.get("/cases/export.csv?status=all")
    assert mine.status_code == 200 and mine.headers["Cache-Control"] == "no-store"
    assert len(exported_references(mine)) == 1
    outsider = as_user("jkm.protector.sgr")
    assert exported_references(outsider.get("/cases/export.csv?status=all")) == []
    assert outsider.get(f"/cases/{case_id}/timeline.csv").status_code == 404
    assert outsider.get(f"/cases/{case_id}/timeline.xlsx").status_code == 404
    with app.app_context():
        exports = db.session.scalars(
            select(AuditRecord).where(AuditRecord.action == "export").order_by(AuditRecord.id)
        ).all()
    assert [(e.username, e.detail["case_ids"]) for e in exports] == [
        ("clinic.nurse", [case_id]),
        ("jkm.protector.sgr", []),
    ]


def test_timeline_export_lists_every_step(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register(nurse)
    sheet = load_workbook(io.BytesIO(nurse.get(f"/cases/{case_id}/timeline.xlsx").data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[-1][2] == "Case registered"


def test_case_export_row_says_what_the_case_page_says(app, as_user):
    """Each row is read as columns with the office and officer joined; it must say what the
    case itself says, in the export's language."""
    nurse = as_user("clinic.nurse")
    case_id = register(nurse)
    rows = list(csv.reader(io.StringIO(nurse.get("/cases/export.csv?status=all").get_data(True))))
    row = next(r for r in rows if r and r[0].startswith("CF-"))
    with app.app_context():
        case = db.session.get(Case, case_id)
        officer = case.owner_officer.display_name if case.owner_officer else ""
        state = STATES_BY_CODE[case.state_code].name
        with app.test_request_context():
            status = str(STATUS_LABELS[case.status])  # a label, never the stored value
        expected = [case.reference, case.child_name, state, status, case.owner_facility.name]
    assert [row[0], row[1], row[5], row[6], row[8]] == expected
    assert row[9] == officer


def test_case_export_keeps_the_lists_order_across_statements(as_user, monkeypatch):
    """Rows are read a chunk of cases a statement; the file keeps the list's order."""
    from caseflow.web.cases import exports as case_exports

    monkeypatch.setattr(case_exports, "CHUNK", 2)  # five cases: three statements
    nurse = as_user("clinic.nurse")
    for n in range(5):
        register(nurse, given_name=f"Urutan{n}")
    listed = re.findall(r">(CF-[^<]+)</a>", nurse.get("/cases?status=all").get_data(as_text=True))
    exported = exported_references(nurse.get("/cases/export.csv?status=all"))
    assert len(exported) == 5 and exported == listed
