"""Reads for the verzoek pages and the compliance figure of the dashboard."""

from datetime import date, datetime, time

from django.db.models import Count, F, Q
from django.utils import timezone

from escalatie import rules
from escalatie.models import Contactpersoon, Verzoek
from omo.werkdagen import AMSTERDAM


def zichtbare_verzoeken(user):
    """The rule `escalatie.bekijk_verzoek` as a filter (its twin), for the list."""
    return Verzoek.objects.filter(rules.zichtbare_verzoeken(user))


def uiterlijk_vandaag(verzoeken, vandaag: date | None = None):
    """The verzoeken not yet picked up whose deadline is today or has passed (Amsterdam days)."""
    vandaag = vandaag or timezone.localdate()
    eind = datetime.combine(vandaag, time.max, tzinfo=AMSTERDAM)
    return verzoeken.filter(status__in=[Verzoek.Status.OPEN, Verzoek.Status.VERLOPEN], deadline__lte=eind)


def nalevingsgraad(van: date, tot: date, now=None) -> dict:
    """The share of verzoeken received in [van, tot] (Amsterdam dates) that were picked up
    within their term. Counted: those picked up, and those whose deadline has passed (an open
    one that may still be picked up in time does not count yet: `open`). One aggregate query."""
    now = now or timezone.now()
    begin = datetime.combine(van, time.min, tzinfo=AMSTERDAM)
    eind = datetime.combine(tot, time.max, tzinfo=AMSTERDAM)
    telt = Q(opgepakt_op__isnull=False) | Q(deadline__lt=now)
    r = Verzoek.objects.filter(ontvangen_op__gte=begin, ontvangen_op__lte=eind).aggregate(
        totaal=Count("pk", filter=telt),
        binnen_termijn=Count("pk", filter=Q(opgepakt_op__isnull=False, opgepakt_op__lte=F("deadline"))),
        open=Count("pk", filter=~telt),
    )
    r["percentage"] = round(100 * r["binnen_termijn"] / r["totaal"], 1) if r["totaal"] else None
    return r


def telefoonlijst():
    return Contactpersoon.objects.select_related("organisatie", "escalatiecontact")
