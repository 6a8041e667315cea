import pytest

from caseflow import create_app
from config import DEV_SECRET_KEY, ProductionConfig, normalise_database_url


@pytest.mark.parametrize("key", [None, "", DEV_SECRET_KEY, "too-short"])
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, key):
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_starts_with_a_long_random_key_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    app = create_app(ProductionConfig)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_a_plain_postgresql_url_is_driven_by_psycopg_3():
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"
