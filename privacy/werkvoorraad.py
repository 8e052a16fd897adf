"""The privacy officer's werkvoorraad: vernietigingslijsten that wait for adoption, each with
its number of items, read through the query of the list page it links to."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from omo.werkvoorraad import Item, Sectie, eerste, registreer
from privacy.models import Vernietigingslijst
from privacy.queries import vernietiging as queries


def _wachtend(user, limiet):
    aantal, rijen = eerste(queries.wachtend(), limiet)
    return aantal, [
        Item(
            _("Vernietigingslijst %(maand)s") % {"maand": date_format(lijst.peildatum, "F Y")},
            reverse("vernietigingslijst", args=[lijst.pk]),
            sinds=lijst.opgesteld_op,
            toelichting=ngettext("%(n)s post", "%(n)s posten", lijst.aantal_posten) % {"n": lijst.aantal_posten},
        )
        for lijst in rijen
    ]


def registreer_secties():
    registreer(Sectie(
        "privacy.vernietigingslijsten", gettext_lazy("Vernietigingslijsten die op vaststelling wachten"),
        "privacy.beheer_vernietiging", _wachtend, gettext_lazy("Geen vernietigingslijst wacht op je."),
        inbox=lambda user: reverse("vernietigingslijsten") + f"?status={Vernietigingslijst.Status.VOORGESTELD}",
        volgorde=700,
    ))
