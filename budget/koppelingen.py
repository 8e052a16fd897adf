"""How the budget app connects to the apps below it without them importing it:
- the case pages get a tab "Geld" and the link "Geld aanvragen" (casussen.uitbreidingen);
- the level suggestion of the escalation ladder reads the real mandates and balances
  (escalatie.niveau.registreer_budgetbron: a read of the funds, nothing is changed through it).
The College's decision on a fund request is the budget app's own (`budget.services.aanvraag.
beslis_als_college`), which closes the request's escalation through the escalatie services."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casussen.uitbreidingen import (
    Actie,
    registreer_acties,
    registreer_bij_vervallen,
    registreer_tab,
)
from omo.toegang import mag


def _acties(user, casus):
    if casus.is_open and mag(user, "budget.vraag_geld_aan_voor", casus):
        return [Actie(_("Geld aanvragen"), reverse("aanvraag_nieuw", kwargs={"pk": casus.pk}))]
    return []


def registreer():
    from budget import queries, werkvoorraad
    from escalatie import niveau

    werkvoorraad.registreer_secties()
    registreer_tab("geld", gettext_lazy("Geld"), "casus_geld")
    registreer_acties(_acties)
    from budget.services.aanvraag import bij_vervallen

    registreer_bij_vervallen(bij_vervallen)
    niveau.registreer_budgetbron(queries.budgetgrenzen, queries.budget_annotaties)
