"""The retention schedule applied: counts first (dry run), then anonymising and deleting."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from caseflow.domain.events import EventType
from caseflow.domain.retention import Rule
from caseflow.domain.statistics import Dimension
from caseflow.extensions import db
from caseflow.models import ApiToken, AuditRecord, Case, CaseEvent, SignInAttempt
from caseflow.services import accounts, api_tokens, cases, retention, sign_in, statistics
from caseflow.services.audit import Actor
from caseflow.services.sign_in import LockoutPolicy

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
OLD = datetime(2010, 3, 19, 1, 0, tzinfo=UTC)


def _closed_case(case_input, reported: datetime, closed: datetime, **child) -> int:
    actor = Actor(accounts.find_user("jkm.protector"), "test")
    data = case_input(reported_at=reported, narrative="Synthetic narrative", **child)
    case = cases.register_case(actor, data, reported)
    cases.record_event(
        actor, case, EventType.NOTE, reported, {"text": "Told her teacher"}, reported
    )
    cases.record_event(actor, case, EventType.CASE_CLOSED, closed, {"reason": "Safe"}, closed)
    return case.id


def _counts() -> dict:
    dims = [Dimension.AGE_BAND, Dimension.DISTRICT, Dimension.PLATFORM]
    return {
        str(d): statistics.table_from_cases([d], OLD - timedelta(days=1), NOW, threshold=0)
        for d in dims
    } | {"monthly": statistics.table_by_month([Dimension.ABUSE_FORM], "2010-01", "2026-12", 0)}


def test_dry_run_counts_then_run_anonymises_and_deletes(app, demo_users, case_input):
    with app.app_context():
        # born 1995, closed 2011: 7 years after closure (2018) and 25 years of age (2020) passed
        due = _closed_case(
            case_input, OLD, OLD + timedelta(days=300), date_of_birth=date(1995, 1, 1)
        )
        # born 2014, closed 2015: 25 years of age only in 2039
        young = _closed_case(
            case_input,
            OLD.replace(year=2015),
            OLD.replace(year=2015, month=6),
            date_of_birth=date(2014, 1, 1),
        )
        recent = _closed_case(
            case_input,
            NOW - timedelta(days=400),
            NOW - timedelta(days=300),
            date_of_birth=date(2000, 1, 1),
        )
        policy = LockoutPolicy()
        sign_in.sign_in("jkm.protector", "wrong", "10.0.0.1", NOW - timedelta(days=400), policy)
        sign_in.sign_in("jkm.protector", "wrong", "10.0.0.1", NOW - timedelta(days=10), policy)
        api_tokens.issue("jkm.protector", "caseflow-demo", None, NOW - timedelta(days=40), policy)
        api_tokens.issue("jkm.protector", "caseflow-demo", None, NOW - timedelta(hours=1), policy)
        before = _counts()
        attempts_before = db.session.scalar(select(func.count(SignInAttempt.id)))

        counts = retention.run_retention(NOW, dry_run=True)
        assert counts[Rule.ANONYMISE_CLOSED_CASES] == 1
        assert counts[Rule.DELETE_SIGN_IN_ATTEMPTS] == 1
        assert counts[Rule.DELETE_EXPIRED_TOKENS] == 1
        assert db.session.get(Case, due).child_given_name == "Aina"  # nothing changed
        assert db.session.scalar(select(func.count(SignInAttempt.id))) == attempts_before

        assert retention.run_retention(NOW) == counts
        db.session.expire_all()
        gone = db.session.get(Case, due)
        assert gone.anonymised_at is not None and gone.child_given_name == "—"
        assert gone.date_of_birth is None and gone.caregiver_name is None
        assert gone.caregiver_phone is None and gone.narrative == ""
        assert gone.age_band == "13-15" and gone.concerns[0].platforms == ["whatsapp"]
        texts = [
            e.data for e in db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == due))
        ]
        assert not any("text" in d or "reason" in d for d in texts)
        for kept in (young, recent):
            assert db.session.get(Case, kept).child_given_name == "Aina"
        assert _counts() == before
        assert db.session.scalar(select(func.count(SignInAttempt.id))) == attempts_before - 1
        assert db.session.scalar(select(func.count(ApiToken.id))) == 1
        audited = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "case_anonymised")
        )
        assert audited.object_id == due
        # run again: nothing left to do
        assert set(retention.run_retention(NOW).values()) == {0}


def test_cli_dry_run_prints_counts_and_no_identity(app, demo_users, case_input):
    with app.app_context():
        _closed_case(case_input, OLD, OLD + timedelta(days=300), date_of_birth=date(1995, 1, 1))
        db.session.remove()
    result = app.test_cli_runner().invoke(args=["retention", "run", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "anonymise_closed_cases: 1" in result.output and "Dry run" in result.output
    assert "Aina" not in result.output and "CF-" not in result.output
    with app.app_context():
        assert (
            db.session.scalar(select(func.count(Case.id)).where(Case.anonymised_at.is_not(None)))
            == 0
        )


def test_an_anonymised_case_keeps_no_identity_number_and_matches_no_new_registration(
    app, demo_users, case_input
):
    child = dict(date_of_birth=date(1995, 1, 1), identity_number="950101-02-1234")
    with app.app_context():
        due = _closed_case(case_input, OLD, OLD + timedelta(days=300), **child)
        retention.run_retention(NOW)
        db.session.expire_all()
        assert db.session.get(Case, due).identity_number is None
        actor = Actor(accounts.find_user("jkm.protector"), "test")
        again = cases.register(actor, case_input(reported_at=NOW, **child), NOW)
        assert again.possible_duplicates == []
