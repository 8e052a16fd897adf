"""The main menu: its groups and entries, each entry behind the rule that decides whether its
page opens for the user (the same rules the pages ask; `omo.toegang.mag`).

A group shows when at least one of its entries does. The entry whose address is the longest
prefix of the current path is the active one (`/casussen/12/canvas/` belongs to "Casussen"), so
the menu can mark both the page (aria-current="page") and its group.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omo.toegang import mag

# (group label, [(entry label, URL name, rule)]) in the order the bar shows them.
GROEPEN = [
    (_("Casussen"), [
        (_("Casussen"), "casus_lijst", "casussen.werk_met_casussen"),
        (_("Inspiratie"), "inspiratie", "casussen.werk_met_casussen"),
        (_("Prijslijst"), "prijslijst", "casussen.raadpleeg_referenties"),
        (_("Grondslagen"), "grondslagen", "casussen.raadpleeg_referenties"),
    ]),
    (_("Overleg"), [
        (_("Overleg"), "overleg_lijst", "escalatie.zie_overleggen"),
        (_("Escalaties"), "escalatie_inbox", "escalatie.zie_escalaties"),
        (_("Verzoeken"), "verzoek_lijst", "escalatie.zie_verzoeken"),
        (_("Telefoonlijst"), "telefoonlijst", "escalatie.raadpleeg_telefoonlijst"),
    ]),
    (_("Geld"), [
        (_("Aanvragen"), "budget_inbox", "budget.beslis_aanvragen"),
        (_("Fondsen"), "budget_fondsen", "budget.zie_fondsen"),
    ]),
    (_("Inzicht"), [
        (_("Dashboard"), "rapportage_dashboard", "rapportage.bekijk_dashboard"),
        (_("Signalen"), "signaal_lijst", "rapportage.zie_signalen"),
        (_("Patronen"), "patroon_lijst", "rapportage.zie_patronen"),
        (_("Rapportages"), "rapport_lijst", "rapportage.zie_rapporten"),
    ]),
    (_("Privacy"), [
        (_("Logboeken"), "logboek", "privacy.lees_logboeken"),
        (_("Vernietigingslijsten"), "vernietigingslijsten", "privacy.beheer_vernietiging"),
        (_("Inzageverzoek"), "privacy_inzage", "privacy.maak_inzage_export"),
    ]),
    (_("Beheer"), [
        (_("Rolwijzigingen"), "rolwijzigingen", "omo.bekijk_rolwijzigingen"),
        (_("Auditlog"), "audit", "omo.bekijk_audit"),
        (_("Verzonden e-mails"), "verzonden_mails", "omo.bekijk_verzonden_mails"),
        (_("Beheeromgeving"), "admin:index", "omo.beheer"),
    ]),
]

# Entries whose page only exists in development.
ALLEEN_DEBUG = {"verzonden_mails"}


@dataclass
class Item:
    label: str
    url: str
    actief: bool = False


@dataclass
class Groep:
    label: str
    sleutel: str
    items: list[Item] = field(default_factory=list)

    @property
    def actief(self) -> bool:
        return any(item.actief for item in self.items)


def hoofdmenu(user, path: str) -> list[Groep]:
    """The groups `user` sees, each with the entries whose rule holds, the current one marked."""
    groepen = []
    for label, entries in GROEPEN:
        groep = Groep(label=label, sleutel=f"menu-{len(groepen) + 1}")
        for item_label, url_name, perm in entries:
            if url_name in ALLEEN_DEBUG and not settings.DEBUG:
                continue
            if mag(user, perm):
                groep.items.append(Item(label=item_label, url=reverse(url_name)))
        if groep.items:
            groepen.append(groep)
    items = [item for groep in groepen for item in groep.items]
    matches = [item for item in items if path == item.url or path.startswith(item.url)]
    if matches:
        max(matches, key=lambda item: len(item.url)).actief = True
    return groepen
