"""Caseflow: case management for child-protection referrals in Malaysia."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import CONFIGS, DEV_SECRET_KEY, Config

ROOT = Path(__file__).resolve().parent.parent


def refuse_development_secret(config_class: type[Config]) -> None:
    """The public development key signs cookies anyone could forge: only on a machine that
    says, in CASEFLOW_ENV, that it is for development or tests."""
    if config_class.SECRET_KEY != DEV_SECRET_KEY:
        return
    if os.environ.get("CASEFLOW_ENV") not in ("development", "testing"):
        raise RuntimeError(
            "Refusing to start on the development SECRET_KEY: set SECRET_KEY to a random value "
            "of at least 32 characters, or CASEFLOW_ENV=development (or testing) on a machine "
            "that holds no real data."
        )


def create_app(config_class: type[Config] | None = None, **overrides) -> Flask:
    """Build the application: extensions, blueprints, CLI. Nothing else happens at import."""
    if config_class is None:
        config_class = CONFIGS[os.environ.get("CASEFLOW_ENV") or "production"]
    if hasattr(config_class, "check"):
        config_class.check()
    refuse_development_secret(config_class)
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config_class)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(exist_ok=True)
    if app.config["PROXY_COUNT"]:
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    from caseflow import access_log, cache_namespace, cli, i18n, security, transactions
    from caseflow.extensions import babel, cache, csrf, db, login_manager, migrate
    from caseflow.http import errors
    from caseflow.http.converters import IdConverter
    from caseflow.ops import health, request_log

    # Listeners on timeline events: clocks follow them, registrations enter the statistics.
    from caseflow.services import clocks, statistics  # noqa: F401
    from caseflow.web import register_blueprints

    request_log.init_app(app)  # first, so that every other hook's answer is logged
    db.init_app(app)
    transactions.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    cache_namespace.init_app(app)
    cache.init_app(app)
    babel.date_formats = i18n.DATE_FORMATS
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.install_template_words(app)
    security.init_app(app, login_manager)
    app.url_map.converters["id"] = IdConverter
    register_blueprints(app)
    app.register_blueprint(health.bp)
    from caseflow.api import bp as api_bp

    app.register_blueprint(api_bp)
    errors.register(app)
    cli.register(app)
    access_log.install()
    return app
