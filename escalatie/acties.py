"""What the escalatie app adds to the case pages (through casussen.uitbreidingen): a tab with
the case's agenda items, escalations and verzoeken, and the links to agenda a case, send a
priority request and escalate, each only when its page's rule lets the user open it (the
rules answer from the loaded case and the cached roles: no queries)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casussen.models import Status
from casussen.uitbreidingen import (
    Actie,
    registreer_acties,
    registreer_bij_vervallen,
    registreer_tab,
)
from omo.toegang import mag


def _acties(user, casus):
    result = []
    if casus.status == Status.IN_VOORBEREIDING and mag(user, "escalatie.agendeer_casus", casus):
        result.append(Actie(_("Agenderen voor het OMO-overleg"), reverse("overleg_agenderen", kwargs={"pk": casus.pk}), True))
    if casus.status in (Status.BESPROKEN, Status.GEESCALEERD) and mag(user, "escalatie.escaleer"):
        result.append(Actie(_("Escaleren"), reverse("escalatie_nieuw", kwargs={"pk": casus.pk})))
    if casus.is_open and mag(user, "escalatie.stuur_verzoek", casus):
        result.append(Actie(_("Voorrangsverzoek sturen"), reverse("verzoek_nieuw", kwargs={"pk": casus.pk})))
    return result


def registreer():
    from escalatie import werkvoorraad

    werkvoorraad.registreer_secties()
    registreer_tab("escalaties", gettext_lazy("Overleg en escalatie"), "casus_escalaties")
    registreer_acties(_acties)
    from escalatie.services.overleg import bij_vervallen

    registreer_bij_vervallen(bij_vervallen)
