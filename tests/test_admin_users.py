"""Administrators manage accounts from web pages; every change is audited."""

from sqlalchemy import select

from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import AuditRecord, Facility, User
from tests.support import facility_id, post_form

ADMIN_HOME = "national-jkm-headquarters"
KEDAH_JKM = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"
KEDAH_SCHOOL = "kdh-school-smk-sultanah-asma"


def new_user_form(app, **overrides):
    with app.app_context():
        jkm = facility_id(KEDAH_JKM)
    form = {
        "username": "protector.new",
        "display_name": "Test Protector New",
        "email": "",
        "phone": "04-000 0000",
        "role": "protector",
        "facility_id": str(jkm),
        "language": "ms",
        "password": "long-enough-password",
    }
    return {**form, **overrides}


def test_administrator_creates_an_account_that_can_sign_in(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    login_as("root")
    page = post_form(client, "/admin/users/new", new_user_form(app), follow_redirects=True)
    assert "Account protector.new created." in page.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "protector.new"))
        assert user.role is Role.PROTECTOR and user.language == "ms"
        audit = db.session.scalar(
            select(AuditRecord).where(
                AuditRecord.action == "user_created", AuditRecord.object_id == user.id
            )
        )
        assert audit.username == "root"
    post_form(client, "/logout", {}, token_from="/")
    page = login_as("protector.new", "long-enough-password")
    assert "<h1>Laman pelindung</h1>" in page.get_data(as_text=True)  # the account's language


def test_a_refused_account_form_keeps_the_input_and_says_why(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    login_as("root")
    with app.app_context():
        school = facility_id(KEDAH_SCHOOL)
    form = new_user_form(app, facility_id=str(school), password="short")
    page = post_form(client, "/admin/users/new", form)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Use at least 12 characters." in html
    assert 'value="Test Protector New"' in html
    page = post_form(client, "/admin/users/new", {**form, "password": "long-enough-password"})
    assert "A user with this role cannot belong to this kind of facility." in page.get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "protector.new")) is None


def test_deactivation_asks_first_then_blocks_sign_in(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    make_user(Role.PROTECTOR, KEDAH_JKM, username="leaving")
    login_as("root")
    with app.app_context():
        target = db.session.scalar(select(User.id).where(User.username == "leaving"))
    confirm = client.get(f"/admin/users/{target}/active")
    assert "Deactivate leaving?" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, target).active  # asking changed nothing
    post_form(client, f"/admin/users/{target}/active", {})
    with app.app_context():
        assert not db.session.get(User, target).active
    post_form(client, "/logout", {}, token_from="/")
    assert login_as("leaving").status_code == 401


def test_administrator_unlocks_a_locked_account(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    make_user(Role.PROTECTOR, KEDAH_JKM, username="forgetful")
    for _ in range(5):
        login_as("forgetful", "wrong-password-again")
    login_as("root")
    with app.app_context():
        target = db.session.scalar(select(User.id).where(User.username == "forgetful"))
    assert "This account is locked until" in client.get(f"/admin/users/{target}").get_data(
        as_text=True
    )
    post_form(client, f"/admin/users/{target}/unlock", {}, token_from=f"/admin/users/{target}")
    post_form(client, "/logout", {}, token_from="/")
    assert "<h1>Protector home</h1>" in login_as("forgetful").get_data(as_text=True)


def test_supervisor_is_given_the_facilities_they_supervise(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    login_as("root")
    with app.app_context():
        jkm = facility_id(KEDAH_JKM)
    form = new_user_form(
        app, username="boss", role="supervisor", supervised_facility_ids=[str(jkm)]
    )
    post_form(client, "/admin/users/new", form)
    with app.app_context():
        boss = db.session.scalar(select(User).where(User.username == "boss"))
        assert [f.id for f in boss.supervises] == [jkm]


def test_user_list_searches_and_pages(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    for n in range(30):
        make_user(Role.PROTECTOR, KEDAH_JKM, username=f"officer.{n:02d}")
    login_as("root")
    first = client.get("/admin/users?q=officer").get_data(as_text=True)
    assert "30 accounts" in first and "Page 1 of 2" in first
    assert "officer.00" in first and "officer.29" not in first
    second = client.get("/admin/users?q=officer&page=2").get_data(as_text=True)
    assert "officer.29" in second
    assert "No account matches." in client.get("/admin/users?q=zzz").get_data(as_text=True)


def test_facility_rules_are_enforced_with_reasons_beside_the_fields(
    app, make_user, login_as, client
):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    login_as("root")
    with app.app_context():
        oscc = facility_id("kdh-oscc-oscc-hospital-sultanah-bahiyah")
        selangor_district = db.session.scalar(
            select(Facility.district_id).where(Facility.state_code == "SGR")
        )
    form = {
        "code": "kdh-school-new",
        "name": "SK Contoh Baharu",
        "type": "school",
        "state_code": "KDH",
        "district_id": str(selangor_district),
        "default_oscc_id": str(oscc),
        "phone": "",
        "active": "y",
    }
    html = post_form(client, "/admin/facilities/new", form).get_data(as_text=True)
    assert "That district is in another state." in html
    assert "Only a clinic refers to a default OSCC." in html
    assert 'value="SK Contoh Baharu"' in html
    form.update(type="clinic", district_id="")
    page = post_form(client, "/admin/facilities/new", form, follow_redirects=True)
    assert "Facility SK Contoh Baharu created." in page.get_data(as_text=True)
    with app.app_context():
        created = db.session.scalar(select(Facility).where(Facility.code == "kdh-school-new"))
        assert created.default_oscc_id == oscc
