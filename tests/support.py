"""Helpers the tests share: sign-in by real POST, CSRF tokens, the CI rule for missing tools."""

import os
import random
import re
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.extensions import db
from caseflow.models import Case, Facility
from caseflow.services import accounts, cases
from caseflow.services.audit import Actor
from caseflow.services.cases import CaseInput, ConcernInput

PASSWORD = "a-test-password-long-enough"


def require(condition: bool, reason: str) -> None:
    """Skip when a tool is missing, except in CI, where a missing tool is a failure."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)


def facility_id(code: str) -> int:
    return db.session.scalar(select(Facility.id).where(Facility.code == code))


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


VERSION_RE = re.compile(r'name="version" type="hidden" value="(\d+)"')


def form_page(client, path: str) -> str:
    return client.get(path).get_data(as_text=True)


def csrf_token(client, path: str = "/login") -> str:
    match = CSRF_RE.search(form_page(client, path))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client, path: str, data: dict, token_from: str | None = None, **kwargs):
    """POST a form the way a browser does: with the hidden fields of the page that shows it.

    The CSRF token, and the version of the case the page showed (unless the test sends one).
    """
    page = form_page(client, token_from or path)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {token_from or path}"
    hidden = {"csrf_token": match.group(1)}
    version = VERSION_RE.search(page)
    if version and "version" not in data:
        hidden["version"] = version.group(1)
    return client.post(path, data={**data, **hidden}, **kwargs)


CASE_FORM = {
    "given_name": "Aina",
    "family_name": "Contoh",
    "sex": "female",
    "state_code": "KDH",
    "district": "Kota Setar",
    "home_language": "ms",
    "source_type": "clinic",
    "reported_at": "2026-03-19T09:00",
    "forms": ["grooming"],
    "online_forms": ["grooming"],
    "platforms": ["whatsapp"],
    "risk_level": "high",
    "date_of_birth": "2014-05-02",
    "narrative": "Synthetic narrative.",
}


def register_on_page(client, **overrides) -> int:
    """Register a case through the page's form, as a person would; returns its id."""
    page = post_form(client, "/cases/new", {**CASE_FORM, **overrides})
    assert page.status_code == 302, page.get_data(as_text=True)[:2000]
    return int(re.search(r"/cases/(\d+)", page.headers["Location"]).group(1))


#: When the cases of register_overdue_cases were reported: their clocks are long past due.
REPORTED = datetime(2026, 3, 19, 2, 0, tzinfo=UTC)


def synthetic_child(source: SourceType, reported: datetime, **overrides) -> CaseInput:
    """A valid registration of a synthetic Kedah child, high risk, sexual abuse; override any
    field. The tests that need a case of a kind build it here, not field by field."""
    fields = dict(
        given_name="Mawar",
        family_name="Contoh",
        sex=Sex.FEMALE,
        state_code="KDH",
        district="Kota Setar",
        risk_level=RiskLevel.HIGH,
        source_type=source,
        reported_at=reported,
        concerns=[ConcernInput(AbuseForm.SEXUAL_ABUSE)],
        age_estimate=12,
    )
    return CaseInput(**{**fields, **overrides})


def sexual_abuse_case(
    username: str,
    reported: datetime,
    now: datetime | None = None,
    source: SourceType = SourceType.JKM,
    given_name: str = "Siti",
):
    """Register, through the service and in the current app context, a high-risk sexual-abuse
    case in Kedah held by `username`: it starts the 24-hour police report clock."""
    data = synthetic_child(source, reported, given_name=given_name, district=None, age_estimate=9)
    actor = Actor(accounts.find_user(username), "test")
    return cases.register_case(actor, data, now or reported)


def register_overdue_cases(app, count: int) -> list[int]:
    """Cases held by the demo protector, reported at REPORTED: their police clocks are late."""
    with app.app_context():
        return [
            sexual_abuse_case("jkm.protector", REPORTED, given_name=f"Anak{n}").id
            for n in range(count)
        ]


def actor(username: str) -> Actor:
    """The acting user for a service call, by username (in the current app context)."""
    return Actor(accounts.find_user(username), "test")


def register(username: str, chance: random.Random, now: datetime, **overrides) -> Case:
    """Register, through the service, a Kedah case with details drawn from `chance`."""
    data = CaseInput(
        **{
            "given_name": chance.choice(["Aina", "Mawar", "Kavitha", "Mei"]),
            "family_name": "Contoh",
            "sex": chance.choice([Sex.FEMALE, Sex.MALE]),
            "state_code": "KDH",
            "district": "Kota Setar",
            "risk_level": chance.choice(list(RiskLevel)),
            "source_type": chance.choice([SourceType.JKM, SourceType.HELPLINE]),
            "reported_at": now - timedelta(hours=chance.randint(1, 24 * 40)),
            "concerns": [
                ConcernInput(
                    chance.choice(list(AbuseForm)),
                    online=chance.random() < 0.3,
                    platforms=("whatsapp",) if chance.random() < 0.2 else (),
                )
            ],
            "age_estimate": chance.randint(3, 17),
            "narrative": "Synthetic narrative SECRET-TEXT.",
            **overrides,
        }
    )
    return cases.register_case(actor(username), data, data.reported_at + timedelta(minutes=5))


@contextmanager
def statements_sent():
    """Every statement sent to the database inside the block, with its parameters."""
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, *_args):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
