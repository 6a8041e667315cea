"""Suppression: small cells hidden, and nothing hidden can be worked back from the totals."""

import random
from fractions import Fraction

import pytest

from caseflow.domain.statistics import TOTAL, lines, recoverable, spread, suppress


def determined_by_algebra(table) -> set:
    """Every hidden entry that the published counts pin down exactly, by Gaussian elimination
    over the rationals on all line equations (stronger than chained subtraction)."""
    unknowns = sorted(table.hidden)
    index = {key: i for i, key in enumerate(unknowns)}
    rows = []
    for line in lines(table.values):
        coefficients = [Fraction(0)] * len(unknowns)
        *cells, total = line
        for key, sign in [*((c, 1) for c in cells), (total, -1)]:
            if key in index:
                coefficients[index[key]] += sign
        if any(coefficients):
            rows.append(coefficients)
    pivot_rows = []
    column = 0
    while rows and column < len(unknowns):
        pivot = next((r for r in rows if r[column] != 0), None)
        if pivot is None:
            column += 1
            continue
        rows.remove(pivot)
        pivot = [value / pivot[column] for value in pivot]
        rows = [[a - r[column] * b for a, b in zip(r, pivot, strict=True)] for r in rows]
        pivot_rows = [[a - r[column] * b for a, b in zip(r, pivot, strict=True)]
                      for r in pivot_rows]  # fmt: skip
        pivot_rows.append(pivot)
        column += 1
    return {unknowns[r.index(1)] for r in pivot_rows if sum(v != 0 for v in r) == 1}


def table_of(rows: list[list[int]]):
    values = [[f"r{i}" for i in range(len(rows))], [f"c{j}" for j in range(len(rows[0]))]]
    cells = {(f"r{i}", f"c{j}"): n for i, row in enumerate(rows) for j, n in enumerate(row)}
    return suppress(("a", "b"), values, cells)


def test_zeros_and_large_counts_are_shown_small_ones_hidden():
    clear = table_of([[0, 30, 40], [12, 20, 30]])
    assert not clear.hidden and clear.shown(("r0", "c0")) == 0
    assert clear.shown(("r0", TOTAL)) == 70 and clear.shown((TOTAL, TOTAL)) == 132
    small = table_of([[0, 3, 40], [12, 20, 30]])
    assert small.shown(("r0", "c1")) is None
    assert small.shown((TOTAL, TOTAL)) == 105


def test_a_lone_small_cell_takes_a_second_cell_of_its_row_and_column_with_it():
    table = table_of([[3, 40, 50], [12, 20, 30], [15, 25, 35]])
    assert ("r0", "c0") in table.hidden
    row = [k for k in table.hidden if k[0] == "r0"]
    column = [k for k in table.hidden if k[1] == "c0"]
    assert len(row) >= 2 and len(column) >= 2
    assert not recoverable(table)


def test_a_small_total_is_hidden_and_protected_like_a_cell():
    table = table_of([[1, 2, 0], [12, 20, 30], [15, 25, 35]])
    assert ("r0", TOTAL) in table.hidden
    assert not recoverable(table)
    assert not determined_by_algebra(table)


@pytest.mark.parametrize("seed", range(60))
def test_random_tables_give_nothing_away(seed):
    chance = random.Random(seed)
    shape = (chance.randint(1, 7), chance.randint(1, 6))
    rows = [[chance.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]) for _ in range(shape[1])]
            for _ in range(shape[0])]  # fmt: skip
    table = table_of(rows)
    assert not recoverable(table), rows
    assert not determined_by_algebra(table), rows
    for key, count in table.counts.items():
        if 0 < count < 5:
            assert key in table.hidden


def test_one_dimension_hides_a_second_value_beside_a_lone_small_one():
    table = suppress(("state",), [["KDH", "SGR", "JHR"]], {("KDH",): 2, ("SGR",): 50, ("JHR",): 9})
    assert table.hidden == {("KDH",), ("JHR",)}
    assert table.shown((TOTAL,)) == 61


def test_three_dimensions_leave_no_line_with_a_single_hidden_entry():
    chance = random.Random(7)
    values = [["a", "b", "c"], ["x", "y"], ["t", "f"]]
    cells = {(i, j, k): chance.choice([0, 1, 3, 8, 20]) for i in values[0] for j in values[1]
             for k in values[2]}  # fmt: skip
    table = suppress(("state", "form", "online"), values, cells)
    assert not recoverable(table)


def test_spread_is_the_median_and_90th_percentile():
    assert spread([]).median is None
    figures = spread([float(n) for n in range(1, 11)])
    assert figures.median == 5.5 and figures.count == 10
    assert 9 <= figures.p90 <= 10
