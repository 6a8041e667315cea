"""Clocks on the case page in words, the due-soon-and-overdue queue, and notifications."""

import re
from datetime import UTC, datetime, timedelta

from caseflow.services import clock_sweep
from tests.support import post_form, sexual_abuse_case


def register_now(app, username, hours_ago=0):
    """A protector's sexual-abuse case reported `hours_ago`: its 24-hour police clock runs."""
    now = datetime.now(UTC)
    with app.app_context():
        return sexual_abuse_case(username, now - timedelta(hours=hours_ago), now).id


def test_case_page_says_the_time_left_in_words_and_the_calendar(app, as_user):
    case_id = register_now(app, "jkm.protector")
    html = as_user("jkm.protector").get(f"/cases/{case_id}").get_data(as_text=True)
    assert re.search(r"due in 2[34] hours, \w{3} \d{1,2} \w{3}, \d\d:\d\d", html)
    assert "Police report lodged" in html and "Kedah" in html


def test_overdue_clock_is_in_the_queue_and_notified(app, as_user):
    case_id = register_now(app, "jkm.protector", hours_ago=30)
    with app.app_context():
        clock_sweep.sweep(datetime.now(UTC))
    protector = as_user("jkm.protector")
    queue = protector.get("/clocks").get_data(as_text=True)
    assert f'/cases/{case_id}"' in queue and "overdue by 6 hours" in queue
    page = protector.get("/notifications").get_data(as_text=True)
    assert 'class="badge">1<' in page and "Overdue" in page
    post_form(protector, "/notifications/read", {}, token_from="/notifications")
    assert 'class="badge"' not in protector.get("/notifications").get_data(as_text=True)
    supervisor_queue = (
        as_user("jkm.supervisor").get("/clocks?scope=facility").get_data(as_text=True)
    )
    assert f'/cases/{case_id}"' in supervisor_queue
    assert f'/cases/{case_id}"' not in as_user("jkm.protector.sgr").get(
        "/clocks?scope=facility"
    ).get_data(as_text=True)


def test_malay_words_for_the_time_left(app, as_user):
    case_id = register_now(app, "jkm.protector")
    protector = as_user("jkm.protector")
    post_form(protector, "/language", {"language": "ms", "next": "/"}, token_from="/")
    html = protector.get(f"/cases/{case_id}").get_data(as_text=True)
    assert re.search(r"tamat dalam 2[34] jam", html)
