"""The roles of OMO (DESIGN §2): what each is called, who holds it and what it does.

Roles are Django groups, made by `sync_roles()` (called from data migrations, so every
environment has the same groups). A role carries no permissions itself: what it may do is
answered by the rules of each app's `rules.py` (`omo.rules` holds the role predicates they are
built from). Nothing outside a `rules.py` asks which roles a user has in order to decide.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

CONSULENT = "consulent"
MAATWERKCOACH = "maatwerkcoach"
OMO = "omo"
BUDGETHOUDER = "budgethouder"
PORTEFEUILLEHOUDER = "portefeuillehouder"
COLLEGE = "college"
BELEID = "beleid"
BEHEERDER = "beheerder"
PRIVACY = "privacy"


@dataclass(frozen=True)
class Rol:
    code: str
    naam: str
    wie: str
    taken: tuple = field(default_factory=tuple)


ROLLEN: dict[str, Rol] = {
    r.code: r
    for r in [
        Rol(
            CONSULENT,
            _("Consulent"),
            _("Casushouder in een wijkteam of bij Wmo, Jeugd, Participatie of Schulden"),
            (
                _("Vastgelopen casussen aanmelden"),
                _("Het maatwerkcanvas en oplossingsscenario's invullen"),
                _("Een casus agenderen voor het OMO-overleg"),
                _("Geld aanvragen uit een fonds"),
                _("Het doorbraakplan uitvoeren en de monitoring vastleggen"),
            ),
        ),
        Rol(
            MAATWERKCOACH,
            _("Maatwerkcoach"),
            _("Koploper of doorbraakcoach in een team"),
            (
                _("Meekijken (vier ogen) op plannen en kleine uitgaven van het team"),
                _("De casussen van het eigen team inzien"),
            ),
        ),
        Rol(
            OMO,
            _("OMO-functionaris"),
            _("Coördinator onconventionele maatwerkoplossingen"),
            (
                _("Alle casussen inzien en adviseren"),
                _("Het wekelijkse OMO-overleg voorzitten"),
                _("Besluiten binnen mandaat en escaleren"),
                _("Voorrangsverzoeken uitzetten (2 werkdagen)"),
                _("De kwartaalrapportage schrijven"),
            ),
        ),
        Rol(
            BUDGETHOUDER,
            _("Budgethouder"),
            _("Teamleider of opdrachtgever met een fonds"),
            (
                _("Aanvragen voor de eigen fondsen goedkeuren of afwijzen, met motivering"),
                _("Kleine uitgaven achteraf beoordelen"),
            ),
        ),
        Rol(
            PORTEFEUILLEHOUDER,
            _("Portefeuillehouder"),
            _("Wethouder"),
            (
                _("Escalaties ter afstemming ontvangen"),
                _("De uitkomst van een escalatie vastleggen"),
            ),
        ),
        Rol(
            COLLEGE,
            _("College"),
            _("College van burgemeester en wethouders (secretaris)"),
            (
                _("Besluiten over escalaties boven de beschikbare budgetten"),
                _("De kwartaalrapportages ontvangen"),
            ),
        ),
        Rol(
            BELEID,
            _("Beleidsmedewerker"),
            _("Beleid: dashboards en patronen, geaggregeerd"),
            (
                _("Het dashboard met geaggregeerde cijfers bekijken"),
                _("Patronen en structurele signalen oppakken"),
            ),
        ),
        Rol(
            BEHEERDER,
            _("Beheerder"),
            _("Functioneel beheerder"),
            (
                _("Gebruikers, teams en rollen beheren"),
                _("Sluitingsdagen van de gemeente beheren"),
                _("Fondsen, prijslijst, wettelijke grondslagen en organisaties beheren"),
                _("Het auditlog inzien"),
            ),
        ),
        Rol(
            PRIVACY,
            _("Privacyfunctionaris"),
            _("Functionaris gegevensbescherming (FG) of privacy officer"),
            (
                _("Inzage- en wijzigingslog lezen: wie zag welk huishouden, wanneer en waar"),
                _("De maandelijkse vernietigingslijst vaststellen of posten aanhouden"),
                _("Een inzageverzoek (AVG art. 15) van een huishouden beantwoorden"),
            ),
        ),
    ]
}


def sync_roles(apps=None) -> None:
    """Create the role groups, each without model permissions: what a role may do is asked of
    the rules (`omo.rules`, `<app>.rules`), never of a group's or a user's permissions.

    Idempotent. Pass the historical `apps` from a data migration.
    """
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Group = apps.get_model("auth", "Group")
    for code in ROLLEN:
        group, _created = Group.objects.get_or_create(name=code)
        group.permissions.clear()


def roles_of(user) -> list[str]:
    """The role codes of a user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_omo_rollen", None)
    if cached is None:
        if "groups" in getattr(user, "_prefetched_objects_cache", {}):
            namen = [group.name for group in user.groups.all()]
        else:
            namen = user.groups.values_list("name", flat=True)
        cached = sorted(name for name in namen if name in ROLLEN)
        user._omo_rollen = cached
    return cached
