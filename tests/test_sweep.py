"""The sweep: e-mail through a real local SMTP server, and two sweeps at once notify once."""

import socket
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import Clock, Notification
from caseflow.services import accounts, cases, clock_sweep
from caseflow.services.mail import SmtpSettings
from tests.support import REPORTED
from tests.support import register_overdue_cases as register


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield SmtpSettings(host="127.0.0.1", port=port, sender="caseflow@test.invalid"), inbox
    controller.stop()


def test_breach_is_mailed_without_the_childs_name(app, demo_users, smtp_server):
    settings, inbox = smtp_server
    with app.app_context():
        protector = accounts.find_user("jkm.protector")
        protector.email = "protector@test.invalid"
        db.session.commit()
    (case_id,) = register(app, 1)
    with app.app_context():
        clock_sweep.sweep(REPORTED + timedelta(days=3), mail=settings)
        clock_sweep.sweep(REPORTED + timedelta(days=3), mail=settings)  # nothing new to send
        reference = cases.load_case_for(accounts.find_user("jkm.protector"), case_id).reference
    assert len(inbox.messages) == 1
    recipients, body = inbox.messages[0]
    assert recipients == ["protector@test.invalid"]
    assert reference in body and "Police report lodged" in body and "Anak0" not in body


def test_two_sweeps_at_once_notify_each_transition_once(app, demo_users):
    register(app, 12)
    later = REPORTED + timedelta(days=3)
    results, errors = [], []

    def run():
        try:
            with app.app_context():
                results.append(clock_sweep.sweep(later, batch=3))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with app.app_context():
        breached = db.session.scalar(select(func.count()).where(Clock.status == "breached"))
        per_clock = db.session.execute(
            select(Notification.clock_id, Notification.user_id, func.count()).group_by(
                Notification.clock_id, Notification.user_id
            )
        ).all()
    assert sum(r["breached"] for r in results) == breached > 0
    assert per_clock and all(count == 1 for *_ids, count in per_clock)
    assert len(per_clock) == breached * 2  # the protector and the supervisor, once each
