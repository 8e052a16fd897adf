"""Read queries of the reference pages: the maatschappelijke prijslijst and the wettelijke
grondslagen. No case content is read here, so no visibility filter applies."""

import datetime
import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from casussen.models import Leefgebied, Prijs, WettelijkeGrondslag

ZOEK_CONFIG = "dutch"


def _vandaag() -> datetime.date:
    return timezone.localdate()


def alleen_geldig(queryset, op_datum: datetime.date | None = None):
    """Restrict Prijs rows to the version valid on `op_datum` (default today) per item: the row
    with the latest `geldig_vanaf` on or before that date. Done in SQL (NOT EXISTS a newer valid
    version of the same item), so it combines with any other filter, count and pagination."""
    op_datum = op_datum or _vandaag()
    nieuwer = Prijs.objects.filter(
        item=OuterRef("item"),
        geldig_vanaf__gt=OuterRef("geldig_vanaf"),
        geldig_vanaf__lte=op_datum,
    )
    return queryset.filter(geldig_vanaf__lte=op_datum).filter(~Exists(nieuwer))


def prijzen(op_datum: datetime.date | None = None):
    """All versions of all prices, ready for the list: geldstroom joined and `vervangen` telling
    whether a newer version of the same item already applies on `op_datum` (default today)."""
    op_datum = op_datum or _vandaag()
    nieuwer = Prijs.objects.filter(
        item=OuterRef("item"),
        geldig_vanaf__gt=OuterRef("geldig_vanaf"),
        geldig_vanaf__lte=op_datum,
    )
    return (
        Prijs.objects.select_related("geldstroom")
        .annotate(vervangen=Exists(nieuwer))
        .order_by("item", "-geldig_vanaf")
    )


def geldige_prijzen(op_datum: datetime.date | None = None):
    """The Prijs rows valid on `op_datum` (default today), one per item, ordered by item.

    Used by the price picker of the cost lines: a future price is not offered yet, an older
    version is not offered once a newer one applies."""
    return alleen_geldig(prijzen(op_datum), op_datum).order_by("item")


def grondslagen():
    """The legal bases in use (a beheerder retires one by making it inactive)."""
    return WettelijkeGrondslag.objects.filter(actief=True).order_by("wet", "artikel")


def _prefix_tsquery(tekst: str) -> SearchQuery | None:
    """A Dutch full-text query where every word must match as a stemmed prefix: "schulden" is
    stemmed to "schuld" and then also finds "schuldhulpverlening". Only word characters reach
    PostgreSQL, so user input can never break the tsquery syntax."""
    woorden = re.findall(r"[^\W_]+", tekst)
    if not woorden:
        return None
    raw = " & ".join(f"{woord}:*" for woord in woorden)
    return SearchQuery(raw, config=ZOEK_CONFIG, search_type="raw")


def zoek(queryset, tekst: str, velden: list[str], exact_velden: list[str]):
    """Rows whose `velden` match `tekst` in Dutch full text, or whose `exact_velden` contain it
    literally (for article numbers such as "4:84")."""
    tekst = (tekst or "").strip()
    if not tekst:
        return queryset
    voorwaarde = Q()
    for veld in exact_velden:
        voorwaarde |= Q(**{f"{veld}__icontains": tekst})
    query = _prefix_tsquery(tekst)
    if query is not None:
        queryset = queryset.annotate(_zoekvector=SearchVector(*velden, config=ZOEK_CONFIG))
        voorwaarde |= Q(_zoekvector=query)
    return queryset.filter(voorwaarde)


def leefgebied_ids() -> dict[str, int]:
    """Leefgebied code → key (the case list filters on the key; reports name it by code)."""
    return dict(Leefgebied.objects.values_list("code", "pk"))
