"""Which level of the escalation ladder a solution needs (DESIGN §6), and why.

`stel_niveau_voor(feiten)` is pure: it reads nothing and changes nothing, so every rule is
tested without a database. `feiten_van(scenario)` gathers the facts from the database, the
amounts from the real funds (the budget app).

The rules (the highest level any rule asks wins; every reason is listed):
- the solution fits the existing frameworks → 1 (handled ambtelijk by the OMO-functionaris);
- outside the existing frameworks → 2 (afstemming with the portefeuillehouder);
- partners outside the gemeente needed (every partner whose soort is not "gemeentelijk": a
  local partner or a national agency) → 2 (bestuurlijke afstemming by the portefeuillehouder);
  3 when the solution is also outside the frameworks, or needs three or more such partners
  (the College then speaks for the gemeente towards several partners at once);
- the amount is above the budget holder's mandate or above what is left in the fund → 3;
- a national agency (Belastingdienst, CAK, CJIB, DUO, IND, SVB, UWV…) blocks or is needed → 4.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from omo.templatetags.omo_format import format_euro

HORIZON = 12
# casussen.models.Organisatie.Soort values (kept as strings: this module imports no models).
GEMEENTELIJK = "gemeentelijk"
LANDELIJK = "landelijk"


@dataclass(frozen=True)
class Feiten:
    past_in_kaders: bool
    partners: tuple = ()  # (naam, soort) of the organisations the solution needs
    bedrag: Decimal = Decimal("0")  # what the solution costs the gemeente over 12 months
    mandaat: Decimal = Decimal("0")  # the budget holder's mandate
    beschikbaar: Decimal = Decimal("0")  # what is left in the fund
    landelijke_knelpunten: tuple = ()  # names of national agencies among knelpunten/partners


class Reden(NamedTuple):
    """One reason: (niveau, code, uitleg). `code` is an `Escalatie.Reden` value, or
    "binnen_kaders" for level 1."""

    niveau: int
    code: str
    uitleg: str


@dataclass(frozen=True)
class Voorstel:
    niveau: int
    redenen: list = field(default_factory=list)

    @property
    def hoofdreden(self) -> Reden:
        return max(self.redenen, key=lambda r: r.niveau)


def stel_niveau_voor(feiten: Feiten) -> Voorstel:
    """The highest level any rule asks, with every reason (in rule order)."""
    redenen = []
    if feiten.past_in_kaders:
        redenen.append(Reden(1, "binnen_kaders", _("De oplossing past binnen de bestaande kaders: ambtelijk af te handelen.")))
    else:
        redenen.append(Reden(2, "buiten_kaders", _("De oplossing valt buiten de bestaande kaders: afstemming met de portefeuillehouder.")))
    externe = [naam for naam, soort in feiten.partners if soort != GEMEENTELIJK]
    if externe:
        namen = ", ".join(externe)
        if not feiten.past_in_kaders:
            redenen.append(Reden(3, "partners", _(
                "Bestuurlijke afstemming met %(namen)s over een oplossing buiten de bestaande kaders: het College."
            ) % {"namen": namen}))
        elif len(externe) >= 3:
            redenen.append(Reden(3, "partners", _(
                "Bestuurlijke afstemming met %(n)s partners tegelijk (%(namen)s): het College."
            ) % {"n": len(externe), "namen": namen}))
        else:
            redenen.append(Reden(2, "partners", _(
                "Bestuurlijke afstemming met %(namen)s: de portefeuillehouder."
            ) % {"namen": namen}))
    if feiten.bedrag > 0 and feiten.bedrag > feiten.mandaat:
        redenen.append(Reden(3, "budget", _("Het bedrag (%(b)s) is hoger dan het mandaat van de budgethouder (%(m)s).")
                             % {"b": format_euro(feiten.bedrag), "m": format_euro(feiten.mandaat)}))
    if feiten.bedrag > 0 and feiten.bedrag > feiten.beschikbaar:
        redenen.append(Reden(3, "budget", _("Het bedrag (%(b)s) is hoger dan wat er in het fonds over is (%(f)s).")
                             % {"b": format_euro(feiten.bedrag), "f": format_euro(feiten.beschikbaar)}))
    if feiten.landelijke_knelpunten:
        redenen.append(Reden(4, "landelijk", _("Een landelijke instantie blokkeert of is nodig (%(namen)s): Landelijk Escalatie Team.")
                             % {"namen": ", ".join(sorted(set(feiten.landelijke_knelpunten)))}))
    return Voorstel(max(r.niveau for r in redenen), redenen)


def bedrag_gemeente(rendement) -> Decimal:
    """What the doorbraak situation costs the gemeente over the rendement's horizon."""
    return rendement.per_situatie_betaler.get(("doorbraak", "gemeente"), Decimal("0"))


# Where the amounts come from: the budget app registers a function that returns (mandaat,
# beschikbaar) of the fund that can carry the largest request (budget.queries.budgetgrenzen).
# Without funds there is no mandate and nothing available: any amount needs the College.
_BUDGETBRON = []


def registreer_budgetbron(grenzen, annotaties):
    """`grenzen()` → (mandaat, beschikbaar) in one query; `annotaties()` → {"budget_mandaat",
    "budget_beschikbaar"} as subquery expressions, for a page that reads them with its main query."""
    _BUDGETBRON[:] = [(grenzen, annotaties)]


def budgetgrenzen() -> tuple[Decimal, Decimal]:
    """(mandaat, beschikbaar) from the funds (one query), or zero and zero without funds."""
    if _BUDGETBRON:
        return _BUDGETBRON[0][0]()
    return Decimal("0"), Decimal("0")  # pragma: no cover - the budget app is always installed


def budget_annotaties() -> dict:
    return _BUDGETBRON[0][1]() if _BUDGETBRON else {}


def feiten_uit(scenario, partners, rendement, organisaties_knelpunten, mandaat=None, beschikbaar=None) -> Feiten:
    """The facts from data already read: `partners` and `organisaties_knelpunten` as (naam,
    soort) pairs, `rendement` the scenario's 12-month `casussen.rendement.bereken` result.
    Without `mandaat`/`beschikbaar` they come from the real funds (`budgetgrenzen`)."""
    if mandaat is None or beschikbaar is None:
        eigen_mandaat, eigen_beschikbaar = budgetgrenzen()
        mandaat = eigen_mandaat if mandaat is None else mandaat
        beschikbaar = eigen_beschikbaar if beschikbaar is None else beschikbaar
    partners = tuple((naam, soort) for naam, soort in partners)
    landelijk = {naam for naam, soort in (*partners, *organisaties_knelpunten) if soort == LANDELIJK}
    return Feiten(
        past_in_kaders=scenario.past_in_kaders,
        partners=partners,
        bedrag=bedrag_gemeente(rendement),
        mandaat=Decimal(mandaat),
        beschikbaar=Decimal(beschikbaar),
        landelijke_knelpunten=tuple(sorted(landelijk)),
    )


def feiten_van(scenario, mandaat=None, beschikbaar=None) -> Feiten:
    """The facts of a scenario from the database (three queries)."""
    from casussen.models import Knelpunt, Kostenregel
    from casussen.rendement import bereken

    partners = list(scenario.partners.values_list("naam", "soort"))
    regels = Kostenregel.objects.filter(scenario=scenario).select_related("geldstroom")
    knelpunten = Knelpunt.objects.filter(casus_id=scenario.casus_id, organisatie__isnull=False).values_list(
        "organisatie__naam", "organisatie__soort"
    )
    return feiten_uit(scenario, partners, bereken(regels, HORIZON), list(knelpunten), mandaat, beschikbaar)
