"""Record ids as the databases store them: PostgreSQL INTEGER, a signed 32-bit number (SQLite
holds 64 bits, but every id must fit both).

Every id that arrives from outside (a URL, a JSON body, a form) is checked against this range
before it reaches a query, so an absurd number is "no such record", not a server error.
"""

MAX_ID = 2**31 - 1


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
