"""Reads of the report pages: the list a user may see, one report with its versions and files."""

from django.db.models import Prefetch

from rapportage import rules
from rapportage.models import Rapport, RapportBestand

LIJST_VELDEN = ("id", "soort", "titel", "van", "tot", "versie", "status", "definitief_op", "cijfers_op")


def zichtbare_rapporten(user):
    """The rule `rapportage.bekijk_rapport` as a filter (its twin, `rapportage.rules`)."""
    return Rapport.objects.filter(rules.zichtbare_rapporten(user))


def lijst(user):
    """The reports for the list page, newest period first, without the (large) frozen figures."""
    return (
        zichtbare_rapporten(user)
        .only(*LIJST_VELDEN)
        .prefetch_related(Prefetch("bestanden", queryset=RapportBestand.objects.only("id", "rapport_id", "variant")))
        .order_by("-tot", "-van", "soort", "-versie")
    )


def jaren(user) -> list[int]:
    return sorted({d.year for d in zichtbare_rapporten(user).dates("tot", "year")}, reverse=True)


def rapport(pk: int) -> Rapport | None:
    return (
        Rapport.objects.filter(pk=pk)
        .select_related("definitief_door", "gewijzigd_door")
        .prefetch_related("bestanden")
        .first()
    )


def versies(user, rapport: Rapport) -> list[Rapport]:
    """Every version of the report's period that `user` may see, oldest first (one query: the
    versions of a report share kind and period)."""
    return list(
        zichtbare_rapporten(user)
        .filter(soort=rapport.soort, van=rapport.van, tot=rapport.tot)
        .only("id", "versie", "status", "definitief_op", "titel", "vorige_id")
        .order_by("versie")
    )
