"""Secondary suppression: a masked small count cannot be worked back from a total (issue 17).

The publieksversie shows counts of 1 and 2 as "< 3" (primary suppression). That alone is not
enough: in a row `< 3, 5, 7` with the total 13 anyone computes the masked cell. This module
decides which further cells to hide (secondary suppression, shown as "×") so that no "< 3" can
be worked back from what is shown. It is pure Python: the caller names its cells (any hashable
key), says which cells are sums of which (`Som`) and which cells show the same number in
different places (`gelijk`), and gets back the cells to mask.

The reader we protect against
-----------------------------
We assume the most a careful reader can know, so that what is safe for them is safe for anyone
who knows less:

- every shown number exactly, and an empty cell (`None`) as 0;
- every sum relation (`Som`) and every `gelijk` group, and that counts are whole numbers >= 0;
- "< 3" is 1 or 2;
- "×" is at least 3. The mark itself only says "0 or at least 3", but zeros are never masked
  (and docs/privacy.md says so), so a reader who knows the rule rules out the 0;
- the reader reasons with all sums at once, as a solver would, not one line at a time: a cell
  pinned down by its column is then known in its row too.

A small count is safe when the reader can find a consistent filling of all masked cells with it
equal to 1 and another with it equal to 2. The reader is not assumed to reverse-engineer which
cell this module chose to mask (that the chosen cell was the smallest one that helped); standard
practice in statistical disclosure control makes the same assumption.

How the cells are chosen
------------------------
Every count of 1 or 2 is masked (PRIMAIR). Then, for each of them in the caller's order, while a
reader can still work it back, one more cell is masked (SECUNDAIR): the first shown cell, nearest
in the web of sums and smallest, that makes it safe on its own: a part of its own row or column
before the total, so the least is lost. When no single cell does, all cells it hangs together
with are masked and then shown again one by one, least preferred first, as long as it stays
safe. Masking more never lets the reader know more, so a count made safe stays safe while the
others are handled, and one pass reaches the fixed point where rows and columns agree. A last
pass shows again every "×" (the largest first) that the later ones have made unneeded.
A total that is masked counts as masked in every sum it is a part of and in its `gelijk` group.
Zeros are never masked nor chosen; secondary cells are always at least 3.

Some tables cannot be protected at all: a total of 2 made of two counts of 1 gives both away even
when everything is masked ("< 3" + "< 3" = "< 3" only adds up with 1 + 1). Such cells are
still masked, and `terug_te_rekenen` lists them so the caller can decide not to show the table.

The search for a consistent filling
-----------------------------------
The reader's question "can this cell be 2 instead of 1?" is a small integer problem. It is
answered by a depth-first search with interval propagation over the masked cells, each within
`VENSTER` of its true value. For tables of rows, columns and their totals that window loses
nothing: their sums form a network, and if any other filling exists then one exists that
differs from the truth by at most 1 in every cell (a circuit of a totally unimodular matrix).
Whatever the window or the search budget misses only makes the answer "can be worked back": the
module then masks more, or names the cell in `terug_te_rekenen`; it never calls a cell safe that
is not.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

Cel = Hashable

PRIMAIR, SECUNDAIR = "primair", "secundair"

KLEIN = (1, 2)  # the counts that are masked themselves
MINIMUM_SECUNDAIR = 3  # what a reader knows of a "×"
VENSTER = 6  # how far from its true value the search tries a masked cell
BUDGET = 50_000  # search nodes per question; beyond it the answer is "can be worked back"


@dataclass(frozen=True)
class Som:
    """`totaal` shows the sum of `delen`."""

    totaal: Cel
    delen: tuple[Cel, ...]


def te_verbergen(waarden: Mapping[Cel, int | None], sommen: Iterable[Som],
                 gelijk: Iterable[Iterable[Cel]] = ()) -> dict[Cel, str]:
    """cell -> PRIMAIR (a count of 1 or 2) or SECUNDAIR (masked so a primary cannot be worked
    back) for every cell to mask; cells not in the result are shown.

    `waarden` holds every maskable count cell (None: nothing to show, never masked); every cell
    of a `Som` and of a `gelijk` group must be in it, and every `Som` must add up. The result
    follows the order of `waarden`, and so does every tie."""
    stelsel = _Stelsel(waarden, sommen, gelijk)
    verborgen = {g: PRIMAIR for g, v in enumerate(stelsel.waarde) if v in KLEIN}
    beschermd = []
    for groep in list(verborgen):
        if not stelsel.veilig(groep, verborgen):
            for g in stelsel.herstel(groep, verborgen):
                verborgen[g] = SECUNDAIR
        if stelsel.veilig(groep, verborgen):
            beschermd.append(groep)
    # A cell masked for an early count may have become unneeded by those masked for later ones:
    # show it again, the largest first, when every protected count stays protected.
    secundair = [g for g, soort in verborgen.items() if soort == SECUNDAIR]
    for g in sorted(secundair, key=lambda g: (-stelsel.waarde[g], -g)):
        zonder = {h: soort for h, soort in verborgen.items() if h != g}
        if all(stelsel.veilig(p, zonder) for p in beschermd):
            verborgen = zonder
    return stelsel.per_cel(verborgen)


def terug_te_rekenen(waarden: Mapping[Cel, int | None], sommen: Iterable[Som],
                     verborgen: Mapping[Cel, str], gelijk: Iterable[Iterable[Cel]] = ()) -> list[Cel]:
    """The primary cells whose value the reader above can work back when `verborgen` (the
    result of `te_verbergen`) is masked; empty for every table that can be protected."""
    stelsel = _Stelsel(waarden, sommen, gelijk)
    groepen = {}
    for cel, soort in verborgen.items():
        groep = stelsel.groep_van[cel]
        groepen[groep] = PRIMAIR if PRIMAIR in (soort, groepen.get(groep)) else SECUNDAIR
    bekend = {g for g, soort in groepen.items() if soort == PRIMAIR and stelsel.waarde[g] in KLEIN
              and not stelsel.veilig(g, groepen)}
    return [cel for cel in stelsel.cellen if stelsel.groep_van[cel] in bekend]


class _Stelsel:
    """The cells as groups (a `gelijk` group is one number) and the sums as linear equations."""

    def __init__(self, waarden, sommen, gelijk):
        self.cellen = list(waarden)
        ouder = {cel: cel for cel in self.cellen}

        def wortel(cel):
            while ouder[cel] != cel:
                ouder[cel] = ouder[ouder[cel]]
                cel = ouder[cel]
            return cel

        positie = {cel: i for i, cel in enumerate(self.cellen)}
        for groep in gelijk:
            groep = list(groep)
            for cel in groep:
                if cel not in positie:
                    raise ValueError(f"gelijk: cel {cel!r} staat niet in de waarden")
            for cel in groep[1:]:
                a, b = wortel(groep[0]), wortel(cel)
                if a != b:
                    ouder[max(a, b, key=positie.get)] = min(a, b, key=positie.get)

        self.groep_van, self.leden, self.waarde = {}, [], []
        nummer = {}
        for cel in self.cellen:
            waarde = waarden[cel]
            if waarde is not None and (not isinstance(waarde, int) or waarde < 0):
                raise ValueError(f"cel {cel!r}: een aantal is een geheel getal >= 0, niet {waarde!r}")
            root = wortel(cel)
            if root not in nummer:
                nummer[root] = len(self.leden)
                self.leden.append([])
                self.waarde.append(waarde)
            g = nummer[root]
            if waarde != self.waarde[g]:
                raise ValueError(f"gelijk: cel {cel!r} toont {waarde!r}, de rest van de groep {self.waarde[g]!r}")
            self.groep_van[cel] = g
            self.leden[g].append(cel)

        # Each sum as {group: coefficient} with sum(coefficient * value) == 0.
        self.lijnen = []
        for som in sommen:
            for cel in (som.totaal, *som.delen):
                if cel not in self.groep_van:
                    raise ValueError(f"{som!r}: cel {cel!r} staat niet in de waarden")
            if sum(waarden[c] or 0 for c in som.delen) != (waarden[som.totaal] or 0):
                raise ValueError(f"{som!r} telt niet op")
            coef = {}
            for cel in som.delen:
                g = self.groep_van[cel]
                coef[g] = coef.get(g, 0) + 1
            g = self.groep_van[som.totaal]
            coef[g] = coef.get(g, 0) - 1
            coef = {g: c for g, c in coef.items() if c}
            if coef:
                self.lijnen.append(coef)
        self.lijnen_van = [[] for _ in self.leden]
        for i, coef in enumerate(self.lijnen):
            for g in coef:
                self.lijnen_van[g].append(i)

    def per_cel(self, verborgen):
        return {cel: verborgen[self.groep_van[cel]] for cel in self.cellen if self.groep_van[cel] in verborgen}

    # --- The reader's question ----------------------------------------------------------------

    def veilig(self, groep, verborgen) -> bool:
        """Can the reader fill the masked cells consistently with `groep` at the other small
        value? (Its true value is always possible.)"""
        andere = 3 - self.waarde[groep]
        # Only the masked groups linked to `groep` through sums matter; the rest is fixed.
        deel, rand = {groep}, [groep]
        while rand:
            g = rand.pop()
            for i in self.lijnen_van[g]:
                for h in self.lijnen[i]:
                    if h in verborgen and h not in deel:
                        deel.add(h)
                        rand.append(h)
        variabelen = sorted(deel)
        index = {g: i for i, g in enumerate(variabelen)}
        vergelijkingen = []  # (((variable, coefficient), ...), right-hand side)
        gezien = set()
        for g in variabelen:
            for i in self.lijnen_van[g]:
                if i in gezien:
                    continue
                gezien.add(i)
                termen, rechts = [], 0
                for h, c in self.lijnen[i].items():
                    if h in deel:
                        termen.append((index[h], c))
                    else:
                        rechts -= c * (self.waarde[h] or 0)
                vergelijkingen.append((tuple(termen), rechts))
        laag, hoog = [], []
        for g in variabelen:
            if g == groep:
                laag.append(andere)
                hoog.append(andere)
            elif verborgen[g] == PRIMAIR:
                laag.append(KLEIN[0])
                hoog.append(KLEIN[-1])
            else:
                laag.append(max(MINIMUM_SECUNDAIR, self.waarde[g] - VENSTER))
                hoog.append(self.waarde[g] + VENSTER)
        return _oplosbaar(laag, hoog, vergelijkingen)

    # --- Choosing what else to mask -----------------------------------------------------------

    def herstel(self, groep, verborgen) -> list[int]:
        """The groups to mask as well so that `groep` is safe: one if one will do, else a
        minimal set; nothing when even masking everything cannot help."""
        kandidaten = self._kandidaten(groep, verborgen)
        if not kandidaten or not self.veilig(groep, _met(verborgen, kandidaten)):
            return []
        for g in kandidaten:
            if self.veilig(groep, _met(verborgen, [g])):
                return [g]
        gekozen = list(kandidaten)
        for g in reversed(kandidaten):
            zonder = [h for h in gekozen if h != g]
            if self.veilig(groep, _met(verborgen, zonder)):
                gekozen = zonder
        return gekozen

    def _kandidaten(self, groep, verborgen) -> list[int]:
        """The shown, non-zero groups linked to `groep` through sums, nearest first, then the
        smallest, then in the caller's order."""
        afstand, rand = {groep: 0}, [groep]
        while rand:
            volgende = []
            for g in rand:
                for i in self.lijnen_van[g]:
                    for h in self.lijnen[i]:
                        if h not in afstand:
                            afstand[h] = afstand[g] + 1
                            volgende.append(h)
            rand = volgende
        return sorted(
            (g for g in afstand if g not in verborgen and self.waarde[g]),
            key=lambda g: (afstand[g], self.waarde[g], g),
        )


def _met(verborgen, extra):
    return {**verborgen, **{g: SECUNDAIR for g in extra}}


def _oplosbaar(laag, hoog, vergelijkingen) -> bool:
    """Is there a whole-number solution of the equations within the bounds? Depth-first search
    that halves the smallest open interval, with interval propagation at every node."""
    bij = [[] for _ in laag]
    for i, (termen, _rechts) in enumerate(vergelijkingen):
        for v, _c in termen:
            bij[v].append(i)
    stapel, knopen = [(list(laag), list(hoog))], 0
    while stapel:
        laag, hoog = stapel.pop()
        knopen += 1
        if knopen > BUDGET:
            return False
        if not _propageer(laag, hoog, vergelijkingen, bij):
            continue
        open_ = [v for v in range(len(laag)) if laag[v] < hoog[v]]
        if not open_:
            return True
        v = min(open_, key=lambda v: (hoog[v] - laag[v], v))
        midden = (laag[v] + hoog[v]) // 2
        boven_laag, boven_hoog = list(laag), list(hoog)
        boven_laag[v] = midden + 1
        onder_hoog = list(hoog)
        onder_hoog[v] = midden
        stapel.append((boven_laag, boven_hoog))
        stapel.append((list(laag), onder_hoog))
    return False


def _propageer(laag, hoog, vergelijkingen, bij) -> bool:
    """Narrow every interval to what the equations allow; False when one becomes empty. With
    every interval a single value this checks that every equation holds."""
    wachtrij, in_rij = list(range(len(vergelijkingen))), set(range(len(vergelijkingen)))
    while wachtrij:
        i = wachtrij.pop()
        in_rij.discard(i)
        termen, rechts = vergelijkingen[i]
        minimum = sum(c * (laag[v] if c > 0 else hoog[v]) for v, c in termen)
        maximum = sum(c * (hoog[v] if c > 0 else laag[v]) for v, c in termen)
        if not minimum <= rechts <= maximum:
            return False
        for v, c in termen:
            # c * x_v = rechts - (the rest), the rest between its own minimum and maximum.
            rest_min = minimum - c * (laag[v] if c > 0 else hoog[v])
            rest_max = maximum - c * (hoog[v] if c > 0 else laag[v])
            a, b = rechts - rest_max, rechts - rest_min
            if c > 0:
                nieuw_laag, nieuw_hoog = -(-a // c), b // c
            else:
                nieuw_laag, nieuw_hoog = -(-b // c), a // c
            if nieuw_laag > laag[v] or nieuw_hoog < hoog[v]:
                laag[v], hoog[v] = max(laag[v], nieuw_laag), min(hoog[v], nieuw_hoog)
                if laag[v] > hoog[v]:
                    return False
                for j in bij[v]:
                    if j not in in_rij:
                        in_rij.add(j)
                        wachtrij.append(j)
                minimum = sum(cc * (laag[w] if cc > 0 else hoog[w]) for w, cc in termen)
                maximum = sum(cc * (hoog[w] if cc > 0 else laag[w]) for w, cc in termen)
    return True
