"""The earlier periods the key figures are compared with: a year and a quarter back, month
ends kept, a leap day moved to the 28th."""

import datetime

from rapportage.queries.vergelijking import _verschil, eerdere_perioden
from rapportage.register import AANTAL, GELD, PROCENT

D = datetime.date


def _paren(van, tot):
    return {p["code"]: (p["van"], p["tot"]) for p in eerdere_perioden(van, tot)}


def test_a_quarter_is_compared_with_the_same_quarter_and_the_one_before():
    assert _paren(D(2026, 7, 1), D(2026, 9, 30)) == {
        "jaar": (D(2025, 7, 1), D(2025, 9, 30)), "kwartaal": (D(2026, 4, 1), D(2026, 6, 30))}
    assert _paren(D(2026, 1, 1), D(2026, 3, 31)) == {
        "jaar": (D(2025, 1, 1), D(2025, 3, 31)), "kwartaal": (D(2025, 10, 1), D(2025, 12, 31))}


def test_month_ends_stay_month_ends_and_a_leap_day_moves_to_the_28th():
    assert _paren(D(2024, 2, 1), D(2024, 2, 29))["jaar"] == (D(2023, 2, 1), D(2023, 2, 28))
    assert _paren(D(2027, 5, 1), D(2027, 5, 31))["kwartaal"] == (D(2027, 2, 1), D(2027, 2, 28))
    assert _paren(D(2026, 3, 10), D(2026, 5, 17)) == {
        "jaar": (D(2025, 3, 10), D(2025, 5, 17)), "kwartaal": (D(2025, 12, 10), D(2026, 2, 17))}


def test_the_change_is_absolute_and_relative_where_that_means_something():
    assert _verschil(15, 10, AANTAL) == (5, 50.0)
    assert _verschil(3, 0, AANTAL) == (3, None)  # no percentage of nothing
    assert _verschil("100.00", "80.00", GELD) == ("20.00", 25.0)
    assert _verschil(85.7, 90.0, PROCENT) == (-4.3, None)  # percentage points only
    assert _verschil(None, 4, AANTAL) == (None, None)
