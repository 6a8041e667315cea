"""Offence sections: SOCA ss.15A and 15B (Act A1687) and the Penal Code are recorded and counted."""

from datetime import UTC, date, datetime

from caseflow.domain.offences import PENAL_CODE_SECTIONS, SOCA_SECTIONS, offered
from caseflow.domain.statistics import Dimension
from caseflow.services import statistics

BODY = {
    "child": {"given_name": "Nurul", "age_estimate": 14, "sex": "female", "state": "KDH"},
    "source": {"type": "helpline", "reported_at": "2026-11-03T09:00:00+08:00"},
    "concerns": [
        {"form": "sexual_extortion", "online": True, "platforms": ["instagram"]},
        {"form": "live_streaming"},
    ],
    "risk_level": "high",
}


def register(api, **extra):
    return api("jkm.protector", "post", "/cases", json={**BODY, **extra})


def test_a_case_under_ss15a_and_15b_registers_and_counts_in_statistics(app, api):
    for _ in range(5):  # five cases: above the suppression threshold, so the counts show
        answer = register(api, soca_sections=["15A", "15B"], penal_code_sections=["377E"])
        assert answer.status_code == 201, answer.json
    case = api("jkm.protector", "get", f"/cases/{answer.json['id']}").json
    assert case["soca_sections"] == ["15A", "15B"] and case["penal_code_sections"] == ["377E"]
    with app.app_context():
        start, end = date(2026, 11, 1), date(2026, 11, 30)
        kept = statistics.table([Dimension.SOCA_SECTION], start, end)
        since = datetime(2026, 10, 31, 16, tzinfo=UTC)
        until = datetime(2026, 11, 30, 16, tzinfo=UTC)
        counted = statistics.table_from_cases([Dimension.SOCA_SECTION], since, until)
        assert kept.counts[("15A",)] == kept.counts[("15B",)] == 5
        assert kept.counts == counted.counts
        penal = statistics.table([Dimension.PENAL_CODE_SECTION], start, end)
        assert penal.counts[("377E",)] == 5
    query = "from=2026-11-01&to=2026-11-30&group_by=soca_section,penal_code_section"
    answer = api("analyst", "get", f"/statistics?{query}")
    assert answer.status_code == 200, answer.json


def test_unknown_sections_are_refused_and_the_deleted_paragraph_is_not_offered(api):
    answer = register(api, soca_sections=["15C"], penal_code_sections=["999"])
    assert answer.status_code == 422
    assert {"soca_sections", "penal_code_sections"} <= set(answer.json["error"]["fields"])
    assert "15(b)" in SOCA_SECTIONS and SOCA_SECTIONS["15(b)"].deleted
    assert "15(b)" not in offered(SOCA_SECTIONS) and {"15A", "15B"} <= set(offered(SOCA_SECTIONS))
    assert register(api, soca_sections=["15(b)"]).status_code == 201  # an older case's record


def test_titles_come_in_malay_and_english_and_the_page_shows_them(as_user):
    assert SOCA_SECTIONS["15B"].ms == "Pemerasan seksual"
    assert SOCA_SECTIONS["12"].ms == "Pengantunan kanak-kanak"
    assert all(s.en and s.ms for s in (*SOCA_SECTIONS.values(), *PENAL_CODE_SECTIONS.values()))
    page = as_user("clinic.nurse").get("/cases/new").get_data(as_text=True)
    assert "s.15A Sexual performance by a child" in page and "s.15B Sexual extortion" in page
    assert "s.377E Inciting a child to an act of gross indecency" in page
    assert "15(b)" not in page
