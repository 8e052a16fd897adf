"""The beheerder's werkvoorraad sections (registered from `omo.apps`): role changes awaiting
a second beheerder, the closing days of next year, mails that failed and the mail queue."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omo import queries, rolbeheer
from omo.werkvoorraad import Item, Sectie, eerste, registreer


def _rolwijzigingen(user, limiet):
    aantal, rijen = eerste(queries.open_rolwijzigingen(), limiet)
    link = reverse("rolwijzigingen")
    return aantal, [
        Item(rolbeheer.omschrijving(w), link, sinds=w.voorgesteld_op,
             toelichting=_("voorgesteld door %(wie)s") % {"wie": w.voorgesteld_door or _("onbekend")})
        for w in rijen
    ]


def _sluitingsdagen(user, limiet):
    from omo.models import Sluitingsdag

    jaar = timezone.localdate().year + 1
    if Sluitingsdag.objects.filter(datum__year=jaar).exists():
        return 0, []
    return 1, [Item(_("Nog geen sluitingsdagen ingevoerd voor %(jaar)s") % {"jaar": jaar},
                    reverse("admin:omo_sluitingsdag_changelist"),
                    toelichting=_("Termijnen in werkdagen tellen ze pas mee als ze zijn ingevoerd."))]


def _systeem(user, limiet):
    from omo.health import check_redis

    items = []
    redis = check_redis()
    if redis != "ok":
        items.append(Item(_("De wachtrij (Redis) antwoordt niet: %(fout)s") % {"fout": redis},
                          reverse("gezondheid"), toelichting=_("Mails en termijnen wachten tot hij terug is.")))
    aantal, berichten = eerste(queries.mislukte_berichten(), limiet - len(items))
    for bericht in berichten:
        aan = ", ".join(bericht.aan)
        if bericht.laatste_fout:
            tekst = _("Mail aan %(aan)s niet verstuurd: %(fout)s") % {"aan": aan, "fout": bericht.laatste_fout[:120]}
        else:
            tekst = _("Mail aan %(aan)s wacht op verzending") % {"aan": aan}
        items.append(Item(tekst, sinds=bericht.aangemaakt_op, toelichting=_("%(n)s pogingen") % {"n": bericht.pogingen}))
    return aantal + len(items) - len(berichten), items


def registreer_secties():
    registreer(Sectie(
        "omo.rolwijzigingen", gettext_lazy("Rolwijzigingen die op goedkeuring wachten"), "omo.bekijk_rolwijzigingen",
        _rolwijzigingen, gettext_lazy("Geen rolwijzigingen die op je wachten."),
        inbox=lambda user: reverse("rolwijzigingen"), volgorde=900))
    registreer(Sectie(
        "omo.sluitingsdagen", gettext_lazy("Sluitingsdagen"), "omo.beheer", _sluitingsdagen,
        gettext_lazy("De sluitingsdagen van volgend jaar zijn ingevoerd."),
        inbox=lambda user: reverse("admin:omo_sluitingsdag_changelist"), volgorde=910))
    registreer(Sectie(
        "omo.systeem", gettext_lazy("Mails en systeem"), "omo.beheer", _systeem,
        gettext_lazy("Alle mails zijn verstuurd; de wachtrij werkt."), volgorde=920))


