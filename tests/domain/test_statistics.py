"""Suppression: small cells hidden, and nothing hidden can be worked back from the totals."""

import random
from fractions import Fraction

import pytest

from caseflow.domain.statistics import (
    TOTAL,
    Dimension,
    Spread,
    SuppressedTable,
    bridges,
    lines,
    parse_dimensions,
    recoverable,
    spread,
    suppress,
)


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


def test_a_count_of_five_is_shown_and_the_table_says_what_it_counts():
    table = table_of([[5, 30], [12, 20]])
    assert not table.hidden and table.shown(("r0", "c0")) == 5
    assert table.dimensions == ("a", "b") and table.threshold == 5
    assert table.shown(("r9", "c9")) == 0  # a value no case has counts nothing


def test_cells_must_name_a_value_for_every_dimension():
    with pytest.raises(ValueError):
        suppress(("a", "b"), [["r0"], ["c0"]], {("r0",): 3})


def test_the_second_hidden_value_is_a_small_count_before_a_zero():
    values = [["KDH", "SGR", "JHR", "PRK"]]
    cells = {("KDH",): 2, ("SGR",): 0, ("JHR",): 9, ("PRK",): 50}
    assert suppress(("state",), values, cells).hidden == {("KDH",), ("JHR",)}


def two_blocks_and_a_bridge():
    """Small counts in two 2x2 blocks joined by one small cell: every row and column holds two
    hidden entries, yet the joining cell is pinned down by adding and subtracting totals."""
    small = {
        ("r0", "c0"),
        ("r0", "c1"),
        ("r1", "c0"),
        ("r1", "c1"),
        ("r1", "c2"),
        ("r2", "c2"),
        ("r2", "c3"),
        ("r3", "c2"),
        ("r3", "c3"),
    }
    rows = [[2 if (f"r{i}", f"c{j}") in small else 40 for j in range(5)] for i in range(5)]
    return table_of(rows)


def test_hidden_cells_chained_across_rows_and_columns_give_nothing_away():
    table = two_blocks_and_a_bridge()
    small = {(f"r{i}", f"c{j}") for i, j in ((0, 0), (0, 1), (1, 0), (1, 1), (1, 2))}
    small |= {(f"r{i}", f"c{j}") for i in (2, 3) for j in (2, 3)}
    # the joining cell's row gives up its smallest visible cell, which closes a cycle
    assert table.hidden == small | {("r1", "c3")}
    assert not recoverable(table)
    assert not determined_by_algebra(table)


def test_bridges_are_the_hidden_entries_on_no_cycle():
    square = {("r0", "c0"), ("r0", "c1"), ("r1", "c0"), ("r1", "c1")}
    assert bridges(square) == set()
    path = {("r0", "c0"), ("r0", "c1"), ("r1", "c1")}
    assert bridges(path) == path
    other_square = {("r2", "c2"), ("r2", "c3"), ("r3", "c2"), ("r3", "c3")}
    assert bridges(square | other_square | {("r1", "c2")}) == {("r1", "c2")}
    assert bridges(square | {("r5", "c5")}) == {("r5", "c5")}  # a second, separate part
    assert bridges(other_square | {("r3", "c4"), ("r4", "c4"), ("r4", "c3")}) == set()
    # a row and a column may share a value's name (two dimensions' "none"): still two nodes
    shared = {("none", "none"), ("none", "x"), ("y", "none"), ("y", "x")}
    assert bridges(shared) == set()
    assert bridges({("none", "none"), ("none", "x")}) == {("none", "none"), ("none", "x")}


@pytest.mark.parametrize("seed", range(8))
def test_three_dimensions_never_leave_one_hidden_entry_alone_in_a_line(seed):
    chance = random.Random(seed)
    values = [["a", "b", "c"], ["x", "y", "z"], ["t", "f"]]
    cells = {
        (i, j, k): chance.choice([0, 1, 3, 8, 20, 40])
        for i in values[0]
        for j in values[1]
        for k in values[2]
    }
    table = suppress(("state", "form", "online"), values, cells)
    for line in lines(table.values):
        assert sum(key in table.hidden for key in line) != 1, line
    assert not recoverable(table)


def published(rows: list[list[int]], hidden: set):
    """A table as a careless publisher might hide it, to show what subtraction recovers."""
    table = table_of(rows)
    return SuppressedTable(table.dimensions, table.values, table.counts, frozenset(hidden), 5)


def test_subtraction_recovers_a_lone_hidden_cell_or_total():
    rows = [[3, 40, 50], [12, 20, 30]]
    assert recoverable(published(rows, {("r0", "c0")})) == {("r0", "c0")}
    assert recoverable(published(rows, {("r0", TOTAL)})) == {("r0", TOTAL)}
    middle = published(rows, {("r0", "c1"), ("r0", "c2")})
    assert recoverable(middle) == {("r0", "c1"), ("r0", "c2")}  # column totals give both


def test_subtraction_adds_up_a_total_hidden_in_both_its_lines():
    hidden = {("r0", TOTAL), ("r1", TOTAL)}
    assert recoverable(published([[3, 40, 50], [12, 20, 30]], hidden)) == hidden


def test_subtraction_goes_round_again_until_nothing_more_comes_out():
    # The first round gives (r2, c1) from row r2 and the c2 total from the totals' row; only
    # then do column c1 and row r1 give up the other two.
    hidden = {(TOTAL, "c2"), ("r1", "c1"), ("r1", "c2"), ("r2", "c1")}
    rows = [[3, 40, 50], [12, 20, 30], [7, 8, 9]]
    assert recoverable(published(rows, hidden)) == hidden


def test_subtraction_chains_from_one_line_to_the_next():
    # The row gives (r0, c1) only once the column has given (r0, c0).
    hidden = {("r0", "c0"), ("r0", "c1"), ("r1", "c1"), (TOTAL, "c1")}
    leaked = recoverable(published([[3, 4, 50], [12, 2, 30]], hidden))
    assert leaked >= {("r0", "c0"), ("r0", "c1")}


def test_spread_of_one_and_of_none():
    assert spread([]) == Spread(0, None, None)
    assert spread([4.0]) == Spread(1, 4.0, 4.0)
    assert spread([2.0, 10.0]) == Spread(2, 6.0, pytest.approx(9.2))


def test_the_90th_percentile_counts_the_observed_range_inclusively():
    # eleven values: the 90th percentile is the tenth, not interpolated past it
    assert spread([float(n) for n in range(1, 12)]).p90 == 10.0
    assert spread([1.0, 2.0, 3.0]).p90 == pytest.approx(2.8)


@pytest.mark.parametrize(
    ("text", "dimensions"),
    [
        ("state", [Dimension.STATE]),
        (" state , abuse_form ,", [Dimension.STATE, Dimension.ABUSE_FORM]),
        ("age_band,sex,online", [Dimension.AGE_BAND, Dimension.SEX, Dimension.ONLINE]),
    ],
)
def test_dimensions_are_read_from_a_comma_list(text, dimensions):
    assert parse_dimensions(text) == dimensions


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "name at least one dimension"),
        (" , ", "name at least one dimension"),
        ("state,sex,online,source", "name up to 3 different dimensions"),
        ("state,state", "name up to 3 different dimensions"),
        (
            "name",
            "choose from state, district, age_band, sex, abuse_form, online, platform,"
            " source, soca_section, penal_code_section",
        ),
    ],
)
def test_a_bad_dimension_list_says_what_is_wrong(text, reason):
    with pytest.raises(ValueError) as refused:
        parse_dimensions(text)
    assert str(refused.value) == reason
