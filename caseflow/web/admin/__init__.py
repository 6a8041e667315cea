"""Administration: user accounts and the facility directory."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from caseflow.web.admin import calendars, duplicates, facilities, policies, standards, users  # noqa: E402, F401  (registers the routes)
