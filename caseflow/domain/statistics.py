"""De-identified counts: small cells suppressed so that no child can be singled out.

Primary suppression hides every count from 1 to threshold-1 (zeros are shown: a zero names no
one). Secondary suppression then makes sure no hidden count can be worked out by subtraction:
the published table carries totals for every line (each row, each column, and the totals
themselves), and in every such line the number of hidden entries must be zero or at least two.
Where a line has exactly one, the smallest visible count in it is hidden too, preferring
inner cells over totals, until no line has exactly one. Totals add up their cells, so a case
recorded under two forms of abuse counts under each.

The table is held as a dict from coordinates to counts, with TOTAL standing for "all values"
along a dimension, so the same code protects one, two or three dimensions.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import product
from statistics import median, quantiles

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

    def shown(self, coordinates: Coordinates) -> int | None:
        """The count to publish, or None where it is suppressed."""
        return None if coordinates in self.hidden else self.counts.get(coordinates, 0)

    def cells(self) -> Iterable[Coordinates]:
        return product(*self.values)


def extend(dimensions: Sequence[str], cells: dict[Coordinates, int],
           values: Sequence[Sequence[str]]) -> dict[Coordinates, int]:  # fmt: skip
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


def suppress(dimensions: Sequence[str], values: Sequence[Sequence[str]],
             cells: dict[Coordinates, int], threshold: int = DEFAULT_THRESHOLD
             ) -> SuppressedTable:  # fmt: skip
    counts = extend(dimensions, cells, values)
    hidden = {key for key, count in counts.items() if 0 < count < threshold}
    every_line = lines(values)

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
        # In two dimensions a hidden entry is also found by chaining equations when it is a
        # bridge of the graph rows -- hidden entries -- columns; hiding one more closes a cycle.
        bridge = next(iter(sorted(bridges(hidden))), None) if len(dimensions) == 2 else None
        if bridge is None:
            break
        row_line = [(bridge[0], v) for v in (*values[1], TOTAL)]
        candidates = [key for key in row_line if key not in hidden]
        if not candidates:
            column_line = [(v, bridge[1]) for v in (*values[0], TOTAL)]
            candidates = [key for key in column_line if key not in hidden]
        if not candidates:
            break  # every entry of both lines is hidden: nothing is left to give away
        hidden.add(cheapest(candidates))
    return SuppressedTable(tuple(dimensions), tuple(tuple(v) for v in values), counts,
                           frozenset(hidden), threshold)  # fmt: skip


def bridges(hidden: set[Coordinates]) -> set[Coordinates]:
    """Hidden entries of a two-dimensional table that lie on no cycle of the bipartite graph
    (rows and columns as nodes, hidden entries as edges): exactly those the totals determine."""
    adjacent: dict[tuple[int, str], list[tuple[tuple[int, str], Coordinates]]] = {}
    for key in hidden:
        row, column = (0, key[0]), (1, key[1])
        adjacent.setdefault(row, []).append((column, key))
        adjacent.setdefault(column, []).append((row, key))
    order: dict = {}
    low: dict = {}
    found: set[Coordinates] = set()
    counter = 0
    for root in adjacent:
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack = [(root, None, iter(adjacent[root]))]
        while stack:
            node, via, edges = stack[-1]
            for neighbour, edge in edges:
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, iter(adjacent[neighbour])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.add(via)
    return found


def key_is_total_count(coordinates: Coordinates) -> int:
    return sum(c == TOTAL for c in coordinates)


def recoverable(table: SuppressedTable) -> set[Coordinates]:
    """What an analyst could work out by subtraction: repeatedly solve any line with exactly
    one unknown entry. Used by the tests; empty for every table `suppress` publishes."""
    known = {key: count for key, count in table.counts.items() if key not in table.hidden}
    solved: set[Coordinates] = set()
    progress = True
    every_line = lines(table.values)
    while progress:
        progress = False
        for line in every_line:
            unknown = [key for key in line if key not in known]
            if len(unknown) != 1:
                continue
            (missing,) = unknown
            total_key = line[-1]
            if missing == total_key:
                known[missing] = sum(known[k] for k in line[:-1])
            else:
                known[missing] = known[total_key] - sum(known[k] for k in line[:-1] if k != missing)
            solved.add(missing)
            progress = True
    return solved


# --- Durations for the flow dashboard ------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    count: int
    median: float | None
    p90: float | None


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
