"""The werkvoorraad sections of overleg and escalatie: the next meeting (OMO-functionaris), the
escalations waiting for a decision (whoever decides them, and the OMO-functionaris who waits
on them), verzoeken past their term, and the casushouder's cases on a coming agenda. Each reads
through the query of the page it summarises."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from casussen.models import Scenario
from escalatie.models import Agendapunt, Overleg
from escalatie.queries import escalatie as escalatie_queries
from escalatie.queries import overleg as overleg_queries
from escalatie.queries import verzoek as verzoek_queries
from omo.werkvoorraad import Item, Sectie, eerste, registreer


def _escalaties(user, limiet):
    aantal, rijen = eerste(escalatie_queries.open_inbox(user), limiet)
    return aantal, [
        Item(_("%(code)s: %(titel)s") % {"code": e.casus.code, "titel": e.casus.titel},
             reverse("escalatie_detail", kwargs={"pk": e.pk}), sinds=e.aangevraagd_op, uiterlijk=e.uiterlijk_op,
             toelichting=_("bij %(niveau)s") % {"niveau": e.get_naar_niveau_display()})
        for e in rijen
    ]


def verzoeken_uiterlijk_vandaag(user):
    """The verzoeken `user` sees (the omo all; a consulent or coach those of their cases and
    their own) that nobody picked up and are due today or overdue (the list filtered on
    ‘termijn: vandaag’), the most overdue first."""
    return verzoek_queries.uiterlijk_vandaag(verzoek_queries.zichtbare_verzoeken(user)).select_related(
        "contactpersoon__organisatie", "casus").order_by("deadline", "pk")


def _verzoeken(user, limiet):
    aantal, rijen = eerste(verzoeken_uiterlijk_vandaag(user), limiet)
    return aantal, [
        Item(v.onderwerp, reverse("verzoek_detail", kwargs={"vid": v.pk}), sinds=v.ontvangen_op,
             uiterlijk=v.deadline, toelichting=str(v.contactpersoon or v.afzender or ""))
        for v in rijen
    ]


def _zonder_stukken():
    """Per meeting (as a subquery): its submitted items whose case has no scenario yet, the
    stukken the meeting reads (DESIGN §3: canvas and scenario's, due 2 werkdagen before)."""
    return Coalesce(Subquery(
        Agendapunt.objects.filter(overleg_id=OuterRef("pk"), status=Agendapunt.Status.INGEDIEND)
        .exclude(Exists(Scenario.objects.filter(casus_id=OuterRef("casus_id"))))
        .values("overleg_id").annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


def _overleg(user, limiet):
    vandaag = timezone.localdate()
    # The next three meetings; the link goes to the meeting list (every meeting, so no count).
    rijen = list(
        overleg_queries.overleggen().filter(status=Overleg.Status.GEPLAND, datum__gte=vandaag)
        .annotate(zonder_stukken=_zonder_stukken()).order_by("datum", "begintijd", "pk")[:min(limiet, 3)])
    return len(rijen), [
        Item(_("Overleg van %(dag)s") % {"dag": date_format(o.datum, "l j F")},
             reverse("overleg_detail", kwargs={"pk": o.pk}), stukken_voor=o.datum,
             toelichting=_("%(punten)s, %(zonder)s zonder scenario") % {
                 "punten": ngettext("%(n)s agendapunt", "%(n)s agendapunten", o.aantal_punten) % {"n": o.aantal_punten},
                 "zonder": o.zonder_stukken})
        for o in rijen
    ]


def _mijn_agendapunten(user, limiet):
    vandaag = timezone.localdate()
    aantal, rijen = eerste(
        Agendapunt.objects.filter(
            casus__casushouder=user, status=Agendapunt.Status.INGEDIEND,
            overleg__status=Overleg.Status.GEPLAND, overleg__datum__gte=vandaag,
        ).select_related("casus", "overleg").order_by("overleg__datum", "pk"), limiet)
    return aantal, [
        Item(_("%(code)s op de agenda van %(dag)s") % {"code": p.casus.code, "dag": date_format(p.overleg.datum, "j F")},
             reverse("casus_detail", kwargs={"pk": p.casus_id}), stukken_voor=p.overleg.datum,
             toelichting=_("canvas en scenario's klaar voor het overleg"))
        for p in rijen
    ]


def registreer_secties():
    registreer(Sectie(
        "escalatie.overleg", gettext_lazy("Volgend OMO-overleg"), "escalatie.leid_overleg", _overleg,
        gettext_lazy("Geen overleg gepland."), inbox=lambda user: reverse("overleg_lijst"), volgorde=200))
    registreer(Sectie(
        "escalatie.agenda", gettext_lazy("Mijn casussen op de agenda"), "casussen.behandel_casussen", _mijn_agendapunten,
        gettext_lazy("Geen van je casussen staat op een komende agenda."), volgorde=120))
    registreer(Sectie(
        "escalatie.escalaties", gettext_lazy("Escalaties die op een besluit wachten"), "escalatie.zie_escalaties",
        _escalaties, gettext_lazy("Geen escalaties die op een besluit wachten."),
        inbox=lambda user: reverse("escalatie_inbox"), volgorde=210))
    registreer(Sectie(
        "escalatie.verzoeken", gettext_lazy("Verzoeken die vandaag of eerder opgepakt moesten worden"),
        "escalatie.zie_verzoeken", _verzoeken, gettext_lazy("Geen verzoeken die vandaag of eerder opgepakt moesten worden."),
        inbox=lambda user: reverse("verzoek_lijst") + "?termijn=vandaag", volgorde=220))
