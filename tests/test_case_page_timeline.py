"""A long timeline: the case page lists the latest steps and links to every one, and what may
be recorded next still reads the whole timeline."""

import random
import re
from datetime import UTC, datetime, timedelta

from caseflow.domain.events import EventType
from caseflow.extensions import db
from caseflow.models import Case
from caseflow.services import cases
from caseflow.web.cases.detail import TIMELINE_LATEST
from tests.support import actor, register
from tests.test_case_page_queries import LIMIT, count_statements

ASSESSMENTS = TIMELINE_LATEST + 5


def long_case(app) -> int:
    """Registered, assessed once, then examined ASSESSMENTS times, an hour apart."""
    start = datetime.now(UTC) - timedelta(days=10)
    with app.app_context():
        protector = actor("jkm.protector")
        case = register("jkm.protector", random.Random(14), start)
        steps = [(EventType.INITIAL_ASSESSMENT, "First look SYNTHETIC")]
        steps += [(EventType.MEDICAL_ASSESSMENT, f"Examination {n}") for n in range(ASSESSMENTS)]
        for hour, (kind, text) in enumerate(steps, start=1):
            when = start + timedelta(hours=hour)
            cases.record_event(
                protector, db.session.get(Case, case.id), kind, when, {"text": text}, when
            )
        return case.id


def timeline_items(page: str) -> list[str]:
    listed = page.split('<ol class="timeline">')[1].split("</ol>")[0]
    return re.findall(r"<li>", listed)


def test_a_long_timeline_lists_the_latest_steps_and_links_to_all(app, as_user):
    case_id = long_case(app)
    total = ASSESSMENTS + 2  # with the registration and the initial assessment
    protector = as_user("jkm.protector")

    page = protector.get(f"/cases/{case_id}").get_data(as_text=True)
    assert len(timeline_items(page)) == TIMELINE_LATEST
    assert f"The latest {TIMELINE_LATEST} of {total} steps" in page
    assert f"Examination {ASSESSMENTS - 1}" in page  # the newest is listed
    assert "First look SYNTHETIC" not in page  # the oldest are one link away
    # The initial assessment happens once: not offered again, though not listed.
    assert 'value="initial_assessment"' not in page
    assert 'value="medical_assessment"' in page

    whole = protector.get(f"/cases/{case_id}?timeline=all").get_data(as_text=True)
    assert len(timeline_items(whole)) == total
    assert "First look SYNTHETIC" in whole and 'id="timeline-cut"' not in whole


def test_a_long_timeline_costs_one_statement_more_and_stays_within_the_limit(app, as_user):
    case_id = long_case(app)
    protector = as_user("jkm.protector")
    statements = count_statements(app, lambda: protector.get(f"/cases/{case_id}"))
    assert len(statements) <= LIMIT, "\n\n".join(statements)


def test_a_short_timeline_is_listed_whole_without_a_link(app, as_user):
    protector = as_user("jkm.protector")
    with app.app_context():
        case_id = register("jkm.protector", random.Random(3), datetime.now(UTC)).id
    page = protector.get(f"/cases/{case_id}").get_data(as_text=True)
    assert len(timeline_items(page)) == 1
    assert 'id="timeline-cut"' not in page
    assert 'value="initial_assessment"' in page
