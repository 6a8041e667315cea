"""Marking the domain's words for translation, without Flask.

The domain names things people read (a clock's name, where its time comes from). It marks
those strings with `N_` so that `make messages` puts them in the catalogue; the page translates
them where it shows them (`caseflow.web.labels.translated`). A string an administrator typed
is not in the catalogue and shows as typed.
"""


def N_(message: str) -> str:
    return message
