"""Reads for the signal pages: knelpunt groups, their knelpunten and the patronen they feed.

Only `knelpunten_van` reads case data (code, description); its callers show it to the
OMO-functionaris alone (`rapportage.lees_knelpunttekst`)."""

from django.db.models import Q

from casussen.models import Knelpunt
from rapportage.models import Knelpuntgroep, Patroon


def groepen(alle: bool = False):
    """The structurele signalen (or, with `alle`, every group), largest first."""
    qs = Knelpuntgroep.objects.select_related("organisatie", "grondslag").order_by("-aantal_casussen", "pk")
    return qs if alle else qs.filter(signaal_sinds__isnull=False)


def zoek(queryset, tekst: str):
    tekst = (tekst or "").strip()
    if not tekst:
        return queryset
    return queryset.filter(
        Q(regel__icontains=tekst)
        | Q(organisatie__naam__icontains=tekst)
        | Q(grondslag__wet__icontains=tekst)
        | Q(grondslag__artikel__iexact=tekst)
    )


def groep(pk):
    return Knelpuntgroep.objects.select_related("organisatie", "grondslag").filter(pk=pk).first()


def knelpunten_van(groep):
    """The knelpunten of a group with their case (omo only), oldest first."""
    return list(
        Knelpunt.objects.filter(indeling__groep=groep)
        .select_related("casus", "indeling", "organisatie", "grondslag")
        .order_by("aangemaakt_op", "pk")
    )


def patronen_van(groep):
    """The patronen fed by at least one knelpunt of the group."""
    return list(
        Patroon.objects.filter(knelpunten__indeling__groep=groep)
        .distinct()
        .select_related("eigenaar")
        .order_by("titel", "pk")
    )


def koppelbare_groepen(behalve=None):
    """Groups to link a knelpunt into (groups that have cases): signals first, then the largest."""
    qs = (
        Knelpuntgroep.objects.filter(aantal_casussen__gt=0)
        .select_related("organisatie", "grondslag")
        .order_by("signaal_sinds", "-aantal_casussen", "pk")
    )
    return qs.exclude(pk=behalve.pk) if behalve is not None else qs
