"""The rules of the shared core, and the role predicates every app's rules are built from.

Every "may this user" of OMO is a rule in an app's `rules.py`, registered with the `rules`
package and asked through `omo.toegang` (`mag`, `vereis`, the view helpers), the `{% has_perm %}`
template tag or, for the admin, `user.has_perm`. Views, services, templates, menus,
notifications and list querysets ask a rule; none of them looks at a user's roles itself.

Roles are groups (`omo.roles`); a group carries no permissions, and the authentication backend
(`omo.backends.RoleModelBackend`) grants no model permission of its own: the admin's
view/add/change/delete permissions are rules too (`beheer_rechten`).

A list shows only what the detail page would show: a list rule has a queryset twin, a `Q` built
here next to the rule from the same role predicates and registered with `tweeling(...)`;
`tests/omo/test_tweelingen.py` checks that rule and twin agree on every demo object for every
demo account.
"""

from dataclasses import dataclass

import rules
from django.db.models import Q

from omo import roles


def _rollen(user) -> list[str]:
    return roles.roles_of(user)


def heeft_rol(user, code: str) -> bool:
    """For predicates and queryset twins only (in a `rules.py`): does `user` hold the role."""
    return code in _rollen(user)


def _role_predicate(code: str):
    @rules.predicate(name=f"heeft_rol_{code}")
    def predicate(user):
        return heeft_rol(user, code)

    return predicate


is_consulent = _role_predicate(roles.CONSULENT)
is_maatwerkcoach = _role_predicate(roles.MAATWERKCOACH)
is_omo = _role_predicate(roles.OMO)
is_budgethouder = _role_predicate(roles.BUDGETHOUDER)
is_portefeuillehouder = _role_predicate(roles.PORTEFEUILLEHOUDER)
is_college = _role_predicate(roles.COLLEGE)
is_beleid = _role_predicate(roles.BELEID)
is_beheerder = _role_predicate(roles.BEHEERDER)
is_privacy = _role_predicate(roles.PRIVACY)

# Who works with cases: files them, is a medebehandelaar, coaches a team or runs the overleg.
heeft_casusrol = is_consulent | is_maatwerkcoach | is_omo
# A role with a working relation to cases, escalations or money (not the beheerder, who keeps
# the reference data and the users, nor beleid, who sees aggregates only).
heeft_werkrol = heeft_casusrol | is_budgethouder | is_portefeuillehouder | is_college


@rules.predicate
def is_eigen_notificatie(user, notificatie):
    return notificatie is not None and notificatie.gebruiker_id == user.pk


# --- Queryset twins --------------------------------------------------------------------------


@dataclass(frozen=True)
class Tweeling:
    """A list rule and its queryset form: `q(user)` holds for exactly the objects of `model`
    for which `perm` holds."""

    perm: str
    model: str  # "app_label.ModelName"
    q: object  # (user) -> Q


TWEELINGEN: dict[str, Tweeling] = {}
# Rules asked of a person rather than of an object ("may this user own a pattern"): their twin
# `q() -> Q` on User holds for exactly the users for whom the rule holds (without object).
ONDERWERP_TWEELINGEN: dict[str, object] = {}


def tweeling(perm: str, model: str):
    """Register `fn(user) -> Q` as the queryset twin of the rule `perm` on `model`."""

    def decorator(fn):
        TWEELINGEN[perm] = Tweeling(perm, model, fn)
        return fn

    return decorator


def onderwerp_tweeling(perm: str):
    """Register `fn() -> Q` on User as the twin of the rule `perm` asked without an object:
    who are the users this rule holds for (to choose a casushouder, a pattern's owner, …)."""

    def decorator(fn):
        ONDERWERP_TWEELINGEN[perm] = fn
        return fn

    return decorator


GEEN = Q(pk__in=[])


# --- The admin's model permissions as rules --------------------------------------------------


def beheer_rechten(app_label: str, model: str, acties=("view", "add", "change", "delete"), predicate=None):
    """The admin permissions `<app>.<actie>_<model>` as rules (default: the beheerder)."""
    predicate = predicate if predicate is not None else is_beheerder
    for actie in acties:
        rules.add_perm(f"{app_label}.{actie}_{model}", predicate)


# --- Rules of the shared core ----------------------------------------------------------------

rules.add_perm("omo.lees_notificatie", is_eigen_notificatie)


@tweeling("omo.lees_notificatie", "omo.Notificatie")
def eigen_notificaties(user) -> Q:
    return Q(gebruiker_id=user.pk)
rules.add_perm("omo.bekijk_audit", is_beheerder)
rules.add_perm("omo.beheer", is_beheerder)
# The development page of sent mails (only while DEBUG): mails name cases and people, so only
# the role that already sees failed mails and the health of the installation.
rules.add_perm("omo.bekijk_verzonden_mails", is_beheerder)
beheer_rechten("omo", "user", ("view", "add", "change"))
beheer_rechten("omo", "team")
beheer_rechten("omo", "sluitingsdag")
rules.add_perm("omo.view_toegangslog", is_beheerder)


# --- Logging in (omo.backends, omo.sso) -------------------------------------------------------


@rules.predicate
def sso_uit(user):
    """Single sign-on is off (no OIDC_DISCOVERY_URL): every account logs in locally."""
    from omo.sso import instellingen

    return not instellingen.aan()


@rules.predicate
def is_noodaccount(user):
    return bool(getattr(user, "noodaccount", False))


# A local password login (and choosing a local password by e-mail): with single sign-on on, only
# break-glass accounts; the others log in through the identity provider.
rules.add_perm("omo.lokaal_inloggen", sso_uit | is_noodaccount)


# --- Rolbeheer: role changes with four eyes (omo.rolbeheer, omo.views_beheer) ----------------
# Nobody changes their own roles; a privileged grant needs a second beheerder, who is neither
# the proposer nor the user whose roles change. `omo.rolbeheer` asks these rules before every step.


@rules.predicate
def is_ander_dan_zichzelf(user, gebruiker):
    return gebruiker is not None and gebruiker.pk != user.pk


@rules.predicate
def is_niet_betrokken_bij_rolwijziging(user, wijziging):
    return wijziging is not None and user.pk not in (wijziging.voorgesteld_door_id, wijziging.gebruiker_id)


@rules.predicate
def is_voorsteller_van_rolwijziging(user, wijziging):
    return wijziging is not None and wijziging.voorgesteld_door_id == user.pk


rules.add_perm("omo.bekijk_rolwijzigingen", is_beheerder)
rules.add_perm("omo.stel_rolwijziging_voor", is_beheerder & is_ander_dan_zichzelf)  # obj: the user
rules.add_perm("omo.beoordeel_rolwijziging", is_beheerder & is_niet_betrokken_bij_rolwijziging)
rules.add_perm("omo.trek_rolwijziging_in", is_beheerder & is_voorsteller_van_rolwijziging)


# --- The second factor (omo.tweedefactor, omo.views_inloggen) ---------------------------------
# A local account with a privileged role, and every break-glass account, logs in with a second
# factor; enrolment is forced at the next login. Everyone else may add one. Sessions made
# through the identity provider need none of OMO's (the provider is responsible for MFA).


@rules.predicate
def is_noodaccount(user):
    return bool(getattr(user, "noodaccount", False))


heeft_tweede_factor_nodig = is_omo | is_budgethouder | is_college | is_beheerder | is_noodaccount

rules.add_perm("omo.tweede_factor_verplicht", heeft_tweede_factor_nodig)
# The account page of one's own second factor; removing it only where it is not required.
rules.add_perm("omo.beheer_eigen_tweede_factor", rules.is_authenticated)
rules.add_perm("omo.verwijder_eigen_tweede_factor", rules.is_authenticated & ~heeft_tweede_factor_nodig)


# Resetting another user's second factor (their devices are deleted, they enrol again at the
# next login) is a proposal like a privileged grant: always a second beheerder approves it
# (`omo.beoordeel_rolwijziging`: not the proposer, not the user concerned). obj: the user.
rules.add_perm("omo.stel_factorherstel_voor", is_beheerder & is_ander_dan_zichzelf)


# --- Passkeys (WebAuthn, omo.passkeys): one's own only ----------------------------------------
# A passkey is a second option next to the authenticator app (TOTP), never instead of it: the app
# is what every account enrols and what the recovery codes belong to. So a passkey is added only
# by a user who has a confirmed app, in a session that passed the second factor (otherwise an
# attacker with the password alone could add their own passkey), and removed only by its owner
# in such a session. Nobody else, not even a beheerder: a beheerder resets someone's second
# factor only through `omo.stel_factorherstel_voor` (four eyes).


@rules.predicate
def is_geverifieerd(user):
    """This request's session passed the second factor (django-otp's OTPMiddleware sets it)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


@rules.predicate
def heeft_app_met_inlogcodes(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


@rules.predicate
def is_eigen_passkey(user, passkey):
    return passkey is not None and passkey.user_id == user.pk


rules.add_perm("omo.voeg_passkey_toe", is_geverifieerd & heeft_app_met_inlogcodes)
rules.add_perm("omo.verwijder_passkey", is_geverifieerd & is_eigen_passkey)
