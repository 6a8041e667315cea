"""Which language a page speaks: the user's choice, remembered per user, else the browser's.

The locale carries the Malaysian region (`en_MY`, `ms_MY`) so dates read 19/03/2026, not
03/19/26; translations fall back from `ms_MY` to the `ms` catalogue.
"""

from flask import current_app, has_request_context, request, session
from flask_login import current_user


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
