"""Which language a page speaks, and how it writes dates.

The language is the user's choice, remembered per user, else this browser's choice before
signing in, else the browser's own. The locale carries the Malaysian region (`en_MY`, `ms_MY`);
translations fall back from `ms_MY` to the `ms` catalogue.

Dates are written one way everywhere, with the month as a word ("1 Dis 2026, 15:34",
"1 Dec 2026, 15:34"): the locales' own short forms ("1/12/26, 3:34 PTG") are ambiguous between
day and month and read as machine output in Malay. Flask-Babel's `datetimeformat` and
`dateformat` filters use the same patterns (`DATE_FORMATS`), so a template that asks for
'short' or 'medium' gets them too.

The app's words go through this module's `gettext`, `ngettext` and `lazy_gettext` (ruff bans
Flask-Babel's own elsewhere): they find the page's catalogue once a request, not once a string.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

import flask_babel
from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Babel, LazyString, format_date, format_datetime
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


#: Where a request keeps its catalogue once found (see `translations`).
_KEPT = "_caseflow_translations"


def translations() -> NullTranslations:
    """The page's catalogue, found once a request. Flask-Babel finds it anew for every string,
    three lookups of the request's context and a locale's name each time; a case page asks
    about 150 times, 6 to 11 % of its time at a million cases (measured by turns, README)."""
    if not has_request_context():  # a command line or a queued task: Flask-Babel's own way
        return flask_babel.get_translations()
    found = g.get(_KEPT)
    if found is None:
        found = flask_babel.get_translations()
        setattr(g, _KEPT, found)
    return found


def unfilled_gettext(string: str) -> str:
    """The catalogue's words with their variables left in: Jinja and WTForms fill them in."""
    return translations().ugettext(string)


def unfilled_ngettext(singular: str, plural: str, num: int) -> str:
    return translations().ungettext(singular, plural, num)


def gettext(string: str, **variables) -> str:
    text = unfilled_gettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return unfilled_ngettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables) -> LazyString:
    """For labels made before any request: translated each time one is shown."""
    return LazyString(gettext, string, **variables)


@contextmanager
def force_locale(locale: str) -> Iterator[None]:
    """Another language for a while (an export in the language it was asked in), and the
    request's own again after it."""
    with flask_babel.force_locale(locale):
        _forget_translations()
        try:
            yield
        finally:
            _forget_translations()


def _forget_translations() -> None:
    if has_app_context():
        g.pop(_KEPT, None)


def install_template_words(app: Flask) -> None:
    """Templates' `_()` and `ngettext()` through the same catalogue (Flask-Babel installs its
    own, which finds the catalogue for every string)."""
    app.jinja_env.install_gettext_callables(
        gettext=unfilled_gettext, ngettext=unfilled_ngettext, newstyle=True
    )
