"""Access logs keep the path, never the query string: searches carry children's names.

`flask run` logs through werkzeug's logger, filtered here; gunicorn logs with the format in
gunicorn.conf.py, whose `%(U)s` is the path alone.
"""

import logging
import re

QUERY = re.compile(r"([A-Z]+ [^?\s]*)\?\S*")  # method, path, then ?query up to a space


def without_query(text: str) -> str:
    return QUERY.sub(r"\1", text)


class DropQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def install() -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropQueryStrings) for f in logger.filters):
        logger.addFilter(DropQueryStrings())
