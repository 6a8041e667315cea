"""Error pages that say what happened and that nothing was changed."""

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from caseflow.api import error as api_error
from caseflow.extensions import db


def wants_api_error() -> bool:
    """A path under the API that no route matched still answers in the API's JSON shape."""
    return request.path.startswith("/api/")


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        message = _(
            "This form was not accepted because its security token was missing or out of date. "
            "Nothing was changed. Go back, reload the page and try again."
        )
        return render_template("error.html", title=_("Form not accepted"), message=message), 400

    @app.errorhandler(405)
    def method_not_allowed(error):
        if wants_api_error():
            return api_error(405, "This method is not allowed here.")
        return error

    @app.errorhandler(403)
    def forbidden(error):
        message = _("Your role does not give access to this page.")
        return render_template("error.html", title=_("Not allowed"), message=message), 403

    @app.errorhandler(404)
    def not_found(error):
        if wants_api_error():
            return api_error(404, "No such record.")
        message = _("There is no such page, or it is not available to you.")
        return render_template("error.html", title=_("Not found"), message=message), 404
