"""Suppression and perturbation, checked by an oracle that shares no code with them."""

import random
from dataclasses import replace
from datetime import date

import pytest

from caseflow.domain import cellkey
from caseflow.domain.statistics import (
    TOTAL,
    Dimension,
    Spread,
    parse_dimensions,
    spread,
    suppress,
    whole_months,
)
from tests.domain.disclosure import check, given_away

LEAKED_WITHOUT_CHAINS = [[0, 0, 4, 0], [3, 12, 0, 3], [5, 0, 4, 4], [3, 30, 0, 2]]


def two_way(rows: list[list[int]]):
    values = [[f"r{i}" for i in range(len(rows))], [f"c{j}" for j in range(len(rows[0]))]]
    cells = {(f"r{i}", f"c{j}"): n for i, row in enumerate(rows) for j, n in enumerate(row)}
    return values, cells, suppress(("a", "b"), values, cells)


def three_way(chance: random.Random, shape: tuple[int, int, int], choices: list[int]):
    values = [[f"{name}{i}" for i in range(n)] for name, n in zip("xyz", shape, strict=True)]
    cells = {
        (a, b, c): chance.choice(choices) for a in values[0] for b in values[1] for c in values[2]
    }
    return values, cells, suppress(("a", "b", "c"), values, cells)


def test_the_oracle_catches_a_table_protected_by_single_lines_only():
    """The oracle must be able to fail: primary suppression alone gives the cell away."""
    values, cells, table = two_way([[3, 40, 50], [12, 20, 30], [15, 25, 35]])
    only_small = replace(table, hidden=frozenset({("r0", "c0")}))
    assert check(values, cells, only_small, TOTAL) == {("r0", "c0"): ("determined", 3)}
    # A 2x2 block of hidden cells is found through four lines, not one.
    block = replace(table, hidden=frozenset({("r0", "c0"), ("r0", "c1"), ("r1", "c0")}))
    assert given_away(values, cells, set(block.hidden), TOTAL)


def test_zeros_and_large_counts_are_shown_small_ones_hidden():
    *_, clear = two_way([[0, 30, 40], [12, 20, 30]])
    assert not clear.hidden and clear.shown(("r0", "c0")) == 0
    assert clear.shown(("r0", TOTAL)) == 70 and clear.shown((TOTAL, TOTAL)) == 132
    *_, small = two_way([[0, 3, 40], [12, 20, 30]])
    assert small.shown(("r0", "c1")) is None
    assert small.shown((TOTAL, TOTAL)) == 105


def test_a_count_of_five_that_nothing_forces_to_hide_is_shown():
    values, cells, table = two_way([[5, 30, 40], [12, 20, 30]])
    assert table.shown(("r0", "c0")) == 5 and not table.hidden
    assert not check(values, cells, table, TOTAL)


def test_a_lone_small_cell_takes_a_second_cell_of_its_row_and_column_with_it():
    values, cells, table = two_way([[3, 40, 50], [12, 20, 30], [15, 25, 35]])
    assert ("r0", "c0") in table.hidden
    assert len([k for k in table.hidden if k[0] == "r0"]) >= 2
    assert len([k for k in table.hidden if k[1] == "c0"]) >= 2
    assert not check(values, cells, table, TOTAL)


def test_a_small_total_is_hidden_and_protected_like_a_cell():
    values, cells, table = two_way([[1, 2, 0], [12, 20, 30], [15, 25, 35]])
    assert ("r0", TOTAL) in table.hidden
    assert not check(values, cells, table, TOTAL)


def test_the_table_that_leaked_through_a_chain_of_lines_gives_nothing_away():
    """Row 2, column 3 (4) followed by chaining the row and column equations when only lines
    with one hidden entry were protected."""
    values, cells, table = two_way(LEAKED_WITHOUT_CHAINS)
    assert ("r2", "c3") in table.hidden
    assert not check(values, cells, table, TOTAL)


def test_random_two_way_tables_give_nothing_away():
    chance = random.Random(11)
    for _ in range(400):
        shape = (chance.randint(1, 6), chance.randint(1, 5))
        rows = [
            [chance.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]) for _ in range(shape[1])]
            for _ in range(shape[0])
        ]
        values, cells, table = two_way(rows)
        assert not check(values, cells, table, TOTAL), rows


@pytest.mark.parametrize("seed", range(4))
def test_random_three_way_tables_give_nothing_away(seed):
    chance = random.Random(seed)
    for _ in range(40):
        shape = (chance.randint(2, 4), chance.randint(2, 3), chance.randint(2, 3))
        values, cells, table = three_way(chance, shape, [0, 1, 3, 6, 8, 20])
        assert not check(values, cells, table, TOTAL), cells


def test_one_dimension_hides_a_second_value_beside_a_lone_small_one():
    values = [["KDH", "SGR", "JHR"]]
    cells = {("KDH",): 2, ("SGR",): 50, ("JHR",): 9}
    table = suppress(("state",), values, cells)
    assert table.hidden == {("KDH",), ("JHR",)}
    assert table.shown((TOTAL,)) == 61
    assert not check(values, cells, table, TOTAL)


# --- Cell-key perturbation ---------------------------------------------------------------------


def test_the_perturbation_table_has_zero_mean_and_noise_of_at_most_two():
    assert cellkey.max_noise() == 2
    for count_from, noises in cellkey.ptable():
        assert len(noises) == cellkey.KEY_RANGE and sum(noises) == 0, count_from
    assert {cellkey.perturb(0, key) for key in range(cellkey.KEY_RANGE)} == {0}
    assert {cellkey.perturb(40, key) for key in range(cellkey.KEY_RANGE)} == set(range(38, 43))


def test_published_counts_are_perturbed_from_the_key_sums_and_stay_the_same_for_the_same_cell():
    values = [["a", "b"], ["x", "y"]]
    cells = {("a", "x"): 40, ("a", "y"): 30, ("b", "x"): 3, ("b", "y"): 25}
    keys = {("a", "x"): 7, ("a", "y"): 200, ("b", "x"): 90, ("b", "y"): 255}
    table = suppress(("s", "f"), values, cells, key_sums=keys)
    again = suppress(("s", "f"), values, cells, key_sums=dict(keys))
    for key in table.counts:
        assert table.shown(key) == again.shown(key)
        if table.shown(key) is not None:
            assert abs(table.shown(key) - table.counts[key]) <= cellkey.max_noise()
    # A total's key is the sum of its cells' keys: (7 + 200) mod 256.
    assert table.key_sums[("a", TOTAL)] == 207
    assert table.shown(("a", TOTAL)) == cellkey.perturb(70, 207)
    assert table.shown(("b", "x")) is None
    # Over all keys, a count's published value averages to the count itself.
    published = [cellkey.perturb(40, key) for key in range(cellkey.KEY_RANGE)]
    assert sum(published) == 40 * cellkey.KEY_RANGE


def test_spread_is_the_median_and_90th_percentile():
    assert spread([]).median is None
    figures = spread([float(n) for n in range(1, 11)])
    assert figures.median == 5.5 and figures.count == 10
    assert 9 <= figures.p90 <= 10


def test_cells_must_name_a_value_for_every_dimension():
    with pytest.raises(ValueError):
        suppress(("a", "b"), [["r0"], ["c0"]], {("r0",): 3})


def test_the_second_hidden_value_is_a_small_count_before_a_zero():
    values = [["KDH", "SGR", "JHR", "PRK"]]
    cells = {("KDH",): 2, ("SGR",): 0, ("JHR",): 9, ("PRK",): 50}
    assert suppress(("state",), values, cells).hidden == {("KDH",), ("JHR",)}


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


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ((2026, 3, 1), (2026, 3, 31), ((2026, 3, 1), (2026, 3, 31))),  # exactly one month
        ((2026, 1, 31), (2026, 3, 1), ((2026, 2, 1), (2026, 2, 28))),  # a day either side
        ((2025, 12, 2), (2026, 2, 27), ((2026, 1, 1), (2026, 1, 31))),  # across the new year
        ((2025, 11, 1), (2026, 1, 15), ((2025, 11, 1), (2025, 12, 31))),  # ends mid-month
        ((2024, 2, 10), (2024, 3, 31), ((2024, 3, 1), (2024, 3, 31))),  # after a leap February
        ((2026, 3, 20), (2026, 4, 29), None),  # two part months, no whole one
        ((2026, 3, 2), (2026, 3, 30), None),  # inside one month
    ],
)
def test_whole_months_are_those_a_period_covers_from_first_to_last_day(start, end, months):
    expected = tuple(date(*day) for day in months) if months else None
    assert whole_months(date(*start), date(*end)) == expected
