"""What both front doors (web pages and the JSON API) share: time, pages, responses, errors.

Neither `web/` nor `api/` imports the other; what both need lives here, below them.
"""

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The moment a request is served; services take it as an argument, never read a clock."""
    return datetime.now(UTC)
