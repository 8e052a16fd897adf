"""How the budget app connects to the others without them importing it:
- the case pages get a tab "Geld" and the link "Geld aanvragen" (casussen.uitbreidingen);
- the level suggestion of the escalation ladder reads the real mandates and balances
  (escalatie.niveau.registreer_budgetbron);
- the College's decision on an escalated request comes back to the request
  (escalatie.services.escalatie.registreer_aanvraagbesluit)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casussen.models import Status
from casussen.uitbreidingen import Actie, registreer_acties, registreer_tab


def _acties(user, casus):
    from budget.services.aanvraag import mag_aanvragen

    if casus.status != Status.AFGESLOTEN and mag_aanvragen(user, casus):
        return [Actie(_("Geld aanvragen"), reverse("aanvraag_nieuw", kwargs={"pk": casus.pk}))]
    return []


def registreer():
    from budget import queries
    from budget.services.aanvraag import verwerk_college_besluit
    from escalatie import niveau
    from escalatie.services.escalatie import registreer_aanvraagbesluit

    registreer_tab("geld", gettext_lazy("Geld"), "casus_geld")
    registreer_acties(_acties)
    niveau.registreer_budgetbron(queries.budgetgrenzen, queries.budget_annotaties)
    registreer_aanvraagbesluit(verwerk_college_besluit)
