"""The werkvoorraad sections of beleid and the OMO-functionaris: the structurele signalen
(newest first), the patronen per phase and the latest reports, each read through the query of
the list it summarises."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omo.werkvoorraad import Item, Sectie, eerste, registreer
from rapportage.models import Patroon, Rapport
from rapportage.queries import rapporten as rapport_queries
from rapportage.queries import signalen as signaal_queries
from rapportage.services.signalen import omschrijving


def _signalen(user, limiet):
    aantal, rijen = eerste(signaal_queries.groepen().order_by("-signaal_sinds", "pk"), limiet)
    return aantal, [
        Item(omschrijving(g), reverse("signaal_detail", args=[g.pk]), sinds=g.signaal_sinds,
             toelichting=_("in %(n)s casussen") % {"n": g.aantal_casussen})
        for g in rijen
    ]


def _patronen(user, limiet):
    per_fase = dict(Patroon.objects.values_list("fase").annotate(n=Count("pk")).order_by())
    link = reverse("patroon_lijst")
    items = [
        Item(_("%(fase)s: %(n)s") % {"fase": label, "n": per_fase[fase]}, f"{link}?fase={fase}")
        for fase, label in Patroon.Fase.choices if per_fase.get(fase)
    ]
    return sum(per_fase.values()), items


def _rapporten(user, limiet):
    # The list's query without the files it prefetches (this section shows no download).
    aantal, rijen = eerste(rapport_queries.lijst(user).prefetch_related(None), min(limiet, 3))
    return aantal, [
        Item(r.titel, reverse("rapport_detail", kwargs={"pk": r.pk}),
             toelichting=_("concept: schrijf de bevindingen") if r.status == Rapport.Status.CONCEPT else _("definitief"))
        for r in rijen
    ]


def registreer_secties():
    registreer(Sectie(
        "rapportage.signalen", gettext_lazy("Structurele signalen"), "rapportage.zie_signalen", _signalen,
        gettext_lazy("Geen structurele signalen."), inbox=lambda user: reverse("signaal_lijst"), volgorde=600))
    registreer(Sectie(
        "rapportage.patronen", gettext_lazy("Patronen per fase"), "rapportage.zie_patronen", _patronen,
        gettext_lazy("Nog geen patronen."), inbox=lambda user: reverse("patroon_lijst"), volgorde=610))
    registreer(Sectie(
        "rapportage.rapporten", gettext_lazy("Rapportages"), "rapportage.zie_rapporten", _rapporten,
        gettext_lazy("Nog geen rapportages."), inbox=lambda user: reverse("rapport_lijst"), volgorde=620))
