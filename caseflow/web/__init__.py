"""Web pages, one blueprint per area.

A view is: load, check, validate, one service call, redirect.
"""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from caseflow.web import labels
    from caseflow.web.admin import bp as admin_bp
    from caseflow.web.auth import bp as auth_bp
    from caseflow.web.cases import bp as cases_bp
    from caseflow.web.clocks import bp as clocks_bp
    from caseflow.web.dashboard import bp as dashboard_bp
    from caseflow.web.exports import bp as exports_bp
    from caseflow.web.home import bp as home_bp
    from caseflow.web.referrals import bp as referrals_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(cases_bp)
    app.register_blueprint(referrals_bp)
    app.register_blueprint(clocks_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    labels.register(app)
