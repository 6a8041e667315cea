"""An oracle for disclosure control, written apart from the code it checks.

It builds the extended table (cells plus every total) and its equations itself, from the raw
cells alone, and solves for the hidden entries by exact elimination over the rationals: a
hidden entry is given away when every solution of the published equations agrees on it.
Nothing here imports the implementation's `extend`, `lines` or elimination.
"""

from fractions import Fraction
from itertools import product

ALL = object()  # "every value" along a dimension, this module's own total marker


def extended(values: list[list[str]], cells: dict[tuple, int]) -> dict[tuple, int]:
    """Every entry of the published table, each total counted from the cells."""
    table = {}
    for key in product(*[[*axis, ALL] for axis in values]):
        table[key] = sum(
            count
            for cell, count in cells.items()
            if all(k is ALL or k == c for k, c in zip(key, cell, strict=True))
        )
    return table


def equations(values: list[list[str]]) -> list[tuple[list[tuple], tuple]]:
    """For every dimension and every way of fixing the others (totals included): the entries
    along that dimension add up to the entry with the total there."""
    found = []
    for d in range(len(values)):
        others = [[*axis, ALL] for i, axis in enumerate(values) if i != d]
        for fixed in product(*others):
            entries = [(*fixed[:d], v, *fixed[d:]) for v in [*values[d], ALL]]
            found.append((entries[:-1], entries[-1]))
    return found


def given_away(
    values: list[list[str]], cells: dict[tuple, int], hidden: set[tuple], marker: str
) -> dict[tuple, Fraction]:
    """Hidden entries (with the implementation's total `marker` translated) that the published
    entries determine exactly, with the value they are determined to have."""
    table = extended(values, cells)
    unknowns = sorted((tuple(ALL if c == marker else c for c in key) for key in hidden), key=str)
    index = {key: i for i, key in enumerate(unknowns)}
    rows = []  # sparse: unknown's column -> coefficient, and RHS under the key "="
    for parts, total in equations(values):
        row: dict = {"=": Fraction(0)}
        for key, sign in [*((p, 1) for p in parts), (total, -1)]:
            if key in index:
                row[index[key]] = row.get(index[key], 0) + sign
            else:
                row["="] -= sign * table[key]
        rows.append({k: Fraction(v) for k, v in row.items() if v or k == "="})
    pivots: dict[int, dict] = {}  # column -> its row, in reduced row echelon form
    for column in range(len(unknowns)):
        pivot = next((r for r in rows if r.get(column)), None)
        if pivot is None:
            continue
        rows = [r for r in rows if r is not pivot]
        pivot = {k: v / pivot[column] for k, v in pivot.items()}
        for group in (rows, pivots.values()):
            for r in group:
                factor = r.get(column)
                if factor:
                    for k, v in pivot.items():
                        r[k] = r.get(k, 0) - factor * v
                        if not r[k] and k != "=":
                            del r[k]
        pivots[column] = pivot
    assert all(r["="] == 0 for r in rows), "the published table contradicts itself"
    out = {}
    for column, row in pivots.items():
        if len(row) == 2:  # the pivot and the right-hand side alone: a single value
            key = unknowns[column]
            out[tuple(marker if c is ALL else c for c in key)] = row["="]
    return out


def check(
    values: list[list[str]], cells: dict[tuple, int], published, marker: str, threshold: int = 5
) -> dict:
    """What a published table gives away: small counts left visible and hidden entries the
    rest determine. Empty when the table is safe."""
    problems = {}
    for key, count in extended(values, cells).items():
        key = tuple(marker if c is ALL else c for c in key)
        if 0 < count < threshold and key not in published.hidden:
            problems[key] = ("small count shown", count)
    for key, value in given_away(values, cells, set(published.hidden), marker).items():
        problems[key] = ("determined", value)
    return problems
