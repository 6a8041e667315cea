"""A new SECRET_KEY with the old one in SECRET_KEY_FALLBACKS signs nobody out (Flask 3.1)."""

import pytest

from caseflow import create_app
from config import ProductionConfig, secret_key_fallbacks

OLD, NEW = "o" * 48, "n" * 48


@pytest.fixture
def rotate(app):
    saved = app.config["SECRET_KEY"], app.config["SECRET_KEY_FALLBACKS"]

    def to(key: str, fallbacks: list[str]) -> None:
        app.config["SECRET_KEY"], app.config["SECRET_KEY_FALLBACKS"] = key, fallbacks

    to(OLD, [])
    yield to
    app.config["SECRET_KEY"], app.config["SECRET_KEY_FALLBACKS"] = saved


def test_a_session_signed_with_the_old_key_still_works_after_rotation(as_user, rotate):
    nurse = as_user("clinic.nurse")  # signed in under OLD
    assert nurse.get("/").status_code == 200
    rotate(NEW, [OLD])
    assert nurse.get("/").status_code == 200, "signed out by the rotation"
    assert nurse.get("/cases").status_code == 200


def test_without_the_fallback_the_old_cookie_opens_nothing(as_user, rotate):
    nurse = as_user("clinic.nurse")
    rotate(NEW, [])
    answer = nurse.get("/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_fallbacks_come_from_the_environment_and_must_be_real_keys(monkeypatch):
    monkeypatch.setenv("SECRET_KEY_FALLBACKS", f" {OLD} ,, {'p' * 40}")
    assert secret_key_fallbacks() == [OLD, "p" * 40]
    monkeypatch.setenv("SECRET_KEY", NEW)
    app = create_app(ProductionConfig)
    assert app.config["SECRET_KEY_FALLBACKS"] == [OLD, "p" * 40]
    monkeypatch.setenv("SECRET_KEY_FALLBACKS", "short")
    with pytest.raises(RuntimeError, match="SECRET_KEY_FALLBACKS"):
        create_app(ProductionConfig)
