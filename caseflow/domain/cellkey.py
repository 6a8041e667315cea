"""Cell-key perturbation (the ABS TableBuilder and UK 2021 census method).

Every case carries a fixed random record key from 0 to KEY_RANGE-1, drawn at registration. A
cell's key is the sum of its cases' keys modulo KEY_RANGE; the perturbation table maps (true
count, cell key) to a small noise that is added to the published count. The same cases always
give the same cell key, so asking again, or for the same cell in another table, gives the same
number; two overlapping periods differ in their cases and so carry unrelated noise, and
subtracting one table from the other no longer gives a hidden count exactly.
"""

import csv
import secrets
from functools import cache
from pathlib import Path

KEY_RANGE = 256
PTABLE = Path(__file__).with_name("ptable.csv")


def new_record_key() -> int:
    """A case's record key, from the operating system's CSPRNG."""
    return secrets.randbelow(KEY_RANGE)


@cache
def ptable() -> tuple[tuple[int, tuple[int, ...]], ...]:
    """(count_from, noise for each of the KEY_RANGE cell keys), ascending by count_from."""
    rows: dict[int, list[int]] = {}
    with PTABLE.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            noise, positions = int(row["noise"]), int(row["positions"])
            rows.setdefault(int(row["count_from"]), []).extend([noise] * positions)
    for count_from, noises in rows.items():
        if len(noises) != KEY_RANGE or sum(noises) != 0:
            raise ValueError(f"ptable row {count_from}: {KEY_RANGE} keys with zero mean needed")
    return tuple((count_from, tuple(rows[count_from])) for count_from in sorted(rows))


@cache
def max_noise() -> int:
    """The largest change the table can make to a count, either way (said on the page)."""
    return max(abs(n) for _, noises in ptable() for n in noises)


def perturb(count: int, key_sum: int) -> int:
    """The published count of a cell of `count` cases whose record keys add up to `key_sum`."""
    noises = next(noises for count_from, noises in reversed(ptable()) if count >= count_from)
    return max(0, count + noises[key_sum % KEY_RANGE])
