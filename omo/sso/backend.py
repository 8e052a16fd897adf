"""Who the identity provider's answer is in OMO.

`OIDCBackend` is always in AUTHENTICATION_BACKENDS and answers only the callback of a login
through the provider (`omo.sso.views.Callback`), and only while single sign-on is on. It checks
the ID token more strictly than mozilla-django-oidc does on its own: the signature, the
audience (our client id; with several audiences, `azp` too), the issuer (the discovery
document's), the expiry and the nonce. A refusal is raised as `SsoGeweigerd` with the Dutch
text the callback shows; a broken or forged answer as `SuspiciousOperation`.

Users are matched by the provider's `sub` (`User.oidc_sub`). At the first login an existing
local account with the same, verified e-mail address is linked (only with OIDC_KOPPEL_EMAIL on)
when it has no `sub` yet and is no break-glass account; its local password is made unusable (only break-glass accounts keep
one). Otherwise a new account is made. Names and e-mail follow the claims at every login, the
roles and team follow the groups (`omo.services_sso`).
"""

import logging
import re

import jwt
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from omo import services_sso
from omo.backends import GeenEigenRechten
from omo.models import User
from omo.sso import discovery, instellingen

logger = logging.getLogger(__name__)

# Clock difference allowed between OMO and the provider when checking `exp` and `nbf`.
SPELING_SECONDEN = 10


class SsoGeweigerd(Exception):
    """The provider's answer is genuine, but OMO lets this account in with no session."""

    def __init__(self, reden: str, technisch: str):
        super().__init__(technisch)
        self.reden = reden


def geen_rol_tekst() -> str:
    return _(
        "Je account heeft geen rol in OMO (of is in OMO niet actief). Vraag je leidinggevende om je toe te "
        "voegen aan de juiste groep bij je organisatie; daarna kun je opnieuw inloggen."
    )


class OIDCBackend(GeenEigenRechten, OIDCAuthenticationBackend):
    """No permissions of its own (as omo.backends.RoleModelBackend): the rules answer."""

    get_settings = staticmethod(discovery.get_settings)

    def __init__(self, *args, **kwargs):
        # mozilla-django-oidc reads its settings here; OMO reads them when a login needs them
        # (the endpoints come from discovery, which may fail and must not break other logins).
        self.UserModel = User

    # The settings mozilla-django-oidc reads as attributes, read when used.
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: self.get_settings("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: self.get_settings("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: self.get_settings("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: self.get_settings("OIDC_RP_CLIENT_ID"))
    OIDC_RP_CLIENT_SECRET = property(lambda self: self.get_settings("OIDC_RP_CLIENT_SECRET"))
    OIDC_RP_SIGN_ALGO = property(lambda self: self.get_settings("OIDC_RP_SIGN_ALGO"))
    OIDC_RP_IDP_SIGN_KEY = None

    def get_user(self, user_id):
        user = User._default_manager.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None

    # --- The login ----------------------------------------------------------------------------

    def authenticate(self, request, **kwargs):
        # Only the callback asks with a nonce; a password login passes username and password.
        if request is None or "nonce" not in kwargs or "username" in kwargs or "password" in kwargs:
            return None
        if not instellingen.aan():
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """The signature and the claims of a signed token: audience, issuer, expiry."""
        try:
            kop = jwt.get_unverified_header(payload)
        except jwt.InvalidTokenError as fout:
            raise SuspiciousOperation(f"token header unreadable: {type(fout).__name__}") from fout
        alg = kop.get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"token algorithm {alg!r} is not OIDC_RP_SIGN_ALGO")
        client_id = self.OIDC_RP_CLIENT_ID
        issuer = self.get_settings("OIDC_OP_ISSUER")
        try:
            gegevens = jwt.decode(
                payload, key, algorithms=[alg], audience=client_id, issuer=issuer, leeway=SPELING_SECONDEN,
                options={"require": ["exp", "iat", "iss", "aud", "sub"], "verify_iat": False},
            )
        except jwt.InvalidTokenError as fout:
            raise SuspiciousOperation(f"ID token refused: {type(fout).__name__}: {fout}") from fout
        aud = gegevens.get("aud")
        if isinstance(aud, list) and len(aud) > 1 and gegevens.get("azp") != client_id:
            raise SuspiciousOperation("ID token has several audiences and azp is not our client id")
        return gegevens

    def verify_token(self, token, **kwargs):
        if not token:
            raise SuspiciousOperation("token endpoint returned no id_token")
        return super().verify_token(token, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo claims over the ID token's: the same person (`sub`), or refused."""
        claims = dict(payload or {})
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != claims.get("sub"):
                raise SuspiciousOperation("userinfo sub differs from the ID token's sub")
            claims.update(userinfo)
        return claims

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("claims without sub")
        return verwerk_claims(claims)


# --- From claims to a user ---------------------------------------------------------------------

_ONGELDIG = re.compile(r"[^\w.@+-]")


def groepen_uit(claims) -> list[str]:
    waarde = claims.get(instellingen.groepen_claim())
    if waarde is None:
        return []
    if isinstance(waarde, str):
        return [waarde]
    if isinstance(waarde, (list, tuple)):
        return [str(g) for g in waarde]
    return []


def rollen_uit(groepen) -> set[str]:
    mapping = instellingen.rollen_mapping()
    return {rol for groep in groepen for rol in mapping.get(groep, ())}


def _gebruikersnaam(claims) -> str:
    basis = (claims.get("preferred_username") or claims.get("email") or f"sso-{claims['sub']}").strip()
    basis = _ONGELDIG.sub("", basis)[:140] or "sso"
    naam, n = basis, 1
    while User.objects.filter(username__iexact=naam).exists():
        n += 1
        naam = f"{basis}-{n}"
    return naam


def _te_koppelen(claims):
    """A local account with the same verified e-mail address, without `sub`, not break-glass;
    only with OIDC_KOPPEL_EMAIL on. Off, the provider's user gets an account of its own: a
    provider where users can set their own address would otherwise hand over any account."""
    if not instellingen.koppel_email():
        return None
    email = (claims.get("email") or "").strip()
    if not email or claims.get("email_verified") is not True:
        return None
    kandidaten = list(
        User.objects.filter(email__iexact=email, oidc_sub__isnull=True, noodaccount=False)[:2]
    )
    return kandidaten[0] if len(kandidaten) == 1 else None


def _werk_bij(gebruiker, claims) -> None:
    velden = {
        "first_name": (claims.get("given_name") or "")[:150],
        "last_name": (claims.get("family_name") or "")[:150],
        "email": (claims.get("email") or "")[:254],
    }
    gewijzigd = [veld for veld, waarde in velden.items() if waarde and getattr(gebruiker, veld) != waarde]
    for veld in gewijzigd:
        setattr(gebruiker, veld, velden[veld])
    if velden["email"] and gebruiker.email_onbevestigd:
        # The address is the provider's now, not the one a beheerder typed.
        gebruiker.email_onbevestigd = False
        gewijzigd.append("email_onbevestigd")
    if gebruiker.moet_wachtwoord_wijzigen:
        # No local password to change: the provider's account is the one that logs in.
        gebruiker.moet_wachtwoord_wijzigen = False
        gewijzigd.append("moet_wachtwoord_wijzigen")
    if gewijzigd:
        gebruiker.save(update_fields=gewijzigd)


def verwerk_claims(claims) -> User:
    """The user these (verified) claims belong to, made or linked and brought up to date, with
    the roles and team of their groups. Raises SsoGeweigerd when OMO lets them in with no session."""
    sub = str(claims["sub"])
    groepen = groepen_uit(claims)
    rollen = rollen_uit(groepen)
    with transaction.atomic():
        gebruiker = User.objects.select_for_update().filter(oidc_sub=sub).first()
        if gebruiker is None:
            gebruiker = _te_koppelen(claims)
            if gebruiker is not None:
                gebruiker = User.objects.select_for_update().get(pk=gebruiker.pk)
                gebruiker.oidc_sub = sub
                gebruiker.set_unusable_password()
                gebruiker.save(update_fields=["oidc_sub", "password"])
                logger.info("Local user %s linked to the identity provider by verified e-mail", gebruiker.pk)
            elif not rollen:
                # Nobody is made for an account OMO would not let in.
                raise SsoGeweigerd(geen_rol_tekst(), "no mapped group; no user made")
            else:
                gebruiker = User(username=_gebruikersnaam(claims), oidc_sub=sub)
                gebruiker.set_unusable_password()
                try:
                    with transaction.atomic():
                        gebruiker.save()
                except IntegrityError:
                    # The same first login twice at once: the other made the user.
                    gebruiker = User.objects.select_for_update().get(oidc_sub=sub)
                else:
                    logger.info("User %s made at the first login through the identity provider", gebruiker.pk)
        _werk_bij(gebruiker, claims)
        services_sso.synchroniseer_rollen(gebruiker.pk, rollen=rollen)
        services_sso.synchroniseer_team(gebruiker, groepen, instellingen.teams_mapping())
    if not rollen:
        raise SsoGeweigerd(geen_rol_tekst(), f"user {gebruiker.pk} has no mapped group")
    if not gebruiker.is_active:
        raise SsoGeweigerd(geen_rol_tekst(), f"user {gebruiker.pk} is inactive in OMO")
    return gebruiker
