"""Which language a page speaks, and how it writes dates.

The language is the user's choice, remembered per user, else this browser's choice before
signing in, else the browser's own. The locale carries the Malaysian region (`en_MY`, `ms_MY`);
translations fall back from `ms_MY` to the `ms` catalogue.

Dates are written one way everywhere, with the month as a word ("1 Dis 2026, 15:34",
"1 Dec 2026, 15:34"): the locales' own short forms ("1/12/26, 3:34 PTG") are ambiguous between
day and month and read as machine output in Malay. Flask-Babel's `datetimeformat` and
`dateformat` filters use the same patterns (`DATE_FORMATS`), so a template that asks for
'short' or 'medium' gets them too.
"""

from datetime import date, datetime

from flask import current_app, has_request_context, request, session
from flask_babel import Babel, format_date, format_datetime
from flask_login import current_user

DATETIME_PATTERN = "d MMM yyyy, HH:mm"
DATE_PATTERN = "d MMM yyyy"
DATE_FORMATS = {
    **Babel.default_date_formats,
    **{f"datetime.{size}": DATETIME_PATTERN for size in ("short", "medium")},
    **{f"date.{size}": DATE_PATTERN for size in ("short", "medium")},
}


def select_language() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # a command line (flask create-user) or a queued task
        return languages[0]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    return request.accept_languages.best_match(languages) or languages[0]


def select_locale() -> str:
    return f"{select_language()}_MY"


def format_when(moment: datetime) -> str:
    """A moment in Malaysia time, e.g. "1 Dis 2026, 15:34"."""
    return format_datetime(moment, DATETIME_PATTERN)


def format_day(day: date) -> str:
    """A calendar day, e.g. "1 Dis 2026"."""
    return format_date(day, DATE_PATTERN)
