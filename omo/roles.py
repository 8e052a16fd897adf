"""Roles and authorisation: the one place that answers "may this user do this to this object".

Roles are Django groups (DESIGN §2). Model permissions per role live in `ROLE_PERMISSIONS`
and are written to the groups by `sync_roles()` (called from data migrations, so every
environment has the same groups). Object-level rules are registered here with the `rules`
package; views ask `user.has_perm("app.codename", obj)` and never check a role themselves.
Later apps add their permissions and rules to this module.
"""

from dataclasses import dataclass, field

import rules
from django.utils.translation import gettext_lazy as _

CONSULENT = "consulent"
MAATWERKCOACH = "maatwerkcoach"
OMO = "omo"
BUDGETHOUDER = "budgethouder"
PORTEFEUILLEHOUDER = "portefeuillehouder"
COLLEGE = "college"
BELEID = "beleid"
BEHEERDER = "beheerder"


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
    ]
}

# Model permissions per role ("app_label.codename"). Later apps extend this mapping.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    CONSULENT: set(),
    MAATWERKCOACH: set(),
    OMO: set(),
    BUDGETHOUDER: set(),
    PORTEFEUILLEHOUDER: set(),
    COLLEGE: set(),
    BELEID: set(),
    BEHEERDER: {
        "omo.view_user",
        "omo.add_user",
        "omo.change_user",
        "omo.view_team",
        "omo.add_team",
        "omo.change_team",
        "omo.delete_team",
        "omo.view_sluitingsdag",
        "omo.add_sluitingsdag",
        "omo.change_sluitingsdag",
        "omo.delete_sluitingsdag",
        "omo.bekijk_audit",
        "auth.view_group",
        # Reference data of the case pages (prices are versioned: add a row, never delete).
        "casussen.view_leefgebied",
        "casussen.add_leefgebied",
        "casussen.change_leefgebied",
        "casussen.delete_leefgebied",
        "casussen.view_geldstroom",
        "casussen.add_geldstroom",
        "casussen.change_geldstroom",
        "casussen.delete_geldstroom",
        "casussen.view_organisatie",
        "casussen.add_organisatie",
        "casussen.change_organisatie",
        "casussen.delete_organisatie",
        "casussen.view_wettelijkegrondslag",
        "casussen.add_wettelijkegrondslag",
        "casussen.change_wettelijkegrondslag",
        "casussen.delete_wettelijkegrondslag",
        "casussen.view_prijs",
        "casussen.add_prijs",
        "casussen.change_prijs",
        # Funds and their rules; the ledger itself is changed only through the budget pages.
        "budget.view_fonds",
        "budget.add_fonds",
        "budget.change_fonds",
    },
}


def sync_roles(apps=None) -> None:
    """Create the role groups and give them exactly the permissions of ROLE_PERMISSIONS.

    Idempotent. Pass the historical `apps` from a data migration.
    """
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        if getattr(app_config, "models_module", None) is None:
            # Historical app registry in a migration: permissions are normally created only
            # after all migrations ran (post_migrate); create them now so they can be assigned.
            app_config.models_module = True
            create_permissions(app_config, verbosity=0, apps=apps)
            app_config.models_module = None
        else:
            create_permissions(app_config, verbosity=0, apps=apps)
    for code, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=code)
        wanted = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            # A model of a later app does not exist yet in an early migration; that app's own
            # migration calls sync_roles again once its models are there.
            if found is not None:
                wanted.append(found)
        group.permissions.set(wanted)


def roles_of(user) -> list[str]:
    """The role codes of a user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_omo_rollen", None)
    if cached is None:
        cached = sorted(
            name for name in user.groups.values_list("name", flat=True) if name in ROLLEN
        )
        user._omo_rollen = cached
    return cached


def gebruikers_met_rol(*role_codes) -> list:
    """The active users with one of these roles (each once, in a stable order): who is told."""
    from omo.models import User

    return list(User.objects.filter(groups__name__in=role_codes, is_active=True).distinct().order_by("pk"))


def has_role(user, code: str) -> bool:
    return code in roles_of(user)


def _role_predicate(code: str):
    @rules.predicate(name=f"heeft_rol_{code}")
    def predicate(user):
        return has_role(user, code)

    return predicate


is_consulent = _role_predicate(CONSULENT)
is_maatwerkcoach = _role_predicate(MAATWERKCOACH)
is_omo = _role_predicate(OMO)
is_budgethouder = _role_predicate(BUDGETHOUDER)
is_portefeuillehouder = _role_predicate(PORTEFEUILLEHOUDER)
is_college = _role_predicate(COLLEGE)
is_beleid = _role_predicate(BELEID)
is_beheerder = _role_predicate(BEHEERDER)


@rules.predicate
def is_eigen_notificatie(user, notificatie):
    return notificatie is not None and notificatie.gebruiker_id == user.pk


# --- Rules -----------------------------------------------------------------------------------
# Object rules: asked as user.has_perm(name, obj). Group permissions (ModelBackend) cover the
# plain model permissions above; rules cover what depends on the object or on a role.
rules.add_perm("omo.lees_notificatie", is_eigen_notificatie)
# Also a group permission of beheerder; as a rule it is answered from the (cached) roles, so the
# menu needs no permission queries.
rules.add_perm("omo.bekijk_audit", is_beheerder)
