"""Configuration classes. Everything that differs between machines comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET_KEY = "caseflow-development-only-not-a-secret"


def normalise_database_url(url: str) -> str:
    """A plain postgresql:// URL is driven by psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def database_url(default: str) -> str:
    return normalise_database_url(os.environ.get("DATABASE_URL") or default)


def secret_key_fallbacks() -> list[str]:
    """Old keys, comma-separated: cookies signed with them still open their sessions, so a
    new SECRET_KEY signs nobody out (docs/operations.md, "Rotating the secret key")."""
    return [
        key.strip() for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()
    ]


class Config:
    ENV_NAME = "production"  # what seed-demo and the secret-key check go by
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SECRET_KEY_FALLBACKS = secret_key_fallbacks()  # Flask 3.1 reads it for signed cookies
    SQLALCHEMY_DATABASE_URI = database_url(f"sqlite:///{BASE_DIR / 'instance' / 'caseflow.db'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # The signed cookie only names a session; the session itself is a row in the database,
    # so every app server sees one sign-out (caseflow/services/sessions.py).
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "caseflow_session"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)  # the cookie's own expiry
    SESSION_ABSOLUTE_LIMIT = timedelta(hours=12)  # from sign-in, whatever the activity
    IDLE_TIMEOUT = timedelta(minutes=30)
    # Two-factor sign-in for supervisors, administrators and analysts (on in production).
    REQUIRE_2FA = os.environ.get("CASEFLOW_REQUIRE_2FA", "0") == "1"
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    # OWASP's scrypt (N=2^17, r=8, p=1) as Werkzeug's method string (services/passwords.py).
    PASSWORD_HASH_METHOD = "scrypt:131072:8:1"

    LOGIN_MAX_FAILURES = 5
    LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
    LOCKOUT_DURATION = timedelta(minutes=15)  # doubles with each repeat lock, up to a day
    LOGIN_PER_USERNAME_PER_MINUTE = 10  # failures, on one username known or not: then 429
    LOGIN_PER_ADDRESS_PER_MINUTE = 60  # failures from one client address: then 429

    LANGUAGES = ("en", "ms")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Asia/Kuala_Lumpur"

    WTF_CSRF_TIME_LIMIT = None  # the session's own lifetime bounds the token
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))  # load balancers in front of us
    PAGE_SIZE = 25
    # A facility that referred a case keeps it this long after the receiver accepts it.
    SENDER_ACCESS_DAYS = int(os.environ.get("CASEFLOW_SENDER_ACCESS_DAYS", "30"))
    # An administrator who broke the glass on a case's access log keeps it open this long.
    BREAK_GLASS_MINUTES = 30
    MAX_CONTENT_LENGTH = 1024 * 1024  # 1 MiB (domain.limits.REQUEST_BYTES): 413 past it
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    # Clock notifications by e-mail, when a mail server is named (MAIL_SERVER unset: in-app only)
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_FROM = os.environ.get("MAIL_FROM", "caseflow@localhost")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_STARTTLS = os.environ.get("MAIL_STARTTLS") == "1"

    # Settings that pages read and administrators seldom change (the directory, the duplicate
    # thresholds, the calendars): in Redis when REDIS_URL is set, so a change reaches every app
    # server at once; else in each process's memory, where another process sees a change within
    # CACHE_DEFAULT_TIMEOUT.
    CACHE_TYPE = "RedisCache" if os.environ.get("REDIS_URL") else "SimpleCache"
    CACHE_REDIS_URL = os.environ.get("REDIS_URL")
    CACHE_DEFAULT_TIMEOUT = 60
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "caseflow:")
    # Redis out of reach: a page waits half a second at most, then reads the database itself.
    CACHE_OPTIONS = (
        {"socket_timeout": 0.5, "socket_connect_timeout": 0.5} if CACHE_TYPE == "RedisCache" else {}
    )


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = False


class TestingConfig(Config):
    """Never reads DATABASE_URL: the tests empty their database, so it must be named apart."""

    ENV_NAME = "testing"
    TESTING = True
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{BASE_DIR / 'instance' / 'test.db'}"
    )
    # Hundreds of users are made and signed in per run; OWASP's cost is tested on its own.
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
    CACHE_KEY_PREFIX = "caseflow-tests:"


class ProductionConfig(Config):
    ENV_NAME = "production"
    REQUIRE_2FA = os.environ.get("CASEFLOW_REQUIRE_2FA", "1") == "1"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def check(cls) -> None:
        """Refuse to start with the development key or a guessable one."""
        key = os.environ.get("SECRET_KEY", "")
        if key == DEV_SECRET_KEY or len(key) < 32:
            raise RuntimeError("Set SECRET_KEY to a random value of at least 32 characters.")
        fallbacks = secret_key_fallbacks()
        if any(old == DEV_SECRET_KEY or len(old) < 32 for old in fallbacks):
            raise RuntimeError("Every key in SECRET_KEY_FALLBACKS must be at least 32 characters.")
        cls.SECRET_KEY = key
        cls.SECRET_KEY_FALLBACKS = fallbacks


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
