"""Application-wide error answers: JSON in the API's shape under /api/, a page elsewhere.

Each says what happened and that nothing was changed; none is ever a 500 for a conflict.
"""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from caseflow.extensions import db
from caseflow.http.responses import json_error
from caseflow.i18n import gettext as _


def wants_json() -> bool:
    """A path under the API answers in the API's JSON shape, even where no route matched."""
    return request.path.startswith("/api/")


def page(title: str, message: str, status: int):
    return render_template("error.html", title=title, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        message = _(
            "This form was not accepted because its security token was missing or out of date. "
            "Nothing was changed. Go back, reload the page and try again."
        )
        return page(_("Form not accepted"), message, 400)

    @app.errorhandler(HTTPException)
    def any_http_error(error: HTTPException):
        """Under /api/ every refusal (a NUL byte, a bad method) answers in the API's shape;
        a page answers with ours, which carries the request id to quote."""
        if wants_json():
            return json_error(error.code or 500, error.description or error.name)
        if error.code is None or error.code < 400:
            return error
        message = _(
            "This request could not be served (error %(code)d). Nothing was changed.",
            code=error.code,
        )
        return page(_("Request not served"), message, error.code)

    @app.errorhandler(500)
    def server_error(error):
        """A fault of ours: nothing half-done is kept, and the user gets an id to quote."""
        db.session.rollback()
        message = _(
            "Something went wrong on our side and nothing was changed. If it happens again, "
            "tell your administrator the reference below."
        )
        if wants_json():
            return json_error(500, "Something went wrong on our side; nothing was changed.")
        return page(_("Something went wrong"), message, 500)

    @app.errorhandler(403)
    def forbidden(error):
        return page(_("Not allowed"), _("Your role does not give access to this page."), 403)

    @app.errorhandler(404)
    def not_found(error):
        if wants_json():
            return json_error(404, "No such record.")
        message = _("There is no such page, or it is not available to you.")
        return page(_("Not found"), message, 404)

    @app.errorhandler(413)
    def too_large(error):
        db.session.rollback()
        if wants_json():
            return json_error(413, "The request body is larger than 1 MiB.")
        message = _("What you sent is larger than 1 MiB. Nothing was changed.")
        return page(_("Too large"), message, 413)

    @app.errorhandler(StaleDataError)
    def stale(error):
        """A last line of defence: a write that lost a race is a conflict, never a 500."""
        db.session.rollback()
        message = _("Someone else changed this case. Reload it and try again.")
        if wants_json():
            return json_error(409, message)
        return page(_("Changed by someone else"), message, 409)
