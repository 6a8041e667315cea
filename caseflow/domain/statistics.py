"""De-identified counts: small cells suppressed so that no child can be singled out, and the
rest perturbed so that no two tables can be subtracted to find a hidden count.

Primary suppression hides every count from 1 to threshold-1 (zeros are shown: a zero names no
one). Secondary suppression then makes sure no hidden count can be worked out from the others:
the published table carries totals for every line (each row, each column, and the totals
themselves), and each line is one equation. Where a line has exactly one hidden entry, the
smallest visible count in it is hidden too, preferring inner cells over totals; then exact
elimination over all the equations finds any hidden entry still pinned down through chains of
lines, and a count beside it is hidden, until none is. Totals add up their cells, so a case
recorded under two forms of abuse counts under each.

The counts left visible are published with cell-key noise (caseflow.domain.cellkey): a table
for other months or other dimensions shares cells with this one, and without noise the
difference of two tables would give the hidden counts away.

The table is held as a dict from coordinates to counts, with TOTAL standing for "all values"
along a dimension, so the same code protects one, two or three dimensions.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import product
from statistics import median, quantiles

from caseflow.domain.cellkey import KEY_RANGE, perturb

TOTAL = "__total__"
DEFAULT_THRESHOLD = 5

Coordinates = tuple[str, ...]


@dataclass(frozen=True)
class SuppressedTable:
    dimensions: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]  # the values along each dimension, in order
    counts: dict[Coordinates, int]  # every entry including totals, before hiding
    hidden: frozenset[Coordinates]
    threshold: int
    key_sums: dict[Coordinates, int] | None = None  # per entry, modulo KEY_RANGE

    def shown(self, coordinates: Coordinates) -> int | None:
        """The count to publish (perturbed when the cases' keys are known), or None where it
        is suppressed."""
        if coordinates in self.hidden:
            return None
        count = self.counts.get(coordinates, 0)
        if self.key_sums is None:
            return count
        return perturb(count, self.key_sums.get(coordinates, 0))

    def cells(self) -> Iterable[Coordinates]:
        return product(*self.values)


def extend(
    dimensions: Sequence[str], cells: dict[Coordinates, int], values: Sequence[Sequence[str]]
) -> dict[Coordinates, int]:
    """Every cell plus every total: TOTAL along any subset of the dimensions."""
    axes = [(*axis, TOTAL) for axis in values]
    table = dict.fromkeys(product(*axes), 0)
    for coordinates, count in cells.items():
        for mask in product((False, True), repeat=len(dimensions)):
            key = tuple(TOTAL if m else v for v, m in zip(coordinates, mask, strict=True))
            table[key] += count
    return table


def lines(values: Sequence[Sequence[str]]) -> list[list[Coordinates]]:
    """Each line of the extended table: all values of one dimension plus its total, with the
    other coordinates fixed. Each line is one equation: the entries add up to its total."""
    axes = [(*axis, TOTAL) for axis in values]
    out = []
    for d, axis in enumerate(axes):
        others = [a for i, a in enumerate(axes) if i != d]
        for fixed in product(*others):
            out.append([(*fixed[:d], v, *fixed[d:]) for v in axis])
    return out


def suppress(
    dimensions: Sequence[str],
    values: Sequence[Sequence[str]],
    cells: dict[Coordinates, int],
    threshold: int = DEFAULT_THRESHOLD,
    key_sums: dict[Coordinates, int] | None = None,
) -> SuppressedTable:
    """Hide small counts, then enough others that no hidden one is determined by the rest.
    `key_sums` (each cell's record keys added up) make the published counts perturbed."""
    counts = extend(dimensions, cells, values)
    hidden = {key for key, count in counts.items() if 0 < count < threshold}
    every_line = lines(values)
    lines_of: dict[Coordinates, list[list[Coordinates]]] = {}
    for line in every_line:
        for key in line:
            lines_of.setdefault(key, []).append(line)

    def cheapest(candidates: list[Coordinates]) -> Coordinates:
        # The smallest visible count, inner cells before totals, non-zero before zero.
        return min(candidates, key=lambda k: (key_is_total_count(k), counts[k] == 0, counts[k], k))

    while True:
        changed = True
        while changed:
            changed = False
            for line in every_line:
                candidates = [key for key in line if key not in hidden]
                if len(line) - len(candidates) == 1 and candidates:
                    hidden.add(cheapest(candidates))
                    changed = True
        # Chains of equations through several lines (and, in three dimensions, through planes)
        # can still pin a hidden entry down: hide one more count beside each such entry.
        added = set()
        for key in sorted(determined(hidden, every_line)):
            near = {k for line in lines_of[key] for k in line}
            if near & added:
                continue  # this round already hid something beside it: look again first
            candidates = [k for k in near if k not in hidden]
            if not candidates:
                candidates = [k for k in counts if k not in hidden]
            if candidates:
                added.add(cheapest(candidates))
        if not added:
            break
        hidden |= added
    sums = None
    if key_sums is not None:
        sums = {key: 0 for key in counts}
        for coordinates, key_sum in key_sums.items():
            for mask in product((False, True), repeat=len(dimensions)):
                key = tuple(TOTAL if m else v for v, m in zip(coordinates, mask, strict=True))
                sums[key] = (sums[key] + key_sum) % KEY_RANGE
    return SuppressedTable(
        tuple(dimensions),
        tuple(tuple(v) for v in values),
        counts,
        frozenset(hidden),
        threshold,
        sums,
    )


PRIME = 2**61 - 1  # elimination modulo a large prime: exact for tables of this size


def determined(hidden: set[Coordinates], every_line: list[list[Coordinates]]) -> set[Coordinates]:
    """Hidden entries whose value follows from the published ones: those whose unit vector
    lies in the span of the line equations restricted to the hidden entries. Found by sparse
    Gauss-Jordan elimination; a pivot row left with its pivot alone fixes that entry."""
    index = {key: i for i, key in enumerate(sorted(hidden))}
    pivots: dict[int, dict[int, int]] = {}
    for line in every_line:
        row: dict[int, int] = {}
        for position, key in enumerate(line):
            if key in index:
                sign = -1 if position == len(line) - 1 else 1  # the cells add up to the total
                row[index[key]] = (row.get(index[key], 0) + sign) % PRIME
        for column in [c for c in row if c in pivots]:
            factor = row.get(column, 0)
            if factor:
                for c, v in pivots[column].items():
                    row[c] = (row.get(c, 0) - factor * v) % PRIME
        row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        column = min(row)
        inverse = pow(row[column], PRIME - 2, PRIME)
        row = {c: v * inverse % PRIME for c, v in row.items()}
        for other in pivots.values():
            factor = other.get(column)
            if factor:
                for c, v in row.items():
                    updated = (other.get(c, 0) - factor * v) % PRIME
                    if updated:
                        other[c] = updated
                    else:
                        other.pop(c, None)
        pivots[column] = row
    keys = sorted(hidden)
    return {keys[column] for column, row in pivots.items() if len(row) == 1}


def key_is_total_count(coordinates: Coordinates) -> int:
    return sum(c == TOTAL for c in coordinates)


# --- Durations for the flow dashboard ------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    count: int
    median: float | None
    p90: float | None


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading numbers as numbers: age band 6-9 before 10-12, s.5 before s.15A."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.findall(r"\d+|\D+", text)
    )


def spread(values: Sequence[float]) -> Spread:
    """Median and 90th percentile (inclusive method: a value that was actually observed)."""
    if not values:
        return Spread(0, None, None)
    if len(values) == 1:
        return Spread(1, values[0], values[0])
    return Spread(len(values), median(values), quantiles(values, n=10, method="inclusive")[-1])


# --- What analysts may count by ------------------------------------------------------------


class Dimension(StrEnum):
    STATE = "state"
    DISTRICT = "district"
    AGE_BAND = "age_band"
    SEX = "sex"
    ABUSE_FORM = "abuse_form"
    ONLINE = "online"
    PLATFORM = "platform"
    SOURCE = "source"
    SOCA_SECTION = "soca_section"
    PENAL_CODE_SECTION = "penal_code_section"


MAX_DIMENSIONS = 3  # the API's limit; the page crosses two
MAX_PERIOD_DAYS = 3 * 366  # the longest period a dashboard or a count may cover


def parse_dimensions(text: str) -> list[Dimension]:
    """'state,abuse_form' -> dimensions; ValueError names what is wrong."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise ValueError("name at least one dimension")
    if len(names) > MAX_DIMENSIONS or len(set(names)) != len(names):
        raise ValueError(f"name up to {MAX_DIMENSIONS} different dimensions")
    try:
        return [Dimension(name) for name in names]
    except ValueError:
        raise ValueError(f"choose from {', '.join(d.value for d in Dimension)}") from None


def whole_months(start: date, end: date) -> tuple[date, date] | None:
    """The first day of the first whole month from `start` and the last day of the last whole
    month to `end` (inclusive), or None where the period holds no whole month."""
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = end if (end + timedelta(days=1)).day == 1 else end.replace(day=1) - timedelta(days=1)
    return (first, last) if first <= last else None
