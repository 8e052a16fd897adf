"""The one CSV format of OMO: every export (case list, telefoonlijst, postings, price list, legal
bases, the dashboard's tables) is written here.

Made for Dutch Excel, which opens a double-clicked .csv with the regional list separator `;`
and reads UTF-8 only when the file starts with a byte order mark: `;` as separator, UTF-8 with
BOM, CRLF line ends, a header row with Dutch column names, numbers without thousands separator
and with a decimal comma (`1234,56`), dates as ISO `2026-07-01`, times as local
`2026-07-01 14:05`, yes/no as `ja`/`nee`, nothing as an empty cell.

Formulas are neutralised: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return would be run by Excel or LibreOffice as a formula (`=cmd|' /C calc'!A0`), so it is
written with a leading apostrophe and stays text. Numbers are never touched: they are written
by this module (or marked as `Getal` by a caller that formats them itself).
"""

import csv
import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


class Getal(str):
    """A number a caller formatted itself (`"1234,56"`, `"-0,25"`): written as it is."""


def neutraliseer(tekst: str) -> str:
    """Text that a spreadsheet would run as a formula, kept as text."""
    return "'" + tekst if tekst[:1] in FORMULE_TEKENS else tekst


def getal(waarde, decimalen: int | None = None) -> Getal:
    """A number with a decimal comma and no thousands separator (`decimalen` fixes the places)."""
    if decimalen is not None:
        return Getal(f"{Decimal(str(waarde)):.{decimalen}f}".replace(".", ","))
    return Getal(str(waarde).replace(".", ","))


def cel(waarde) -> str:
    """One cell: formatted as the module docstring says, text neutralised."""
    if waarde is None:
        return ""
    if isinstance(waarde, Getal):
        return str(waarde)
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, Decimal | float):
        return getal(waarde, 2 if isinstance(waarde, Decimal) else None)
    if isinstance(waarde, datetime.datetime):
        if timezone.is_aware(waarde):
            waarde = timezone.localtime(waarde)
        return waarde.strftime("%Y-%m-%d %H:%M")
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    return neutraliseer(str(waarde))


class _Echo:
    def write(self, value):
        return value


def _regels(kop, rijen: Iterable) -> Iterable[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([cel(k) for k in kop])
    for rij in rijen:
        yield writer.writerow([cel(w) for w in rij])


def csv_tekst(kop, rijen) -> str:
    """The whole CSV as text (for a small table)."""
    return "".join(_regels(kop, rijen))


def _bijlage(response, bestandsnaam: str):
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def csv_download(bestandsnaam: str, kop, rijen) -> HttpResponse:
    """A small table as a CSV download."""
    return _bijlage(HttpResponse(csv_tekst(kop, rijen), content_type="text/csv; charset=utf-8"), bestandsnaam)


def csv_stroom(bestandsnaam: str, kop, rijen: Iterable) -> StreamingHttpResponse:
    """A CSV download streamed row by row: `rijen` is consumed lazily (an iterator over the
    database), so an export of a year of postings never sits in memory."""
    return _bijlage(
        StreamingHttpResponse(_regels(kop, rijen), content_type="text/csv; charset=utf-8"), bestandsnaam
    )
