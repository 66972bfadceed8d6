"""Small-number suppression on tables with row and column totals, checked the way a curious reader would
attack it: by subtraction along rows and columns, and by integer programming over everything shown."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.signalen.rapportage import KLEIN, VERBORGEN, Lijn, onderdruk

from .conftest import aftrekken, assert_veilig

T = "totaal"


def tabel(matrix: list[list[int]]) -> tuple[dict, list[Lijn]]:
    """Cells (r, c), row totals (r, T), column totals (T, c) and the grand total (T, T), with their sums."""
    rijen, kolommen = range(len(matrix)), range(len(matrix[0]))
    waarden = {(r, c): matrix[r][c] for r in rijen for c in kolommen}
    waarden.update({(r, T): sum(matrix[r]) for r in rijen})
    waarden.update({(T, c): sum(matrix[r][c] for r in rijen) for c in kolommen})
    waarden[T, T] = sum(map(sum, matrix))
    lijnen = [Lijn(tuple((r, c) for c in kolommen), (r, T)) for r in rijen]
    lijnen += [Lijn(tuple((r, c) for r in rijen), (T, c)) for c in kolommen]
    lijnen += [Lijn(tuple((r, T) for r in rijen), (T, T)), Lijn(tuple((T, c) for c in kolommen), (T, T))]
    return waarden, lijnen


def test_counts_below_the_threshold_are_hidden_and_the_rest_shown():
    waarden, lijnen = tabel([[12, 30], [40, 50]])
    assert not any(onderdruk(waarden, lijnen, 5).values())
    waarden, lijnen = tabel([[3, 1], [40, 50]])
    status = onderdruk(waarden, lijnen, 5)
    assert status[0, 0] == status[0, 1] == status[0, T] == KLEIN
    assert_veilig(waarden, lijnen, status, 5)


def test_the_threshold_is_configurable():
    waarden, lijnen = tabel([[7, 30, 20], [12, 50, 25]])
    assert not any(onderdruk(waarden, lijnen, 5).values())
    status = onderdruk(waarden, lijnen, 10)
    assert status[0, 0] == KLEIN
    assert_veilig(waarden, lijnen, status, 10)
    with pytest.raises(ValueError):
        onderdruk(waarden, lijnen, 0)


def test_totals_trap_in_a_row_a_second_cell_is_hidden():
    # Without a second hidden cell, 3 = 53 - 20 - 30 for anyone who can subtract.
    waarden, lijnen = tabel([[3, 20, 30], [15, 25, 35], [12, 18, 40]])
    status = onderdruk(waarden, lijnen, 5)
    assert status[0, 0] == KLEIN
    verborgen_rij = [c for c in range(3) if status[0, c]]
    assert len(verborgen_rij) >= 2
    # The partner is the smallest other cell in the row (or one that also protects a column).
    assert VERBORGEN in {status[0, 1], status[0, 2]}
    assert not status[0, T], "the row total stays visible"
    assert_veilig(waarden, lijnen, status, 5)


def test_totals_trap_in_a_column_a_second_cell_is_hidden():
    waarden, lijnen = tabel([[3, 20], [15, 25], [12, 18], [30, 60]])
    status = onderdruk(waarden, lijnen, 5)
    assert sum(1 for r in range(4) if status[r, 0]) >= 2
    assert sum(1 for c in range(2) if status[0, c]) >= 2
    assert not status[T, 0] and not status[T, T]
    assert aftrekken(waarden, lijnen, status) == {}
    assert_veilig(waarden, lijnen, status, 5)


def test_hidden_cells_close_a_rectangle_rather_than_a_long_chain():
    waarden, lijnen = tabel([[3, 20, 30, 40], [15, 25, 35, 45], [12, 18, 40, 50]])
    status = onderdruk(waarden, lijnen, 5)
    assert sum(1 for v in status.values() if v) == 4


def test_two_small_counts_that_must_both_be_the_maximum_are_protected():
    # 4 + 4 = 8 with both "<5": each must be 4. The audit hides one more number.
    waarden = {"a": 4, "b": 4, "c": 50, "t": 58}
    lijnen = [Lijn(("a", "b", "c"), "t")]
    status = onderdruk(waarden, lijnen, 5)
    assert status["a"] == status["b"] == KLEIN
    assert status["c"] == VERBORGEN
    assert_veilig(waarden, lijnen, status, 5)


def test_a_lone_zero_needs_no_partner():
    # Computing back a 0 says nothing about anyone; hiding a second cell for it would only cost information.
    waarden, lijnen = tabel([[0, 30, 40], [15, 25, 35]])
    status = onderdruk(waarden, lijnen, 5)
    assert [k for k, v in status.items() if v] == [(0, 0)]


def test_a_lone_hidden_total_gets_a_hidden_part():
    # The total is hidden elsewhere (e.g. in another table); with all parts shown it could be added up.
    waarden = {"a": 10, "b": 20, "t": 30, "u": 2, "s": 32}
    lijnen = [Lijn(("a", "b"), "t"), Lijn(("t", "u"), "s")]
    status = onderdruk(waarden, lijnen, 5)
    assert status["u"] == KLEIN and status["t"] == VERBORGEN
    assert status["a"] == VERBORGEN  # the smaller part
    assert_veilig(waarden, lijnen, status, 5)


kleine_of_grote = st.one_of(st.integers(0, 6), st.integers(5, 40))


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 4).flatmap(lambda kolommen: st.lists(
    st.lists(kleine_of_grote, min_size=kolommen, max_size=kolommen), min_size=2, max_size=4)))
def test_no_small_count_can_be_worked_out_in_any_table(matrix):
    waarden, lijnen = tabel(matrix)
    assert_veilig(waarden, lijnen, onderdruk(waarden, lijnen, 5), 5)
