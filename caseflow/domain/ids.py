"""Record ids as the databases store them: 64-bit signed integers (SQLite INTEGER, BIGINT).

Every id that arrives from outside (a URL, a JSON body, a form) is checked against this range
before it reaches a query, so an absurd number is "no such record", not a server error.
"""

MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """A positive id within range, from an int or a string of digits; otherwise None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return None
        value = int(value)
    if isinstance(value, int) and 0 < value <= MAX_ID:
        return value
    return None
