"""Every live clock names who holds its case (services/clocks): the navigation and the
dashboard count an office's and an officer's due clocks by those names."""

from sqlalchemy import select, update

from caseflow.extensions import db
from caseflow.models import Case, Clock
from caseflow.services import clocks
from caseflow.services.clocks import OPEN as LIVE
from tests.test_case_journey import JKM, OSCC, answer, refer, register


def live_owners(case_id: int) -> set:
    return set(
        db.session.execute(
            select(Clock.owner_facility_id, Clock.owner_officer_id).where(
                Clock.case_id == case_id, Clock.status.in_(LIVE)
            )
        ).all()
    )


def test_a_case_handed_on_moves_its_live_clocks_with_it(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    for receiver, to, sender in (
        ("oscc.doctor", OSCC, "clinic.nurse"),
        ("jkm.supervisor", JKM, "oscc.doctor"),
    ):
        referral = refer(act, sender, case_id, to)
        answer(act, receiver, referral, "acknowledge")
        answer(act, receiver, referral, "accept")
        with app.app_context():
            case = db.session.get(Case, case_id)
            assert live_owners(case_id) == {(case.owner_facility_id, case.owner_officer_id)}
            assert clocks.owners_out_of_step() == 0
    with app.app_context():
        assert db.session.get(Case, case_id).owner_officer_id is None  # JKM: not yet assigned
        assert live_owners(case_id)  # the protector's clocks run, held by the office


def test_rebuild_owners_mends_clocks_changed_by_hand(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    with app.app_context():
        db.session.execute(
            update(Clock).where(Clock.case_id == case_id).values(owner_facility_id=None)
        )
        db.session.commit()
        assert clocks.owners_out_of_step() > 0
        result = app.test_cli_runner().invoke(args=["clocks", "rebuild-owners"])
        assert result.exit_code == 0 and "clocks changed" in result.output
        assert not result.output.startswith("0 ")
        assert clocks.owners_out_of_step() == 0


def test_the_operators_check_fails_on_a_clock_naming_another_holder(
    app, demo_users, act, case_input
):
    case_id = register(act, case_input)
    with app.app_context():
        runner = app.test_cli_runner()
        healthy = runner.invoke(args=["ops", "check"])
        assert healthy.exit_code == 0, healthy.output
        db.session.execute(
            update(Clock).where(Clock.case_id == case_id).values(owner_facility_id=None)
        )
        db.session.commit()
        broken = runner.invoke(args=["ops", "check"])
        assert broken.exit_code != 0
        assert "rebuild-owners" in broken.output
