"""The key figures of a period against the same period a year earlier and a quarter earlier
(DESIGN §9), with the change.

The earlier periods: the same days one year back, and three months back (a whole quarter gives
the previous quarter, a whole month the month three months before). A period that ends on the
last day of a month ends on the last day of the earlier month too (30 September → 30 June, 28
February 2027 → 29 February 2024 a leap year on), and 29 February starts on the 28th in a year
without it.

The earlier periods only need the key figures, which `kerngetallen()` reads from the monthly
summary rows, so the comparison adds two cheap reads to the dashboard, not two full computations.
"""

import calendar
import datetime
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from rapportage.queries.cijfers import kerngetallen, kerngetallen_uit
from rapportage.register import AANTAL, DAGEN, GELD, PROCENT

# (key of kerngetallen(), label, kind) in the order of the table.
KERNGETALLEN = (
    ("nieuw", _l("Nieuwe casussen"), AANTAL),
    ("afgesloten", _l("Afgesloten casussen"), AANTAL),
    ("open_aan_einde", _l("Open aan het einde van de periode"), AANTAL),
    ("escalaties", _l("Escalaties aangevraagd"), AANTAL),
    ("verzoeken_op_tijd", _l("Prioriteitsverzoeken op tijd beantwoord"), PROCENT),
    ("goedgekeurd", _l("Goedgekeurd geld"), GELD),
    ("mediaan_aanmelding_besluit", _l("Mediaan aanmelding → besluit (dagen)"), DAGEN),
)


def _maanden_terug(datum: datetime.date, maanden: int, maandeinde: bool) -> datetime.date:
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 - maanden, 12)
    maand += 1
    laatste = calendar.monthrange(jaar, maand)[1]
    return datetime.date(jaar, maand, laatste if maandeinde else min(datum.day, laatste))


def _is_maandeinde(datum: datetime.date) -> bool:
    return datum.day == calendar.monthrange(datum.year, datum.month)[1]


def eerdere_perioden(van: datetime.date, tot: datetime.date) -> list[dict]:
    """The two comparison periods of `van`..`tot`: code, label, van, tot."""
    uit = []
    for code, label, maanden in (("jaar", _("Een jaar eerder"), 12), ("kwartaal", _("Een kwartaal eerder"), 3)):
        uit.append({
            "code": code, "label": str(label),
            "van": _maanden_terug(van, maanden, False), "tot": _maanden_terug(tot, maanden, _is_maandeinde(tot)),
        })
    return uit


def _verschil(nu, eerder, soort):
    if nu is None or eerder is None:
        return None, None
    if soort == GELD:
        a, b = Decimal(str(nu)), Decimal(str(eerder))
        verschil = str(a - b)
    elif soort == AANTAL:
        a, b = int(nu), int(eerder)
        verschil = a - b
    else:
        a, b = Decimal(str(nu)), Decimal(str(eerder))
        verschil = float(round(a - b, 1))
    procent = None
    if soort in (AANTAL, GELD) and b:
        procent = float(round((Decimal(a) - Decimal(b)) * 100 / Decimal(b), 1))
    return verschil, procent


def vergelijking(van: datetime.date, tot: datetime.date, c: dict) -> dict:
    """The comparison of the figures `c` of `van`..`tot` with the two earlier periods:
    `{"perioden": [{code, label, van, tot, periode}], "rijen": [{sleutel, label, soort, waarde,
    eerder: [{waarde, verschil, procent}]}]}` (JSON; money as strings)."""
    nu = kerngetallen_uit(c)
    perioden = eerdere_perioden(van, tot)
    eerder = [kerngetallen(p["van"], p["tot"]) for p in perioden]
    rijen = []
    for sleutel, label, soort in KERNGETALLEN:
        rij = {"sleutel": sleutel, "label": str(label), "soort": soort, "waarde": nu[sleutel], "eerder": []}
        for k in eerder:
            verschil, procent = _verschil(nu[sleutel], k[sleutel], soort)
            rij["eerder"].append({"waarde": k[sleutel], "verschil": verschil, "procent": procent})
        rijen.append(rij)
    return {
        "perioden": [
            {"code": p["code"], "label": p["label"], "van": p["van"].isoformat(), "tot": p["tot"].isoformat(),
             "periode": _("%(van)s t/m %(tot)s") % {"van": date_format(p["van"], "j F Y"),
                                                    "tot": date_format(p["tot"], "j F Y")}}
            for p in perioden
        ],
        "rijen": rijen,
    }
