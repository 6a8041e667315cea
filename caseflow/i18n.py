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
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

import flask_babel
from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Babel, LazyString, format_date, format_datetime
from flask_login import current_user
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from caseflow.domain.clocks import MALAYSIA

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
    """A moment in Malaysia time, e.g. "1 Dis 2026, 15:34": `DATETIME_PATTERN` written
    directly, with the locale's own month words. Babel reads the pattern field by field, 30 to
    55 microseconds a moment on our VM; a case page writes forty (tests hold the two equal)."""
    if moment.tzinfo is None:  # a naive moment is UTC, as Flask-Babel reads it
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(MALAYSIA)
    month = _months()[local.month - 1]
    return f"{local.day} {month} {local.year:04d}, {local.hour:02d}:{local.minute:02d}"


def format_day(day: date) -> str:
    """A calendar day, e.g. "1 Dis 2026": `DATE_PATTERN`, written as `format_when` is."""
    month = _months()[day.month - 1]
    return f"{day.day} {month} {day.year:04d}"


@lru_cache(maxsize=8)
def _month_words(locale: Locale | str) -> tuple[str, ...]:
    """The words of the patterns' MMM: "Dis", "Dec"."""
    words = Locale.parse(locale).months["format"]["abbreviated"]
    return tuple(words[month] for month in range(1, 13))


def _months() -> tuple[str, ...]:
    kept = _kept()
    return kept.months if kept is not None else _month_words(flask_babel.get_locale())


#: The sizes templates ask for that mean our own patterns (Flask-Babel's default is medium).
_OUR_SIZES = (None, "short", "medium")


def datetime_filter(value=None, format=None, rebase=True):
    """Templates' `datetimeformat`: ours for our patterns, Flask-Babel's for any other."""
    if format in _OUR_SIZES and rebase and isinstance(value, datetime):
        return format_when(value)
    return format_datetime(value, format, rebase)


def date_filter(value=None, format=None, rebase=True):
    """Templates' `dateformat`: a day in our pattern, anything else as Flask-Babel writes it."""
    if format in _OUR_SIZES and type(value) is date:
        return format_day(value)
    return format_date(value, format, rebase)


#: Where a request keeps its catalogue and month words once found (see `_kept`).
_KEPT = "_caseflow_translations"


@dataclass(frozen=True, slots=True)
class _Speech:
    catalogue: NullTranslations
    months: tuple[str, ...]


def _kept() -> _Speech | None:
    """The page's language, found once a request. Flask-Babel finds the catalogue anew for
    every string, three lookups of the request's context and a locale's name each time; a case
    page asks about 150 times, 6 to 11 % of its time at a million cases (measured by turns,
    README). None outside a request (a command line or a queued task)."""
    if not has_request_context():
        return None
    found = g.get(_KEPT)
    if found is None:
        locale = flask_babel.get_locale()
        found = _Speech(flask_babel.get_translations(), _month_words(locale))
        setattr(g, _KEPT, found)
    return found


def translations() -> NullTranslations:
    """The page's catalogue (Flask-Babel's own way outside a request)."""
    kept = _kept()
    return kept.catalogue if kept is not None else flask_babel.get_translations()


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


@pass_eval_context
def template_gettext(context: EvalContext, string: str, **variables) -> str:
    """Jinja's new-style `gettext`, in one call: the translation is trusted markup on an
    escaped page, its variables escaped as they are filled in. Jinja's own wraps the function
    in two more calls and formats every string, even one with nothing to fill; a page asks
    about sixty times, 15 to 20 microseconds each (tests hold the two equal)."""
    text = unfilled_gettext(string)
    if context.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


def install_template_words(app: Flask) -> None:
    """Templates' `_()` and `ngettext()` through the same catalogue (Flask-Babel installs its
    own, which finds the catalogue for every string), and their dates in our patterns."""
    app.jinja_env.install_gettext_callables(
        gettext=unfilled_gettext, ngettext=unfilled_ngettext, newstyle=True
    )
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)
    app.jinja_env.filters.update(datetimeformat=datetime_filter, dateformat=date_filter)
