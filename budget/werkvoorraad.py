"""The budget holder's (and the coach's) werkvoorraad sections: requests awaiting a decision
and small spends to review afterwards, read through the same queries as their inboxes."""

from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget import queries
from omo.templatetags.omo_format import format_euro
from omo.werkvoorraad import Item, Sectie, eerste, registreer


def _tekst(aanvraag) -> str:
    return _("%(code)s: %(bedrag)s uit %(fonds)s") % {
        "code": aanvraag.casus.code, "bedrag": format_euro(aanvraag.bedrag), "fonds": aanvraag.fonds.naam}


def _inbox(user, limiet):
    aantal, rijen = eerste(queries.inbox(user), limiet)
    return aantal, [
        Item(_tekst(a), reverse("aanvraag_detail", kwargs={"pk": a.pk}), sinds=a.ingediend_op, toelichting=a.doel)
        for a in rijen
    ]


def _achteraf(user, limiet):
    aantal, rijen = eerste(queries.te_beoordelen(user).order_by("ingediend_op", "pk"), limiet)
    link = reverse("budget_achteraf")
    return aantal, [Item(_tekst(a), link, sinds=a.ingediend_op, toelichting=a.doel) for a in rijen]


def _te_betalen(user, limiet):
    aantal, rijen = eerste(queries.te_betalen(user), limiet)
    return aantal, [
        Item(_tekst(a), reverse("aanvraag_detail", kwargs={"pk": a.pk}), sinds=a.besloten_op,
             toelichting=_("nog %(b)s gereserveerd") % {"b": format_euro(a.gereserveerd)})
        for a in rijen
    ]


def _achterstand(user, limiet):
    """Loans behind their plan; the deadline is the first monthly term not (fully) repaid."""
    dag = timezone.localdate()
    aantal, rijen = eerste(queries.in_achterstand(user, dag), limiet)
    items = []
    for a in queries.met_aflosstand(rijen, dag):
        betaalde_termijnen = int(a.afgelost // a.termijnbedrag)
        items.append(Item(
            _("%(code)s: %(fonds)s") % {"code": a.casus.code, "fonds": a.fonds.naam},
            reverse("aanvraag_detail", kwargs={"pk": a.pk}),
            uiterlijk=a.eerste_termijn + relativedelta(months=betaalde_termijnen),
            toelichting=_("%(b)s achter, aflossing %(t)s per maand") % {
                "b": format_euro(a.achterstand), "t": format_euro(a.termijnbedrag)}))
    return aantal, items


def registreer_secties():
    registreer(Sectie(
        "budget.inbox", gettext_lazy("Aanvragen die op je besluit wachten"), "budget.beslis_aanvragen", _inbox,
        gettext_lazy("Geen aanvragen die op je besluit wachten."),
        inbox=lambda user: reverse("budget_inbox"), volgorde=300))
    registreer(Sectie(
        "budget.achteraf", gettext_lazy("Achteraf beoordelen"), "budget.zie_achteraf", _achteraf,
        gettext_lazy("Geen uitgaven om achteraf te beoordelen."),
        inbox=lambda user: reverse("budget_achteraf"), volgorde=310))
    registreer(Sectie(
        "budget.te_betalen", gettext_lazy("Goedgekeurd, nog te betalen"), "budget.boek_betalingen", _te_betalen,
        gettext_lazy("Geen goedgekeurde aanvragen die nog betaald moeten worden."), volgorde=320))
    registreer(Sectie(
        "budget.achterstand", gettext_lazy("Aflossingen in achterstand"), "budget.boek_betalingen", _achterstand,
        gettext_lazy("Geen leningen in achterstand."),
        inbox=lambda user: reverse("budget_leningen") + "?achterstand=1", volgorde=330))
