"""The casushouder's werkvoorraad sections: their cases still being prepared (canvas and
scenarios to complete before the overleg) and their cases with an evaluation due, each read
through the case list's query and linked to that list filtered the same way."""

from urllib.parse import urlencode

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casussen.models import Evaluatie, Status
from casussen.queries.casus import casus_lijst
from omo.werkvoorraad import Item, Sectie, eerste, registreer

IN_VOORBEREIDING = (Status.AANGEMELD, Status.IN_VOORBEREIDING)


def in_voorbereiding(user):
    return casus_lijst(user).filter(casushouder=user, status__in=IN_VOORBEREIDING).order_by("aangemaakt_op", "pk")


def evaluatie_verlopen(user):
    """The list filtered on ‘evaluatie verlopen’, with the date of the earliest evaluation due
    (in the same query), that one first."""
    vandaag = timezone.localdate()
    eerste_gepland = Evaluatie.objects.filter(
        casus_id=OuterRef("pk"), uitkomst="", gepland_op__lte=vandaag).order_by("gepland_op").values("gepland_op")[:1]
    return (
        casus_lijst(user).filter(casushouder=user, evaluatie_verlopen=True)
        .annotate(evaluatie_gepland=Subquery(eerste_gepland)).order_by("evaluatie_gepland", "pk")
    )


def _lijst(user, **filters) -> str:
    return reverse("casus_lijst") + "?" + urlencode({"casushouder": user.pk, **filters}, doseq=True)


def _items(rijen, toelichting, **datum):
    return [
        Item(_("%(code)s: %(titel)s") % {"code": c.code, "titel": c.titel},
             reverse("casus_detail", kwargs={"pk": c.pk}), toelichting=toelichting(c),
             **{soort: getattr(c, veld) for soort, veld in datum.items()})
        for c in rijen
    ]


def _voorbereiding(user, limiet):
    aantal, rijen = eerste(in_voorbereiding(user), limiet)
    return aantal, _items(rijen, lambda c: c.get_status_display(), sinds="aangemaakt_op")


def _evaluaties(user, limiet):
    aantal, rijen = eerste(evaluatie_verlopen(user), limiet)
    return aantal, _items(
        rijen, lambda c: _("evaluatie gepland op %(d)s") % {"d": date_format(c.evaluatie_gepland, "j F Y")},
        uiterlijk="evaluatie_gepland")


def registreer_secties():
    registreer(Sectie(
        "casussen.voorbereiding", gettext_lazy("Mijn casussen in voorbereiding"), "casussen.behandel_casussen",
        _voorbereiding, gettext_lazy("Geen casussen in voorbereiding."),
        inbox=lambda user: _lijst(user, status=[s.value for s in IN_VOORBEREIDING]), volgorde=100))
    registreer(Sectie(
        "casussen.evaluaties", gettext_lazy("Evaluaties die vastgelegd kunnen worden"), "casussen.behandel_casussen",
        _evaluaties, gettext_lazy("Geen evaluaties die op je wachten."),
        inbox=lambda user: _lijst(user, evaluatie_verlopen="on"), volgorde=110))
