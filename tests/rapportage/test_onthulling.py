"""Secondary suppression: no "< 3" in a public table can be worked back from the totals.

The property test checks the algorithm against an attacker written separately: a brute-force
search over every filling of the masked cells that agrees with what the table shows."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapportage.onthulling import PRIMAIR, SECUNDAIR, Som, te_verbergen, terug_te_rekenen

P, S = PRIMAIR, SECUNDAIR


def tabel(rijen, naam="t"):
    """A table with its row totals, column totals and grand total, as cells and sums.
    Cells: (naam, "cel", i, j), (naam, "rij", i), (naam, "kolom", j), (naam, "totaal")."""
    waarden, sommen = {}, []
    n, m = len(rijen), len(rijen[0])
    for i in range(n):
        for j in range(m):
            waarden[(naam, "cel", i, j)] = rijen[i][j]
    for i in range(n):
        waarden[(naam, "rij", i)] = sum(rijen[i])
        sommen.append(Som((naam, "rij", i), tuple((naam, "cel", i, j) for j in range(m))))
    for j in range(m):
        waarden[(naam, "kolom", j)] = sum(rijen[i][j] for i in range(n))
        sommen.append(Som((naam, "kolom", j), tuple((naam, "cel", i, j) for i in range(n))))
    waarden[(naam, "totaal")] = sum(map(sum, rijen))
    sommen.append(Som((naam, "totaal"), tuple((naam, "rij", i) for i in range(n))))
    sommen.append(Som((naam, "totaal"), tuple((naam, "kolom", j) for j in range(m))))
    return waarden, sommen


def tonen(rijen, verborgen, naam="t"):
    """The table as the reader sees it: '<3', '×' or the number."""
    def cel(key, waarde):
        return {P: "<3", S: "×"}.get(verborgen.get(key), waarde)

    n, m = len(rijen), len(rijen[0])
    regels = [[cel((naam, "cel", i, j), rijen[i][j]) for j in range(m)] + [cel((naam, "rij", i), sum(rijen[i]))]
              for i in range(n)]
    regels.append([cel((naam, "kolom", j), sum(r[j] for r in rijen)) for j in range(m)]
                  + [cel((naam, "totaal"), sum(map(sum, rijen)))])
    return regels


# --- The attacker --------------------------------------------------------------------------------


def te_achterhalen(rijen, getoond):
    """The cells ('<3') whose value an attacker pins down from the shown table `getoond` (as
    returned by `tonen`): every filling of the inner cells with '<3' in {1, 2} and '×' in
    {3, ..., bound} (zeros are never masked, so a '×' is at least 3) is tried, the totals that
    follow from it are compared with what is shown, and a '<3' that takes one value in every
    consistent filling is pinned down. The bound of a '×': the smallest shown total over it,
    else the largest inner value plus 2. Positions as in `getoond`: (i, m) a row total,
    (n, j) a column total, (n, m) the grand total."""
    n, m = len(rijen), len(rijen[0])
    ruim = max(map(max, rijen)) + 2
    kolomtotalen, rijtotalen, eindtotaal = getoond[n][:m], [getoond[i][m] for i in range(n)], getoond[n][m]

    def past(getal, teken):
        if teken == "<3":
            return getal in (1, 2)
        if teken == "×":
            return getal >= 3
        return getal == teken

    def domein(i, j):
        teken = getoond[i][j]
        if teken == "<3":
            return (1, 2)
        if teken == "×":
            grenzen = [t for t in (rijtotalen[i], kolomtotalen[j], eindtotaal) if isinstance(t, int)]
            return tuple(range(3, min(grenzen, default=ruim) + 1))
        return (teken,)

    # Per row the fillings that agree with its total, then every combination of rows.
    per_rij = [[vulling for vulling in itertools.product(*(domein(i, j) for j in range(m)))
                if past(sum(vulling), rijtotalen[i])] for i in range(n)]
    gezien = {}
    for cellen in itertools.product(*per_rij):
        kolommen = [sum(c[j] for c in cellen) for j in range(m)]
        if not all(past(kolommen[j], kolomtotalen[j]) for j in range(m)):
            continue
        if not past(sum(kolommen), eindtotaal):
            continue
        volledig = [list(c) + [sum(c)] for c in cellen] + [kolommen + [sum(kolommen)]]
        for i, regel in enumerate(volledig):
            for j, getal in enumerate(regel):
                gezien.setdefault((i, j), set()).add(getal)
    assert gezien, "the truth is always consistent with what is shown"
    return {plek for plek, getallen in gezien.items() if getoond[plek[0]][plek[1]] == "<3" and len(getallen) == 1}


def plek(rijen, i, j, naam="t"):
    """The cell at position (i, j) of `tonen`."""
    n, m = len(rijen), len(rijen[0])
    if i == n:
        return (naam, "totaal") if j == m else (naam, "kolom", j)
    return (naam, "rij", i) if j == m else (naam, "cel", i, j)


def alles_verborgen(rijen, naam="t"):
    """The most that can be masked: every non-zero cell and total."""
    waarden, _sommen = tabel(rijen, naam)
    return {key: P if v in (1, 2) else S for key, v in waarden.items() if v}


# --- Small tables ----------------------------------------------------------------------------------


def test_nothing_is_masked_when_no_count_is_1_or_2():
    waarden, sommen = tabel([[0, 3], [12, 0], [4, 5]])
    assert te_verbergen(waarden, sommen) == {}


def test_a_single_row_masks_its_smallest_other_part_and_keeps_the_total():
    waarden = {"wonen": 1, "werk": 5, "zorg": 7, "schulden": 0, "totaal": 13}
    sommen = [Som("totaal", ("wonen", "werk", "zorg", "schulden"))]
    # "< 3, ×, 7, 0 = 13": the × is 13 - 7 - (1 or 2), so 5 or 4; the zero is not touched.
    assert te_verbergen(waarden, sommen) == {"wonen": P, "werk": S}


def test_a_line_where_only_the_total_can_be_masked():
    # Masking the 3 would give it away: "< 3 + × = 4" with × >= 3 only adds up as 1 + 3.
    waarden = {"open": 1, "akkoord": 3, "totaal": 4}
    assert te_verbergen(waarden, [Som("totaal", ("open", "akkoord"))]) == {"open": P, "totaal": S}


def test_a_2x2_table_masks_the_rectangle_and_keeps_every_total():
    rijen = [[1, 5], [7, 9]]
    waarden, sommen = tabel(rijen)
    verborgen = te_verbergen(waarden, sommen)
    assert verborgen == {("t", "cel", 0, 0): P, ("t", "cel", 0, 1): S, ("t", "cel", 1, 0): S, ("t", "cel", 1, 1): S}
    getoond = tonen(rijen, verborgen)
    assert getoond == [["<3", "×", 6], ["×", "×", 16], [8, 14, 22]]
    assert te_achterhalen(rijen, getoond) == set()
    # Masking only the small count, or only a second cell in its row, would give it away.
    assert te_achterhalen(rijen, tonen(rijen, {("t", "cel", 0, 0): P})) == {(0, 0)}
    assert te_achterhalen(rijen, tonen(rijen, {("t", "cel", 0, 0): P, ("t", "cel", 0, 1): S})) == {(0, 0)}


def test_a_3x3_table_with_two_small_counts():
    rijen = [[1, 4, 6], [5, 8, 3], [7, 2, 9]]
    waarden, sommen = tabel(rijen)
    verborgen = te_verbergen(waarden, sommen)
    assert {k for k, v in verborgen.items() if v == P} == {("t", "cel", 0, 0), ("t", "cel", 2, 1)}
    assert all(waarden[k] >= 3 for k, v in verborgen.items() if v == S)
    getoond = tonen(rijen, verborgen)
    assert te_achterhalen(rijen, getoond) == set()
    # The totals stay readable: the cells inside carry the masking.
    assert [r[3] for r in getoond[:3]] == [11, 16, 18] and getoond[3] == [13, 14, 18, 45]


def test_a_cell_masked_for_its_row_is_protected_in_its_column_too():
    # Row 0 alone: "< 3, 3, ×, = 14" would do. But the × is then the only unknown of column 2
    # next to the shown 9 and total 19, so it is 10, and the small count is 1 after all.
    rijen = [[1, 3, 10], [6, 4, 9]]
    waarden, sommen = tabel(rijen)
    verborgen = te_verbergen(waarden, sommen)
    assert verborgen[("t", "cel", 0, 2)] == S
    assert verborgen[("t", "cel", 1, 2)] == S or verborgen.get(("t", "kolom", 2)) == S
    assert te_achterhalen(rijen, tonen(rijen, verborgen)) == set()
    assert te_achterhalen(rijen, tonen(rijen, {("t", "cel", 0, 0): P, ("t", "cel", 0, 2): S})) == {(0, 0)}


def test_a_total_masked_for_one_line_is_masked_in_the_sum_it_is_part_of():
    # The row total 4 must go ("< 3 + 3"); the grand total 14 = 4 + 10 would then give it back.
    rijen = [[1, 3], [4, 6]]
    waarden, sommen = tabel(rijen)
    verborgen = te_verbergen(waarden, sommen)
    assert verborgen[("t", "rij", 0)] == S
    assert verborgen.get(("t", "rij", 1)) == S or verborgen.get(("t", "totaal")) == S
    assert te_achterhalen(rijen, tonen(rijen, verborgen)) == set()


def test_equal_cells_in_other_tables_are_masked_together():
    # "Nieuwe casussen" is the total of the escalation table, the key figure and the total of the
    # leefgebieden. Masking the escalation total must mask the other two as well.
    waarden = {
        ("escalaties", "open"): 1, ("escalaties", "akkoord"): 3, ("escalaties", "totaal"): 4,
        "kerncijfer nieuw": 4,
        ("leefgebieden", "wonen"): 4, ("leefgebieden", "werk"): 0, ("leefgebieden", "totaal"): 4,
    }
    sommen = [
        Som(("escalaties", "totaal"), (("escalaties", "open"), ("escalaties", "akkoord"))),
        Som(("leefgebieden", "totaal"), (("leefgebieden", "wonen"), ("leefgebieden", "werk"))),
    ]
    gelijk = [[("escalaties", "totaal"), "kerncijfer nieuw", ("leefgebieden", "totaal")]]
    assert te_verbergen(waarden, sommen, gelijk) == {
        ("escalaties", "open"): P,
        ("escalaties", "totaal"): S,
        "kerncijfer nieuw": S,
        ("leefgebieden", "wonen"): S,  # 4 = × + 0 would give the total back
        ("leefgebieden", "totaal"): S,
    }
    # Without the group the key figure would stay and give the total (and so the 1) away.
    zonder = te_verbergen(waarden, sommen)
    assert "kerncijfer nieuw" not in zonder
    assert terug_te_rekenen(waarden, sommen, zonder, gelijk) == [("escalaties", "open")]
    assert terug_te_rekenen(waarden, sommen, te_verbergen(waarden, sommen, gelijk), gelijk) == []


def test_ties_go_to_the_first_cell_in_the_callers_order():
    sommen = [Som("totaal", ("a", "b", "c"))]
    assert te_verbergen({"a": 1, "b": 4, "c": 4, "totaal": 9}, sommen) == {"a": P, "b": S}
    assert te_verbergen({"c": 4, "b": 4, "a": 1, "totaal": 9}, sommen) == {"c": S, "a": P}


def test_the_same_input_gives_the_same_output():
    waarden, sommen = tabel([[1, 4, 6], [5, 8, 3], [7, 2, 9]])
    eerste = te_verbergen(waarden, sommen)
    assert all(te_verbergen(dict(waarden), list(sommen)) == eerste for _ in range(3))
    assert list(te_verbergen(waarden, sommen)) == list(eerste)


def test_zeros_and_empty_cells_are_never_masked():
    waarden = {"a": 2, "b": 0, "c": None, "d": 3, "totaal": 5}
    verborgen = te_verbergen(waarden, [Som("totaal", ("a", "b", "c", "d"))])
    # "< 3 + 0 + – + × = 5": the × is 3 or 4.
    assert verborgen == {"a": P, "d": S}


def test_a_table_that_cannot_be_protected_is_reported():
    # "< 3 + < 3 = < 3" only adds up as 1 + 1 = 2: nothing to mask can change that.
    waarden = {"a": 1, "b": 1, "totaal": 2}
    sommen = [Som("totaal", ("a", "b"))]
    verborgen = te_verbergen(waarden, sommen)
    assert verborgen == {"a": P, "b": P, "totaal": P}
    assert terug_te_rekenen(waarden, sommen, verborgen) == ["a", "b", "totaal"]


def test_sums_that_do_not_add_up_or_unknown_cells_are_refused():
    with pytest.raises(ValueError, match="telt niet op"):
        te_verbergen({"a": 1, "b": 4, "totaal": 6}, [Som("totaal", ("a", "b"))])
    with pytest.raises(ValueError, match="niet in de waarden"):
        te_verbergen({"a": 1, "totaal": 1}, [Som("totaal", ("a", "b"))])
    with pytest.raises(ValueError, match="gelijk"):
        te_verbergen({"a": 1, "b": 4}, [], gelijk=[("a", "b")])


def test_a_csv_cell_shows_the_mark_of_its_verdict():
    from rapportage.weergave import cel_csv

    def aantal_cel(waarde, verborgen):
        return cel_csv(waarde, "aantal", verborgen)

    waarden = {"open": 1, "akkoord": 3, "afgewezen": 0, "totaal": 4}
    verborgen = te_verbergen(waarden, [Som("totaal", ("open", "akkoord", "afgewezen"))])
    regel = [str(aantal_cel(v, verborgen.get(k))) for k, v in waarden.items()]
    assert regel == ["< 3", "3", "0", "×"]
    assert aantal_cel(None, None) == ""


# --- The property: the attacker never pins down a small count --------------------------------------

klein_getal = st.sampled_from([0, 0, 1, 1, 2, 2, 3, 4, 5, 7])


@st.composite
def tabellen(draw):
    n = draw(st.integers(1, 3))
    m = draw(st.integers(1, 3 if n < 3 else 2))
    return [[draw(klein_getal) for _ in range(m)] for _ in range(n)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tabellen())
def test_no_small_count_can_be_worked_back_from_a_random_table(rijen):
    waarden, sommen = tabel(rijen)
    verborgen = te_verbergen(waarden, sommen)

    # Every count of 1 or 2 is reported as primary, every secondary is at least 3.
    assert {k for k, v in verborgen.items() if v == P} == {k for k, v in waarden.items() if v in (1, 2)}
    assert all(waarden[k] >= 3 for k, v in verborgen.items() if v == S)

    vastgepind = te_achterhalen(rijen, tonen(rijen, verborgen))
    if vastgepind:
        # Only what no masking at all could protect, and the module says so.
        assert vastgepind <= te_achterhalen(rijen, tonen(rijen, alles_verborgen(rijen)))
        gemeld = terug_te_rekenen(waarden, sommen, verborgen)
        assert {plek(rijen, i, j) for i, j in vastgepind} <= set(gemeld)
