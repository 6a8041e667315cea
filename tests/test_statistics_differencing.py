"""Subtracting two published tables for overlapping periods no longer gives a hidden count.

The attack of issue 11: the Kedah counts for the twelve months before last, subtracted from
those for the thirteen months to last month, used to give last month's hidden Kedah counts
(2 and 5) exactly, on the page and through the API.
"""

import random
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from caseflow.domain.cases import AbuseForm, RiskLevel, SourceType
from caseflow.domain.cellkey import max_noise
from caseflow.domain.clocks import add_months, local_date
from caseflow.domain.statistics import Dimension
from caseflow.services import accounts, cases, statistics
from caseflow.services.audit import Actor
from caseflow.services.cases import ConcernInput
from tests.support import synthetic_child

pytestmark = pytest.mark.usefixtures("demo_users")

LAST_MONTH = {AbuseForm.NEGLECT: 5, AbuseForm.SEXUAL_ABUSE: 2}  # what the attack looks for


def register(form: AbuseForm, reported_at: datetime) -> None:
    data = synthetic_child(
        SourceType.JKM,
        reported_at,
        risk_level=RiskLevel.MEDIUM,
        concerns=[ConcernInput(form)],
        age_estimate=9,
    )
    actor = Actor(accounts.find_user("jkm.protector"), "test")
    cases.register_case(actor, data, reported_at + timedelta(minutes=5))


@pytest.fixture
def months(app, monkeypatch):
    """Two cases of each form a month for a year, then last month's 2 and 5. The record keys
    come from a fixed seed instead of the CSPRNG, so the noise is the same on every run."""
    chance = random.Random(1)
    monkeypatch.setattr(cases, "new_record_key", lambda: chance.randrange(256))
    last = add_months(local_date(datetime.now(UTC)).replace(day=1), -1)
    first = add_months(last, -12)
    with app.app_context():
        for n in range(12):
            month = add_months(first, n)
            for form in LAST_MONTH:
                for day in (10, 20):
                    register(form, datetime(month.year, month.month, day, 4, tzinfo=UTC))
        for form, count in LAST_MONTH.items():
            for day in range(count):
                register(form, datetime(last.year, last.month, 3 + day, 4, tzinfo=UTC))
    return first, last


def end_of(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def page_row(client, first: date, last: date) -> dict[str, int]:
    html = client.get(
        f"/statistics?from={first:%Y-%m}&to={last:%Y-%m}&rows=state&columns=abuse_form"
    ).get_data(as_text=True)
    row = re.search(r'<th scope="row">Kedah</th>(.*?)</tr>', html, re.S).group(1)
    shown = [int(v) for v in re.findall(r'<td class="num">(\d+)</td>', row)]
    # Columns in code order: neglect, sexual_abuse, then the total.
    return {AbuseForm.NEGLECT: shown[0], AbuseForm.SEXUAL_ABUSE: shown[1]}


def api_row(api, first: date, last: date, group_by: str) -> dict[str, int]:
    body = api(
        "analyst", "get", f"/statistics?from={first}&to={end_of(last)}&group_by={group_by}"
    ).json
    assert body["max_noise"] == max_noise() == 2
    assert body["method"] == "cell_key_perturbation+secondary_suppression"
    found = {}
    for cell in body["cells"]:
        if cell["state"] == "KDH" and cell.get("sex", "female") == "female":
            found[AbuseForm(cell["abuse_form"])] = cell["count"]
    return found


def test_last_month_alone_is_hidden_and_the_tables_are_still_counted_right(app, months):
    first, last = months
    with app.app_context():
        alone = statistics.table([Dimension.STATE, Dimension.ABUSE_FORM], last, end_of(last))
        assert {("KDH", "neglect"), ("KDH", "sexual_abuse")} <= alone.hidden
        year = statistics.table([Dimension.STATE, Dimension.ABUSE_FORM], first, end_of(last))
        assert year.counts[("KDH", "neglect")] == 29 and year.counts[("KDH", "sexual_abuse")] == 26
        for key in year.counts:
            assert abs(year.shown(key) - year.counts[key]) <= max_noise()


def test_subtracting_overlapping_periods_does_not_give_last_months_counts(months, as_user, api):
    first, last = months
    client = as_user("analyst")
    before = add_months(last, -1)
    attacks = {
        "page": (page_row(client, first, last), page_row(client, first, before)),
        "api": (
            api_row(api, first, last, "state,abuse_form"),
            api_row(api, first, before, "state,abuse_form"),
        ),
        # Three dimensions: from the monthly triples, as the two from the monthly pairs.
        "api, three dimensions": (
            api_row(api, first, last, "state,abuse_form,sex"),
            api_row(api, first, before, "state,abuse_form,sex"),
        ),
    }
    for where, (longer, shorter) in attacks.items():
        differences = {form: longer[form] - shorter[form] for form in LAST_MONTH}
        assert all(differences[f] != n for f, n in LAST_MONTH.items()), (where, differences)
        for form, count in LAST_MONTH.items():
            # Each side carries its own noise: the truth is only known to within twice that.
            assert abs(differences[form] - count) <= 2 * max_noise(), where
    # The same cells asked for again, by the page or the API, give the same numbers.
    assert page_row(client, first, last) == attacks["page"][0] == attacks["api"][0]
