"""Every table of the dashboard as CSV (issue 6 item 4).

The tables are the registry's (`rapportage.register`), made from the same weergave
(`rapportage.weergave`) as the page, in the same order and with the same rows and masks, so a
CSV says exactly what the page says. Only aggregates: the figures hold no case code, pseudonym or
dossier number.

The CSV format is OMO's one format (`omo.csvexport`: `;`, UTF-8 with BOM, a decimal comma,
formulas neutralised); numbers are written as numbers (`Getal`). Money in euros without the sign,
empty when there is nothing to measure. In the publieksversie the masked cells read as on the
page ("< 3", "×").
"""

from dataclasses import dataclass

from omo.csvexport import Getal, csv_tekst
from rapportage import weergave
from rapportage.register import SLUGS_CSV as SLUGS

__all__ = ["SLUGS", "Getal", "Tabel", "als_csv", "tabel"]


@dataclass(frozen=True)
class Tabel:
    slug: str
    titel: str
    kop: list
    rijen: list


def tabel(w: dict, slug: str, publiek: bool = False) -> Tabel | None:
    """The table `slug` of the weergave `w`; None when it has no such figure."""
    gevonden = weergave.csv_tabel(w, slug, publiek)
    if gevonden is None:
        return None
    titel = next(f["csv_titel"] for f in w["figuren"] if f["sleutel"] == slug)
    return Tabel(slug, titel, *gevonden)


def als_csv(t: Tabel) -> str:
    """The table as CSV text in OMO's one format (`omo.csvexport`)."""
    return csv_tekst(t.kop, t.rijen)
